import { describe, expect, it } from 'vitest';
import { duplicatedPackages, packageOf } from '../../scripts/one-copy-per-package';

const ROOT = '/repo/node_modules';

describe('one copy of each package in the bundle', () => {
  it('names the package and the folder a bundled module comes from', () => {
    expect(packageOf(`${ROOT}/@noble/curves/esm/abstract/modular.js`)).toEqual({
      name: '@noble/curves',
      root: `${ROOT}/@noble/curves`,
    });
    expect(packageOf(`${ROOT}/viem/node_modules/@noble/hashes/esm/sha3.js?commonjs-es-import`)).toEqual({
      name: '@noble/hashes',
      root: `${ROOT}/viem/node_modules/@noble/hashes`,
    });
    expect(packageOf(`\0${ROOT}/bs58/src/esm/index.js`)).toEqual({ name: 'bs58', root: `${ROOT}/bs58` });
    expect(packageOf('/repo/lib/crypto/keystore.ts')).toBeNull();
  });

  it("finds viem's pinned @noble/curves beside ours, and nothing when there is one copy", () => {
    const ours = `${ROOT}/@noble/curves/esm/ed25519.js`;
    const viems = `${ROOT}/viem/node_modules/@noble/curves/esm/secp256k1.js`;
    expect(duplicatedPackages([ours, viems, `${ROOT}/@noble/curves/esm/abstract/edwards.js`])).toEqual([
      { name: '@noble/curves', roots: [`${ROOT}/@noble/curves`, `${ROOT}/viem/node_modules/@noble/curves`] },
    ]);
    expect(
      duplicatedPackages([ours, `${ROOT}/@noble/curves/esm/secp256k1.js`, `${ROOT}/viem/_esm/index.js`]),
    ).toEqual([]);
  });
});
