// End-to-end in a real headless Chromium (Debian's, driven by playwright-core):
// what citizens do, with and without JavaScript, plus axe-core and the Nu HTML Checker.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { CHROMIUM, DIST, launchChromium, serveDist } from './helpers.mjs';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let server, origin, browser;

before(async () => {
  assert.ok(existsSync(CHROMIUM), `Chromium is not at ${CHROMIUM}: run tools/setup.sh (apt-get install chromium)`);
  ({ server, origin } = await serveDist());
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** A page that records console errors and any request that leaves the site. */
async function open(options = {}) {
  const { slowModules, ...contextOptions } = options;
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (m) => { if (m.type() === 'error') page.problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => page.problems.push(`error: ${e.message}`));
  await context.route('**/*', async (route) => {
    const u = new URL(route.request().url());
    if (u.origin !== origin) { page.problems.push(`left the site: ${u.href}`); return route.abort(); }
    // A slow connection: the search and locator modules arrive late.
    if (options.slowModules && /\/(search|locator)\/[a-z]+\.mjs$/.test(u.pathname)) await new Promise((r) => setTimeout(r, 700));
    return route.continue();
  });
  page.done = () => context.close();
  return page;
}

const KINDS = (lang) => [
  `/${lang}/`, `/${lang}/services/`, `/${lang}/services/1-4/`, `/${lang}/agencies/`, `/${lang}/agencies/labour/`,
  `/${lang}/topics/`, `/${lang}/topics/housing/`, `/${lang}/units/`, `/${lang}/units/masalli/`, `/${lang}/units/dost-baku/`,
  `/${lang}/districts/`, `/${lang}/districts/az-ler/`, `/${lang}/districts/az-nx/`, `/${lang}/locator/`, `/${lang}/search/`,
  `/${lang}/guides/`, `/${lang}/guides/how-to-apply/`, `/${lang}/whats-new/`,
];

test('typing a query in each language shows the expected service first', async () => {
  const page = await open();
  for (const [lang, query, want] of [['en', 'medals', '/en/services/2-3/'], ['az', 'menzil novbesi', '/az/services/5-1/'], ['ru', 'путевка в санаторий', '/ru/services/1-6/']]) {
    await page.goto(`${origin}/${lang}/search/`);
    await page.fill('#search-page-q', query);
    const first = page.locator('#search-results li a').first();
    await first.waitFor();
    assert.equal(await first.getAttribute('href'), want, `${lang} ${query}`);
    assert.ok((await page.locator('#search-results mark').count()) > 0, 'matches are highlighted');
    // The count is announced in the language's plural form (1 результат, 2 результата, 5 результатов).
    const n = await page.locator('#search-results li').count();
    const forms = {
      az: { one: 'nəticə', other: 'nəticə' },
      en: { one: 'result', other: 'results' },
      ru: { one: 'результат', few: 'результата', many: 'результатов', other: 'результата' },
    }[lang];
    assert.equal(await page.locator('#search-status').textContent(), `${n} ${forms[new Intl.PluralRules(lang).select(n)]}`);
  }
  // A word only a fact holds: the result shows that sentence, the word in <mark>.
  for (const [lang, query, marked, sentence] of [['az', 'SMS', 'SMS', 'mobil telefonunuza'], ['en', 'epicrisis', 'epicrisis', 'rehabilitation aids'], ['ru', 'доверенность', 'доверенности', 'законный представитель']]) {
    await page.goto(`${origin}/${lang}/search/`);
    await page.fill('#search-page-q', query);
    const hit = page.locator('#search-results li', { has: page.locator(`a[href="/${lang}/services/1-2/"]`) });
    await hit.waitFor();
    assert.equal(await hit.locator('p mark').first().textContent(), marked, `${lang} ${query}`);
    assert.ok((await hit.locator('p').textContent()).includes(sentence), `${lang} ${query}`);
  }
  // The header box on any page leads to results.
  await page.goto(`${origin}/en/units/`);
  await page.fill('#site-search', 'vaccination');
  await page.press('#site-search', 'Enter');
  await page.locator('#search-results li a').first().waitFor();
  assert.equal(await page.locator('#search-results li a').first().getAttribute('href'), '/en/services/6-2/');
  assert.deepEqual(page.problems, []);
  await page.done();
});

test('a query in another language shows results in the page language, saying so; nothing found helps', async () => {
  const page = await open();
  await page.goto(`${origin}/az/search/`);
  await page.fill('#search-page-q', 'работа для инвалидов');
  const first = page.locator('#search-results li a').first();
  await first.waitFor();
  assert.equal(await first.getAttribute('href'), '/az/services/1-3/');
  assert.equal(await first.textContent(), 'İş tapmaq üçün kömək almaq', 'the title is in Azerbaijani');
  assert.match(await page.locator('#search-notes').textContent(), /rus dilində/);
  // Russian typed in Latin letters on the Russian pages.
  await page.goto(`${origin}/ru/search/`);
  await page.fill('#search-page-q', 'rabota');
  await page.locator('#search-results li a[href="/ru/services/1-3/"]').waitFor();
  assert.match(await page.locator('#search-notes').textContent(), /«работа»/);
  // Nothing found: said plainly, with topics and the ways to ask for help.
  await page.goto(`${origin}/en/search/`);
  await page.fill('#search-page-q', 'qqqqqqzzzz');
  await page.locator('#search-empty').waitFor();
  const help = await page.locator('#search-empty').textContent();
  assert.match(help, /couldn't find/);
  assert.match(help, /Call Centre 142/);
  assert.match(help, /Mobile service/);
  assert.ok((await page.locator('#search-empty a[href="/en/topics/housing/"]').count()) === 1, 'the topics are offered');
  assert.deepEqual(page.problems, []);
  await page.done();
});

test('the locator answers a district, and the language switcher keeps the page', async () => {
  const page = await open();
  await page.goto(`${origin}/ru/locator/`);
  await page.fill('#locator-q', 'Лерик');
  await page.locator('#locator-result a[href="/ru/units/masalli/"]').waitFor();
  await page.fill('#locator-q', 'Naxcivan');
  await page.locator('#locator-result .notice').waitFor();
  const nx = await page.locator('#locator-result').textContent();
  // 142 and the mobile service before the distance, then why the distance misleads.
  assert.ok(nx.indexOf('Колл-центр 142') < nx.indexOf('км по прямой'), nx);
  assert.ok(nx.indexOf('км по прямой') < nx.indexOf('через Армению'), nx);
  await page.fill('#locator-q', 'Sumqayıt');
  await page.locator('#locator-result a[href="/ru/units/dost-centres/"]').waitFor();
  assert.match(await page.locator('#locator-result .notice').textContent(), /В январе 2026 года центр DOST в Сумгаите ещё строился\. Куда обратиться, узнайте по номеру 142/);
  // DOST's claim, not a plain fact, then the dated caution.
  assert.match(await page.locator('#locator-status').textContent(), /На странице DOST сказано, что Сумгаит обслуживают центры DOST\. .*В январе 2026 года/);
  await page.fill('#locator-q', 'Xankəndi');
  await page.locator('#locator-result a[href="/ru/units/dost-karabakh/"]').waitFor();
  assert.match(await page.locator('#locator-result').textContent(), /жителей обслуживает Карабахский региональный центр DOST \(в городе Барда\)/);
  assert.match(await page.locator('#locator-result .notice').textContent(), /узнайте по номеру 142/);
  // Laçın is on no unit's list: the ways to apply come before the nearest unit, without its caution.
  await page.fill('#locator-q', 'Laçın');
  await page.locator('#locator-result.answer-uncovered, #locator-result .answer-uncovered').waitFor();
  const lac = await page.locator('#locator-result').textContent();
  assert.ok(lac.indexOf('не значится ни в одном списке центров') < lac.indexOf('Колл-центр 142'), lac);
  assert.ok(lac.indexOf('Колл-центр 142') < lac.indexOf('Ближайший центр'), lac);
  assert.ok(!lac.includes('какие услуги там оказывает'), lac);
  await page.goto(`${origin}/en/services/1-4/`);
  await page.click('.lang-switch a[hreflang=ru]');
  await page.waitForURL(`${origin}/ru/services/1-4/`);
  assert.equal(await page.getAttribute('html', 'lang'), 'ru');
  assert.deepEqual(page.problems, []);
  await page.done();
});

test('a Baku district names its centre; a shared name asks which place, by keyboard too', async () => {
  const page = await open();
  await page.goto(`${origin}/en/locator/`);
  await page.fill('#locator-q', 'I live in Yasamal');
  await page.locator('#locator-result .answer h2').waitFor();
  assert.match(await page.locator('#locator-result').textContent(), /DOST centre/);
  await page.fill('#locator-q', 'Qobustan');
  const buttons = page.locator('#locator-result button');
  await buttons.first().waitFor();
  assert.equal(await buttons.count(), 2, 'one choice per answer');
  assert.match(await page.locator('#locator-status').textContent(), /which/i);
  const baku = buttons.filter({ hasText: 'Baku' });
  assert.equal(await baku.count(), 1, 'the Baku settlement is offered with its division');
  await baku.focus();
  await page.keyboard.press('Enter');
  await page.locator('#locator-result .answer h2').waitFor();
  assert.match(await page.locator('#locator-result').textContent(), /Baku/);
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H2', 'focus moves to the answer');
  assert.equal(await page.locator('#locator-result button').count(), 0);
  assert.deepEqual(page.problems, []);
  await page.done();
});

test('what is typed before the scripts arrive is kept and answered', async () => {
  const page = await open({ slowModules: true });
  await page.goto(`${origin}/en/locator/`, { waitUntil: 'domcontentloaded' });
  await page.fill('#locator-q', 'Lerik');
  await page.locator('#locator-result a[href="/en/units/masalli/"]').waitFor();
  assert.equal(await page.inputValue('#locator-q'), 'Lerik');
  await page.goto(`${origin}/ru/search/`, { waitUntil: 'domcontentloaded' });
  await page.fill('#search-page-q', 'медали');
  await page.locator('#search-results li a[href="/ru/services/2-3/"]').waitFor();
  assert.equal(await page.inputValue('#search-page-q'), 'медали');
  assert.deepEqual(page.problems, []);
  await page.done();
});

test('without JavaScript every kind of page and the A–Z locator list work', async () => {
  const page = await open({ javaScriptEnabled: false });
  for (const lang of ['az', 'en', 'ru']) {
    for (const p of KINDS(lang)) {
      const res = await page.goto(origin + p);
      assert.equal(res.status(), 200, p);
      assert.equal(await page.locator('h1').count(), 1, `${p} has one h1`);
    }
  }
  await page.goto(`${origin}/en/locator/`);
  await page.click('.az-list a[href="/en/districts/az-ler/"]');
  assert.match(await page.locator('.answer').textContent(), /Masalli/);
  await page.goto(`${origin}/en/search/?q=pension`);
  assert.ok(await page.locator('.nojs-only .notice').isVisible(), 'the search page says JavaScript is needed');
  assert.ok((await page.locator('.card-grid a').count()) > 6, 'and offers topics and agencies');
  assert.deepEqual(page.problems, []);
  await page.done();
});

test('keyboard only: search and locator flows, with visible focus', async () => {
  const page = await open();
  const tabTo = async (selector) => {
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
    }
    assert.fail(`Tab never reached ${selector}`);
  };
  await page.goto(`${origin}/en/search/`);
  await tabTo('#search-page-q');
  await page.keyboard.type('employment');
  await page.locator('#search-results li a').first().waitFor();
  await tabTo('#search-results li:first-child a');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'focus is visible');
  await page.keyboard.press('Enter');
  await page.waitForURL(`${origin}/en/services/1-3/`);

  await page.goto(`${origin}/az/locator/`);
  await tabTo('#locator-q');
  await page.keyboard.type('Quba');
  await page.locator('#locator-result a[href="/az/units/qusar/"]').waitFor();
  await tabTo('#locator-result a[href="/az/units/qusar/"]');
  await page.keyboard.press('Enter');
  await page.waitForURL(`${origin}/az/units/qusar/`);
  assert.deepEqual(page.problems, []);
  await page.done();
});

test('axe-core finds no WCAG 2.2 A/AA violation on any kind of page in any language', async () => {
  const page = await open({ bypassCSP: true });
  const failures = [];
  const pages = ['/', '/404.html', ...['az', 'en', 'ru'].flatMap(KINDS)];
  for (const p of pages) {
    await page.goto(origin + p);
    if (p.endsWith('/search/')) {
      await page.fill('#search-page-q', { az: 'pensiya', en: 'pension', ru: 'пенсия' }[p.split('/')[1]]);
      await page.locator('#search-results li').first().waitFor();
    }
    await page.addScriptTag({ content: AXE });
    const result = await page.evaluate(() => window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    }));
    for (const v of result.violations) failures.push(`${p}: ${v.id} (${v.nodes.length}) ${v.nodes[0]?.target}`);
  }
  assert.deepEqual(failures, []);
  // Control: the same run does catch a page that breaks the rules.
  await page.setContent('<!DOCTYPE html><html><body><input type="text"><a href="/x"></a></body></html>');
  await page.addScriptTag({ content: AXE });
  const control = await page.evaluate(() => window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } }));
  assert.ok(control.violations.some((v) => v.id === 'html-has-lang'), 'axe catches a page without lang');
  await page.done();
});

