// Measures the locator on mistyped variants of every name: without special letters, lowercased,
// a middle letter dropped, doubled or changed, two letters swapped. Prints hits, total, rate, misses.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
// Usage: node tools/locator-typos.mjs DIST
const dist = path.resolve(process.argv[2] ?? 'dist');
const { locate } = await import(pathToFileURL(path.join(dist, 'locator/locate.mjs')).href);
const fetchFn = async (u) => new Response(readFileSync(path.join(dist, new URL(u).pathname)));
const places = JSON.parse(readFileSync(path.join(dist, 'locator/places.json'), 'utf8'));
let ok = 0, n = 0; const bad = [];
const strip = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ə/g,'e').replace(/ı/g,'i').replace(/Ə/g,'E');
for (const d of places.districts) for (const name of [d.names.az, d.names.en, d.names.ru, ...d.spellings]) {
  const c = Array.from(name); const m = Math.floor(c.length/2);
  const vs = [strip(name), name.toLowerCase()];
  if (c.length > 4) { vs.push([...c.slice(0,m), ...c.slice(m+1)].join('')); vs.push([...c.slice(0,m), c[m], ...c.slice(m)].join('')); vs.push([...c.slice(0,m), c[m]==='a'?'o':'a', ...c.slice(m+1)].join('')); }
  if (c.length > 3) vs.push([...c.slice(0,1), c[2], c[1], ...c.slice(3)].join(''));
  for (const v of vs) { n++; const r = await locate(v, {lang:'en', fetch: fetchFn, base:'http://x'}); if (r && r.unit === d.unit && (r.covered === d.covered)) ok++; else bad.push(`${v} (${d.id}/${d.unit}) → ${r?.district}/${r?.unit}`); }
}
console.log(ok, n, (ok/n).toFixed(4)); console.log(bad.slice(0,40).join('\n'));
