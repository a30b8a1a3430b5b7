// Shared by the Node tests: the built site (CCU_DIST), the ccu binary (CCU_BIN),
// and a fetch that reads the built files instead of the network.
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

export const DIST = path.resolve(process.env.CCU_DIST ?? 'target/test-site');
export const BIN = path.resolve(process.env.CCU_BIN ?? 'target/release/ccu');
export const ROOT = path.resolve('.');
export const BASE = 'http://portal.test';

/** Debian's Chromium, which playwright-core drives (it downloads no browser of its own). */
export const CHROMIUM = process.env.CCU_CHROMIUM ?? '/usr/bin/chromium';

/** Headless Chromium, quiet: no background requests of its own that a test would count. */
export function launchChromium() {
  const { chromium } = createRequire(import.meta.url)('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export const fetched = [];
export async function fileFetch(url) {
  const u = new URL(url);
  fetched.push(u.pathname);
  try {
    const body = await readFile(path.join(DIST, decodeURIComponent(u.pathname)));
    return new Response(body, { status: 200 });
  } catch {
    return new Response('not found', { status: 404 });
  }
}

export function importBuilt(rel) {
  return import(pathToFileURL(path.join(DIST, rel)).href);
}

export function cli(args) {
  return JSON.parse(execFileSync(BIN, [...args, '--root', ROOT], { encoding: 'utf8' }));
}

export function devQueries(file = 'search-dev.tsv') {
  return import('node:fs').then((fs) => fs.readFileSync(path.join(ROOT, 'tests/fixtures', file), 'utf8')
    .split('\n').filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => { const [lang, query, ids] = l.split('\t'); return { lang, query, ids: ids.split(',') }; }));
}

const TYPES = { html: 'text/html; charset=utf-8', css: 'text/css', mjs: 'text/javascript', js: 'text/javascript', json: 'application/json', xml: 'application/xml', svg: 'image/svg+xml', txt: 'text/plain' };

/**
 * The built site on a free loopback port, as a static server would serve it: {server, origin}.
 * `dir` is the folder served, or a function giving it at each request (a site published anew;
 * null: no connection).
 */
export async function serveDist(dir = DIST) {
  const server = createServer(async (req, res) => {
    const root = typeof dir === 'function' ? dir() : dir;
    // No folder: the connection is lost (the request fails as it would offline).
    if (root === null) { req.socket.destroy(); return; }
    const p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (p.includes('..')) { res.writeHead(403); res.end(); return; }
    let file = path.join(root, p);
    try { if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html'); } catch { /* 404 below */ }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(file).slice(1)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': TYPES.html });
      res.end(await readFile(path.join(root, '404.html')));
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
}
