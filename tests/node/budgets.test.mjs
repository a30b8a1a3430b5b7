// Page-weight budgets on the built site, as a visitor's browser pays them (gzip, level 9):
// every page's HTML plus the CSS and JS it loads at most 30 KB; a first search at most
// 25 KB; a first locator lookup at most 40 KB; no page requests anything from another
// origin. The figures are printed, so that a regression shows its size.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM, DIST, launchChromium, serveDist } from './helpers.mjs';
import { gzSizer, problems, summary, weigh, weighAll } from '../../tools/page-weight.mjs';

const PAGE_BUDGET = 30_000;
const SEARCH_BUDGET = 25_000;
const LOCATOR_BUDGET = 40_000;

const gz = gzSizer(DIST);
const kb = (b) => `${(b / 1000).toFixed(1)} KB`;

test('every page, with the CSS and JS it loads, is at most 30 KB gzip and requests no other origin', () => {
  const rows = weighAll(DIST);
  console.log(summary(rows, PAGE_BUDGET));
  assert.ok(rows.length > 400, `the whole site is weighed (${rows.length} pages)`);
  assert.deepEqual(problems(rows, PAGE_BUDGET), []);
});

test('the weighing catches a heavy page, a request to another origin, and counts imported modules', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ccu-weight-'));
  try {
    const put = (rel, text) => {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), text);
    };
    put('a.css', 'body{color:red}');
    put('m.mjs', "import { x } from './n.mjs';\nconst later = () => import('/later.mjs');\n");
    put('n.mjs', `export const x = '${'n'.repeat(100)}';`);
    put('later.mjs', randomBytes(40_000).toString('base64'));
    put('ok/index.html', '<!DOCTYPE html><link rel=stylesheet href=/a.css><script type=module src="/m.mjs"></script><a href="https://elsewhere.example/">a link is no request</a>');
    put('heavy/index.html', `<!DOCTYPE html><p>${randomBytes(40_000).toString('base64')}</p>`);
    put('foreign/index.html', '<!DOCTYPE html><link rel="stylesheet" href="//fonts.example/a.css"><img src=https://cdn.example/x.png>');
    const ok = weigh(dir, '/ok/');
    assert.deepEqual(ok.files, ['/ok/', '/a.css', '/m.mjs', '/n.mjs'], 'static imports load with the page, dynamic ones do not');
    assert.ok(ok.js > 0 && ok.css > 0 && ok.total === ok.html + ok.css + ok.js);
    const found = problems(weighAll(dir), PAGE_BUDGET);
    assert.equal(found.length, 2, found.join('\n'));
    assert.match(found[0], /^\/heavy\/: \d+ bytes gzip .* over the budget of 30000$/);
    assert.equal(found[1], '/foreign/: requests another origin: //fonts.example/a.css, https://cdn.example/x.png');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// In a real browser: what it fetches, with nothing cached.
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

/** A fresh browser context (empty cache) that records the URL paths requested and any other origin. */
async function open() {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.requested = [];
  page.foreign = [];
  let inflight = 0;
  page.on('request', () => { inflight++; });
  page.on('requestfinished', () => { inflight--; });
  page.on('requestfailed', () => { inflight--; });
  await context.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (u.origin !== origin) { page.foreign.push(u.href); return route.abort(); }
    page.requested.push(u.pathname);
    return route.continue();
  });
  /** Waits until no request has been in flight for 300 ms. */
  page.settle = async () => {
    let quiet = 0;
    while (quiet < 6) {
      await new Promise((r) => setTimeout(r, 50));
      quiet = inflight === 0 ? quiet + 1 : 0;
    }
  };
  page.done = () => context.close();
  return page;
}

const KINDS = (lang) => [
  `/${lang}/`, `/${lang}/services/`, `/${lang}/services/1-4/`, `/${lang}/agencies/labour/`, `/${lang}/topics/housing/`,
  `/${lang}/units/`, `/${lang}/units/dost-baku/`, `/${lang}/districts/`, `/${lang}/districts/az-ler/`,
  `/${lang}/locator/`, `/${lang}/search/`, `/${lang}/guides/how-to-apply/`, `/${lang}/whats-new/`,
];

test('what a browser loads on first view of each kind of page is all counted in its weight', async () => {
  const page = await open();
  const missing = [];
  for (const p of ['/', '/404.html', ...['az', 'en', 'ru'].flatMap(KINDS)]) {
    page.requested.length = 0;
    await page.goto(origin + p);
    await page.settle();
    const counted = new Set(weigh(DIST, p, gz).files);
    for (const r of page.requested) if (!counted.has(r)) missing.push(`${p} loads ${r}, which its weight does not count`);
  }
  assert.deepEqual(missing, []);
  assert.deepEqual(page.foreign, [], 'no request leaves the site');
  await page.done();
});

