import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BASE, DIST, cli, devQueries, fileFetch, importBuilt } from './helpers.mjs';

const client = await importBuilt('search/search.mjs');
const queries = await devQueries();
const everyday = await devQueries('search-dev-everyday.tsv');
const opts = (lang, more = {}) => ({ lang, fetch: fileFetch, base: BASE, ...more });

// Words only a service's facts hold (as tests/search.rs): [lang, query, id, marked].
const FACT_WORDS = [
  ['az', 'epikriz', 'service:1.2', '<mark>epikrizi</mark>'], ['en', 'epicrisis', 'service:1.2', '<mark>epicrisis</mark>'],
  ['ru', 'эпикриз', 'service:1.2', '<mark>эпикриз</mark>'], ['az', 'etibarnamə', 'service:1.2', '<mark>etibarnamə</mark>'],
  ['en', 'power of attorney', 'service:1.2', '<mark>attorney</mark>'], ['ru', 'доверенность', 'service:1.2', '<mark>доверенности</mark>'],
  ['az', 'ASAN İmza', 'service:1.1', '<mark>ASAN</mark> <mark>İmza</mark>'], ['en', 'ASAN İmza', 'service:1.1', '<mark>ASAN</mark> <mark>İmza</mark>'],
  ['ru', 'ASAN İmza', 'service:1.1', '<mark>ASAN</mark> <mark>İmza</mark>'], ['az', 'SMS', '*', '<mark>SMS</mark>'],
  ['en', 'SMS', '*', '<mark>SMS</mark>'], ['ru', 'SMS', '*', '<mark>SMS</mark>'],
];
// What people name, said by the pages' facts.
const THINGS = [
  ['en', 'walking frame', 'service:1.2'], ['en', 'orthopaedic shoes', 'service:1.2'], ['az', 'ortopedik ayaqqabı', 'service:1.2'],
  ['az', 'əsa', 'service:1.2'], ['ru', 'ортопедическая обувь', 'service:1.2'], ['ru', 'трость', 'service:1.2'],
  ['az', 'biznes qurmaq', 'service:1.3'], ['en', 'start my own business', 'service:1.3'], ['ru', 'свой бизнес', 'service:1.3'],
];
// Fields keep their weights (as tests/search.rs): a word in a title or keywords passes the
// same word only in other pages' facts.
const WEIGHTS = [
  ['en', 'wheelchair', 'service:1.2'], ['ru', 'коляска', 'service:1.2'], ['az', 'əlil arabası', 'service:1.2'],
  ['en', 'job', 'service:1.3'], ['ru', 'работа', 'service:1.3'], ['az', 'iş', 'service:1.3'],
];
// What units', guides' and agencies' pages print: [lang, query, id prefix].
const PAGES = [
  ['az', 'Qutqaşınlı küçəsi', 'unit:'], ['en', 'Gutgashinli', 'unit:'], ['ru', 'Гутгашинлы', 'unit:'],
  ['az', 'vətəndaş axını', 'guide:how-to-apply'], ['en', 'flow of visitors', 'guide:how-to-apply'], ['ru', 'поток посетителей', 'guide:how-to-apply'],
  ['az', 'özünüzlə nə gətirməli', 'guide:how-to-apply'], ['en', 'what to bring', 'guide:how-to-apply'], ['ru', 'что взять с собой', 'guide:how-to-apply'],
];
// The ways to apply: the guide's section that explains the channel.
const WAYS = [
  ['en', 'phone the helpline', 'Call Centre 142'], ['ru', 'горячая линия', 'колл-центр 142'], ['az', 'zəng mərkəzi', '142 Çağrı Mərkəzi'],
  ['en', 'home visit', 'Mobile service'], ['ru', 'обслуживание на дому', 'Выездное обслуживание'], ['az', 'evə gəlmək', 'Səyyar xidmət'],
];
// A fact's words in another language: [page, query, matched language, shown].
const ACROSS = [
  ['az', 'power of attorney', 'en', 'etibarnamə'], ['ru', 'etibarnamə', 'az', 'доверенности'], ['en', 'доверенность', 'ru', 'power of attorney'],
];