test('the Nu HTML Checker reports no errors on any kind of page', () => {
  const jar = require.resolve('vnu-jar/build/dist/vnu.jar');
  const files = ['index.html', '404.html', ...['az', 'en', 'ru'].flatMap(KINDS).map((p) => `${p.slice(1)}index.html`)]
    .map((f) => path.join(DIST, f));
  let out;
  try {
    out = execFileSync('java', ['-jar', jar, '--errors-only', '--format', 'json', ...files], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    out = e.stderr || e.stdout;
  }
  const messages = JSON.parse(out || '{"messages":[]}').messages.filter((m) => m.type === 'error');
  assert.deepEqual(messages.map((m) => `${path.relative(DIST, new URL(m.url).pathname)}:${m.lastLine}: ${m.message}`), []);
  // Control: the checker does report a broken page.
  const bad = path.join(DIST, '..', 'vnu-control.html');
  writeFileSync(bad, '<!DOCTYPE html><html lang=en><title>x</title><p><div></p><figure><figcaption>a</figcaption><p>b</p><figcaption>c</figcaption></figure>');
  let controlOut;
  try {
    controlOut = execFileSync('java', ['-jar', jar, '--errors-only', '--format', 'json', bad], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    controlOut = e.stderr || e.stdout;
  }
  assert.ok(JSON.parse(controlOut).messages.some((m) => m.type === 'error'), 'vnu reports errors on a broken page');
});
