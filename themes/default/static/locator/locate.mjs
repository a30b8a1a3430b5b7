// Locator client: mirrors src/locator/matching.rs on the data exported at build
// time (/locator/places.json), so the browser answers as `ccu locate` does.
import { normalize, editDistance, typoBudget } from '../search/search.mjs';

const GENERIC = new Set([
  'city', 'town', 'district', 'region', 'rayon', 'raion', 'municipality', 'autonomous',
  'republic', 'ar', 'seher', 'seheri', 'rayonu', 'muxtar', 'respublikasi', 'respublika',
  'qesebesi', 'qesebe', 'город', 'г', 'район', 'р', 'н', 'рн', 'область', 'автономная',
  'республика', 'пгт', 'поселок', 'село', 'районе', 'района', 'городе', 'города', 'в', 'во',
  'in', 'near', 'rayonunda', 'seherinde',
]);
const ADJ_ENDINGS = [
  'ского', 'скому', 'ских', 'ским', 'ском', 'скои', 'скую', 'скии', 'ская', 'ское', 'ские',
  'skogo', 'skomu', 'skaya', 'skoye', 'skiye', 'skikh', 'skuyu', 'skiy', 'skii', 'skij',
  'skim', 'skom', 'skoy', 'skoe', 'skie', 'sky',
];
const CYR = {
  'а': 'a', 'б': 'b', 'в': 'v', 'г': 'g', 'д': 'd', 'е': 'e', 'э': 'e', 'ж': 'zh', 'з': 'z',
  'и': 'i', 'ы': 'i', 'й': 'y', 'к': 'k', 'л': 'l', 'м': 'm', 'н': 'n', 'о': 'o', 'п': 'p',
  'р': 'r', 'с': 's', 'т': 't', 'у': 'u', 'ф': 'f', 'х': 'kh', 'ц': 'ts', 'ч': 'ch', 'ш': 'sh',
  'щ': 'shch', 'ъ': '', 'ь': '', 'ю': 'yu', 'я': 'ya',
};
const PAIRS = [['dzh', 'c'], ['dj', 'c'], ['tch', 'c'], ['ch', 'c'], ['zh', 'j'], ['kh', 'x'], ['gh', 'g'], ['sh', 's']];
const CLASS = { j: 'c', q: 'k', g: 'k', k: 'k', e: 'a', y: 'i', w: 'v' };

const LONG_GENERIC = [...GENERIC].filter((g) => Array.from(g).length >= 5);
const isGeneric = (w) => GENERIC.has(w)
  || (Array.from(w).length >= 5 && LONG_GENERIC.some((g) => editDistance(w, g, 1) <= 1));

export function clean(s) {
  const folded = normalize(s).replaceAll('й', 'и');
  const words = folded.split(/[^\p{L}\p{N}]+/u).filter((w) => w && !isGeneric(w)).map((w) => {
    for (const end of ADJ_ENDINGS) {
      if (w.endsWith(end) && Array.from(w).length - Array.from(end).length >= 3) { w = w.slice(0, -end.length); break; }
    }
    if (w.endsWith('ь')) w = w.slice(0, -1);
    return w;
  });
  if (words.length === 0) return folded.split(/\s+/u).filter(Boolean).join(' ');
  return words.join(' ');
}

export function translit(c) {
  let latin = '';
  for (const ch of c) {
    if (ch in CYR) latin += CYR[ch];
    else if (/[\p{L}\p{N}]/u.test(ch)) latin += ch;
  }
  for (const [from, to] of PAIRS) latin = latin.split(from).join(to);
  let out = '';
  for (const ch of latin) {
    const m = CLASS[ch] ?? ch;
    if (out.endsWith(m)) continue;
    out += m;
  }
  return out;
}

export function skeleton(t) {
  let out = '';
  Array.from(t).forEach((ch, i) => { if (i === 0 || !'aeiou'.includes(ch)) out += ch; });
  return out;
}

