// Search client: runs in the browser (and in Node for tests) on the static index
// exported at build time. Mirrors src/text.rs (normalisation), src/search/expand.rs
// (query expansion) and tantivy's BM25, so results rank as `ccu search` ranks them.

const fr = Math.fround;
const K1 = fr(1.2);
const B = fr(0.75);
const MAX_TERMS_PER_WORD = 8;
const W_EXACT = 1.0, W_SYNONYM = 0.9, W_TYPO1 = 0.7, W_PREFIX = 0.6, W_TYPO2 = 0.5, W_STEM = 0.5;

const FOLD = new Map(Object.entries({
  'ə': 'e', 'é': 'e', 'è': 'e', 'ê': 'e', 'ë': 'e',
  'ı': 'i', 'í': 'i', 'ì': 'i', 'î': 'i', 'ï': 'i',
  'ğ': 'g', 'ö': 'o', 'ó': 'o', 'ò': 'o', 'ô': 'o', 'õ': 'o',
  'ü': 'u', 'ú': 'u', 'ù': 'u', 'û': 'u', 'ş': 's', 'ș': 's', 'ç': 'c',
  'á': 'a', 'à': 'a', 'â': 'a', 'ä': 'a', 'ã': 'a', 'å': 'a', 'ñ': 'n',
  'ё': 'е', 'ǝ': 'e', 'ә': 'e', 'ʼ': "'", '’': "'", '‘': "'", '`': "'",
}));

/** Lowercase with Azerbaijani rules: I → ı, İ → i. */
export function azLowercase(s) {
  let out = '';
  for (const c of s) {
    if (c === 'I') out += 'ı';
    else if (c === 'İ') out += 'i';
    else if (c === '\u0307') continue;
    else out += c.toLowerCase();
  }
  return out;
}

export function normalize(s) {
  let out = '';
  for (const c of azLowercase(s)) out += FOLD.get(c) ?? c;
  return out;
}

