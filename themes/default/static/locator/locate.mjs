// Locator client: mirrors src/locator/matching.rs on the data exported at build
// time (/locator/places.json), so the browser answers as `ccu locate` does.
import { normalize, editDistance, typoBudget } from '../search/search.mjs';
import { toEnglish, toRussian, settlementId } from './names.mjs';

const GENERIC = new Set([
  'city', 'town', 'district', 'region', 'rayon', 'raion', 'municipality', 'autonomous',
  'republic', 'ar', 'seher', 'seheri', 'rayonu', 'muxtar', 'respublikasi', 'respublika',
  'qesebesi', 'qesebe', 'город', 'г', 'район', 'р', 'н', 'рн', 'область', 'автономная',
  'республика', 'пгт', 'поселок', 'село', 'районе', 'района', 'городе', 'города', 'в', 'во',
  'in', 'near', 'rayonunda', 'seherinde',
]);
// Mirrors FILLER and ENDINGS of src/locator/matching.rs.
const FILLER = new Set([
  'i', 'we', 'my', 'our', 'live', 'lives', 'living', 'am', 'is', 'are', 'at', 'from', 'the', 'of',
  'a', 'an', 'to', 'go', 'where', 'which', 'village', 'settlement', 'me', 'us', 'nearest',
  'family', 'parents', 'home', 'house', 'born', 'was', 'were', 'come', 'comes', 'men', 'biz', 'menim', 'bizim', 'yasayiram', 'yasayiriq', 'yasayir', 'yasayirsan', 'evim',
  'kend', 'kendi', 'kendinde', 'kendindeyem', 'qesebesinde', 'qesebesindeyem', 'seherindeyem',
  'rayonundayam', 'qeydiyyatdayam', 'haradir', 'harada', 'hardadir', 'hansi', 've', 'ile',
  'ailem', 'ailemiz', 'yaxinliginda', 'yaxinligi', 'kendinden', 'kendindenem', 'kendindeyik',
  'qesebesinden', 'qesebesindenem', 'qesebesindeyik', 'rayonundan', 'rayonundanam', 'seherinden',
  'seherindenem',
  'я', 'мы', 'живу', 'живем', 'живет', 'живут', 'жила', 'жил', 'из', 'на', 'с', 'со', 'у', 'около',
  'рядом', 'где', 'мой', 'моя', 'наш', 'наша', 'поселке', 'поселка', 'селе', 'села', 'деревня',
  'деревне', 'прописан', 'прописана', 'семья', 'родом', 'родился', 'родилась', 'городок', 'rayonunun', 'seherinin', 'kendinin', 'qesebesinin',
]);
const AZ_ENDINGS = [
  ['daki', 'any'], ['deki', 'any'], ['dan', 'any'], ['den', 'any'], ['tan', 'any'], ['ten', 'any'],
  ['da', 'any'], ['de', 'any'], ['ta', 'any'], ['te', 'any'], ['ya', 'vowel'], ['ye', 'vowel'], ['a', 'consonant'], ['e', 'consonant'],
];
// Mirrors AZ_PERSONAL of matching.rs: "Xırdalandan-am", "Masazırda-yıq", "Qubalı-yam".
const AZ_PERSONAL = [
  ['am', 'consonant'], ['em', 'consonant'], ['iq', 'consonant'], ['ik', 'consonant'],
  ['uq', 'consonant'], ['uk', 'consonant'], ['iz', 'consonant'], ['uz', 'consonant'],
  ['yam', 'vowel'], ['yem', 'vowel'], ['yiq', 'vowel'], ['yik', 'vowel'], ['yuq', 'vowel'],
  ['yuk', 'vowel'], ['yiz', 'vowel'], ['yuz', 'vowel'], ['dir', 'any'], ['dur', 'any'],
];
// "-lı" (from) only before a personal ending: "Qubalı-yam", as AZ_ORIGIN of matching.rs.
const AZ_ORIGIN = [['li', 'any'], ['lu', 'any']];
const RU_ENDINGS = [
  'ами', 'ями', 'ого', 'ому', 'ой', 'ом', 'ах', 'ях', 'ам', 'ям', 'ов', 'ев', 'е', 'ы', 'и', 'у',
  'ю', 'а', 'я',
];
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
const isGeneric = (w, filler = true) => GENERIC.has(w) || (filler && FILLER.has(w))
  || (Array.from(w).length >= 5 && LONG_GENERIC.some((g) => editDistance(w, g, 1) <= 1));

