// Search client: runs in the browser (and in Node for tests) on the static index
// exported at build time. Mirrors src/text.rs (normalisation), src/search/expand.rs
// (query expansion) and tantivy's BM25, so results rank as `ccu search` ranks them.

const fr = Math.fround;
const K1 = fr(1.2);
const B = fr(0.75);
const MAX_TERMS_PER_WORD = 8;
const W_EXACT = 1.0, W_TYPO1 = 0.7, W_PREFIX = 0.6, W_TYPO2 = 0.5, W_STEM = 0.5;

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

export function typoBudget(len) {
  return len <= 3 ? 0 : len <= 7 ? 1 : 2;
}

/** Optimal string alignment distance over code points, stopping past max. */
export function editDistance(a, b, max) {
  a = Array.from(a); b = Array.from(b);
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2 = new Array(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let cur = new Array(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        cur[j] = Math.min(cur[j], prev2[j - 2] + 1);
      }
      rowMin = Math.min(rowMin, cur[j]);
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[b.length];
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

function expandWord(w, dict) {
  const { forms, exact } = dict;
  const len = Array.from(w).length;
  const cands = new Map();
  const add = (t, weight) => cands.set(t, Math.max(cands.get(t) ?? 0, weight));
  const ex = exact.get(w);
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

/** Query → [{term, weight}], as src/search/expand.rs computes it. */
export function expandQuery(query, dict, stopwords) {
  const all = new Map();
  for (const w of words(query)) {
    if (stopwords.includes(w)) continue;
    for (const e of expandWord(w, dict)) all.set(e.term, Math.max(all.get(e.term) ?? 0, e.weight));
  }
  return [...all.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([term, weight]) => ({ term, weight }));
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
    const state = {
      core: Promise.all([get('meta.json'), get('forms.json')]).then(([meta, forms]) => ({
        meta, dict: { forms, exact: new Map(forms) },
      })),
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

/**
 * search(query, {lang, fetch, base, limit, agency, audience})
 *   → Promise<[{id, title, url, score, snippet}]>, best first.
 */
export async function search(query, options = {}) {
  const lang = options.lang ?? 'az';
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
  const base = options.base ?? globalThis.location?.origin;
  const limit = options.limit ?? 20;
  const state = loader(lang, fetchFn, base);
  const { meta, dict } = await state.core;
  const expansions = expandQuery(query, dict, meta.stopwords);
  if (expansions.length === 0) return [];
  const n = meta.n;
  const scores = new Map();
  const shardIds = [...new Set(expansions.map((e) => shardOf(e.term, meta.shards)))];
  const shards = new Map(await Promise.all(shardIds.map(async (i) => [i, await state.shard(i)])));
  for (const { term, weight } of expansions) {
    const lists = shards.get(shardOf(term, meta.shards))[term];
    if (!lists) continue;
    for (const list of lists) {
      const field = meta.fields[list[0]];
      const df = (list.length - 1) / 2;
      const avg = fr(field.avg);
      const w = fr(fr(idf(df, n) * fr(1 + K1)) * fr(fr(weight) * fr(field.boost)));
      let doc = 0;
      for (let i = 1; i < list.length; i += 2) {
        doc += list[i]; // stored as the gap from the previous document
        const tf = fr(list[i + 1]);
        const norm = fr(K1 * fr(fr(1 - B) + fr(B * fr(fr(field.norms[doc]) / avg))));
        const s = fr(w * fr(tf / fr(tf + norm)));
        scores.set(doc, fr((scores.get(doc) ?? 0) + s));
      }
    }
  }
  // Rank first; fetch titles and snippets only for the documents shown.
  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const per = meta.docs_per_chunk;
  const filtering = Boolean(options.agency || options.audience);
  const out = [];
  for (let start = 0; start < ranked.length && out.length < limit; start += limit * 4) {
    // Without filters the first `limit` are shown; with them, look further in steps.
    const slice = ranked.slice(start, filtering ? start + limit * 4 : start + limit);
    const needed = [...new Set(slice.map(([doc]) => Math.floor(doc / per)))];
    const chunks = new Map(await Promise.all(needed.map(async (c) => [c, await state.chunk(c)])));
    for (const [doc, score] of slice) {
      const d = chunks.get(Math.floor(doc / per))[doc % per];
      const keep = (!options.agency || d.agency === options.agency)
        && (!options.audience || (d.audiences ?? []).includes(options.audience));
      if (keep) out.push({ id: d.id, title: d.title, url: d.url, score, snippet: d.snippet });
      if (out.length === limit) break;
    }
    if (!filtering) break;
  }
  return out;
}
