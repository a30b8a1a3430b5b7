import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, cli, devQueries, fileFetch, importBuilt } from './helpers.mjs';

const client = await importBuilt('search/search.mjs');
const queries = await devQueries();

test('Azerbaijani casing and folding match the Rust analyzers', () => {
  assert.equal(client.azLowercase('İSMAYILLI'), 'ismayıllı');
  assert.equal(client.normalize('Şəhid ailəsi'), 'sehid ailesi');
  assert.equal(client.normalize('Mənzil növbəsi'), 'menzil novbesi');
  assert.equal(client.normalize('Ёлка'), 'елка');
  assert.deepEqual(client.words('Санаторно-курортная путёвка!'), ['санаторно', 'курортная', 'путевка']);
  assert.equal(client.editDistance('lerik', 'lreik', 2), 1);
  assert.equal(client.editDistance('masalli', 'paris', 2), 3);
});

test('recall@3 on the development queries is at least 0.9 in each language', async () => {
  for (const lang of ['az', 'en', 'ru']) {
    const mine = queries.filter((q) => q.lang === lang);
    let found = 0;
    const misses = [];
    for (const q of mine) {
      const hits = await client.search(q.query, { lang, fetch: fileFetch, base: BASE, limit: 3 });
      if (hits.some((h) => q.ids.includes(h.id))) found++;
      else misses.push(`${q.query} → ${hits.map((h) => h.id)}`);
    }
    assert.ok(found / mine.length >= 0.9, `${lang}: ${found}/${mine.length}\n${misses.join('\n')}`);
  }
});

test('the browser client ranks as ccu search does', async () => {
  const extra = [['en', 'find a job'], ['az', 'menzil novbesi'], ['ru', 'путевка в санаторий'], ['en', 'pensoin'], ['az', 'sehid']];
  const all = [...queries.map((q) => [q.lang, q.query]), ...extra];
  for (const [lang, query] of all) {
    const js = await client.search(query, { lang, fetch: fileFetch, base: BASE, limit: 5 });
    const rs = cli(['search', '--lang', lang, '--json', '--limit', '5', query]);
    assert.equal(js.length, rs.length, `${lang} ${query}`);
    for (let i = 0; i < rs.length; i++) {
      const rel = Math.abs(js[i].score - rs[i].score) / rs[i].score;
      assert.ok(rel < 1e-4, `${lang} ${query}: score ${js[i].score} vs ${rs[i].score}`);
      if (js[i].id !== rs[i].id) {
        // Only a tie may be ordered differently.
        const tie = Math.abs(rs[i].score - js[i].score) / rs[i].score < 1e-5;
        assert.ok(tie, `${lang} ${query}: #${i + 1} is ${js[i].id} in JS, ${rs[i].id} in the CLI`);
      }
    }
  }
});

test('filters by agency and audience', async () => {
  const all = await client.search('certificate', { lang: 'en', fetch: fileFetch, base: BASE });
  const defence = await client.search('certificate', { lang: 'en', fetch: fileFetch, base: BASE, agency: 'defence' });
  assert.ok(defence.length > 0 && defence.length < all.length);
  assert.ok(defence.every((h) => h.id.startsWith('service:2.') || h.id === 'agency:defence'));
  const martyrs = await client.search('insurance', { lang: 'en', fetch: fileFetch, base: BASE, audience: 'martyr-families' });
  assert.ok(martyrs.some((h) => h.id === 'service:1.7'));
  assert.ok(!martyrs.some((h) => h.id === 'service:1.9'), '1.9 is for servicemen only');
});

test('nothing sensible finds nothing', async () => {
  assert.deepEqual(await client.search('   ', { lang: 'en', fetch: fileFetch, base: BASE }), []);
  assert.deepEqual(await client.search('qqqqqqzzzz', { lang: 'en', fetch: fileFetch, base: BASE }), []);
});
