// The search client's rarer paths, loaded only when a query needs them: other scripts
// and languages (src/search/answer.rs) and "did you mean" for an empty result.
import { editDistance, normalize, words } from './search.mjs';

const LANGS = ['az', 'en', 'ru'];
const CYR_AZ = {
  'а': 'a', 'б': 'b', 'в': 'v', 'г': 'q', 'ғ': 'g', 'ҝ': 'g', 'д': 'd', 'е': 'e', 'э': 'e', 'ә': 'e',
  'ж': 'j', 'з': 'z', 'и': 'i', 'ы': 'i', 'й': 'y', 'ј': 'y', 'к': 'k', 'л': 'l', 'м': 'm', 'н': 'n',
  'о': 'o', 'ө': 'o', 'п': 'p', 'р': 'r', 'с': 's', 'ц': 's', 'т': 't', 'у': 'u', 'ү': 'u', 'ф': 'f',
  'х': 'x', 'һ': 'h', 'ч': 'c', 'ҹ': 'c', 'ш': 's', 'щ': 's', 'ъ': '', 'ь': '', 'ю': 'yu', 'я': 'ya',
};
/** Azerbaijani typed in Cyrillic → normalised Latin (src/search/answer.rs). */
export function azFromCyrillic(s) {
  let out = '';
  for (const c of s) out += CYR_AZ[c] ?? c;
  return out;
}
const LAT_PAIRS = [['shch', 'щ'], ['sch', 'щ'], ['zh', 'ж'], ['kh', 'х'], ['ts', 'ц'], ['ch', 'ч'], ['sh', 'ш'],
  ['yu', 'ю'], ['ya', 'я'], ['yo', 'е'], ['ye', 'е'], ['x', 'кс'], ["'", 'ь']];
const LAT_RU = {
  'a': 'а', 'b': 'б', 'v': 'в', 'w': 'в', 'g': 'г', 'd': 'д', 'e': 'е', 'z': 'з', 'i': 'и', 'j': 'й',
  'k': 'к', 'c': 'к', 'q': 'к', 'l': 'л', 'm': 'м', 'n': 'н', 'o': 'о', 'p': 'п', 'r': 'р', 's': 'с',
  't': 'т', 'u': 'у', 'f': 'ф', 'h': 'х',
};
/** Russian typed in Latin letters → Cyrillic (src/search/answer.rs). */
export function ruFromLatin(s) {
  const chars = Array.from(s);
  let out = '';
  let i = 0;
  outer: while (i < chars.length) {
    for (const [lat, cyr] of LAT_PAIRS) {
      if (chars.slice(i, i + lat.length).join('') === lat) { out += cyr; i += lat.length; continue outer; }
    }
    const c = chars[i];
    if (c === 'y') out += i > 0 && 'aeiouy'.includes(chars[i - 1]) ? 'й' : 'ы';
    else out += LAT_RU[c] ?? c;
    i++;
  }
  return out;
}

/** Where to look, in order of preference (src/search/answer.rs, candidates). */
export function candidates(query, page) {
  const q = normalize(query);
  const cyrillic = /[\u0400-\u04ff]/u.test(q);
  const latin = /[a-z]/.test(q);
  const otherScript = (l) => (l === 'az' && cyrillic ? azFromCyrillic(q) : l === 'ru' && latin && !cyrillic ? ruFromLatin(q) : null);
  const out = [[page, query]];
  if (otherScript(page) !== null) out.push([page, otherScript(page)]);
  for (const l of LANGS) if (l !== page) out.push([l, query]);
  for (const l of LANGS) if (l !== page && otherScript(l) !== null) out.push([l, otherScript(l)]);
  return out;
}

/** "Did you mean": the index's title and keyword words closest to the query's words. */
export function suggestions(query, stopwords, vocabulary) {
  const found = [];
  for (const w of words(query)) {
    const len = Array.from(w).length;
    if (len < 3 || stopwords.includes(w)) continue;
    const max = len === 3 ? 1 : len <= 5 ? 2 : 3;
    for (const [key, shown] of vocabulary) {
      if (key === w) continue;
      const d = editDistance(w, key, max);
      if (d <= max) found.push([d, shown]);
    }
  }
  found.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  const out = [];
  for (const [, w] of found) {
    if (!out.includes(w)) out.push(w);
    if (out.length === 5) break;
  }
  return out;
}

