// Progressive enhancement: every page works without this file. With it, the
// search page shows results as you type and the locator answers in place.
document.documentElement.classList.add('js');
import '/offline/register.mjs';

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

/** How many letters `a` and `b` share at their start. */
function sharedStart(a, b) {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** A word of a result matches a query word: the same, begun by it, or the same word
 * with another ending ("medal" for "medals", "путёвку" for "путевка"). */
function matchesWord(w, q) {
  if (q.length < 2) return false;
  if (w === q || (q.length >= 3 && w.startsWith(q))) return true;
  return sharedStart(w, q) >= Math.max(4, Math.min(w.length, q.length) - 2);
}

/** Appends `text` to `el`, wrapping words that match the query in <mark>. */
function highlight(el, text, queryWords, normalize) {
  for (const part of text.split(/([\p{L}\p{N}]+)/u)) {
    const w = normalize(part);
    const hit = part && queryWords.some((q) => matchesWord(w, q));
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
  // Notes on where the results came from, and help when there are none.
  const notes = document.createElement('div');
  notes.id = 'search-notes';
  list.before(notes);
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
    if (!q) { status.textContent = ''; notes.replaceChildren(); return; }
    const client = await clientReady;
    const found = await client.answer(q, { lang, agency: agency.value, audience: audience.value });
    if (ticket !== latest) return; // a newer query is on its way
    list.replaceChildren();
    notes.replaceChildren();
    const hits = found.hits;
    if (found.matched_lang !== lang) {
      notes.append(el('p', words.fallback.replace('{lang}', words.in[found.matched_lang]), { class: 'notice' }));
    }
    if (found.matched_query !== found.query) {
      notes.append(el('p', words.translit.replace('{query}', found.matched_query)));
    }
    const qWords = client.words(found.matched_lang === lang ? found.matched_query : q);
    for (const h of hits) {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = h.url;
      highlight(a, h.title, qWords, client.normalize);
      const p = document.createElement('p');
      // The sentence that matched, escaped by the client, the query's words in <mark>.
      p.innerHTML = h.snippet_html;
      li.append(a, p);
      list.append(li);
    }
    if (!hits.length) notes.append(emptyHelp(found));
    status.textContent = hits.length ? counted(words.results, hits.length, lang) : words.none;
  };
  // Nothing found: say so, offer close words, the topics and the ways to ask for help.
  const emptyHelp = (found) => {
    const box = el('div', '', { class: 'answer answer-uncovered', id: 'search-empty' });
    box.append(el('p', words.none));
    if (found.did_you_mean.length) {
      const p = el('p', `${words.suggest}: `);
      found.did_you_mean.forEach((w, i) => {
        if (i) p.append(', ');
        const a = el('a', w, { href: `?q=${encodeURIComponent(w)}` });
        a.addEventListener('click', (e) => { e.preventDefault(); input.value = w; run(); });
        p.append(a);
      });
      p.append('?');
      box.append(p);
    }
    box.append(el('p', `${words.topics}:`));
    const topics = el('ul');
    for (const t of words.topic_links) {
      const li = el('li');
      li.append(el('a', t.name.t, { href: t.url }));
      topics.append(li);
    }
    box.append(topics, el('p', `${words.other_ways}:`));
    const ways = el('ul');
    for (const c of words.channels) ways.append(el('li', c));
    box.append(ways);
    return box;
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

/** A page for a locator answer: a Baku district's own page, else its division's. */
function pageOf(lang, a) {
  const b = a.place?.baku_district;
  const base = `/${lang}/districts/${a.district.toLowerCase()}/`;
  return b ? `${base}${b.replace(/^baku-/, '')}/` : base;
}

const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, k) => values[k] ?? '');

/** The answer for one place, as a box of paragraphs (and the sentence the status line reads). */
function answerBox(lang, a, data, words) {
  const name = (id) => data.targets.find((t) => t.id === id)?.n[{ az: 0, en: 1, ru: 2 }[lang]];
  const li = { az: 0, en: 1, ru: 2 }[lang];
  const unit = data.units[a.unit];
  // The service pages' printed sheets name this unit (offline/register.mjs).
  try { localStorage.setItem('ccu-unit', a.unit); } catch { /* storage refused */ }
  const box = el('div', '', { class: a.covered ? 'answer answer-covered' : 'answer answer-uncovered' });
  const h = el('h2');
  h.append(el('a', a.name, { href: pageOf(lang, a) }));
  box.append(h);
  const said = [];
  const p = a.place;
  const raion = p?.baku_district && p.baku_district !== p.id ? name(p.baku_district) : null;
  if (raion) said.push(fill(words.in_baku_district, { place: a.name, district: raion }));
  else if (p && p.id !== a.district) said.push(fill(words.in_division, { place: a.name, division: name(a.district) }));
  for (const s of said) box.append(el('p', s));
  const unitLink = el('a', unit.n[li], { href: `/${lang}/units/${a.unit}/` });
  // What to know before going (no centre open yet; confirm by calling 142), after the unit is named.
  const caution = () => {
    if (!a.caution) return;
    box.append(el('p', a.caution, { class: 'notice' }));
    said.push(a.caution);
  };
  const ways = () => {
    const ul = el('ul');
    for (const c of words.channels) ul.append(el('li', c));
    box.append(ul);
  };
  if (p?.dost_centre) {
    const line = fill(words.centre_serves, { centre: unit.n[li], address: unit.a ? unit.a[li] : '' });
    box.append(el('p', line));
    said.push(line);
    const more = el('p');
    more.append(unitLink);
    box.append(more);
    caution();
  } else if (a.district === 'AZ-BA') {
    box.append(el('p', words.baku_unknown));
    said.push(words.baku_unknown);
    const more = el('p');
    more.append(unitLink);
    box.append(more);
  } else if (a.covered) {
    // An inferred division: what DOST's list has comes before the unit is named.
    const kind = data.targets.find((t) => t.id === a.district)?.i;
    if (kind) {
      const note = fill(kind === 'city' ? words.inferred_city : words.inferred_district, { name: name(a.district) });
      box.append(el('p', note, { class: 'notice' }));
      said.push(note);
    }
    const own = unit.sv ? unit.sv[li] : null;
    const line = fill(own ?? (unit.p ? words.served_plural : words.served), { place: a.name, unit: unit.n[li] });
    // The unit's name becomes its link; a sentence without the name gets the link after it.
    const [before, after] = line.split(unit.n[li]);
    if (after === undefined) {
      box.append(el('p', line));
      const more = el('p');
      more.append(unitLink);
      box.append(more);
    } else {
      const para = el('p', before);
      para.append(unitLink, after);
      box.append(para);
    }
    said.push(line);
    caution();
  } else {
    const division = data.targets.find((t) => t.id === a.district);
    const far = division?.m;
    box.append(el('p', words.not_served));
    said.push(words.not_served);
    // On no unit's list: the ways that need no journey come before the nearest unit, whose
    // caution is left out (it is about the places the unit serves).
    const intro = far ? words.far_ways : words.remote_ways;
    box.append(el('p', intro)); ways(); said.push(`${intro} ${words.channels.join(' ')}`);
    const km = a.distance_km == null ? '' : `, ${fill(words.distance, { km: a.distance_km })}`;
    const line = el('p', `${words.nearest}: `);
    line.append(unitLink, `${km}.`);
    box.append(line);
    said.push(`${words.nearest}: ${unit.n[li]}${km}.`);
    if (far) {
      const why = division.mx ? words.caveat_armenia : words.caveat;
      box.append(el('p', why, { class: 'notice' }));
      said.push(why);
    }
  }
  if (a.also?.length) box.append(el('p', `${a.covered ? words.also : words.also_uncovered}: ${a.also.map((x) => x.name).join(', ')}.`));
  return [box, said.join(' ')];
}

function setupLocator(form) {
  const lang = form.dataset.locator;
  const input = form.querySelector('input[name=q]');
  const status = form.querySelector('#locator-status');
  const out = document.getElementById('locator-result');
  const words = JSON.parse(document.getElementById('locator-words').textContent);
  if (!input.value) input.value = new URLSearchParams(location.search).get('q') ?? '';
  // The module and its data load on the first lookup, not with the page.
  let locatorReady = null;

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
    locatorReady ??= import('/locator/locate.mjs');
    const { locate, suggest, details } = await locatorReady;
    const found = await locate(q, { lang });
    const s = found ? null : await suggest(q, { lang });
    const data = await details({ lang });
    if (ticket !== latest) return; // a newer query is on its way
    out.replaceChildren();
    if (!found) {
      const box = el('div', '', { class: 'answer answer-uncovered' });
      box.append(el('p', words.none));
      if (s.length) {
        const p = el('p', `${words.suggest}: `);
        s.forEach((x, i) => {
          if (i) p.append(', ');
          p.append(el('a', x.name, { href: pageOf(lang, x) }));
        });
        box.append(p);
      }
      box.append(el('p', `${words.other_ways}:`));
      const ul = el('ul');
      for (const c of words.channels) ul.append(el('li', c));
      box.append(ul);
      out.append(box);
      status.textContent = words.none;
      return;
    }
    if (found.choices) {
      const box = el('div', '', { class: 'answer' });
      box.append(el('h2', words.choose));
      const ul = el('ul');
      for (const c of found.choices) {
        const division = data.targets.find((t) => t.id === c.district);
        const where = division && division.id !== c.place.id ? ` — ${division.n[{ az: 0, en: 1, ru: 2 }[lang]]}` : '';
        const li = el('li');
        const b = el('button', `${c.name}${where}`, { type: 'button', class: 'link-button' });
        b.addEventListener('click', () => {
          const [box2, said] = answerBox(lang, c, data, words);
          out.replaceChildren(box2);
          status.textContent = said;
          // The button pressed is gone: keyboard and screen-reader users continue at the answer.
          const heading = box2.querySelector('h2');
          heading.tabIndex = -1;
          heading.focus();
        });
        li.append(b);
        ul.append(li);
      }
      box.append(ul);
      out.append(box);
      status.textContent = words.choose;
      return;
    }
    const [box, said] = answerBox(lang, found, data, words);
    out.append(box);
    status.textContent = said;
  };
  input.addEventListener('input', debounce(run, 150));
  form.addEventListener('submit', (e) => { e.preventDefault(); run(); });
  if (input.value) run();
}

const locatorForm = document.querySelector('form[data-locator]');
if (locatorForm) setupLocator(locatorForm);
