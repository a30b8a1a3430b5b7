// What each page of a built site costs a visitor: its HTML plus the stylesheets and
// scripts it loads on first view, each gzipped (level 9) as a server would send it;
// and every URL of another origin a page, stylesheet or script would request.
// Used by tests/node/budgets.test.mjs; as a command it prints the heaviest pages:
//   node tools/page-weight.mjs DIST [N]
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const SITE = 'http://site.invalid';

/**
 * Modules a page's script imports as soon as the page is shown (not on first use):
 * a page holding the marker loads the module. `tests/node/budgets.test.mjs` checks
 * in a real browser that nothing a page loads is missing from this model.
 */
export const ON_VIEW = [[/\bid=["']?search-app\b/, '/search/search.mjs']];

/** The gzipped size of a file of the site, by URL path; cached per site. */
export function gzSizer(dist) {
  const cache = new Map();
  return (urlPath) => {
    if (!cache.has(urlPath)) {
      const body = readFileSync(fileOf(dist, urlPath));
      cache.set(urlPath, gzipSync(body, { level: 9 }).length);
    }
    return cache.get(urlPath);
  };
}

/** The file a URL path names (a folder's `index.html`). */
export function fileOf(dist, urlPath) {
  const p = path.join(dist, decodeURIComponent(urlPath));
  return urlPath.endsWith('/') ? path.join(p, 'index.html') : p;
}

/** Every HTML file of the site, as URL paths (`/en/services/1-4/`, `/404.html`). */
export function pages(dist) {
  const out = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.html')) {
        const rel = '/' + path.relative(dist, full).split(path.sep).join('/');
        out.push(rel.endsWith('/index.html') ? rel.slice(0, -'index.html'.length) : rel);
      }
    }
  };
  walk(dist);
  return out.sort();
}

/** The attributes of one tag's text (`<link rel=stylesheet href="/a.css">`), names lowercased. */
function attributes(tag) {
  const attrs = {};
  for (const m of tag.matchAll(/([^\s"'<>\/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
    attrs[m[1].toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? '';
  }
  return attrs;
}

/** The tags of an HTML text: [name, attributes]. Text inside scripts is skipped. */
function tags(html) {
  const body = html.replace(/(<script\b[^>]*>)[\s\S]*?<\/script>/gi, '$1</script>');
  return [...body.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)\b([^>]*)>/g)].map((m) => [m[1].toLowerCase(), attributes(m[2])]);
}

/**
 * What the browser requests for a page by itself: [{url, kind}] with kind
 * `style`, `script` or `other` (images, frames, icons…), in document order.
 */
export function resources(html) {
  const out = [];
  const rels = (a) => (a.rel ?? '').toLowerCase().split(/\s+/);
  const FETCHED = ['stylesheet', 'icon', 'preload', 'modulepreload', 'prefetch', 'manifest', 'apple-touch-icon'];
  for (const [name, a] of tags(html)) {
    if (name === 'link' && a.href !== undefined && rels(a).some((r) => FETCHED.includes(r))) {
      out.push({ url: a.href, kind: rels(a).includes('stylesheet') ? 'style' : rels(a).includes('modulepreload') ? 'script' : 'other' });
    }
    if (name === 'script' && a.src) out.push({ url: a.src, kind: 'script' });
    if (name !== 'script' && a.src) out.push({ url: a.src, kind: 'other' });
    for (const key of ['srcset', 'imagesrcset']) {
      for (const part of (a[key] ?? '').split(',')) if (part.trim()) out.push({ url: part.trim().split(/\s+/)[0], kind: 'other' });
    }
    if (name === 'object' && a.data) out.push({ url: a.data, kind: 'other' });
    if (a.poster) out.push({ url: a.poster, kind: 'other' });
    if (a.background) out.push({ url: a.background, kind: 'other' });
    if (a.style) for (const u of cssUrls(a.style)) out.push({ url: u, kind: 'other' });
  }
  for (const m of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)) {
    for (const u of cssUrls(m[1])) out.push({ url: u, kind: 'other' });
  }
  return out;
}

/** The URLs a stylesheet requests (`url(…)`, `@import`). */
export function cssUrls(css) {
  const out = [];
  for (const m of css.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)/gi)) out.push(m[1] ?? m[2] ?? m[3]);
  for (const m of css.matchAll(/@import\s+(?:"([^"]*)"|'([^']*)')/gi)) out.push(m[1] ?? m[2]);
  return out.filter((u) => u && !u.startsWith('data:') && !u.startsWith('#'));
}