/** Gzip bytes of `paths` (each counted once), and the table line for people. */
function bytesOf(paths) {
  const unique = [...new Set(paths)];
  return [unique.reduce((sum, p) => sum + gz(p), 0), unique];
}

test('a first search loads at most 25 KB gzip', async () => {
  const lines = [];
  const over = [];
  for (const [lang, query] of [['az', 'əmək pensiyası'], ['en', 'labour pension application'], ['ru', 'трудовая пенсия']]) {
    const page = await open();
    await page.goto(`${origin}/${lang}/search/`);
    // The page itself (HTML, stylesheet, page script) is in its page weight; the rest is the search's.
    const own = new Set(weigh(DIST, `/${lang}/search/`, gz).files.filter((f) => !f.startsWith('/search/')));
    await page.fill('#search-page-q', query);
    await page.locator('#search-results li a').first().waitFor();
    await page.settle();
    const [bytes, files] = bytesOf(page.requested.filter((p) => !own.has(p)));
    lines.push(`  ${lang} "${query}": ${files.length} files, ${kb(bytes)} (${files.join(' ')})`);
    if (bytes > SEARCH_BUDGET) over.push(`${lang} "${query}": ${bytes} bytes gzip, over ${SEARCH_BUDGET}`);
    assert.ok(files.includes('/search/search.mjs') && files.some((f) => f.includes('shard-')), `${lang}: the search's files are counted`);
    assert.deepEqual(page.foreign, []);
    await page.done();
  }
  console.log(`first search, gzip (budget ${kb(SEARCH_BUDGET)}):\n${lines.join('\n')}`);
  assert.deepEqual(over, []);
});

/** Gzip bytes of each language's search files (`search/{lang}/`): its whole index. */
export function indexSizes(dist) {
  const sizes = {};
  for (const lang of ['az', 'en', 'ru']) {
    const files = readdirSync(path.join(dist, 'search', lang)).filter((f) => f.endsWith('.json'));
    sizes[lang] = files.reduce((sum, f) => sum + gz(`/search/${lang}/${f}`), 0);
  }
  return sizes;
}

test('each language\'s search index is at most 30% heavier than before it held whole pages', () => {
  // Measured on the build of the commit named in the file, before facts, guides' sections
  // and snippets' sentences were indexed (README, "Search").
  const before = JSON.parse(readFileSync('tests/fixtures/search-index-before.json', 'utf8'));
  const now = indexSizes(DIST);
  const lines = Object.keys(now).map((l) => `  ${l}: ${kb(before.gzip[l])} → ${kb(now[l])} (${((now[l] / before.gzip[l] - 1) * 100).toFixed(1)}%)`);
  console.log(`search index per language, gzip (at most +30% over ${before.commit}):\n${lines.join('\n')}`);
  for (const l of Object.keys(now)) assert.ok(now[l] <= before.gzip[l] * 1.3, `${l}: ${now[l]} bytes gzip, over 1.3 × ${before.gzip[l]}`);
});

test('a first locator lookup loads at most 40 KB gzip', async () => {
  const lines = [];
  const over = [];
  for (const [lang, query, unit] of [['az', 'Quba', 'qusar'], ['en', 'Lerik', 'masalli'], ['ru', 'Лерик', 'masalli']]) {
    const page = await open();
    await page.goto(`${origin}/${lang}/locator/`);
    await page.settle();
    page.requested.length = 0;
    await page.fill('#locator-q', query);
    await page.locator(`#locator-result a[href="/${lang}/units/${unit}/"]`).waitFor();
    await page.settle();
    const [bytes, files] = bytesOf(page.requested);
    lines.push(`  ${lang} "${query}": ${files.length} files, ${kb(bytes)} (${files.join(' ')})`);
    if (bytes > LOCATOR_BUDGET) over.push(`${lang} "${query}": ${bytes} bytes gzip, over ${LOCATOR_BUDGET}`);
    assert.ok(files.includes('/locator/places.json'), `${lang}: the locator's data is counted`);
    assert.deepEqual(page.foreign, []);
    await page.done();
  }
  console.log(`first locator lookup, gzip (budget ${kb(LOCATOR_BUDGET)}):\n${lines.join('\n')}`);
  assert.deepEqual(over, []);
});