test('Azerbaijani casing and folding match the Rust analyzers', () => {
  assert.equal(client.azLowercase('İSMAYILLI'), 'ismayıllı');
  assert.equal(client.normalize('Şəhid ailəsi'), 'sehid ailesi');
  assert.equal(client.normalize('Mənzil növbəsi'), 'menzil novbesi');
  assert.equal(client.normalize('Ёлка'), 'елка');
  assert.deepEqual(client.words('Санаторно-курортная путёвка!'), ['санаторно', 'курортная', 'путевка']);
  assert.equal(client.editDistance('lerik', 'lreik', 2), 1);
  assert.equal(client.editDistance('masalli', 'paris', 2), 3);
});

async function recall(set) {
  let found = 0;
  const misses = [];
  for (const q of set) {
    const hits = await client.search(q.query, opts(q.lang, { limit: 3 }));
    if (hits.some((h) => q.ids.includes(h.id))) found++;
    else misses.push(`${q.lang} ${q.query} → ${hits.map((h) => h.id)}`);
  }
  return { recall: found / set.length, misses };
}

test('recall@3: every development query, and at least 0.97 of the everyday ones', async () => {
  const dev = await recall(queries);
  assert.equal(dev.recall, 1, dev.misses.join('\n'));
  const daily = await recall(everyday);
  console.log(`everyday recall@3 ${daily.recall.toFixed(3)} (${everyday.length} queries); misses: ${daily.misses.join('; ')}`);
  assert.ok(daily.recall >= 0.97, `${daily.recall}\n${daily.misses.join('\n')}`);
});

test('forms.json is read back as src/search/index.rs wrote it', () => {
  assert.deepEqual(client.decodeForms('0142\n0pension\n7s 1\n0went =go\n0şəhid'),
    [['142', '142'], ['pension', 'pension'], ['pensions', 'pension'], ['went', 'go'], ['şəhid', 'şəhid']]);
});

