import type { Plugin } from 'vite';

/**
 * Fails the build when the extension would ship two copies of one npm package — e.g. viem's pinned
 * @noble/curves beside ours: twice the elliptic-curve code to audit and ship, and two sets of curve objects.
 * Counts only modules that end up in the output (after tree-shaking), across every chunk of a build.
 */

/** The package a bundled module comes from: its name and the node_modules folder it was installed in. */
export function packageOf(moduleId: string): { name: string; root: string } | null {
  const id = moduleId.replace(/^\0/, '').replace(/\?.*$/, '').replaceAll('\\', '/');
  const at = id.lastIndexOf('/node_modules/');
  if (at < 0) return null;
  const rest = id.slice(at + '/node_modules/'.length).split('/');
  const name = rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1] ?? ''}` : rest[0];
  if (!name) return null;
  return { name, root: `${id.slice(0, at)}/node_modules/${name}` };
}

/** Every package bundled from more than one folder, with those folders. */
export function duplicatedPackages(moduleIds: Iterable<string>): { name: string; roots: string[] }[] {
  const roots = new Map<string, Set<string>>();
  for (const id of moduleIds) {
    const found = packageOf(id);
    if (!found) continue;
    roots.set(found.name, (roots.get(found.name) ?? new Set()).add(found.root));
  }
  return [...roots]
    .filter(([, folders]) => folders.size > 1)
    .map(([name, folders]) => ({ name, roots: [...folders].sort() }));
}

export function oneCopyPerPackage(): Plugin {
  return {
    name: 'aster-companion:one-copy-per-package',
    apply: 'build',
    generateBundle(_options, bundle) {
      const ids: string[] = [];
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk') continue;
        for (const [id, module] of Object.entries(output.modules))
          if (module.renderedLength > 0) ids.push(id);
      }
      const duplicated = duplicatedPackages(ids);
      if (duplicated.length > 0) {
        this.error(
          `The bundle holds two copies of ${duplicated.map((d) => `${d.name} (${d.roots.join(', ')})`).join('; ')}. ` +
            'Align the version range in package.json with the package that pulls in the other copy.',
        );
      }
    },
  };
}
