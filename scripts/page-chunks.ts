import path from 'node:path';
import type { OutputOptions } from 'rolldown';
import type { InlineConfig } from 'vite';

/** Where the graphs start: the background, and the first screens (the popup's home, the prompt). */
const BACKGROUND = ['entrypoints/background.ts'];
const FIRST_SCREENS = ['entrypoints/popup/app.tsx', 'entrypoints/prompt/main.tsx'];
/**
 * The pages' own scripts stay in their pages' chunks: their top-level code runs wherever their chunk is
 * loaded (in `ui`, the prompt's script rendered a prompt into the popup's root, under the popup's own, and
 * made the popup's code wait for the prompt's stored language).
 */
const PAGE_SCRIPTS = ['entrypoints/popup/main.ts', 'entrypoints/prompt/main.tsx'];

interface Graph {
  getModuleInfo(id: string): { importedIds: readonly string[] } | null;
}

/** Every module `from` imports statically, itself included. */
function staticallyReached(graph: Graph, from: string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...from];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(graph.getModuleInfo(id)?.importedIds ?? []));
  }
  return seen;
}

/**
 * How the extension pages' code is split into files. Each file is one more request through the browser
 * process before a page can run, and on a busy machine that, more than the bytes, is the popup's first
 * render; left to itself the bundler makes a chunk for every set of pages that shares a module (fifteen
 * files for the popup's first screen). Instead, the code of the first screens (the popup's home and the
 * prompt) goes in two files:
 * - `ui`: what they need and the background does not (React, the screens, the stores);
 * - `shared`: what they share with the background (messages and their schemas, languages): the background
 *   imports that file too, and never the first one. Only modules the background already imports go there
 *   (a page's module, e.g. Vite's modulepreload polyfill, would run in the worker, where there is no DOM).
 * The screens opened later (operations, settings, adding and backing up accounts) stay lazily loaded chunks.
 * Against Vite's default chunking (16 files before the popup's first screen), measured alternately on a
 * busy machine: popup first render ÷ bare React page 1.52 / 1.53 here vs 1.84 / 1.56 (1 / 256 accounts).
 */
export function groupPageChunks(config: InlineConfig): void {
  const build = (config.build ??= {});
  const options = (build.rolldownOptions ??= {});
  const outputs: OutputOptions[] = Array.isArray(options.output)
    ? options.output
    : [(options.output ??= {}) as OutputOptions];
  const root = config.root ?? process.cwd();
  const pageScripts = new Set(PAGE_SCRIPTS.map((file) => path.resolve(root, file)));
  let reached: { background: Set<string>; firstScreens: Set<string> } | null = null;
  for (const output of outputs) {
    output.codeSplitting = {
      groups: [
        {
          // (Reachability already decides every module: none joins because a grouped module imports it.)
          includeDependenciesRecursively: false,
          name(id: string, graph: Graph) {
            reached ??= {
              background: staticallyReached(
                graph,
                BACKGROUND.map((file) => path.resolve(root, file)),
              ),
              firstScreens: staticallyReached(
                graph,
                FIRST_SCREENS.map((file) => path.resolve(root, file)),
              ),
            };
            if (!reached.firstScreens.has(id) || pageScripts.has(id)) return null;
            return reached.background.has(id) ? 'shared' : 'ui';
          },
        },
      ],
    };
  }
}
