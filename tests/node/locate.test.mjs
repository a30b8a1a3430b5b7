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
  for (const d of places.targets) {
    for (const n of [...d.n, ...d.s]) {
      const chars = Array.from(n);
      const mid = Math.floor(chars.length / 2);
      out.push(n, n.toUpperCase(), `  ${n} district `, `г. ${n}`, `${n} rayonu`);
      if (chars.length > 5) {
        out.push([...chars.slice(0, mid), ...chars.slice(mid + 1)].join(''));
        out.push([...chars.slice(0, mid - 1), chars[mid], chars[mid - 1], ...chars.slice(mid + 1)].join(''));
      }
    }
  }
  return [...out, 'Paris', 'London', 'x', '', '   ', 'Бакы', 'Shamkirskiy rayon', 'в Шамкирском районе',
    'I live in Buzovna', 'Mən Mərdəkanda yaşayıram', 'Я живу в Бузовне', 'в Губе', 'из Масаллы', 'Qubada',
    'Qobustan', 'Lankaran', 'Buzovna, Baku', 'Buzofka', 'Tbilisi', 'computer', 'Kaganovich'];
}

test('the browser locator answers as ccu locate does, on every name, spelling and typo', async () => {
  const queries = variants().filter((q) => !q.includes('\n'));
  for (const lang of ['az', 'en', 'ru']) {
    const out = execFileSync(BIN, ['locate', '--batch', '--lang', lang, '--root', ROOT], { input: queries.join('\n') + '\n', encoding: 'utf8', maxBuffer: 256 << 20 });
    const cli = out.trimEnd().split('\n').map((l) => JSON.parse(l));
    assert.equal(cli.length, queries.length);
    for (let i = 0; i < queries.length; i++) {
      const js = await locate(queries[i], { lang, fetch: fileFetch, base: BASE });
      assert.deepEqual(js, cli[i], `${lang} ${JSON.stringify(queries[i])}`);
    }
  }
});

test('every name locates to a place with that unit, or offers it among a choice', async () => {
  for (const d of places.targets) {
    for (const n of [...d.n, ...d.s]) {
      const got = await locate(n, { lang: 'en', fetch: fileFetch, base: BASE });
      assert.ok(got, n);
      const same = (a) => a.unit === d.u && a.covered === d.c;
      assert.ok(got.choices ? got.choices.some(same) : same(got), `${n}: ${got.district}/${got.unit} instead of ${d.id}/${d.u}`);
    }
  }
});

test('a place nobody has heard of gives null and up to three suggestions', async () => {
  const opts = { lang: 'en', fetch: fileFetch, base: BASE };
  assert.equal(await locate('Paris', opts), null);
  assert.equal(await locate('computer', opts), null);
  const s = await suggest('Lerikk xyz', opts);
  assert.ok(s.length <= 3);
  const weak = await suggest('Buzofka', opts);
  assert.equal(await locate('Buzofka', opts), null);
  assert.ok(weak.some((x) => x.place.id && x.name === 'Buzovna'), JSON.stringify(weak));
  const lerik = await locate('Лерик', { lang: 'az', fetch: fileFetch, base: BASE });
  assert.deepEqual(
    { district: lerik.district, unit: lerik.unit, covered: lerik.covered, name: lerik.name, kind: lerik.place.kind },
    { district: 'AZ-LER', unit: 'masalli', covered: true, name: 'Lerik', kind: 'district' },
  );
});

test('a Baku settlement names its district and DOST centre; a shared name offers a choice', async () => {
  const opts = { lang: 'en', fetch: fileFetch, base: BASE };
  const b = await locate('Buzovna', opts);
  assert.deepEqual([b.district, b.unit, b.place.baku_district, b.place.dost_centre], ['AZ-BA', 'dost-baku-2', 'baku-khazar', 'dost-baku-2']);
  const q = await locate('Qobustan', opts);
  assert.equal(q.district, null);
  assert.deepEqual(q.choices.map((c) => c.district).sort(), ['AZ-BA', 'AZ-QOB']);
});

test('the nine Karabakh districts answer the Barda centre, as ccu locate --json does', async () => {
  const nine = ['AZ-BAR', 'AZ-TAR', 'AZ-AGC', 'AZ-AGM', 'AZ-FUZ', 'AZ-XCI', 'AZ-SUS', 'AZ-XVD', 'AZ-XA'];
  const names = nine.flatMap((id) => places.targets.find((t) => t.id === id).n);
  for (const lang of ['az', 'en', 'ru']) {
    const out = execFileSync(BIN, ['locate', '--batch', '--lang', lang, '--root', ROOT], { input: names.join('\n') + '\n', encoding: 'utf8' });
    const cli = out.trimEnd().split('\n').map((l) => JSON.parse(l));
    for (let i = 0; i < names.length; i++) {
      const js = await locate(names[i], { lang, fetch: fileFetch, base: BASE });
      assert.deepEqual(js, cli[i], `${lang} ${names[i]}`);
      const one = js.choices ? js.choices[0] : js;
      assert.equal(one.unit, 'dost-karabakh', `${lang} ${names[i]}`);
      assert.equal(one.covered, true);
      assert.match(one.caution, /142/);
    }
  }
});

test('Sumgayit is answered with the dated warning that its DOST centre was still being built', async () => {
  for (const [lang, warning] of [['az', '2026-cı ilin yanvarında Sumqayıtda DOST mərkəzi hələ tikilirdi'], ['en', 'In January 2026 the DOST centre in Sumgayit was still being built'], ['ru', 'В январе 2026 года центр DOST в Сумгаите ещё строился']]) {
    const got = await locate('Sumqayıt', { lang, fetch: fileFetch, base: BASE });
    assert.equal(got.unit, 'dost-centres');
    assert.ok(got.caution.includes(warning) && got.caution.includes('142'), JSON.stringify(got));
  }
});