test('Azerbaijani endings: the client stems as the build did, and reaches the word list', async () => {
  const forms = client.decodeForms(JSON.parse(readFileSync(path.join(DIST, 'search/az/forms.json'), 'utf8')));
  for (const [form, term] of forms) {
    assert.ok([client.azStem(form), client.azStem(form, false)].includes(term), `${form} → ${term}`);
  }
  const list = readFileSync('tests/fixtures/az-endings.tsv', 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#'));
  const kinds = new Map();
  for (const line of list) {
    const [form, word, kind] = line.split('\t');
    const f = client.normalize(form);
    const want = client.azStem(client.normalize(word));
    const ok = client.azStem(f) === want || client.azStem(f, false) === want;
    const [k, n] = kinds.get(kind) ?? [0, 0];
    kinds.set(kind, [k + (ok ? 1 : 0), n + 1]);
  }
  const ok = [...kinds.values()].reduce((a, [k]) => a + k, 0);
  console.log(`az endings: ${ok}/${list.length} reach their word`);
  assert.ok(ok / list.length >= 0.95 && kinds.size >= 9, JSON.stringify([...kinds]));
});

test('the browser client answers as ccu search does, fallbacks and suggestions included', async () => {
  const extra = [['ru', 'справка от врача'], ['en', 'military medical commission'], ['ru', 'собеса'], ['en', 'find a job'], ['az', 'menzil novbesi'], ['ru', 'путевка в санаторий'], ['en', 'pensoin'], ['az', 'sehid'],
    ['az', 'kvartira'], ['en', 'penzoin'], ['en', 'dole'], ['ru', 'собес'], ['az', 'pensiyalarımızdan'], ['az', 'мензил'], ['ru', 'rabota'],
    ['en', 'пенсия'], ['en', 'pensiyonerka'], ['az', 'sertifikatlarxx'], ['en', 'qqqqqqzzzz'], ['az', 'how do I get a flat for a disabled veteran'],
    ...FACT_WORDS.map(([l, q]) => [l, q]), ...THINGS.map(([l, q]) => [l, q]), ...WAYS.map(([l, q]) => [l, q]), ...ACROSS.map(([l, q]) => [l, q]),
    ...WEIGHTS.map(([l, q]) => [l, q]), ...PAGES.map(([l, q]) => [l, q]), ['en', 'medals'], ['ru', 'медали'], ['az', 'medallar']];
  const all = [...queries, ...everyday].map((q) => [q.lang, q.query]).concat(extra);
  for (const [lang, query] of all) {
    const js = await client.answer(query, opts(lang, { limit: 5 }));
    const rs = cli(['search', '--lang', lang, '--json', '--full', '--limit', '5', query]);
    const what = `${lang} ${query}`;
    assert.deepEqual([js.matched_lang, js.matched_query, js.did_you_mean], [rs.matched_lang, rs.matched_query, rs.did_you_mean], what);
    assert.equal(js.hits.length, rs.hits.length, what);
    for (let i = 0; i < rs.hits.length; i++) {
      const [a, b] = [js.hits[i], rs.hits[i]];
      assert.ok(Math.abs(a.score - b.score) / b.score < 1e-4, `${what}: score ${a.score} vs ${b.score}`);
      // Only a tie may be ordered differently.
      if (a.id !== b.id) assert.ok(Math.abs(a.score - b.score) / b.score < 1e-5, `${what}: #${i + 1} is ${a.id} in JS, ${b.id} in the CLI`);
      // The same sentence, marked the same way.
      else assert.deepEqual([a.snippet, a.snippet_html], [b.snippet, b.snippet_html], `${what}: ${a.id}'s snippet`);
    }
    assert.ok([...js.hits, ...rs.hits].every((h) => h.url.startsWith(`/${lang}/`)), `${what}: results are in the page's language`);
  }
});

test('every word a service page prints finds it, and the result shows that sentence marked', async () => {
  for (const [lang, query, want, mark] of FACT_WORDS) {
    const a = await client.answer(query, opts(lang, { limit: 3 }));
    // '*': several pages print the word (SMS): each result shows it.
    const shown = want === '*' ? a.hits : [a.hits.find((h) => h.id === want)];
    assert.ok(shown.length && shown.every(Boolean), `${lang} ${query}: ${a.hits.map((h) => h.id)}`);
    assert.equal(a.matched_lang, lang);
    // The word as the page writes it (a sentence may begin with it).
    for (const hit of shown) assert.ok(hit.snippet_html.toLowerCase().includes(mark.toLowerCase()), `${lang} ${query}: ${hit.snippet_html}`);
  }
});

test('a word only in a fact ranks below a service whose title or keywords hold it', async () => {
  for (const [lang, query, first] of WEIGHTS) {
    const hits = await client.search(query, opts(lang, { limit: 3 }));
    assert.equal(hits[0]?.id, first, `${lang} ${query}: ${hits.map((h) => h.id)}`);
  }
});

test('units, guides and agencies are found by what their pages print', async () => {
  for (const [lang, query, want] of PAGES) {
    const hits = await client.search(query, opts(lang, { limit: 3 }));
    assert.ok(hits.some((h) => h.id.startsWith(want)), `${lang} ${query}: ${hits.map((h) => h.id)}`);
  }
  // An agency's page lists its services: a service's title finds the agency too, below it.
  for (const [lang, query] of [['en', 'medals'], ['ru', 'медали'], ['az', 'medallar']]) {
    const ids = (await client.search(query, opts(lang))).map((h) => h.id);
    const [service, agency] = [ids.indexOf('service:2.3'), ids.indexOf('agency:defence')];
    assert.ok(service >= 0 && agency > service, `${lang} ${query}: ${ids}`);
  }
});

test('the things people name find the service whose page says them', async () => {
  for (const [lang, query, want] of THINGS) {
    const hits = await client.search(query, opts(lang, { limit: 3 }));
    assert.ok(hits.some((h) => h.id === want), `${lang} ${query}: ${hits.map((h) => h.id)}`);
  }
});

test('the ways to apply lead to the section of the guide that explains them, not to a unit', async () => {
  for (const [lang, query, channel] of WAYS) {
    const hits = await client.search(query, opts(lang, { limit: 3 }));
    assert.ok(hits[0]?.id.startsWith('guide:how-to-apply#'), `${lang} ${query}: ${hits.map((h) => h.id)}`);
    assert.ok(hits[0].url.startsWith(`/${lang}/guides/how-to-apply/#`) && hits[0].title.includes(channel), `${lang} ${query}: ${hits[0].title}`);
    assert.ok(!hits.slice(0, 2).some((h) => /^(unit|district):/.test(h.id)), `${lang} ${query}: ${hits.map((h) => h.id)}`);
  }
});

test('a fact in another language reaches the service, its sentence shown in the page language', async () => {
  for (const [lang, query, matched, shown] of ACROSS) {
    const a = await client.answer(query, opts(lang, { limit: 5 }));
    assert.equal(a.matched_lang, matched, `${lang} ${query}`);
    const hit = a.hits.find((h) => h.id === 'service:1.2');
    assert.ok(hit && hit.url.startsWith(`/${lang}/`), `${lang} ${query}: ${a.hits.map((h) => h.id)}`);
    assert.ok(hit.snippet.includes(shown), `${lang} ${query}: ${hit.snippet}`);
    assert.equal(hit.snippet_html, client.escapeHtml(hit.snippet));
  }
});

test('a snippet escapes the text and marks only the query\'s words', () => {
  const exact = new Map([['pension', 'pension'], ['pensions', 'pension'], ['b', 'b']]);
  const doc = { snippet: 'A <b>&"pensions"\' pension', lines: ['no match here'] };
  const s = client.snippet(doc, doc, exact, [{ term: 'pension', weight: 1, words: 1 }], true);
  assert.equal(s.text, doc.snippet);
  assert.equal(s.html, 'A &lt;b&gt;&amp;&quot;<mark>pensions</mark>&quot;&#39; <mark>pension</mark>');
  // A line with more of the query's words is preferred to the description.
  const two = { snippet: 'pension', lines: ['a pension and b'] };
  const t = client.snippet(two, two, exact, [{ term: 'pension', weight: 1, words: 1 }, { term: 'b', weight: 1, words: 2 }], true);
  assert.equal(t.html, 'a <mark>pension</mark> and <mark>b</mark>');
});

test('a query in another language or script finds the service and shows it in the page language', async () => {
  const cases = [['az', 'очередь на жильё', 'service:5.1', 'ru', 'очередь на жильё'], ['ru', 'iş', 'service:1.3', 'az', 'iş'],
    ['ru', 'rabota', 'service:1.3', 'ru', 'работа'], ['az', 'мензил', 'service:5.1', 'az', 'menzil'],
    ['en', 'пенсия', 'service:1.4', 'ru', 'пенсия']];
  for (const [lang, query, want, matchedLang, matchedQuery] of cases) {
    const a = await client.answer(query, opts(lang, { limit: 3 }));
    assert.equal(a.matched_lang, matchedLang, `${lang} ${query}`);
    assert.equal(a.matched_query, matchedQuery, `${lang} ${query}`);
    const hit = a.hits.find((h) => h.id === want);
    assert.ok(hit, `${lang} ${query}: ${a.hits.map((h) => h.id)}`);
    assert.ok(hit.url.startsWith(`/${lang}/`), hit.url);
  }
  // A query its page's language knows is not sent elsewhere.
  const own = await client.answer('pension', opts('en'));
  assert.equal(own.matched_lang, 'en');
});

test('synonyms editors keep reach the service in the client', async () => {
  for (const [lang, query, want] of [['en', 'dole', 'service:1.3'], ['az', 'kvartira', 'service:5.1'], ['ru', 'ДСМФ', 'service:1.4']]) {
    const hits = await client.search(query, opts(lang, { limit: 3 }));
    assert.ok(hits.some((h) => h.id === want), `${lang} ${query}: ${hits.map((h) => h.id)}`);
  }
});

test('nothing found: no results, and close words the index knows', async () => {
  const a = await client.answer('penzoin', opts('en'));
  assert.deepEqual(a.hits, []);
  assert.ok(a.did_you_mean.includes('pension'), String(a.did_you_mean));
  const b = await client.answer('qqqqqqzzzz', opts('en'));
  assert.deepEqual([b.hits, b.did_you_mean], [[], []]);
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
