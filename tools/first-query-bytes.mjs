// Measures what the browser downloads for its first search: the client module plus
// every index file the query fetches, each gzipped as a server would send it.
// Usage: node tools/first-query-bytes.mjs DIST [lang] [query]
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = path.resolve(process.argv[2] ?? 'dist');
const lang = process.argv[3] ?? 'en';
const query = process.argv[4] ?? 'labour pension application';
const files = ['/search/search.mjs'];
const fetchFile = async (url) => {
  const p = new URL(url).pathname;
  files.push(p);
  return new Response(readFileSync(path.join(dist, p)));
};
const { search } = await import(pathToFileURL(path.join(dist, 'search/search.mjs')).href);
await search(query, { lang, fetch: fetchFile, base: 'http://x.test' });
let raw = 0, gz = 0;
for (const f of files) {
  const body = readFileSync(path.join(dist, f));
  raw += body.length;
  gz += gzipSync(body, { level: 9 }).length;
  console.log(`${f}\t${body.length}\t${gzipSync(body, { level: 9 }).length}`);
}
console.log(`first query "${query}" (${lang}): ${files.length} files, ${raw} bytes, ${gz} bytes gzipped`);
