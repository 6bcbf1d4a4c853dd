import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * The exchange page (`simulator/page/`): `app.ts` bundled with esbuild into memory when a simulator starts,
 * plus `index.html` and `style.css` read from disk. Built once per process and shared by every simulator
 * instance (tests start many).
 */

export interface PageAsset {
  contentType: string;
  body: string;
}

export type PageAssets = ReadonlyMap<string, PageAsset>;

const PAGE_DIR = fileURLToPath(new URL('./page/', import.meta.url));
const ROOT = fileURLToPath(new URL('../', import.meta.url));

let pending: Promise<PageAssets> | undefined;

/** The page's files by URL path. The HTML carries the signing chain id of the simulator that serves it. */
export function loadPageAssets(): Promise<PageAssets> {
  pending ??= buildPage().catch((error: unknown) => {
    pending = undefined; // let a later start try again
    throw error;
  });
  return pending;
}

export function pageHtml(assets: PageAssets, signingChainId: number): PageAsset {
  const html = assets.get('/')!;
  return { ...html, body: html.body.replace('%SIGNING_CHAIN_ID%', String(signingChainId)) };
}

async function buildPage(): Promise<PageAssets> {
  const result = await build({
    entryPoints: [`${PAGE_DIR}app.ts`],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: ROOT, // metafile paths are then relative to the repository root
  });
  // The page must stay independent of the companion's code (see README): refuse to serve it otherwise.
  const fromLib = Object.keys(result.metafile.inputs).filter((input) => input.startsWith('lib/'));
  if (fromLib.length > 0) throw new Error(`The simulator page must not import lib/: ${fromLib.join(', ')}`);
  const script = result.outputFiles[0]?.text;
  if (script === undefined) throw new Error('esbuild produced no page script.');
  const [html, css] = await Promise.all([
    readFile(`${PAGE_DIR}index.html`, 'utf8'),
    readFile(`${PAGE_DIR}style.css`, 'utf8'),
  ]);
  return new Map([
    ['/', { contentType: 'text/html; charset=utf-8', body: html }],
    ['/app.js', { contentType: 'text/javascript; charset=utf-8', body: script }],
    ['/style.css', { contentType: 'text/css; charset=utf-8', body: css }],
  ]);
}
