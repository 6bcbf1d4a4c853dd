import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The lint rules that keep secrets in the background (architecture.md): they must actually fire. */
const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('context boundaries', () => {
  const vaultImport = "import { Vault } from '@/lib/vault/vault';\nexport const v = Vault;\n";

  it.each([
    'entrypoints/inpage.content.ts',
    'lib/provider/eip1193.ts',
    'entrypoints/relay.content.ts',
    'entrypoints/popup/main.ts',
    'entrypoints/popup/app.tsx',
    'components/Unlock.tsx',
    'lib/messaging/popup-api.ts',
  ])('%s may not import the vault', async (file) => {
    const messages = await restrictedImports(file, vaultImport);
    expect(messages.join('\n')).toMatch(/background-only/);
  });

  it('also catches relative imports of the vault', async () => {
    const messages = await restrictedImports('components/Home.tsx', "export * from '../lib/vault/vault';\n");
    expect(messages.join('\n')).toMatch(/background-only/);
  });

  it('keeps the extension API and Dexie out of the inpage script', async () => {
    const messages = await restrictedImports(
      'entrypoints/inpage.content.ts',
      "import { browser } from 'wxt/browser';\nimport Dexie from 'dexie';\nexport const x = [browser, Dexie];\n",
    );
    expect(messages).toHaveLength(2);
  });

  it('lets the background import the vault', async () => {
    expect(await restrictedImports('lib/background/index.ts', vaultImport)).toEqual([]);
    expect(await restrictedImports('entrypoints/background.ts', vaultImport)).toEqual([]);
  });
});
