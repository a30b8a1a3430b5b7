// "Save for offline": keeps this page's service (or district) in all three languages,
// the unit pages it links, and the search and locator of the page's language, in
// the service worker's cache. Loaded on the first press only.

/** The addresses to keep for this page, in its language `lang`. */
export async function addresses(lang) {
  const here = (href) => new URL(href, location.href).pathname;
  const urls = new Set([location.pathname, `/${lang}/`, `/${lang}/search/`, `/${lang}/locator/`, '/locator/places.json',
    '/search/search.mjs', '/search/more.mjs', '/locator/locate.mjs', '/locator/names.mjs', '/offline/save.mjs']);
  for (const a of document.querySelectorAll('.lang-switch a[hreflang]')) urls.add(here(a.getAttribute('href')));
  const unitPage = new RegExp(`^/${lang}/units/[^/]+/$`);
  for (const a of document.querySelectorAll('main a[href]')) {
    const p = here(a.getAttribute('href'));
    if (unitPage.test(p)) urls.add(p);
  }
  // The search files: their number follows from the index's own description.
  const base = `/search/${lang}/`;
  const meta = await (await fetch(`${base}meta.json`)).json();
  for (const f of ['meta.json', 'forms.json', 'words.json']) urls.add(base + f);
  for (let i = 0; i < meta.shards; i++) urls.add(`${base}shard-${i}.json`);
  for (let i = 0; i * meta.docs_per_chunk < meta.n; i++) urls.add(`${base}docs-${i}.json`);
  return [...urls];
}

/** Asks the service worker to keep this page's files; says how it went in the status line. */
export async function save(button) {
  const status = button.parentElement.querySelector('[data-offline-status]');
  const say = (text) => { if (status) status.textContent = text; };
  const lang = document.documentElement.lang;
  button.disabled = true;
  say(button.dataset.saving);
  try {
    const reg = await navigator.serviceWorker.ready;
    const urls = await addresses(lang);
    const answer = await new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = (e) => resolve(e.data);
      reg.active.postMessage({ save: urls }, [channel.port2]);
    });
    const kb = Math.round(answer.bytes / 1024).toLocaleString(lang);
    say((answer.failed.length ? button.dataset.partly : button.dataset.saved).replace('{kb}', kb));
    document.documentElement.dataset.offlineSaved = answer.failed.length ? 'partly' : 'yes';
  } catch {
    say(button.dataset.failed);
  } finally {
    button.disabled = false;
  }
}
