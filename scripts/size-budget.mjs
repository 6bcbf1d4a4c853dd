// Gzipped size of each entry of the production build against its budget; exits non-zero when one is over.
// Pages count every script and style their HTML loads; content scripts and the worker their own file.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const dir = path.resolve(process.argv[2] ?? '.output/chrome-mv3');
const KB = 1024;
const BUDGETS = {
  inpage: 10 * KB,
  relay: 25 * KB,
  background: 150 * KB,
  popup: 150 * KB,
  // What the popup loads before its first screen (issue 13: first render ≤ 1.5× an empty page): 87.2 kB now.
  'popup-first': 90 * KB,
  prompt: 150 * KB,
};

const gz = (file) => gzipSync(readFileSync(path.join(dir, file)), { level: 9 }).length;

function pageFiles(html) {
  const text = readFileSync(path.join(dir, html), 'utf8');
  return [...text.matchAll(/(?:src|href)="\/([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
}

const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
// Content scripts are registered at runtime (lib/background/dapp/exchange-sites.ts), not in the manifest.
const contentScript = (name) => {
  const file = `content-scripts/${name}.js`;
  try {
    readFileSync(path.join(dir, file));
    return file;
  } catch {
    return undefined;
  }
};
const popupFiles = pageFiles('popup.html');
const promptFiles = pageFiles('prompt.html');
// Other pages (the prompt in its own window, the clipboard's offscreen document) are not the popup's.
const otherPageFiles = readdirSync(dir)
  .filter((file) => file.endsWith('.html') && file !== 'popup.html' && file !== 'prompt.html')
  .flatMap(pageFiles);
// Chunks no page loads at first are the popup's lazily loaded views (operations, settings): they count too.
const lazyChunks = readdirSync(path.join(dir, 'chunks'))
  .map((file) => `chunks/${file}`)
  .filter(
    (file) =>
      file.endsWith('.js') &&
      !popupFiles.includes(file) &&
      !promptFiles.includes(file) &&
      !otherPageFiles.includes(file),
  );
const entries = {
  inpage: [contentScript('inpage')],
  relay: [contentScript('relay')],
  background: [manifest.background.service_worker],
  popup: [...popupFiles, ...lazyChunks],
  'popup-first': popupFiles,
  prompt: promptFiles,
};

let over = 0;
console.log(`Gzipped sizes of ${path.relative(process.cwd(), dir)}:`);
for (const [name, files] of Object.entries(entries)) {
  if (files.some((f) => !f)) {
    console.log(`  ${name}: MISSING`);
    over++;
    continue;
  }
  const size = files.reduce((sum, file) => sum + gz(file), 0);
  const budget = BUDGETS[name];
  const ok = size <= budget;
  if (!ok) over++;
  console.log(
    `  ${ok ? 'ok  ' : 'OVER'} ${name.padEnd(10)} ${(size / KB).toFixed(1).padStart(6)} kB of ${(budget / KB).toFixed(0)} kB (${files.length} file${files.length > 1 ? 's' : ''}${name === 'popup' ? `, ${lazyChunks.length} loaded after the first screen` : ''}${name === 'popup-first' ? ', before the first screen' : ''})`,
  );
}
process.exit(over === 0 ? 0 : 1);