function makeName(place, primary, text) {
  const c = clean(text);
  const t = translit(c);
  return { place, primary, clean: c, translit: t, skeleton: skeleton(t) };
}

function cost(q, n) {
  if (!q.clean) return null;
  if (q.clean === n.clean) return 0;
  if (q.translit === n.translit) return 1;
  const qlen = Array.from(q.translit).length;
  const nlen = Array.from(n.translit).length;
  const budget = typoBudget(qlen);
  const d = editDistance(q.translit, n.translit, Math.max(budget, 3));
  if (Array.from(q.skeleton).length >= 3 && q.skeleton === n.skeleton) return 3 + Math.min(d, 3);
  if (budget > 0 && d <= budget) return 3 + d;
  if (nlen >= 4 && qlen > nlen && qlen - nlen <= 3 && q.translit.startsWith(n.translit)) return 4;
  if (qlen >= 4 && nlen > qlen && n.translit.startsWith(q.translit)) return 5;
  return null;
}

const cache = new Map();
function load(fetchFn, base) {
  if (!cache.has(base)) {
    cache.set(base, fetchFn(new URL('/locator/places.json', base).href).then(async (res) => {
      if (!res.ok) throw new Error(`locator data: HTTP ${res.status}`);
      const data = await res.json();
      const names = [];
      data.districts.forEach((d, i) => {
        for (const l of ['az', 'en', 'ru']) if (d.names[l]) names.push(makeName(i, true, d.names[l]));
        for (const s of d.spellings) names.push(makeName(i, false, s));
      });
      return { data, names };
    }));
  }
  return cache.get(base);
}

function bestPlace(query, names) {
  const whole = makeName(-1, false, query);
  const queries = [[0, whole]];
  if (whole.clean.includes(' ')) {
    for (const w of whole.clean.split(' ')) if (Array.from(w).length >= 3) queries.push([1, makeName(-1, false, w)]);
  }
  let best = null;
  for (const [extra, q] of queries) {
    for (const n of names) {
      const c = cost(q, n);
      if (c === null) continue;
      const key = [c + extra, n.primary ? 0 : 1, n.place];
      if (!best || key[0] < best[0] || (key[0] === best[0] && (key[1] < best[1] || (key[1] === best[1] && key[2] < best[2])))) best = key;
    }
  }
  return best ? best[2] : null;
}

/** Up to three places whose names are closest to a query that matched nothing. */
export async function suggest(query, options = {}) {
  const { data, names } = await load(options.fetch ?? globalThis.fetch.bind(globalThis), options.base ?? globalThis.location?.origin);
  const lang = options.lang ?? 'az';
  const q = makeName(-1, false, query);
  const len = Array.from(q.translit).length;
  if (len < 2) return [];
  const limit = Math.max(Math.ceil(len / 2), 2);
  const scored = names.map((n) => [editDistance(q.translit, n.translit, limit), n.place]).filter(([d]) => d <= limit)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out = [];
  for (const [, p] of scored) {
    if (!out.includes(p)) out.push(p);
    if (out.length === 3) break;
  }
  return out.map((p) => ({ district: data.districts[p].id, name: data.districts[p].names[lang] }));
}

/**
 * locate(query, {lang, fetch, base}) → {district, unit, covered, distance_km, name} or null.
 */
export async function locate(query, options = {}) {
  const { data, names } = await load(options.fetch ?? globalThis.fetch.bind(globalThis), options.base ?? globalThis.location?.origin);
  const lang = options.lang ?? 'az';
  const p = bestPlace(query, names);
  if (p === null) return null;
  const d = data.districts[p];
  return { district: d.id, unit: d.unit, covered: d.covered, distance_km: d.distance_km, name: d.names[lang] };
}

/** The exported record of a division, for showing its answer. */
export async function place(id, options = {}) {
  const { data } = await load(options.fetch ?? globalThis.fetch.bind(globalThis), options.base ?? globalThis.location?.origin);
  return { district: data.districts.find((d) => d.id === id), units: data.units };
}
