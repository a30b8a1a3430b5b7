// The editor in a real headless Chromium, against a real `ccu serve` (CCU_BIN) on a
// temporary copy of the site: what an editor does with the forms, what a page of
// another site cannot do, and axe on the editor's pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync, writeFileSync, mkdtempSync, cpSync, rmSync, existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { BIN, CHROMIUM, ROOT, launchChromium } from './helpers.mjs';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const RU_OLD = 'Подайте заявление о назначении трудовой пенсии или социального пособия.';

let site, serve, origin, browser, catalog;

before(async () => {
  assert.ok(existsSync(CHROMIUM), `Chromium is not at ${CHROMIUM}: run tools/setup.sh`);
  site = mkdtempSync(path.join(os.tmpdir(), 'ccu-edit-'));
  for (const part of ['catalog.yaml', 'content', 'themes', 'data']) cpSync(path.join(ROOT, part), path.join(site, part), { recursive: true });
  catalog = path.join(site, 'catalog.yaml');
  serve = spawn(BIN, ['serve', '--root', site, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  origin = await new Promise((resolve, reject) => {
    let out = '';
    serve.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) resolve(`http://127.0.0.1:${m[1]}`);
    });
    serve.on('exit', (code) => reject(new Error(`ccu serve ended (${code})`)));
  });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  serve?.kill();
  if (site) rmSync(site, { recursive: true, force: true });
});

async function open() {
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(`error: ${e.message}`));
  page.done = () => context.close();
  return page;
}

const ruField = '#f-services-3--description-ru';

test('changing a Russian description in the form changes only that value, and the page shows it', async () => {
  const page = await open();
  const before = readFileSync(catalog, 'utf8');
  await page.goto(`${origin}/ru/services/1-4/`);
  await page.click('text=Редактировать эту страницу');
  await page.waitForURL(`${origin}/_edit/ru/services/1-4/`);
  assert.equal(await page.inputValue(ruField), RU_OLD);
  // Labels name each language's box, in the editor's language (Russian here).
  assert.equal(await page.locator(`label[for="${ruField.slice(1)}"]`).textContent(), 'На русском');
  await page.fill(ruField, 'Подайте заявление о пенсии или пособии.');
  await Promise.all([page.waitForURL(/\/ru\/services\/1-4\/\?saved=\d+$/), page.click('button[type=submit]')]);
  assert.match(await page.locator('main').textContent(), /Подайте заявление о пенсии или пособии\./);
  const after = readFileSync(catalog, 'utf8');
  assert.equal(after, before.replace(`ru: ${RU_OLD}\n`, 'ru: Подайте заявление о пенсии или пособии.\n'));
  assert.deepEqual(page.problems, []);
  await page.done();
});

test('an invalid value is shown at its field, focus goes there, and the file is unchanged', async () => {
  const page = await open();
  await page.goto(`${origin}/_edit/en/services/1-4/`);
  const before = readFileSync(catalog, 'utf8');
  await page.fill('#f-services-3--description-az', '');
  await page.click('button[type=submit]');
  await page.locator('.summary').waitFor();
  assert.equal(readFileSync(catalog, 'utf8'), before);
  const field = page.locator('#f-services-3--description-az');
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-services-3--description-az', 'focus is on the first error');
  const described = await field.getAttribute('aria-describedby');
  assert.match(await page.locator(`#${described}`).textContent(), /Azerbaijani text is missing/);
  // The summary's link leads to the field.
  assert.equal(await page.locator('.summary a').first().getAttribute('href'), '#f-services-3--description-az');
  await page.done();
});

test('a page of another site open in the same browser cannot write', async () => {
  const before = readFileSync(catalog, 'utf8');
  // The other site: a page that posts a form to the preview as soon as it opens.
  const evil = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end(`<!DOCTYPE html><form id=f method=post action="${origin}/_edit/ru/services/1-4/">
      <input name="services[3].description.ru" value="Взлом"><input name="_token" value="guess"><input name="_hash" value="x"></form>
      <script>document.getElementById('f').submit()</script>`);
  });
  await new Promise((r) => evil.listen(0, '127.0.0.1', r));
  const page = await open();
  const answered = page.waitForResponse((r) => r.url().startsWith(`${origin}/_edit/`));
  await page.goto(`http://localhost:${evil.address().port}/`);
  assert.equal((await answered).status(), 403);
  // fetch() from the other page: refused too, whatever the mode.
  const status = await page.evaluate(async (url) => {
    try {
      await fetch(url, { method: 'POST', mode: 'no-cors', body: 'services%5B3%5D.description.ru=x' });
    } catch { /* refused */ }
    return 'sent';
  }, `${origin}/_edit/ru/services/1-4/`);
  assert.equal(status, 'sent');
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(readFileSync(catalog, 'utf8'), before, 'nothing was written');
  evil.close();
  await page.done();
});

