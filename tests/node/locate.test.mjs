import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BASE, BIN, DIST, ROOT, fileFetch, importBuilt } from './helpers.mjs';

const { locate, suggest, details } = await importBuilt('locator/locate.mjs');
const { toEnglish, toRussian } = await importBuilt('locator/names.mjs');
// Every division and place as the browser reads them (the places' short rows made whole).
const places = await details({ fetch: fileFetch, base: BASE });
const raw = readFileSync(path.join(DIST, 'locator/places.json'));

/** Every name and spelling; for the divisions and every fifth place, the ways people mistype them. */
function variants() {
  const out = [];
  places.targets.forEach((d, i) => {
    for (const n of [...d.n, ...d.s]) {
      const chars = Array.from(n);
      const mid = Math.floor(chars.length / 2);
      out.push(n);
      if (d.id.startsWith('AZ-') || i % 5 === 0) out.push(n.toUpperCase(), `  ${n} district `, `г. ${n}`, `${n} rayonu`);
      if (chars.length > 5 && (d.id.startsWith('AZ-') || i % 5 === 0)) {
        out.push([...chars.slice(0, mid), ...chars.slice(mid + 1)].join(''));
        out.push([...chars.slice(0, mid - 1), chars[mid], chars[mid - 1], ...chars.slice(mid + 1)].join(''));
      }
    }
  });
  return [...out, ...SENTENCES.map(([q]) => q), 'Atyalı', 'Zuğulba', 'Zərdabi', 'Nazırlı', 'Gülşənabad', 'Məmmədbəyli', 'Paris', 'London', 'x', '', '   ', 'Бакы', 'Shamkirskiy rayon', 'в Шамкирском районе',
    'I live in Buzovna', 'Mən Mərdəkanda yaşayıram', 'Я живу в Бузовне', 'в Губе', 'из Масаллы', 'Qubada',
    'Qobustan', 'Lankaran', 'Buzovna, Baku', 'Buzofka', 'Tbilisi', 'computer', 'Kaganovich'];
}

// Sentences as families write them, each with the place it names.
const SENTENCES = [
  ['Xırdalandanam', 'AZ-ABS', null], ['Masazırdayıq', 'AZ-ABS', 'abs-masazir'],
  ['Qubalıyam', 'AZ-QBA', null], ['Mən Qobudanam', 'AZ-ABS', '585838'],
  ['my family lives in Masazir', 'AZ-ABS', 'abs-masazir'], ['we are from Vandam', 'AZ-QAB', 'qab-vandam'],
  ['near Shubani', 'AZ-BA', 'baku-garadagh-shubani'], ['мы из Масазыра', 'AZ-ABS', 'abs-masazir'],
  ['живу в посёлке Шубаны', 'AZ-BA', 'baku-garadagh-shubani'], ['село Вендам', 'AZ-QAB', 'qab-vandam'],
];

test('the browser locator answers as ccu locate does, on every name, spelling and typo', async () => {
  const all = variants().filter((q) => !q.includes('\n'));
  for (const lang of ['az', 'en', 'ru']) {
    // Matching does not depend on the language, only the answer's words do: every query in
    // Azerbaijani, every fourth in English and Russian (the whole run took 11 minutes).
    const queries = lang === 'az' ? all : all.filter((_, i) => i % 4 === 0);
    const out = execFileSync(BIN, ['locate', '--batch', '--lang', lang, '--root', ROOT], { input: queries.join('\n') + '\n', encoding: 'utf8', maxBuffer: 256 << 20 });
    const cli = out.trimEnd().split('\n').map((l) => JSON.parse(l));
    assert.equal(cli.length, queries.length);
    for (let i = 0; i < queries.length; i++) {
      const js = await locate(queries[i], { lang, fetch: fileFetch, base: BASE });
      assert.deepEqual(js, cli[i], `${lang} ${JSON.stringify(queries[i])}`);
    }
  }
});

test('sentences in three languages find the place, in the browser as in ccu locate', async () => {
  for (const [q, district, id] of SENTENCES) {
    const got = await locate(q, { lang: 'en', fetch: fileFetch, base: BASE });
    assert.equal(got?.district, district, q);
    if (id) assert.equal(got.place.id, id, q);
  }
});

test('the places data holds every settlement in a first lookup of at most 40 KB gzip, and the forms the rules make', async () => {
  const { gzipSync } = await import('node:zlib');
  assert.ok(places.targets.length > 1500, `only ${places.targets.length} places`);
  const kb = gzipSync(raw, { level: 9 }).length / 1024;
  assert.ok(kb < 30, `places.json is ${kb.toFixed(1)} KB gzip`);
  const v = places.targets.find((t) => t.id === 'qab-vandam');
  assert.deepEqual(v.n, ['Vəndam', toEnglish('Vəndam'), toRussian('Vəndam')]);
  assert.deepEqual([toEnglish('Xınalıq'), toRussian('Xınalıq')], ['Khinalig', 'Хыналыг']);
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

test('the edit distance the locator and search share agrees with the whole table, up to its limit', async () => {
  const { editDistance } = await importBuilt('search/search.mjs');
  const plain = (a, b) => {
    [a, b] = [Array.from(a), Array.from(b)];
    const t = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= a.length; i++) {
      for (let j = 1; j <= b.length; j++) {
        t[i][j] = Math.min(t[i - 1][j] + 1, t[i][j - 1] + 1, t[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) t[i][j] = Math.min(t[i][j], t[i - 2][j - 2] + 1);
      }
    }
    return t[a.length][b.length];
  };
  // Every word of up to four letters over a, ə and 𝔸 (an astral letter is one char too).
  let words = [''], last = [''];
  for (let k = 0; k < 4; k++) {
    last = last.flatMap((w) => ['a', 'ə', '𝔸'].map((c) => w + c));
    words = words.concat(last);
  }
  assert.equal(words.length, 121);
  for (const a of words) {
    for (const b of words) {
      for (let max = 0; max < 4; max++) assert.equal(editDistance(a, b, max), Math.min(plain(a, b), max + 1), `${a} ${b} ${max}`);
    }
  }
});
