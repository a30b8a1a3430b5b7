// Writes data/places.csv, the places the locator and the pages know, from three inputs kept in the
// repository (nothing is fetched):
//   data/geonames-places.csv  Baku's districts and settlements and GeoNames' populated places
//                             (written by tools/extract-places.mjs)
//   data/settlements.csv      settlements a public page names under a division, each with its page
//   data/old-names.csv        occupation-era, Soviet and GeoNames-only names and the official ones
//
//   node tools/merge-places.mjs
//
// One row per place: a settlement that GeoNames also lists in the same division (by any of its
// names) is one row with both sources; the source's Azerbaijani name is the place's name and
// GeoNames' other names stay as alternate names. A name in two divisions is two places. A place
// shown by a name of data/old-names.csv is shown by the official name, the old one kept as an
// alternate name people may type; a listed name with no official name leaves its place out, and a
// place a `spelling` row renames joins the place of its division already named so.
// English and Russian forms of a settlement only a source names come from themes/default/static/locator/names.mjs.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { clean, translit } from '../themes/default/static/locator/locate.mjs';
import { settlementId, toEnglish, toRussian } from '../themes/default/static/locator/names.mjs';
import { parseCsv } from './csv.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const read = (f) => readFileSync(path.join(ROOT, f), 'utf8');
const key = (s) => translit(clean(s));
const COLS = ['id', 'kind', 'division', 'baku_district', 'name_az', 'name_en', 'name_ru', 'alt_names', 'lat', 'lon', 'source'];
const KIND = { city: 'town', qəsəbə: 'settlement', kənd: 'village' };

const csvField = (s) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
const slug = (s) => toEnglish(s).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const alts = (r) => r.alt_names.split(';').filter(Boolean);
const names = (r) => [r.name_az, r.name_en, r.name_ru, ...alts(r)];
function addAlt(r, name) {
  if (!name || alts(r).includes(name)) return;
  r.alt_names = [...alts(r), name.replaceAll(';', ',')].join(';');
}
/** Alternate names that are no longer any of the place's own names. */
function dropShown(r) {
  r.alt_names = alts(r).filter((a) => ![r.name_az, r.name_en, r.name_ru].includes(a)).join(';');
}

const places = parseCsv(read('data/geonames-places.csv'));
const raionId = Object.fromEntries(places.filter((p) => p.kind === 'baku-district').map((p) => [p.name_az, p.id]));

// 1. Settlements: merged into the place of the same division (and Baku district) that has the name,
// else a new place.
let merged = 0, added = 0;
for (const s of parseCsv(read('data/settlements.csv'))) {
  const baku = s.baku_district ? raionId[s.baku_district] : '';
  if (s.baku_district && !baku) throw new Error(`data/settlements.csv: no Baku district ${s.baku_district}`);
  const k = key(s.name_az);
  const same = places.find((p) => p.kind !== 'baku-district' && p.division === s.division
    && (!baku || !p.baku_district || p.baku_district === baku) && names(p).some((n) => key(n) === k));
  const source = `data/settlements.csv: ${s.source_url}`;
  if (same) {
    if (!same.source.includes(source)) same.source += `; ${source}`;
    if (same.name_az !== s.name_az && !same.source.includes('names as the division')) {
      // The source's Azerbaijani name is the place's name; GeoNames' stays as a spelling.
      for (const n of [same.name_az, same.name_en, same.name_ru]) addAlt(same, n);
      Object.assign(same, { name_az: s.name_az, name_en: toEnglish(s.name_az), name_ru: toRussian(s.name_az) });
      dropShown(same);
      same.source += '; name from the settlements source, en and ru: themes/default/static/locator/names.mjs';
    }
    if (!same.baku_district && baku) same.baku_district = baku;
    merged++;
    continue;
  }
  let id = baku ? `${baku}-${slug(s.name_az)}` : settlementId(s.division, s.name_az);
  if (places.some((p) => p.id === id)) id += `-${slug(KIND[s.kind])}`;
  if (places.some((p) => p.id === id)) throw new Error(`two places with the id ${id}`);
  places.push({
    id, kind: KIND[s.kind] ?? 'village', division: s.division, baku_district: baku,
    name_az: s.name_az, name_en: toEnglish(s.name_az), name_ru: toRussian(s.name_az), alt_names: '',
    lat: '', lon: '', source: `${source}; en, ru: themes/default/static/locator/names.mjs`,
  });
  added++;
}

// 2. Official names: a place shown by a listed old name shows the official one.
const old = parseCsv(read('data/old-names.csv'));
const byOld = new Map(old.map((o) => [o.old_name, o]));
const out = [];
// A place renamed by a `spelling` row is the same place as the one of its division already
// shown by the official name (Gərinə and Gərənə of Bərdə): the two become one, named officially.
const byName = new Map();
const respelt = new Set();
let renamed = 0, dropped = 0, joined = 0;
for (const p of places) {
  const shown = [p.name_az, p.name_en, p.name_ru].map((n) => byOld.get(n)).find(Boolean);
  if (shown && !shown.official_az) { dropped++; continue; }
  for (const [col, lang] of [['name_az', 'az'], ['name_en', 'en'], ['name_ru', 'ru']]) {
    const o = byOld.get(p[col]);
    if (!o) continue;
    addAlt(p, p[col]);
    p[col] = o[`official_${lang}`];
    p.source += `; ${col} official (data/old-names.csv)`;
    if (o.kind === 'spelling') respelt.add(p);
    renamed++;
  }
  dropShown(p);
  const k = `${p.division}|${p.kind === 'baku-district'}|${p.name_az}`;
  const same = byName.get(k);
  if (same && (respelt.has(p) || respelt.has(same))) {
    // The place the official name already showed stays; the other's names and sources join it.
    const [keep, gone] = respelt.has(same) && !respelt.has(p) ? [p, same] : [same, p];
    for (const n of names(gone)) addAlt(keep, n);
    dropShown(keep);
    keep.source += `; ${gone.source}`;
    if (!keep.lat) Object.assign(keep, { lat: gone.lat, lon: gone.lon });
    if (!keep.baku_district) keep.baku_district = gone.baku_district;
    if (keep !== same) out[out.indexOf(same)] = keep;
    byName.set(k, keep);
    joined++;
    continue;
  }
  byName.set(k, p);
  out.push(p);
}
const text = [COLS.join(','), ...out.map((r) => COLS.map((c) => csvField(String(r[c] ?? ''))).join(','))].join('\n') + '\n';
writeFileSync(path.join(ROOT, 'data/places.csv'), text);
console.log(`wrote data/places.csv: ${out.length} places (${merged} settlements merged into GeoNames places, ${added} added; ${renamed} names made official, ${joined} places joined under one spelling, ${dropped} places left out)`);