/** A module's static imports (loaded with it), and its dynamic ones (loaded on use). */
export function moduleImports(js) {
  const statics = [...js.matchAll(/(?:^|[;\n}])\s*(?:import|export)\s*(?:[\w*{}\s,$]+?\s*from\s*)?["']([^"']+)["']/g)].map((m) => m[1]);
  const dynamics = [...js.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
  return { statics, dynamics };
}

/** `url` against the page or file at `from` (a URL path), or null if it is another origin's. */
export function sameOrigin(url, from) {
  if (/^(data|blob|about|mailto|tel):/i.test(url)) return null;
  const u = new URL(url, SITE + from);
  return u.origin === SITE ? u.pathname : false;
}

/**
 * One page's weight: {page, html, css, js, total, files} in gzip bytes, the files
 * it loads on first view (URL paths), and `foreign`: URLs of another origin it requests.
 */
export function weigh(dist, page, gz = gzSizer(dist)) {
  const html = readFileSync(fileOf(dist, page), 'utf8');
  const row = { page, html: gz(page), css: 0, js: 0, files: [page], foreign: [] };
  const seen = new Set([page]);
  const add = (url, from, kind) => {
    const p = sameOrigin(url, from);
    if (p === false) { row.foreign.push(url); return; }
    if (p === null || seen.has(p)) return;
    seen.add(p);
    row.files.push(p);
    if (kind === 'style') {
      row.css += gz(p);
      for (const u of cssUrls(readFileSync(fileOf(dist, p), 'utf8'))) add(u, p, 'other');
    } else if (kind === 'script') {
      row.js += gz(p);
      const { statics, dynamics } = moduleImports(readFileSync(fileOf(dist, p), 'utf8'));
      for (const u of statics) add(u, p, 'script');
      // Loaded on use, not with the page: only checked for their origin.
      for (const u of dynamics) if (sameOrigin(u, p) === false) row.foreign.push(u);
    } else {
      // Images and other requests count with the page's own weight.
      row.html += gz(p);
    }
  };
  for (const r of resources(html)) add(r.url, page, r.kind);
  for (const [marker, module] of ON_VIEW) if (marker.test(html)) add(module, page, 'script');
  row.total = row.html + row.css + row.js;
  return row;
}

/** Every page's weight, heaviest first. */
export function weighAll(dist) {
  const gz = gzSizer(dist);
  return pages(dist).map((p) => weigh(dist, p, gz)).sort((a, b) => b.total - a.total || a.page.localeCompare(b.page));
}

/** The pages over `limit` gzip bytes, and the pages that request another origin, as messages. */
export function problems(rows, limit) {
  return [
    ...rows.filter((r) => r.total > limit).map((r) => `${r.page}: ${r.total} bytes gzip (HTML ${r.html}, CSS ${r.css}, JS ${r.js}) is over the budget of ${limit}`),
    ...rows.filter((r) => r.foreign.length).map((r) => `${r.page}: requests another origin: ${r.foreign.join(', ')}`),
  ];
}

/** A short table of the heaviest pages, and the lightest, for people. */
export function summary(rows, limit, n = 5) {
  const kb = (b) => (b / 1000).toFixed(1).padStart(5);
  const line = (r) => `  ${kb(r.total)} KB  (HTML ${kb(r.html)}, CSS ${kb(r.css)}, JS ${kb(r.js)})  ${r.page}`;
  const median = rows[Math.floor(rows.length / 2)]?.total ?? 0;
  return [
    `page weight, gzip, ${rows.length} pages: heaviest ${kb(rows[0]?.total ?? 0)} KB, median ${kb(median)} KB, budget ${kb(limit)} KB`,
    ...rows.slice(0, n).map(line),
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dist = path.resolve(process.argv[2] ?? 'dist');
  statSync(dist);
  const rows = weighAll(dist);
  console.log(summary(rows, 30_000, Number(process.argv[3] ?? 10)));
  for (const p of problems(rows, 30_000)) console.log(p);
}
