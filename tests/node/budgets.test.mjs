// Page-weight budgets on the built site, as a visitor's browser pays them (gzip, level 9):
// every page's HTML plus the CSS and JS it loads at most 30 KB; a first search at most
// 25 KB; a first locator lookup at most 40 KB; no page requests anything from another
// origin; the offline code a first view loads at most 3 KB (the service worker itself is
// fetched after the page has loaded); "Save for offline" in one language stores at most
// 1 MB. The figures are printed, so that a regression shows its size.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM, DIST, launchChromium, serveDist } from './helpers.mjs';
import { gzSizer, problems, summary, weigh, weighAll } from '../../tools/page-weight.mjs';

const PAGE_BUDGET = 30_000;
const SEARCH_BUDGET = 25_000;
const LOCATOR_BUDGET = 40_000;
const OFFLINE_VIEW_BUDGET = 3_000;
const SAVE_BUDGET = 1_000_000;
// What the worker fetches after a first view (itself, the stylesheets, the page script, the
// offline page in three languages): a guard against it growing, not a figure of the issue.
const SHELL_BUDGET = 15_000;

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

/**
 * A fresh browser context (empty cache) that records the URL paths requested and any other origin.
 * The service worker is blocked unless asked for: what it fetches in the background after a
 * first view is weighed in its own test, not with the page, search or lookup.
 */
async function open({ worker = false } = {}) {
  const context = await browser.newContext({ serviceWorkers: worker ? 'allow' : 'block' });
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

test('the offline code adds at most 3 KB gzip to a first page view, and the worker loads after the page', async () => {
  // What a first view loads for offline: the modules under /offline/ it imports on view,
  // and the lines of the page script that import and feed them.
  const app = weigh(DIST, '/en/services/1-4/', gz).files.find((f) => /^\/assets\/app\.[0-9a-f]+\.mjs$/.test(f));
  const appText = readFileSync(path.join(DIST, app), 'utf8');
  const without = appText.split('\n').filter((l) => !/offline\/register\.mjs|ccu-unit/.test(l)).join('\n');
  const inApp = gzipSync(appText, { level: 9 }).length - gzipSync(without, { level: 9 }).length;
  const lines = [];
  for (const p of ['/en/', '/en/services/1-4/', '/en/units/masalli/', '/en/districts/az-ler/']) {
    const modules = weigh(DIST, p, gz).files.filter((f) => f.startsWith('/offline/'));
    assert.ok(modules.includes('/offline/register.mjs'), `${p}: registers the worker`);
    assert.ok(!modules.includes('/sw.js') && !modules.includes('/offline/save.mjs'), `${p}: the worker and the saving load later`);
    const bytes = inApp + modules.reduce((sum, f) => sum + gz(f), 0);
    lines.push(`  ${p}: ${bytes} bytes (${modules.join(' ')} and ${inApp} bytes of the page script)`);
    assert.ok(bytes <= OFFLINE_VIEW_BUDGET, `${p}: ${bytes} bytes gzip of offline code, over ${OFFLINE_VIEW_BUDGET}`);
  }
  console.log(`offline code on a first view, gzip (budget ${kb(OFFLINE_VIEW_BUDGET)}):\n${lines.join('\n')}`);
  // In the browser: the worker's script is requested after the page's load event.
  const asked = [];
  const log = (req) => asked.push([Date.now(), req.url]);
  server.on('request', log);
  const page = await open({ worker: true });
  try {
    await page.goto(`${origin}/en/services/1-4/`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 10_000 });
    const loaded = await page.evaluate(() => performance.timeOrigin + performance.getEntriesByType('navigation')[0].loadEventStart);
    const sw = asked.find(([, u]) => u === '/sw.js');
    assert.ok(sw, 'the worker was fetched');
    assert.ok(sw[0] >= loaded - 5, `the worker is fetched after load (${sw[0] - loaded} ms)`);
    // What the worker fetches in the background to keep the shell: shown, and kept small.
    await page.settle();
    const [bytes, files] = bytesOf(asked.filter(([t]) => t >= sw[0]).map(([, u]) => u));
    console.log(`the worker and the shell it keeps, after load: ${files.length} files, ${kb(bytes)} (${files.join(' ')})`);
    assert.ok(bytes <= SHELL_BUDGET, `the worker's shell: ${bytes} bytes gzip, over ${SHELL_BUDGET}`);
  } finally {
    server.off('request', log);
    await page.done();
  }
});

test('"Save for offline" stores at most 1 MB for one language', async () => {
  const lines = [];
  for (const lang of ['az', 'en', 'ru']) {
    const page = await open({ worker: true });
    await page.goto(`${origin}/${lang}/services/1-4/`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 10_000 });
    await page.click('[data-offline-save]');
    await page.waitForFunction(() => document.documentElement.dataset.offlineSaved, null, { timeout: 20_000 });
    assert.equal(await page.evaluate(() => document.documentElement.dataset.offlineSaved), 'yes');
    // Everything the site keeps in this browser: the shell, the page visited and what was saved.
    const [files, bytes] = await page.evaluate(async () => {
      let n = 0, sum = 0;
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const req of await cache.keys()) { n++; sum += (await (await cache.match(req)).arrayBuffer()).byteLength; }
      }
      return [n, sum];
    });
    lines.push(`  ${lang}: ${files} files, ${kb(bytes)}`);
    assert.ok(files > 40, `${lang}: the saved files are counted (${files})`);
    assert.ok(bytes <= SAVE_BUDGET, `${lang}: ${bytes} bytes stored, over ${SAVE_BUDGET}`);
    await page.done();
  }
  console.log(`stored by "Save for offline" on a service page (budget ${kb(SAVE_BUDGET)}):\n${lines.join('\n')}`);
});
