// Offline and on paper, for every page, kept small: it loads with each first view.
// Registers the service worker once the page has loaded (the worker and what it
// keeps are fetched after the page), shows the "Save for offline" and "Print"
// controls where they can work, and puts the unit the locator found in this
// browser first on a printed sheet. Without it (or without JavaScript) the site
// works online as before and the page says how to print.
if ('serviceWorker' in navigator) {
  addEventListener('load', () => navigator.serviceWorker.register('/sw.js').catch(() => {}));
  for (const b of document.querySelectorAll('[data-offline-save]')) {
    b.hidden = false;
    b.addEventListener('click', () => import('/offline/save.mjs').then((m) => m.save(b)));
  }
}
for (const b of document.querySelectorAll('[data-print]')) {
  b.hidden = false;
  b.addEventListener('click', () => print());
}
let own = null;
try { own = localStorage.getItem('ccu-unit'); } catch { /* storage refused: the sheet lists every unit */ }
const mine = own && document.querySelector(`[data-sheet-unit="${CSS.escape(own)}"]`);
if (mine) {
  mine.classList.add('own-unit');
  mine.closest('[data-sheet-units]')?.classList.add('has-own-unit');
}