/** Normalised words: letters and digits; everything else separates. */
export function words(s) {
  return normalize(s).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

// Azerbaijani endings, as src/search/azstem.rs strips them: [ending, before], longest
// first; before: 'any', 'v' (after a vowel), 'c' (after a consonant), 'lv' (after a
// vowel, four letters or more).
const AZ_ENDINGS = [
  ['ndaki', 'v'], ['ndeki', 'v'], ['daki', 'any'], ['deki', 'any'], ['ndan', 'v'], ['nden', 'v'],
  ['lari', 'any'], ['leri', 'any'], ['imiz', 'c'], ['umuz', 'c'], ['iniz', 'c'], ['unuz', 'c'],
  ['dan', 'any'], ['den', 'any'], ['nda', 'v'], ['nde', 'v'], ['nin', 'v'], ['nun', 'v'],
  ['yin', 'v'], ['yun', 'v'], ['miz', 'v'], ['muz', 'v'], ['niz', 'v'], ['nuz', 'v'],
  ['lar', 'any'], ['ler', 'any'], ['yla', 'v'], ['yle', 'v'], ['da', 'any'], ['de', 'any'], ['ni', 'v'], ['nu', 'v'],
  ['na', 'v'], ['ne', 'v'], ['ya', 'v'], ['ye', 'v'], ['yi', 'v'], ['yu', 'v'], ['si', 'v'],
  ['su', 'v'], ['la', 'c'], ['le', 'c'], ['in', 'c'], ['un', 'c'], ['im', 'c'], ['um', 'c'], ['a', 'c'], ['e', 'c'],
  ['i', 'c'], ['u', 'c'], ['m', 'lv'],
];
const isVowel = (c) => 'aeiou'.includes(c);

function azEnding(w, buffered) {
  for (const [ending, before] of AZ_ENDINGS) {
    if (!buffered && before === 'v' && 'nsy'.includes(ending[0])) continue;
    if (w.length < ending.length + 2 || !w.endsWith(ending)) continue;
    const rest = w.slice(0, w.length - ending.length);
    if (![...rest].some(isVowel)) continue;
    const v = isVowel(rest[rest.length - 1]);
    if (before === 'any' || (before === 'v' && v) || (before === 'c' && !v) || (before === 'lv' && v && rest.length >= 4)) {
      return ending.length;
    }
  }
  return 0;
}

/**
 * The stem of one normalised Azerbaijani word (src/search/azstem.rs); with
 * buffered = false, the reading that keeps a final n, s or y (az_stem_alt).
 */
export function azStem(word, buffered = true) {
  if (!/^[a-z]+$/.test(word)) return word;
  let w = word;
  for (let n = azEnding(w, buffered); n > 0; n = azEnding(w, buffered)) w = w.slice(0, w.length - n);
  while (w.length > 3) {
    const last = w[w.length - 1];
    if (isVowel(last) || ('kqgy'.includes(last) && isVowel(w[w.length - 2]))) w = w.slice(0, -1);
    else break;
  }
  return w;
}

export function typoBudget(len) {
  return len <= 3 ? 0 : len <= 7 ? 1 : 2;
}

/** Optimal string alignment distance over code points, stopping past max. */
// Rows reused between calls: the locator compares a query with every known name (about
// 12,000 calls a lookup), and allocating per call was most of a lookup's time.
let ROWS = new Int32Array(3 * 64);
const ASTRAL = /[\uD800-\uDFFF]/;

/**
 * Edit distance (optimal string alignment) as src/text.rs computes it: exact up to `max`, else
 * `max + 1`; only cells within `max` of the diagonal are worked out.
 */
export function editDistance(a, b, max) {
  // Code units are chars for every letter people type here; only astral ones need splitting.
  if (ASTRAL.test(a) || ASTRAL.test(b)) { a = Array.from(a); b = Array.from(b); }
  const n = a.length, m = b.length, far = max + 1;
  if (Math.abs(n - m) > max) return far;
  const w = m + 1;
  if (ROWS.length < 3 * w) ROWS = new Int32Array(3 * w);
  let prev2 = 0, prev = w, cur = 2 * w;
  const r = ROWS;
  for (let j = 0; j <= m; j++) r[prev + j] = j;
  for (let i = 1; i <= n; i++) {
    const lo = Math.max(1, i - max), hi = Math.min(m, i + max);
    r[cur] = i;
    if (lo > 1) r[cur + lo - 1] = far;
    let rowMin = i;
    const ai = a[i - 1], ap = i > 1 ? a[i - 2] : undefined;
    for (let j = lo; j <= hi; j++) {
      const cost = ai === b[j - 1] ? 0 : 1;
      let v = Math.min(r[prev + j] + 1, r[cur + j - 1] + 1, r[prev + j - 1] + cost);
      if (i > 1 && j > 1 && ai === b[j - 2] && ap === b[j - 1]) v = Math.min(v, r[prev2 + j - 2] + 1);
      r[cur + j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (hi < m) r[cur + hi + 1] = far;
    if (rowMin > max) return far;
    const t = prev2; prev2 = prev; prev = cur; cur = t;
  }
  return Math.min(r[prev + m], far);
}

/** FNV-1a over UTF-8 bytes, as src/search/mod.rs computes it. */
export function shardOf(term, shards) {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(term)) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % shards;
}

function lowerBound(forms, key) {
  let lo = 0, hi = forms.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (forms[mid][0] < key) lo = mid + 1; else hi = mid;
  }
  return lo;
}

function expandWord(w, ex, dict) {
  const { forms } = dict;
  const len = Array.from(w).length;
  const cands = new Map();
  const add = (t, weight) => cands.set(t, Math.max(cands.get(t) ?? 0, weight));
  if (ex !== undefined) add(ex, W_EXACT);
  if (/^[0-9]+$/.test(w) || len < 2) return finish(cands);
  if (len >= 3) {
    for (let i = lowerBound(forms, w); i < forms.length && forms[i][0].startsWith(w); i++) {
      if (forms[i][0] !== w) add(forms[i][1], W_PREFIX);
    }
  }
  if (ex === undefined) {
    const budget = typoBudget(len);
    if (budget > 0) {
      for (const [f, t] of forms) {
        if (Math.abs(Array.from(f).length - len) > budget) continue;
        const d = editDistance(w, f, budget);
        if (d === 1) add(t, W_TYPO1);
        else if (d === 2 && budget >= 2) add(t, W_TYPO2);
      }
    }
    if (cands.size === 0 && len >= 5) {
      const chars = Array.from(w);
      const min = Math.max(4, Math.ceil((len * 3) / 5));
      for (let k = len - 1; k >= min; k--) {
        const prefix = chars.slice(0, k).join('');
        let found = false;
        for (let i = lowerBound(forms, prefix); i < forms.length && forms[i][0].startsWith(prefix); i++) {
          add(forms[i][1], W_STEM);
          found = true;
        }
        if (found) break;
      }
      // A longer word built on a known one (src/search/expand.rs).
      for (let k = min - 1; k >= 5 && cands.size === 0; k--) {
        const t = dict.exact.get(chars.slice(0, k).join(''));
        if (t !== undefined) add(t, W_STEM);
      }
    }
  }
  return finish(cands);
}

function finish(cands) {
  return [...cands.entries()]
    .map(([term, weight]) => ({ term, weight }))
    .sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0))
    .slice(0, MAX_TERMS_PER_WORD);
}

