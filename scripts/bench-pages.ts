import { build } from 'esbuild';
import path from 'node:path';
import type { GeneratedPublicFile } from 'wxt';

/** The bare React page's address in the extension (scripts/bench.ts opens it). */
export const BARE_REACT_PAGE = 'bench/bare-react.html';

/**
 * Pages only the test build carries, for the benchmark's floors. The bare React page loads react and
 * react-dom/client (production, minified, one module file like the popup's entry) and renders one element:
 * what the fixed stack costs before any of the extension's code, measured in the same run as the popup.
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
  ];
}
