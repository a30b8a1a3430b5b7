// The English and Russian forms of an Azerbaijani place name, by the rules data/README.md documents
// ("Names in English and Russian"). src/catalog/translit.rs is the same rules for ccu; the locator
// makes the forms the data leaves out of /locator/places.json (they are the rules' own), and
// tools/merge-places.mjs writes them for every settlement a source names only in Azerbaijani.

const lower = (ch) => (ch === 'İ' ? 'i' : ch === 'I' ? 'ı' : ch.toLowerCase());
const isLetter = (ch) => ch !== undefined && /\p{L}/u.test(ch);
const VOWELS = new Set(['a', 'e', 'ə', 'ı', 'i', 'o', 'ö', 'u', 'ü']);

/** Keeps the case of the letter it replaces: "Ş" → "Sh", "ş" → "sh". */
function cased(ch, out) {
  if (!out) return out;
  return ch === lower(ch) ? out : out.charAt(0).toUpperCase() + out.slice(1);
}

// English: the romanisation the catalog's division names use (Xaçmaz → Khachmaz, Qəbələ → Gabala).
const EN = { ə: 'a', ı: 'i', ş: 'sh', ç: 'ch', ğ: 'gh', x: 'kh', c: 'j', q: 'g', ö: 'o', ü: 'u', j: 'zh' };

/** The English form of an Azerbaijani name. */
export function toEnglish(az) {
  let out = '';
  for (const ch of az) out += cased(ch, EN[lower(ch)] ?? lower(ch));
  return out;
}

// Russian: letter by letter, with the usual adjustments of Russian usage (Xınalıq → Хыналыг,
// Hacıqabul → Гаджигабул, Salyan → Сальян, Yardımlı → Ярдымлы).
const RU = {
  a: 'а', b: 'б', c: 'дж', ç: 'ч', d: 'д', e: 'е', ə: 'е', f: 'ф', g: 'г', ğ: 'г', h: 'х', x: 'х',
  ı: 'ы', i: 'и', j: 'ж', k: 'к', q: 'г', l: 'л', m: 'м', n: 'н', o: 'о', ö: 'ё', p: 'п', r: 'р',
  s: 'с', ş: 'ш', t: 'т', u: 'у', ü: 'ю', v: 'в', y: 'й', z: 'з', w: 'в',
};
// A word's first letter: Ə and E are А and Э (Əhmədli → Ахмедли, Eyvazlı → Эйвазлы), H is Г
// (Hacıqabul → Гаджигабул; inside a word х: Şahbuz → Шахбуз).
const RU_START = { ə: 'а', e: 'э', h: 'г' };
// ə is а after s, z, ş, c, h, x (Zərdab → Зардаб, Şəmkir → Шамкир, Cəlilabad → Джалилабад,
// Həsənabad → Гасанабад, Xocəsən → Ходжасан), я after an l inside a word before a consonant
// (Biləsuvar → Билясувар, Ələt → Алят; not the plural ending -lər: Mirlər → Мирлер), е elsewhere (Xankəndi → Ханкенди, Ağdərə → Агдере).
const HARD_BEFORE_A = new Set(['s', 'z', 'ş', 'c', 'h', 'x']);
// Russian spelling writes и, never ы, after ж, ш, ч (Laçın → Лачин, Hacıqabul → Гаджигабул).
const HUSHING = new Set(['c', 'ç', 'ş', 'j']);
// l after ö, ü is soft before a consonant or at a word's end (Göygöl → Гёйгёль; not ll: Könüllü → Кёнюллю).
const SOFT_BEFORE_L = new Set(['ö', 'ü']);
// y before a vowel is one iotated letter (Yevlax → Евлах, Yuxarı → Юхары).
const RU_IOTATED = { a: 'я', u: 'ю', e: 'е', ə: 'е', o: 'ё', ü: 'ю' };

/** The Russian form of an Azerbaijani name. */
export function toRussian(az) {
  // A Roman numeral stays as written (I Nügədi → I Нюгеди).
  if (az.includes(' ')) return az.split(' ').map(toRussian).join(' ');
  if (/^[IVX]+$/.test(az)) return az;
  const chars = Array.from(az);
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    const l = lower(ch);
    const next = lower(chars[i + 1] ?? '');
    const start = !isLetter(chars[i - 1]);
    const prev = lower(chars[i - 1] ?? '');
    let r;
    if (l === 'ə' && !start && HARD_BEFORE_A.has(prev)) r = 'а';
    else if (l === 'ə' && prev === 'l' && isLetter(chars[i - 2]) && isLetter(chars[i + 1]) && !VOWELS.has(next)
      && !(next === 'r' && !isLetter(chars[i + 2]))) r = 'я'; // not the plural -lər (Mirlər → Мирлер)
    else if (l === 'ı' && HUSHING.has(prev)) r = 'и';
    else if (l === 'y' && next === 'ı' && VOWELS.has(prev)) {
      r = 'и'; // Sumqayıt → Сумгаит, İsmayıllı → Исмаиллы
      i++;
    } else if (l === 'y' && (next === 'e' || next === 'ə') && VOWELS.has(prev)) {
      r = 'й'; // between vowels before e the y stays: Zəyəm → Зейем
    } else if (l === 'y' && RU_IOTATED[next]) {
      // After a consonant the soft sign keeps the y (Salyan → Сальян).
      r = (!start && !VOWELS.has(prev) ? 'ь' : '') + RU_IOTATED[next];
      i++;
    } else if (l === 'l' && SOFT_BEFORE_L.has(prev) && next !== 'l' && !VOWELS.has(next)) {
      r = 'ль'; // after ö, ü before a consonant or at the end: Göygöl → Гёйгёль, Kültəpə → Кюльтепе
    } else {
      r = (start && RU_START[l]) || (RU[l] ?? l);
    }
    out += cased(ch, r);
  }
  return out;
}

/** The id of a settlement only data/settlements.csv lists: division code and English name (qab-vandam). */
export function settlementId(division, az) {
  const slug = toEnglish(az).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `${division.replace(/^AZ-/, '').toLowerCase()}-${slug}`;
}