test('a change made meanwhile on disk is detected, and what was typed is kept', async () => {
  const page = await open();
  await page.goto(`${origin}/_edit/en/services/1-4/`);
  await page.fill('#f-services-3--description-en', 'Typed in the form.');
  // Meanwhile, a text editor changes the same service.
  const edited = readFileSync(catalog, 'utf8').replace('en: Apply for a labour pension or social benefit\n', 'en: Apply for a labour pension or social benefit (text editor)\n');
  writeFileSync(catalog, edited);
  await page.click('button[type=submit]');
  await page.locator('.notice').waitFor();
  assert.match(await page.locator('.notice').textContent(), /changed elsewhere \(in another tab or a text editor\) after this form was opened/);
  assert.match(await page.locator('#n-f-services-3--description-en').textContent(), /Typed in the form\./);
  assert.equal(readFileSync(catalog, 'utf8'), edited);
  await page.done();
});

test('axe-core finds no WCAG 2.2 A/AA violation on the editor pages, errors shown or not', async () => {
  const page = await open();
  const check = async (what) => {
    await page.addScriptTag({ content: AXE });
    const result = await page.evaluate(() => window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    }));
    assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), [], what);
  };
  // Every kind of editor page, in each of the editor's three languages.
  const pages = ['/', '/translations', '/services/1-4/', '/units/dost-baku/', '/agencies/labour/', '/guides/how-to-apply/', '/new/service/', '/delete/services/1-4/', '/districts/az-ler/', '/topics/housing/', '/new/guide/', '/delete/guides/how-to-apply/'];
  for (const lang of ['az', 'ru', 'en']) {
    for (const p of pages) {
      const res = await page.goto(`${origin}/_edit/${lang}${p}`);
      assert.equal(res.status(), 200, `${lang}${p}`);
      assert.equal(await page.getAttribute('html', 'lang'), lang);
      await check(`${lang}${p}`);
    }
  }
  await page.goto(`${origin}/_edit/en/services/1-4/`);
  await page.fill('#f-services-3--description-az', '');
  await page.click('button[type=submit]');
  await page.locator('.summary').waitFor();
  await check('a form with an error');
  // The check can fail: a field that loses its label is caught.
  await page.evaluate(() => document.querySelector('label[for="f-services-3--description-en"]').remove());
  const control = await page.evaluate(() => window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a'] } }));
  assert.ok(control.violations.some((v) => v.id === 'label'), 'axe catches a field without a label');
  await page.done();
});

test('a preview edit link opens its card focused; a save says what changed and highlights it; all by keyboard', async () => {
  const page = await open();
  await page.goto(`${origin}/az/services/1-4/`);
  // The link at the first time fact opens the form at that fact's card, its first field focused.
  const link = page.locator('a.ccu-edit-link[href$="#card-f-services-3--facts-time-0-"]').last();
  await link.focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(`${origin}/_edit/az/services/1-4/#card-f-services-3--facts-time-0-`);
  await page.waitForFunction(() => document.activeElement?.closest('#card-f-services-3--facts-time-0-') && document.activeElement.matches('textarea,input,select'));
  assert.equal(await page.locator('#card-f-services-3--facts-time-0- h3').textContent(), 'Fakt 1');
  // Typed and saved with the keyboard alone (Enter in a one-line field submits the form).
  const field = page.locator('#f-services-3--facts-time-0--text-ru');
  const old = await field.inputValue();
  await field.fill(`${old} (проверено)`);
  await page.locator('#f-services-3--facts-time-0--source').focus();
  await Promise.all([page.waitForURL(/\/az\/services\/1-4\/\?saved=\d+$/), page.keyboard.press('Enter')]);
  assert.equal(await page.locator('.ccu-saved').textContent(), 'Yadda saxlanıldı: Xidmət 1.4 — Nə qədər vaxt aparır, Fakt 1 (rusca).');
  assert.equal(await page.locator('li.ccu-changed').count(), 1);
  assert.match(await page.locator('li.ccu-changed').textContent(), /Redaktə et: Nə qədər vaxt aparır — Fakt 1/);
  assert.deepEqual(page.problems, []);
  await page.done();
});
