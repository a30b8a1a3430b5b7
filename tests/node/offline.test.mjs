// The portal offline after one visit, and the sheet to print, in headless Chromium:
// a service kept with "Save for offline" reloads offline with its unit page, a search
// and a lookup; a page not kept shows the offline page in its language; a rebuilt site
// is served new and replaces what was kept; a service's and a unit's printed sheet
// (Chromium's print to PDF, A4) is one page holding what a citizen takes along.
import { test, before, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { BIN, CHROMIUM, DIST, ROOT, launchChromium, serveDist } from './helpers.mjs';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const LANGS = ['az', 'en', 'ru'];
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ccu-offline-'));
let served = DIST;
let server, origin, browser;

before(async () => {
  assert.ok(existsSync(CHROMIUM), `Chromium is not at ${CHROMIUM}: run tools/setup.sh (apt-get install chromium)`);
  ({ server, origin } = await serveDist(() => served));
  browser = await launchChromium();
});

beforeEach(() => { served = DIST; });

after(async () => {
  await browser?.close();
  server?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** A fresh browser (empty cache, no worker) that records script errors. */
async function open() {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(`error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') page.problems.push(`console: ${m.text()}`); });
  page.ctx = context;
  return page;
}

/**
 * No connection: the browser is set offline, and the server drops every request too,
 * so that nothing reaches the site whichever way the worker fetches.
 */
async function goOffline(page) {
  await page.ctx.setOffline(true);
  served = null;
}

/** Waits until the service worker controls the page. */
async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 10_000 });
}

/** Presses "Save for offline" and waits until the worker says everything was kept. */
async function saveForOffline(page) {
  await page.click('[data-offline-save]');
  await page.waitForFunction(() => document.documentElement.dataset.offlineSaved, null, { timeout: 20_000 });
  assert.equal(await page.evaluate(() => document.documentElement.dataset.offlineSaved), 'yes',
    await page.textContent('[data-offline-status]'));
}

/** The texts a page shows (its main), squeezed. */
const mainText = async (page) => (await page.innerText('main')).replace(/\s+/g, ' ');
const strings = (lang) => Object.fromEntries(readFileSync(path.join(ROOT, `themes/default/i18n/${lang}.yaml`), 'utf8')
  .split('\n').map((l) => /^([a-z_]+): "?(.*?)"?$/.exec(l)).filter(Boolean).map((m) => [m[1], m[2]]));

test('after the home page and one service, offline: the service, its unit, a search and a lookup work from what was kept', async () => {
  const page = await open();
  await page.goto(`${origin}/en/`);
  await controlled(page);
  await page.goto(`${origin}/en/services/1-4/`);
  const title = await page.textContent('h1');
  await saveForOffline(page);
  await goOffline(page);

  await page.reload();
  assert.equal(await page.textContent('h1'), title, 'the service reloads offline');
  assert.match(await mainText(page), /What you need/);
  await page.goto(`${origin}/en/`);
  assert.equal(await page.getAttribute('html', 'lang'), 'en', 'the home page visited before is kept');
  assert.match(await page.textContent('h1'), /\S/);

  await page.goto(`${origin}/en/units/masalli/`);
  assert.match(await page.textContent('h1'), /Masall/, 'the kept unit page opens');
  assert.match(await mainText(page), /Lerik/);

  await page.goto(`${origin}/en/search/`);
  await page.fill('#search-page-q', 'labour pension');
  const first = page.locator('#search-results li a').first();
  await first.waitFor({ timeout: 10_000 });
  assert.equal(await first.getAttribute('href'), '/en/services/1-4/', 'a search runs from the kept index');

  await page.goto(`${origin}/en/locator/`);
  await page.fill('#locator-q', 'Lerik');
  await page.locator('#locator-result a[href="/en/units/masalli/"]').waitFor({ timeout: 10_000 });

  // The other languages of the saved service are kept too.
  await page.goto(`${origin}/ru/services/1-4/`);
  assert.equal(await page.getAttribute('html', 'lang'), 'ru');
  assert.match(await mainText(page), /Что нужно/);
  assert.deepEqual(page.problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(p)), []);
  await page.ctx.close();
  served = DIST;
});

test('offline, a page not kept shows the offline page in its language, with 142 and what is kept', async () => {
  const page = await open();
  await page.goto(`${origin}/az/services/1-4/`);
  await controlled(page);
  await saveForOffline(page);
  await goOffline(page);
  for (const lang of LANGS) {
    const t = strings(lang);
    await page.goto(`${origin}/${lang}/guides/how-to-apply/`);
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    assert.equal(await page.textContent('h1'), t.offline_title, `${lang}: the offline page`);
    const text = await mainText(page);
    assert.match(text, /142/);
    const kept = await page.$$eval('#offline-kept a', (as) => as.map((a) => a.getAttribute('href')));
    assert.ok(kept.includes(`/${lang}/services/1-4/`), `${lang}: the kept service is listed: ${kept}`);
    assert.ok(kept.every((h) => h.startsWith(`/${lang}/`)), `${lang}: only pages in the page's language`);
    assert.ok(!kept.includes(`/${lang}/guides/how-to-apply/`));
  }
  await page.ctx.close();
  served = DIST;
});

test('after a rebuild with a changed service, the next visit serves the new text, and what was kept is the new build', async () => {
  // A second site root: the repository's, with one service's description changed.
  const root = path.join(tmp, 'root');
  for (const f of ['catalog.yaml', 'content', 'data', 'themes']) cpSync(path.join(ROOT, f), path.join(root, f), { recursive: true });
  const before = 'Apply for a labour pension or a social benefit.';
  const after = 'Apply for a labour pension or a social benefit at any unit.';
  const catalog = readFileSync(path.join(root, 'catalog.yaml'), 'utf8');
  assert.equal(catalog.split(before).length, 2, 'the description to change is found once');
  writeFileSync(path.join(root, 'catalog.yaml'), catalog.replace(before, after));
  const second = path.join(tmp, 'second');
  execFileSync(BIN, ['build', '--quiet', '--root', root, '--out', second]);
  const build = (dir) => /const BUILD = '([0-9a-f]+)'/.exec(readFileSync(path.join(dir, 'sw.js'), 'utf8'))[1];
  assert.notEqual(build(second), build(DIST), 'the worker of the new build differs');

  const page = await open();
  try {
    await page.goto(`${origin}/en/services/1-4/`);
    await controlled(page);
    await saveForOffline(page);
    assert.equal(await page.textContent('.lead'), before);
    served = second; // published
    await page.goto(`${origin}/en/services/1-4/`);
    assert.equal(await page.textContent('.lead'), after, 'online, the new text at once');
    // The browser finds the new worker; it replaces the old caches with the new build's pages.
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    const want = [`ccu-${build(second)}`];
    await page.waitForFunction((w) => caches.keys().then((k) => JSON.stringify(k.filter((n) => n.startsWith('ccu-'))) === JSON.stringify(w)), want, { timeout: 15_000 });
    await goOffline(page);
    await page.goto(`${origin}/ru/search/`);
    await page.goto(`${origin}/en/services/1-4/`);
    assert.equal(await page.textContent('.lead'), after, 'offline, the kept page is the new build\'s');
  } finally {
    served = DIST;
    await page.ctx.close();
  }
});

/** Prints the page to PDF as Chromium does (A4); returns [pages, text]. */
async function printed(page, name) {
  const file = path.join(tmp, `${name}.pdf`);
  await page.pdf({ path: file, format: 'A4', preferCSSPageSize: true, printBackground: true });
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)[1]);
  assert.match(info, /^Page size:.*\(A4\)/m, `${name}: A4`);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  return [pages, text];
}