export function clean(s, dropFiller = true) {
  const folded = normalize(s).replaceAll('й', 'и');
  const words = folded.split(/[^\p{L}\p{N}]+/u).filter((w) => w && !isGeneric(w, dropFiller)).map((w) => {
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

// As `loose` in matching.rs: the transliteration with the pairs unmerged, for swapped letters.
export function loose(c) {
  let out = '';
  for (const ch of c) {
    let latin;
    if (ch in CYR) latin = CYR[ch];
    else if (/[\p{L}\p{N}]/u.test(ch)) latin = ch;
    else continue;
    for (const l of latin) {
      const m = CLASS[l] ?? l;
      if (!out.endsWith(m)) out += m;
    }
  }
  return out;
}

export function skeleton(t) {
  let out = '';
  Array.from(t).forEach((ch, i) => { if (i === 0 || !'aeiou'.includes(ch)) out += ch; });
  return out;
}

const len = (s) => Array.from(s).length;

// The stem a Russian case ending attaches to (matching.rs `stem`): a Cyrillic name without the
// -а or -я that Russian declines; any other name whole ("Баку", "Масаллы" do not decline).
export function stem(c) {
  const whole = translit(c);
  if (!/[ая]$/u.test(c)) return whole;
  const t = translit(c.slice(0, -1));
  return len(t) >= 3 ? t : whole;
}

export function unendings(word) {
  const long = (x) => len(x) >= 3;
  if (/[а-я]/u.test(word)) {
    return RU_ENDINGS.filter((e) => word.endsWith(e)).map((e) => word.slice(0, word.length - e.length)).filter(long).map((x) => [x, true]);
  }
  const out = [];
  const bases = [word, ...strip(word, AZ_PERSONAL)];
  bases.forEach((base, i) => {
    const stems = i > 0 ? [...strip(base, AZ_ENDINGS), ...strip(base, AZ_ORIGIN)] : strip(base, AZ_ENDINGS);
    for (const st of stems) if (long(st) && !out.some(([x]) => x === st)) out.push([st, false]);
    if (i > 0 && long(base) && !out.some(([x]) => x === base)) out.push([base, false]);
  });
  return out;
}

function strip(word, endings) {
  const out = [];
  for (const [e, after] of endings) {
    if (!word.endsWith(e)) continue;
    const stem = word.slice(0, word.length - e.length);
    const vowel = /[aeiou]$/.test(stem);
    if ((after === 'vowel' && !vowel) || (after === 'consonant' && vowel)) continue;
    out.push(stem);
  }
  return out;
}

function keyed(place, primary, c) {
  const t = translit(c);
  return { place, primary, clean: c, translit: t, skeleton: skeleton(t), loose: loose(c), stem: stem(c) };
}
const makeName = (place, primary, text) => keyed(place, primary, clean(text));
// As Name::of_place in matching.rs: a place's name also with its filler-like words kept ("I Nügədi").
function placeNames(place, primary, text) {
  const out = [makeName(place, primary, text)];
  const kept = clean(text, false);
  if (kept !== out[0].clean) out.push(keyed(place, primary, kept));
  return out;
}

// Levels, as src/locator/matching.rs orders them: whole name 0, part of a sentence or inflected 1,
// a typo at distance d: 2 + d.
const WHOLE = 0, PART = 1, typo = (d) => 2 + d;

function hits(query, names) {
  const words = clean(query).split(' ').filter(Boolean);
  const best = new Map();
  const hit = (p, l) => { if (!best.has(p) || l < best.get(p)) best.set(p, l); };
  const explained = words.map(() => false);
  const inflected = words.map(() => false);
  const plain = words.map(() => false);
  const mark = (arr, s, n) => { for (let k = s; k < s + n; k++) arr[k] = true; };
  const explain = (s, n, how) => { mark(explained, s, n); mark(how, s, n); };
  for (let n = words.length; n >= 1; n--) {
    for (let s = 0; s + n <= words.length; s++) {
      const phrase = words.slice(s, s + n);
      const whole = n === words.length;
      const q = makeName(-1, false, phrase.join(' '));
      if (len(q.translit) < 3 && !whole) continue;
      for (const nm of names) if (q.clean === nm.clean || q.translit === nm.translit) { hit(nm.place, whole ? WHOLE : PART); explain(s, n, plain); }
      const head = phrase.slice(0, n - 1);
      for (const [st, russian] of unendings(phrase[n - 1])) {
        const t = translit([...head, st].join(' '));
        for (const nm of names) if (t === nm.translit || (russian && t === nm.stem)) { hit(nm.place, PART); explain(s, n, inflected); }
      }
    }
  }
  const sorted = () => [...best.entries()].sort((a, b) => a[0] - b[0]).map(([p, l]) => [l, p]);
  if (best.size) {
    const doubtful = words.some((w, i) => {
      const t = translit(w);
      return !explained[i] && len(t) >= 4 && names.some((nm) => nm.clean.split(' ').some((x) => editDistance(t, translit(x), 2) <= 2));
    });
    // As in matching.rs: the whole query, leftover word included, nearly names a place not hit.
    const whole = translit(words.join(' '));
    const nearOther = explained.some((e) => !e) && len(whole) >= 5
      && names.some((nm) => !best.has(nm.place) && nm.clean.includes(' ') && editDistance(whole, nm.translit, 2) <= 2);
    // As in matching.rs: a word read with an ending off is, as written, one letter from another name.
    const mistyped = words.some((w, i) => {
      const t = translit(w);
      return inflected[i] && !plain[i] && len(t) >= 4
        && names.some((nm) => !best.has(nm.place) && nm.translit[0] === t[0] && editDistance(t, nm.translit, 1) <= 1);
    });
    return doubtful || nearOther || mistyped ? [[], ''] : [sorted(), ''];
  }
  const phrases = [words.join(' ')];
  if (words.length > 1) phrases.push(...words);
  for (const phrase of phrases) {
    const q = makeName(-1, false, phrase);
    const ql = len(q.translit);
    if (ql < 5) continue;
    for (const nm of names) {
      let d = Math.min(editDistance(q.translit, nm.translit, 3), editDistance(q.loose, nm.loose, 3));
      if (len(q.skeleton) >= 4 && q.skeleton === nm.skeleton && d <= 2) d = Math.min(d, 1);
      // As in matching.rs: a name that differs in its first letter, or that is the query but for
      // one or two letters at the end (or the query is it but for them), is one edit farther.
      const extends_ = (a, b) => a.startsWith(b) && len(a) - len(b) >= 1 && len(a) - len(b) <= 2;
      if (q.translit[0] !== nm.translit[0] || extends_(q.translit, nm.translit) || extends_(nm.translit, q.translit)) d += 1;
      if (d <= Math.max(typoBudget(ql), 1) + 1) hit(nm.place, typo(d));
    }
    if (best.size) return [sorted(), q.translit];
  }
  return [[], ''];
}

const TYPO_MARGIN = 1;
const confidentTypo = (l) => (l <= 4 ? 0 : l <= 8 ? 1 : 2);

const cache = new Map();
function load(fetchFn, base) {
  if (!cache.has(base)) {
    cache.set(base, fetchFn(new URL('/locator/places.json', base).href).then(async (res) => {
      if (!res.ok) throw new Error(`locator data: HTTP ${res.status}`);
      const data = await res.json();
      data.targets.push(...places(data));
      const names = [];
      data.targets.forEach((t, i) => {
        for (const n of new Set(t.n)) names.push(...placeNames(i, true, n));
        for (const s of t.s) names.push(...placeNames(i, false, s));
      });
      return { data, names };
    }));
  }
  return cache.get(base);
}

/**
 * The places' short rows as targets (as `place_row` in src/locator/mod.rs writes them): the answer
 * is the division's, or the Baku district's centre's; a left-out id or name is the rules' own.
 */
function places(data) {
  const divisions = new Map(data.targets.map((t) => [t.id, t]));
  const out = [];
  for (const [id, k, d, az, en, ru, alts, baku] of data.places) {
    const div = divisions.get(d);
    if (!div) continue;
    const b = k === 'baku-district' ? id : baku || null;
    const dc = (b && data.centres[b]) ?? null;
    out.push({
      id: id || settlementId(d, az), k, d, n: [az, en || toEnglish(az), ru || toRussian(az)],
      s: alts ? alts.split(';') : [], u: dc ?? div.u, c: div.c, km: div.km, b, dc, m: false,
    });
  }
  return out;
}

const LANGS = { az: 0, en: 1, ru: 2 };

function placeRef(data, t, lang) {
  return { id: t.id, name: t.n[LANGS[lang]], kind: t.k, baku_district: t.b, dost_centre: t.dc };
}

function answerOf(data, t, lang) {
  const caution = data.units[t.u]?.w?.[LANGS[lang]] ?? null;
  return { district: t.d, unit: t.u, covered: t.c, distance_km: t.km, name: t.n[LANGS[lang]], place: placeRef(data, t, lang), caution };
}

/** As drop_containers in src/locator/mod.rs: "Buzovna, Baku" means Buzovna. */
function dropContainers(ts, names, near) {
  const isDivision = (t) => t.id.startsWith('AZ-');
  const keys = (i) => new Set(names.filter((n) => n.place === i).map((n) => n.translit));
  const disjoint = (i, j) => { const a = keys(i); return ![...keys(j)].some((k) => a.has(k)); };
  const contains = (i) => near.some(([, j]) => j !== i && disjoint(i, j) && (isDivision(ts[i])
    ? !isDivision(ts[j]) && ts[j].d === ts[i].id
    : ts[i].k === 'city' ? ts[j].d === ts[i].d && ts[j].id !== ts[i].d
      : ts[i].k === 'baku-district' && ts[j].b === ts[i].id));
  return near.filter(([, i]) => !contains(i));
}

function decide(data, names, found, typo, lang) {
  if (!found.length) return null;
  const best = Math.min(...found.map(([l]) => l));
  let near;
  if (best >= 2) {
    const d = best - 2;
    if (d > confidentTypo(len(typo)) || data.foreign.some((f) => editDistance(typo, f, d) <= d)) return null;
    near = found.filter(([l]) => l <= best + TYPO_MARGIN);
  } else near = found.filter(([l]) => l === best);
  // Containers go only where the query names both ("Buzovna, Baku"); a typo's neighbours are rivals.
  if (best < 2) near = dropContainers(data.targets, names, near);
  near = near.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const groups = [];
  for (const [, i] of near) {
    const a = answerOf(data, data.targets[i], lang);
    const g = groups.find((x) => x[0].unit === a.unit && x[0].covered === a.covered);
    if (g) g.push(a); else groups.push([a]);
  }
  if (groups.length > 1 && best >= 2) return null;
  const firsts = groups.map((g) => {
    const also = g.slice(1).filter((o) => o.district !== g[0].district || o.name !== g[0].name).map((o) => o.place);
    return also.length ? { ...g[0], also } : g[0];
  });
  if (firsts.length === 1) return firsts[0];
  return { district: null, unit: null, covered: null, distance_km: null, name: firsts[0].name, place: null, caution: null, choices: firsts };
}

/** Up to three places whose names are closest to a query that matched nothing. */
export async function suggest(query, options = {}) {
  const { data, names } = await load(options.fetch ?? globalThis.fetch.bind(globalThis), options.base ?? globalThis.location?.origin);
  const lang = options.lang ?? 'az';
  const q = makeName(-1, false, query);
  const ql = len(q.translit);
  if (ql < 2) return [];
  const limit = Math.max(Math.ceil(ql / 3), 2);
  const scored = names.map((n) => {
    const d = editDistance(q.translit, n.translit, limit);
    const prefix = ql >= 3 && n.translit.startsWith(q.translit);
    return [prefix ? Math.min(d, 1) : d, n.place];
  }).filter(([d]) => d <= limit).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const near = [];
  for (const [, p] of scored) {
    if (!near.includes(p)) near.push(p);
    if (near.length === 12) break;
  }
  const out = [];
  for (const p of near) {
    const a = answerOf(data, data.targets[p], lang);
    if (!out.some((o) => o.name === a.name && o.unit === a.unit)) out.push(a);
    if (out.length === 3) break;
  }
  return out;
}

/**
 * locate(query, {lang, fetch, base}) → {district, unit, covered, distance_km, name, place, caution, also?},
 * a choice {district: null, …, choices: [...]}, or null.
 */
export async function locate(query, options = {}) {
  const { data, names } = await load(options.fetch ?? globalThis.fetch.bind(globalThis), options.base ?? globalThis.location?.origin);
  const [found, typo] = hits(query, names);
  if (!found.length) return null;
  const best = Math.min(...found.map(([l]) => l));
  if (best !== WHOLE && data.foreign.includes(translit(clean(query)))) return null;
  return decide(data, names, found, typo, options.lang ?? 'az');
}

/** The units' names and first addresses, and a target's record, for showing an answer. */
export async function details(options = {}) {
  const { data } = await load(options.fetch ?? globalThis.fetch.bind(globalThis), options.base ?? globalThis.location?.origin);
  return data;
}
