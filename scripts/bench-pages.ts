import { build } from 'esbuild';
import path from 'node:path';
import type { GeneratedPublicFile } from 'wxt';

/** The bare React page's address in the extension (scripts/bench.ts opens it). */
export const BARE_REACT_PAGE = 'bench/bare-react.html';
/** A page whose only content is one module script that does nothing: what running any code at all costs. */
export const ONE_SCRIPT_PAGE = 'bench/one-script.html';

/**
 * Pages only the test build carries, for the benchmark's floors. The bare React page loads react and
 * react-dom/client (production, minified, one module file like the popup's entry) and renders one element:
 * what the fixed stack costs before any of the extension's code, measured in the same run as the popup. The
 * one-script page loads one module script of one statement: an extension page that runs any code at all pays
 * for its script context and the script's fetch, which an image or an empty page never does.
 */
export async function benchPages(): Promise<GeneratedPublicFile[]> {
  const bundle = await build({
    entryPoints: [path.resolve(import.meta.dirname, 'bench-pages/bare-react.ts')],
    bundle: true,
    format: 'esm',
    minify: true,
    target: 'es2022',
    define: { 'process.env.NODE_ENV': '"production"' },
    write: false,
    logLevel: 'silent',
  });
  return [
    {
      relativeDest: BARE_REACT_PAGE,
      contents: `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    <title>Bare React</title>
    <script type="module" src="/bench/bare-react.js"></script>
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>
`,
    },
    { relativeDest: 'bench/bare-react.js', contents: bundle.outputFiles[0]!.text },
    {
      relativeDest: ONE_SCRIPT_PAGE,
      contents: `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <title>One script</title>
    <script type="module" src="/bench/one-script.js"></script>
  </head>
  <body></body>
</html>
`,
    },
    { relativeDest: 'bench/one-script.js', contents: 'window.__scriptRanAt = performance.now();\n' },
  ];
}