/** The term a normalised word is indexed under, when the index holds it. */
function exactTerm(w, dict) {
  const t = dict.exact.get(w);
  if (t !== undefined) return t;
  if (dict.az) {
    for (const s of [azStem(w), azStem(w, false)]) if (dict.terms.has(s)) return s;
  }
  return undefined;
}

/**
 * Whether a query word's key meets a synonym phrase's key (expand.rs, key_meets): the same,
 * or in English and Russian the key's stem of four letters or more plus up to three letters.
 */
function keyMeets(p, k, az) {
  if (p === k) return true;
  const [pl, kl] = [Array.from(p).length, Array.from(k).length];
  return !az && pl >= 4 && kl > pl && kl - pl <= 3 && k.startsWith(p);
}

/** How a word is compared with synonym phrases (src/search/expand.rs, synonym_key). */
function synonymKey(w, dict) {
  return exactTerm(w, dict) ?? (dict.az ? azStem(w) : w);
}

/**
 * Query → {terms: [{term, weight}], coverage, words}, as src/search/expand.rs
 * computes it: synonyms first, then each word exactly, by prefix, with typos.
 */
export function expandQuery(query, dict, stopwords) {
  const ws = words(query).filter((w) => !stopwords.includes(w));
  const exact = ws.map((w) => exactTerm(w, dict));
  const keys = ws.map((w) => synonymKey(w, dict));
  const all = new Map();
  // [weight, bits of the query words the term stands for] (expand.rs `words`).
  const put = (t, weight, bits) => {
    const [w, b] = all.get(t) ?? [0, 0];
    all.set(t, [Math.max(w, weight), (b | bits) >>> 0]);
  };
  const bit = (i) => (1 << Math.min(i, 31)) >>> 0;
  const covered = ws.map(() => false);
  for (let i = 0; i < ws.length; i++) {
    for (const [phrase, means] of dict.synonyms) {
      const end = i + phrase.length;
      if (end <= ws.length && phrase.every((p, j) => keyMeets(p, keys[i + j], dict.az))) {
        let bits = 0;
        for (let j = i; j < end; j++) bits = (bits | bit(j)) >>> 0;
        for (const t of means) put(t, W_SYNONYM, bits);
        for (let j = i; j < end; j++) covered[j] = true;
      }
    }
  }
  let coverage = 0;
  ws.forEach((w, i) => {
    const found = covered[i]
      ? (exact[i] === undefined ? [] : [{ term: exact[i], weight: W_EXACT }])
      : expandWord(w, exact[i], dict);
    // A word whose match is its own stem plus an ending (`application` → `applic`) is known.
    const inflected = found.some((e) => w.startsWith(e.term));
    coverage += covered[i] || exact[i] !== undefined || inflected ? 2 : found.length ? 1 : 0;
    for (const e of found) put(e.term, e.weight, bit(i));
  });
  const terms = [...all.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([term, [weight, words]]) => ({ term, weight, words }));
  return { terms, coverage, words: ws.length };
}

