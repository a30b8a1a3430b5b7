// Progressive enhancement: every page works without this file. With it, the
// search page shows results as you type and the locator answers in place.
document.documentElement.classList.add('js');

const debounce = (fn, ms) => {
  let t;
  return (...a) => { clearTimeout(t); t = setTimeout(() => fn(...a), ms); };
};

/**
 * The form of a counted UI string for `n` by the language's CLDR plural rules
 * (`{one: '{n} result', other: '{n} results'}`), as the pages' `count` filter does.
 */
export function counted(forms, n, lang) {
  const form = forms[new Intl.PluralRules(lang).select(n)] ?? forms.other;
  return form.replaceAll('{n}', String(n));
}

/** Appends `text` to `el`, wrapping words that match the query in <mark>. */
function highlight(el, text, queryWords, normalize) {
  for (const part of text.split(/([\p{L}\p{N}]+)/u)) {
    const w = normalize(part);
    const hit = part && queryWords.some((q) => q.length >= 2 && (w === q || (q.length >= 3 && w.startsWith(q))));
    if (hit) {
      const m = document.createElement('mark');
      m.textContent = part;
      el.append(m);
    } else {
      el.append(part);
    }
  }
}

// Listeners are attached at once and the modules imported on first use, so that
// nothing typed while they load is lost or overwritten.
function setupSearch(app) {
  const lang = app.dataset.lang;
  const clientReady = import('/search/search.mjs');
  const form = app.querySelector('form');
  const input = form.querySelector('input[name=q]');
  const agency = form.querySelector('#filter-agency');
  const audience = form.querySelector('#filter-audience');
  const status = form.querySelector('#search-status');
  const list = app.querySelector('#search-results');
  const words = JSON.parse(document.getElementById('search-words').textContent);
  form.querySelector('.filters').hidden = false;
  const params = new URLSearchParams(location.search);
  if (!input.value) input.value = params.get('q') ?? '';
  agency.value = params.get('agency') ?? '';
  audience.value = params.get('audience') ?? '';

  let latest = 0;
  const run = async () => {
    const ticket = ++latest;
    const q = input.value.trim();
    const url = new URL(location.href);
    for (const [k, v] of [['q', q], ['agency', agency.value], ['audience', audience.value]]) {
      if (v) url.searchParams.set(k, v); else url.searchParams.delete(k);
    }
    history.replaceState(null, '', url);
    list.replaceChildren();
    if (!q) { status.textContent = ''; return; }
    const client = await clientReady;
    const hits = await client.search(q, { lang, agency: agency.value, audience: audience.value });
    if (ticket !== latest) return; // a newer query is on its way
    list.replaceChildren();
    const qWords = client.words(q);
    for (const h of hits) {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = h.url;
      highlight(a, h.title, qWords, client.normalize);
      const p = document.createElement('p');
      highlight(p, h.snippet, qWords, client.normalize);
      li.append(a, p);
      list.append(li);
    }
    status.textContent = hits.length ? counted(words.results, hits.length, lang) : words.none;
  };
  input.addEventListener('input', debounce(run, 120));
  agency.addEventListener('change', run);
  audience.addEventListener('change', run);
  form.addEventListener('submit', (e) => { e.preventDefault(); run(); });
  if (input.value) run();
}

const app = document.getElementById('search-app');
if (app) setupSearch(app);

function el(tag, text, attrs = {}) {
  const e = document.createElement(tag);
  if (text) e.textContent = text;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

function setupLocator(form) {
  const lang = form.dataset.locator;
  const locatorReady = import('/locator/locate.mjs');
  const input = form.querySelector('input[name=q]');
  const status = form.querySelector('#locator-status');
  const out = document.getElementById('locator-result');
  const words = JSON.parse(document.getElementById('locator-words').textContent);
  if (!input.value) input.value = new URLSearchParams(location.search).get('q') ?? '';

  let latest = 0;
  const run = async () => {
    const ticket = ++latest;
    const q = input.value.trim();
    const url = new URL(location.href);
    if (q) url.searchParams.set('q', q); else url.searchParams.delete('q');
    history.replaceState(null, '', url);
    out.replaceChildren();
    out.hidden = !q;
    if (!q) { status.textContent = ''; return; }
    const { locate, suggest, place } = await locatorReady;
    const found = await locate(q, { lang });
    const s = found ? null : await suggest(q, { lang });
    const details = found ? await place(found.district, { lang }) : null;
    if (ticket !== latest) return; // a newer query is on its way
    out.replaceChildren();
    if (!found) {
      const box = el('div', '', { class: 'answer answer-uncovered' });
      box.append(el('p', words.none));
      if (s.length) {
        const p = el('p', `${words.suggest}: `);
        s.forEach((x, i) => {
          if (i) p.append(', ');
          p.append(el('a', x.name, { href: `/${lang}/districts/${x.district.toLowerCase()}/` }));
        });
        box.append(p);
      }
      out.append(box);
      status.textContent = words.none;
      return;
    }
    const { district, units } = details;
    const unitName = units[found.unit].name[lang];
    const unitLink = el('a', unitName, { href: `/${lang}/units/${found.unit}/` });
    const box = el('div', '', { class: found.covered ? 'answer answer-covered' : 'answer answer-uncovered' });
    const h = el('h2');
    h.append(el('a', found.name, { href: `/${lang}/districts/${district.slug}/` }));
    box.append(h);
    if (found.covered) {
      const p = el('p', `${found.name} ${words.served_by}: `);
      p.append(unitLink, '.');
      box.append(p);
      status.textContent = `${found.name} ${words.served_by}: ${unitName}.`;
    } else {
      box.append(el('p', words.not_served));
      const p = el('p', `${words.nearest}: `);
      p.append(unitLink, `, ${found.distance_km} ${words.km}.`);
      box.append(p);
      if (district.misleads) box.append(el('p', words.caveat, { class: 'notice' }));
      box.append(el('p', `${words.other_ways}:`));
      const ul = el('ul');
      for (const c of words.channels) ul.append(el('li', c));
      box.append(ul);
      status.textContent = `${words.not_served} ${words.nearest}: ${unitName}, ${found.distance_km} ${words.km}.`;
    }
    out.append(box);
  };
  input.addEventListener('input', debounce(run, 150));
  form.addEventListener('submit', (e) => { e.preventDefault(); run(); });
  if (input.value) run();
}

const locatorForm = document.querySelector('form[data-locator]');
if (locatorForm) setupLocator(locatorForm);
