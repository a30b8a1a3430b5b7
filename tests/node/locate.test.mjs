import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BASE, BIN, DIST, ROOT, fileFetch, importBuilt } from './helpers.mjs';

const { locate, suggest } = await importBuilt('locator/locate.mjs');
const places = JSON.parse(readFileSync(path.join(DIST, 'locator/places.json'), 'utf8'));

/** Every name and spelling, and the ways people mistype them. */
function variants() {
  const out = [];
  for (const d of places.districts) {
    for (const n of [d.names.az, d.names.en, d.names.ru, ...d.spellings]) {
      const chars = Array.from(n);
      const mid = Math.floor(chars.length / 2);
      out.push(n, n.toUpperCase(), `  ${n} district `, `г. ${n}`, `${n} rayonu`);
      if (chars.length > 5) {
        out.push([...chars.slice(0, mid), ...chars.slice(mid + 1)].join(''));
        out.push([...chars.slice(0, mid - 1), chars[mid], chars[mid - 1], ...chars.slice(mid + 1)].join(''));
      }
    }
  }
  return [...out, 'Paris', 'London', 'x', '', '   ', 'Бакы', 'Shamkirskiy rayon', 'в Шамкирском районе'];
}

test('the browser locator answers as ccu locate does, on every name, spelling and typo', async () => {
  const queries = variants().filter((q) => !q.includes('\n'));
  for (const lang of ['az', 'en', 'ru']) {
    const out = execFileSync(BIN, ['locate', '--batch', '--lang', lang, '--root', ROOT], { input: queries.join('\n') + '\n', encoding: 'utf8' });
    const cli = out.trimEnd().split('\n').map((l) => JSON.parse(l));
    assert.equal(cli.length, queries.length);
    for (let i = 0; i < queries.length; i++) {
      const js = await locate(queries[i], { lang, fetch: fileFetch, base: BASE });
      assert.deepEqual(js, cli[i], `${lang} ${JSON.stringify(queries[i])}`);
    }
  }
});

test('every name locates to a place with that unit, in any script', async () => {
  for (const d of places.districts) {
    for (const n of [d.names.az, d.names.en, d.names.ru, ...d.spellings]) {
      const got = await locate(n, { lang: 'en', fetch: fileFetch, base: BASE });
      assert.ok(got, n);
      assert.equal(got.unit, d.unit, `${n}: ${got.district} instead of ${d.id}`);
    }
  }
});

test('a place nobody has heard of gives null and up to three suggestions', async () => {
  assert.equal(await locate('Paris', { lang: 'en', fetch: fileFetch, base: BASE }), null);
  const s = await suggest('Lerikk xyz', { lang: 'en', fetch: fileFetch, base: BASE });
  assert.ok(s.length <= 3);
  const lerik = await locate('Лерик', { lang: 'az', fetch: fileFetch, base: BASE });
  assert.deepEqual(lerik, { district: 'AZ-LER', unit: 'masalli', covered: true, distance_km: lerik.distance_km, name: 'Lerik' });
});
