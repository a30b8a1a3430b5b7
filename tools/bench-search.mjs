// JS query time over the development queries: each query runs once to load its
// files (as a browser's cache would hold them), then is timed over repeated runs.
// Usage: node tools/bench-search.mjs DIST [runs]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = path.resolve(process.argv[2] ?? 'dist');
const runs = Number(process.argv[3] ?? 20);
const root = path.dirname(new URL(import.meta.url).pathname);
const fetchFile = async (u) => new Response(readFileSync(path.join(dist, new URL(u).pathname)));
const { search } = await import(pathToFileURL(path.join(dist, 'search/search.mjs')).href);
const queries = readFileSync(path.join(root, '../tests/fixtures/search-dev.tsv'), 'utf8')
  .split('\n').filter((l) => l.trim() && !l.startsWith('#')).map((l) => l.split('\t'));
const times = [];
for (const [lang, q] of queries) {
  await search(q, { lang, fetch: fetchFile, base: 'http://x.test' });
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await search(q, { lang, fetch: fetchFile, base: 'http://x.test' });
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
}
times.sort((a, b) => a - b);
const pct = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(2);
console.log(`${queries.length} queries × ${runs} runs: median ${pct(0.5)} ms, p95 ${pct(0.95)} ms, max ${times.at(-1).toFixed(2)} ms`);
