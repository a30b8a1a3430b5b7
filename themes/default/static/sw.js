// The portal offline after a first visit. The build stamps BUILD (a key of what the
// site is made from) and SHELL (the stylesheets, scripts and offline pages) into this
// file, so a new build is a new worker: it fetches again what the old one kept and
// deletes the old caches, so no page of an old build is shown after a publish.
// Pages are fetched from the network first; the cache answers only when it fails.
const BUILD = '__CCU_BUILD__';
const SHELL = ['__CCU_SHELL__'];
const CACHE = `ccu-${BUILD}`;
const LANGS = ['az', 'en', 'ru'];
// Fingerprinted files never change under their name: the cache answers first.
const IMMUTABLE = /^\/assets\/.+\.[0-9a-f]{8}\.[a-z]+$/;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(SHELL);
    // What the citizen kept under the previous build, as this build has it.
    const kept = await previouslyKept();
    await Promise.allSettled(kept.map((url) => cache.add(url)));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('ccu-') && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

/** The addresses an older build's caches hold, but its fingerprinted files and the shell. */
async function previouslyKept() {
  const urls = new Set();
  for (const name of await caches.keys()) {
    if (!name.startsWith('ccu-') || name === CACHE) continue;
    const cache = await caches.open(name);
    for (const req of await cache.keys()) {
      const path = new URL(req.url).pathname;
      if (!IMMUTABLE.test(path) && !SHELL.includes(path)) urls.add(path);
    }
  }
  return [...urls];
}

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  // The editor's preview (every path under `/_`) and anything but reading stays online.
  if (req.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/_')) return;
  if (req.mode === 'navigate') event.respondWith(page(event, url));
  else if (IMMUTABLE.test(url.pathname)) event.respondWith(cacheFirst(event));
  else event.respondWith(networkFirst(event));
});

/** Keeps a good answer under `key` (a page without its query). */
function keep(event, key, res) {
  if (res.ok && res.type === 'basic') {
    const copy = res.clone();
    event.waitUntil(caches.open(CACHE).then((c) => c.put(key, copy)));
  }
  return res;
}

async function page(event, url) {
  const key = url.origin + url.pathname;
  try {
    return keep(event, key, await fetch(event.request));
  } catch {
    const kept = await caches.match(key, { cacheName: CACHE });
    return kept ?? offlinePage(url);
  }
}

async function networkFirst(event) {
  try {
    return keep(event, event.request.url, await fetch(event.request));
  } catch {
    return (await caches.match(event.request, { cacheName: CACHE })) ?? Response.error();
  }
}

async function cacheFirst(event) {
  const kept = await caches.match(event.request, { cacheName: CACHE });
  return kept ?? keep(event, event.request.url, await fetch(event.request));
}

const escapeHtml = (s) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The offline page in the language of the page asked for, listing the pages kept in
 * that language (each by its title), so the list works without the page's script.
 */
async function offlinePage(url) {
  const first = url.pathname.split('/')[1];
  const lang = LANGS.includes(first) ? first : LANGS[0];
  const cache = await caches.open(CACHE);
  const own = `/${lang}/offline/`;
  const res = await cache.match(own);
  if (!res) return Response.error();
  let html = await res.text();
  const items = [];
  for (const req of await cache.keys()) {
    const path = new URL(req.url).pathname;
    if (!path.startsWith(`/${lang}/`) || !path.endsWith('/') || path === own) continue;
    const text = await (await cache.match(req)).text();
    const title = /<title>([^<]*)<\/title>/.exec(text)?.[1]?.split(' — ')[0] ?? path;
    items.push(`<li><a href="${escapeHtml(path)}">${title}</a></li>`);
  }
  if (items.length) {
    html = html.replace(/(<ul[^>]*\bid="?offline-kept"?[^>]*>)[\s\S]*?(<\/ul>)/, `$1${items.join('')}$2`);
  }
  return new Response(html, { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}

/** "Save for offline": the page sends the addresses to keep; the answer says what was kept. */
self.addEventListener('message', (event) => {
  if (!Array.isArray(event.data?.save)) return;
  const reply = event.ports[0];
  event.waitUntil(save(event.data.save).then((r) => reply?.postMessage(r)));
});

async function save(urls) {
  const cache = await caches.open(CACHE);
  const done = await Promise.allSettled(urls.map(async (u) => {
    const res = await fetch(u, { cache: 'no-cache' });
    if (!res.ok) throw new Error(`${u}: HTTP ${res.status}`);
    const bytes = (await res.clone().arrayBuffer()).byteLength;
    await cache.put(new URL(u, self.location.origin).href, res);
    return bytes;
  }));
  const kept = done.filter((d) => d.status === 'fulfilled');
  return {
    build: BUILD,
    kept: kept.length,
    bytes: kept.reduce((sum, d) => sum + d.value, 0),
    failed: done.flatMap((d, i) => (d.status === 'rejected' ? [urls[i]] : [])),
  };
}