/**
 * forms.json → [[form, term], …] (src/search/index.rs, encode_forms): a line per form, its
 * first character '0' plus the letters shared with the form before, then the rest; then a
 * term as ` n` (the form less its last n letters) or ` =term`, or none (the form is its term).
 */
export function decodeForms(text) {
  const out = [];
  let prev = [];
  for (const line of text.split('\n')) {
    const space = line.indexOf(' ');
    const head = space < 0 ? line : line.slice(0, space);
    const letters = prev.slice(0, head.charCodeAt(0) - 48).concat(Array.from(head.slice(1)));
    const form = letters.join('');
    const t = space < 0 ? '' : line.slice(space + 1);
    const term = t === '' ? form : t[0] === '=' ? t.slice(1) : letters.slice(0, letters.length - Number(t)).join('');
    out.push([form, term]);
    prev = letters;
  }
  return out;
}

/**
 * Where each term's posting lists are: [shard, position in it]. A shard lists its terms'
 * postings in the order of the sorted terms, which are not repeated there (index.rs, export).
 */
function slots(terms, shards) {
  const next = new Array(shards).fill(0);
  const out = new Map();
  for (const t of [...terms].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    const s = shardOf(t, shards);
    out.set(t, [s, next[s]++]);
  }
  return out;
}

const cache = new Map();

function loader(lang, fetchFn, base) {
  const key = `${base}|${lang}`;
  if (!cache.has(key)) {
    const get = async (name) => {
      const res = await fetchFn(new URL(`/search/${lang}/${name}`, base).href);
      if (!res.ok) throw new Error(`search index ${name}: HTTP ${res.status}`);
      return res.json();
    };
    const lazy = (make) => { let p; return () => (p ??= make()); };
    const state = {
      core: Promise.all([get('meta.json'), get('forms.json').then(decodeForms)]).then(([meta, forms]) => ({
        meta,
        dict: {
          forms, exact: new Map(forms), terms: new Set(forms.map((f) => f[1])),
          synonyms: meta.synonyms ?? [], az: lang === 'az',
        },
      })).then((core) => ({ ...core, slots: slots(core.dict.terms, core.meta.shards) })),
      // The words as shown, each keyed by its normal form (src/search/index.rs, export).
      words: lazy(() => get('words.json').then((ws) => ws.map((w) => [normalize(w), w]))),
      shards: new Map(),
      shard(i) {
        if (!this.shards.has(i)) this.shards.set(i, get(`shard-${i}.json`));
        return this.shards.get(i);
      },
      chunks: new Map(),
      chunk(i) {
        if (!this.chunks.has(i)) this.chunks.set(i, get(`docs-${i}.json`));
        return this.chunks.get(i);
      },
    };
    cache.set(key, state);
  }
  return cache.get(key);
}

function idf(df, n) {
  const x = fr(fr(fr(n - df) + 0.5) / fr(fr(df) + 0.5));
  return fr(Math.log(fr(1 + x)));
}