/** The pages under a folder of the built site (`en/services` → `1-1`, `1-2`, …). */
const folders = (rel) => readdirSync(path.join(DIST, rel), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
const squeeze = (s) => s.replace(/\s+/g, ' ').trim();

test('every service page prints as one A4 page in its language: title, documents as a checklist, 142, dates, address; no navigation', async () => {
  const page = await open();
  const services = folders('en/services');
  assert.ok(services.length >= 20);
  const over = [];
  for (const lang of LANGS) {
    const t = strings(lang);
    for (const id of services) {
      await page.goto(`${origin}/${lang}/services/${id}/`);
      const [pages, text] = await printed(page, `${lang}-${id}`);
      if (pages !== 1) over.push(`/${lang}/services/${id}/: ${pages} pages`);
      const title = squeeze(await page.textContent('h1'));
      // pdftotext may break a long line anywhere: compare the start of each text.
      assert.ok(text.includes(title.slice(0, 25)), `${lang} ${id}: the title on paper`);
      assert.ok(text.includes(t.service_documents_title), `${lang} ${id}: what to bring`);
      for (const item of await page.$$eval('.sheet .checklist li', (ls) => ls.map((l) => l.firstChild.textContent))) {
        assert.ok(text.includes(squeeze(item).slice(0, 25)), `${lang} ${id}: the document "${item}" on paper`);
      }
      assert.match(text, /142/);
      assert.ok(text.includes(`/${lang}/services/${id}/`), `${lang} ${id}: the page address as text`);
      for (const off of [t.search_placeholder, t.skip_link, t.nav_whats_new, 'GeoNames']) {
        assert.ok(!text.includes(off), `${lang} ${id}: no navigation, search or footer on paper ("${off}")`);
      }
      const facts = await page.$$eval('.sheet .sheet-source', (s) => s.length);
      assert.equal((text.match(new RegExp(t.fact_checked, 'g')) ?? []).length, facts, `${lang} ${id}: each fact's checked date`);
    }
  }
  assert.deepEqual(over, []);
  // The sheet really has boxes and the facts of 1.4 (so the loop above checked something).
  await page.goto(`${origin}/en/services/1-4/`);
  assert.ok(await page.$$eval('.sheet .checklist li', (l) => l.length) > 0, '1.4 lists documents');
  await page.ctx.close();
});

test("a service's sheet names the citizen's own unit when the locator found one in this browser, else every unit", async () => {
  const page = await open();
  await page.goto(`${origin}/en/services/1-4/`);
  let [, text] = await printed(page, 'all-units');
  assert.ok(text.includes('Masall') && text.includes('Gusar'), 'every unit without a lookup');
  await page.goto(`${origin}/en/locator/`);
  await page.fill('#locator-q', 'Lerik');
  await page.locator('#locator-result a[href="/en/units/masalli/"]').waitFor();
  await page.goto(`${origin}/en/services/1-4/`);
  let pages;
  [pages, text] = await printed(page, 'own-unit');
  assert.equal(pages, 1);
  assert.ok(text.includes('Masall'), 'the unit found');
  assert.ok(!text.includes('Gusar'), 'the others are left off');
  await page.ctx.close();
});

test('a unit page prints as one A4 page: the unit, the districts it serves, 142, the services', async () => {
  const page = await open();
  const units = folders('en/units');
  const over = [];
  for (const lang of LANGS) {
    for (const unit of units) {
      await page.goto(`${origin}/${lang}/units/${unit}/`);
      const [pages, text] = await printed(page, `${lang}-unit-${unit}`);
      if (pages !== 1) over.push(`/${lang}/units/${unit}/: ${pages} pages`);
      assert.ok(text.includes(squeeze(await page.textContent('h1')).slice(0, 20)), `${lang} ${unit}: its name`);
      assert.match(text, /142/);
      const district = await page.$$eval('main ul.columns a', (as) => as[0]?.textContent ?? '');
      if (district) assert.ok(text.includes(squeeze(district).slice(0, 15)), `${lang} ${unit}: a district it serves (${district})`);
      const service = await page.$$eval('.sheet-services li', (ls) => ls.map((l) => l.textContent));
      assert.ok(service.length >= 20 && text.includes(squeeze(service[0]).slice(0, 20)), `${lang} ${unit}: the services`);
    }
  }
  assert.deepEqual(over, []);
  await page.ctx.close();
});

test('with JavaScript the Print control prints; without it the page says how to print', async () => {
  const page = await open();
  await page.goto(`${origin}/en/services/1-4/`);
  await page.evaluate(() => { window.printed = 0; window.print = () => { window.printed++; }; });
  await page.click('[data-print]');
  assert.equal(await page.evaluate(() => window.printed), 1);
  await page.ctx.close();
  const context = await browser.newContext({ javaScriptEnabled: false });
  const plain = await context.newPage();
  await plain.goto(`${origin}/en/services/1-4/`);
  assert.equal(await plain.isVisible('[data-print]'), false, 'no dead button');
  assert.equal(await plain.isVisible('[data-offline-save]'), false, 'no dead button');
  assert.match(await plain.textContent('.print-hint'), /Print/);
  await context.close();
});

test('axe-core and the Nu HTML Checker pass on the offline pages and the pages with the new controls', async () => {
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  const failures = [];
  const pages = LANGS.flatMap((l) => [`/${l}/offline/`, `/${l}/services/1-4/`, `/${l}/units/masalli/`, `/${l}/districts/az-ler/`]);
  for (const p of pages) {
    await page.goto(origin + p);
    await page.addScriptTag({ content: AXE });
    const result = await page.evaluate(() => window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    }));
    for (const v of result.violations) failures.push(`${p}: ${v.id} ${v.nodes[0]?.target}`);
  }
  assert.deepEqual(failures, []);
  await context.close();
  const jar = require.resolve('vnu-jar/build/dist/vnu.jar');
  let out;
  try {
    out = execFileSync('java', ['-jar', jar, '--errors-only', '--format', 'json', ...pages.map((p) => path.join(DIST, p, 'index.html'))], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    out = e.stderr || e.stdout;
  }
  const errors = JSON.parse(out || '{"messages":[]}').messages.filter((m) => m.type === 'error');
  assert.deepEqual(errors.map((m) => `${m.url}:${m.lastLine}: ${m.message}`), []);
});
