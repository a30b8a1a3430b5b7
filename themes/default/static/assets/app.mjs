// Progressive enhancement: every page works without this file. With it, the
// search page shows results as you type and the locator answers in place.
document.documentElement.classList.add('js');

const debounce = (fn, ms) => {
  let t;
  return (...a) => { clearTimeout(t); t = setTimeout(() => fn(...a), ms); };
};

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

async function setupSearch(app) {
  const lang = app.dataset.lang;
  const client = await import('/search/search.mjs');
  const form = app.querySelector('form');
  const input = form.querySelector('input[name=q]');
  const agency = form.querySelector('#filter-agency');
  const audience = form.querySelector('#filter-audience');
  const status = form.querySelector('#search-status');
  const list = app.querySelector('#search-results');
  const words = JSON.parse(document.getElementById('search-words').textContent);
  form.querySelector('.filters').hidden = false;
  const params = new URLSearchParams(location.search);
  input.value = params.get('q') ?? '';
  agency.value = params.get('agency') ?? '';
  audience.value = params.get('audience') ?? '';

  const run = async () => {
    const q = input.value.trim();
    const url = new URL(location.href);
    for (const [k, v] of [['q', q], ['agency', agency.value], ['audience', audience.value]]) {
      if (v) url.searchParams.set(k, v); else url.searchParams.delete(k);
    }
    history.replaceState(null, '', url);
    list.replaceChildren();
    if (!q) { status.textContent = ''; return; }
    const hits = await client.search(q, { lang, agency: agency.value, audience: audience.value });
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
    status.textContent = hits.length ? `${hits.length} ${words.results}` : words.none;
  };
  input.addEventListener('input', debounce(run, 120));
  agency.addEventListener('change', run);
  audience.addEventListener('change', run);
  form.addEventListener('submit', (e) => { e.preventDefault(); run(); });
  if (input.value) run();
}

const app = document.getElementById('search-app');
if (app) setupSearch(app);