/** Every matching document as [doc, score], best first, ties in document order. */
async function rank(state, expansions) {
  const { meta, slots: at } = await state.core;
  const n = meta.n;
  const scores = new Map();
  const found = new Map(); // doc → bits of the query words it has (index.rs `words_found`)
  const known = expansions.filter((e) => at.has(e.term));
  const shardIds = [...new Set(known.map((e) => at.get(e.term)[0]))];
  const shards = new Map(await Promise.all(shardIds.map(async (i) => [i, await state.shard(i)])));
  for (const { term, weight, words } of known) {
    const [shard, position] = at.get(term);
    const lists = shards.get(shard)[position];
    for (const list of lists) {
      const field = meta.fields[list[0]];
      // [field, gap, …]: a gap alone for a term found once there, else -gap and the count
      // (src/search/index.rs, export).
      const entries = [];
      let doc = -1;
      for (let i = 1; i < list.length; i++) {
        if (list[i] > 0) { doc += list[i]; entries.push([doc, 1]); } else { doc -= list[i]; entries.push([doc, list[++i]]); }
      }
      const df = entries.length;
      const avg = fr(field.avg);
      const w = fr(fr(idf(df, n) * fr(1 + K1)) * fr(fr(weight) * fr(field.boost)));
      for (const [doc, count] of entries) {
        const tf = fr(count);
        const norm = fr(K1 * fr(fr(1 - B) + fr(B * fr(fr(field.norms[doc]) / avg))));
        const s = fr(w * fr(tf / fr(tf + norm)));
        scores.set(doc, fr((scores.get(doc) ?? 0) + s));
        found.set(doc, ((found.get(doc) ?? 0) | (words ?? 0)) >>> 0);
      }
    }
  }
  const asked = expansions.reduce((b, e) => (b | (e.words ?? 0)) >>> 0, 0);
  return [...scores.entries()]
    .map(([doc, score]) => [doc, fr(score * coordination(found.get(doc) ?? 0, asked))])
    .sort((a, b) => b[1] - a[1] || a[0] - b[0]);
}

const ones = (b) => { let n = 0; for (; b; b = (b & (b - 1)) >>> 0) n++; return n; };

/** The share of the query's words a document has, which scales its score (index.rs `coordination`). */
export function coordination(found, asked) {
  if (!asked) return 1;
  return fr(ones((found & asked) >>> 0) / ones(asked));
}

const WORD = /^[\p{Alphabetic}\p{N}]+$/u;

