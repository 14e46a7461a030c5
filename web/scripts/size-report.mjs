// Prints the gzip size of the JavaScript a shopper loads first (the entry chunk and the chunks it
// imports statically, from index.html), and of every lazy chunk. Run by `npm run build`.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const dist = new URL('../dist/', import.meta.url).pathname;
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const initial = new Set([...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]));
const gz = (f) => gzipSync(readFileSync(join(dist, f)), { level: 9 }).length;
let initialBytes = 0;
const rows = [];
for (const f of readdirSync(join(dist, 'assets'))) {
  if (!f.endsWith('.js') && !f.endsWith('.css')) continue;
  const rel = `assets/${f}`;
  const size = gz(rel);
  const first = initial.has(rel);
  if (first && f.endsWith('.js')) initialBytes += size;
  rows.push({ file: rel, gzip: size, initial: first });
  // Precompressed copy: the server sends it to clients that accept gzip.
  writeFileSync(join(dist, rel + '.gz'), gzipSync(readFileSync(join(dist, rel)), { level: 9 }));
}
rows.sort((a, b) => b.gzip - a.gzip);
for (const r of rows) console.log(`${r.initial ? '*' : ' '} ${(r.gzip / 1024).toFixed(1).padStart(7)} KB gzip  ${r.file}`);
const kb = (initialBytes / 1024).toFixed(1);
console.log(`initial storefront JS: ${kb} KB gzip (budget 100 KB)`);
writeFileSync(join(dist, 'size-report.json'), JSON.stringify({ initial_js_gzip_bytes: initialBytes, chunks: rows }, null, 2));
if (initialBytes > 100 * 1024) {
  console.error('initial storefront JS is over the 100 KB gzip budget');
  process.exit(1);
}