/** A text cut into runs of letters and digits and of the rest (snippet.rs, runs). */
function runs(text) {
  return text.split(/([\p{Alphabetic}\p{N}]+)/u).filter(Boolean).map((r) => [r, WORD.test(r)]);
}

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Text for HTML, as src/text.rs `escape`. */
export function escapeHtml(s) {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** [[query words it has, query terms it has], which runs to mark] (snippet.rs, weigh). */
function weigh(text, exact, terms) {
  let bits = 0;
  const seen = new Set();
  const marks = [];
  for (const [run, isWord] of runs(text)) {
    const t = isWord ? exact.get(normalize(run)) : undefined;
    const hit = t !== undefined && terms.has(t);
    if (hit) { bits = (bits | terms.get(t)) >>> 0; seen.add(t); }
    marks.push(hit);
  }
  return [[ones(bits), seen.size], marks];
}

/**
 * The sentence a result shows, {text, html}: of its snippet and lines, the one with the
 * most of the query's words, those words in <mark> (src/search/snippet.rs). In another
 * language than the page's, the page's sentence in the same place, unmarked.
 */
export function snippet(shown, matched, exact, expansions, sameLang) {
  const terms = new Map();
  for (const e of expansions) terms.set(e.term, ((terms.get(e.term) ?? 0) | (e.words ?? 0)) >>> 0);
  const cands = (d) => [d.snippet ?? '', ...(d.lines ?? [])];
  const found = cands(matched);
  let best;
  found.forEach((text, i) => {
    const [score, marks] = weigh(text, exact, terms);
    if (i === 0 || score[0] > best.score[0] || (score[0] === best.score[0] && score[1] > best.score[1])) best = { i, score, marks };
  });
  if (!sameLang) {
    const own = cands(shown);
    const text = own.length === found.length ? own[best.i] : own[0];
    return { text, html: escapeHtml(text) };
  }
  const text = found[best.i];
  const html = runs(text).map(([r], k) => (best.marks[k] ? `<mark>${escapeHtml(r)}</mark>` : escapeHtml(r))).join('');
  return { text, html };
}

/**
 * answer(query, {lang, fetch, base, limit, agency, audience})
 *   → Promise<{query, lang, matched_lang, matched_query, hits, did_you_mean}>, as
 * `ccu search --json --full` prints it: the page's language first; when not all the
 * query's words are known there, the other languages and scripts; results always
 * in the page's language.
 */
export async function answer(query, options = {}) {
  const lang = options.lang ?? 'az';
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
  const base = options.base ?? globalThis.location?.origin;
  const limit = options.limit ?? 20;
  const own = loader(lang, fetchFn, base);
  const expandIn = async (l, q) => {
    const { meta, dict } = await loader(l, fetchFn, base).core;
    return expandQuery(q, dict, meta.stopwords);
  };
  let best = [lang, query, await expandIn(lang, query)];
  const complete = (e) => e.words > 0 && e.coverage === 2 * e.words;
  const more = () => import('./more.mjs');
  if (!complete(best[2])) {
    // As src/search/answer.rs: another language's index only when fewer than half the words are known.
    const little = (e) => e.words === 0 || e.coverage < e.words;
    for (const [l, q] of (await more()).candidates(query, lang).slice(1)) {
      if (l !== lang && !little(best[2])) continue;
      const e = await expandIn(l, q);
      // Shares, not counts: languages drop different stopwords (src/search/expand.rs, knows_more_than).
      const b = best[2];
      if (e.words > 0 && (b.words === 0 || e.coverage * b.words > b.coverage * e.words)) best = [l, q, e];
    }
  }
  const [matchedLang, matchedQuery, expanded] = best;
  const found = loader(matchedLang, fetchFn, base);
  const ranked = expanded.terms.length ? await rank(found, expanded.terms) : [];
  // Fetch titles and snippets only for the documents shown.
  const { meta } = await own.core;
  const foundDict = (await found.core).dict;
  const per = meta.docs_per_chunk;
  const filtering = Boolean(options.agency || options.audience);
  const hits = [];
  for (let start = 0; start < ranked.length && hits.length < limit; start += limit * 4) {
    // Without filters the first `limit` are shown; with them, look further in steps.
    const slice = ranked.slice(start, filtering || found !== own ? start + limit * 4 : start + limit);
    const chunkOf = async (state, doc) => (await state.chunk(Math.floor(doc / per)))[doc % per];
    for (const [doc, score] of slice) {
      const d = await chunkOf(own, doc);
      const m = found === own ? d : await chunkOf(found, doc);
      // The same documents exist in every language, in the same order; one missing
      // from the page's language (a guide not translated) is left out.
      if (!d || m?.id !== d.id) continue;
      const keep = (!options.agency || d.agency === options.agency)
        && (!options.audience || (d.audiences ?? []).includes(options.audience));
      if (keep) {
        const s = snippet(d, m, foundDict.exact, expanded.terms, found === own);
        hits.push({ id: d.id, title: d.title, url: d.url, score, snippet: s.text, snippet_html: s.html });
      }
      if (hits.length === limit) break;
    }
    if (!filtering && found === own) break;
  }
  return {
    query, lang, matched_lang: matchedLang, matched_query: matchedQuery, hits,
    did_you_mean: hits.length ? [] : (await more()).suggestions(query, meta.stopwords, await own.words()),
  };
}

/**
 * search(query, {lang, fetch, base, limit, agency, audience})
 *   → Promise<[{id, title, url, score, snippet}]>, best first.
 */
export async function search(query, options = {}) {
  return (await answer(query, options)).hits;
}
