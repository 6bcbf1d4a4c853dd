import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The lint rule that keeps user-visible English out of the UI (eslint.config.js, i18next/no-literal-string)
 * must catch every way a text reaches the trader, and leave alone what no trader reads.
 */
const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, '../..') });
const RULES = ['i18next/no-literal-string', 'no-restricted-syntax'];

async function literalsIn(code: string, file = 'components/LintFixture.tsx'): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return result!.messages.filter((m) => RULES.includes(m.ruleId ?? '')).length;
}

describe('no English literal in the UI', () => {
  it.each([
    ['JSX text', 'export const Example = () => <button type="button">Approve</button>;'],
    ['an accessible name', 'export const Example = () => <nav aria-label="Sections" />;'],
    ['a placeholder', 'export const Example = () => <input placeholder="Search accounts" />;'],
    ['a title', 'export const Example = () => <span title="Frozen by you" />;'],
    [
      'a conditional',
      'export const Example = ({ b }: { b: boolean }) => <p>{b ? "Changing…" : "Change"}</p>;',
    ],
    ['a template', 'export const Example = ({ n }: { n: string }) => <p>{`Balances of ${n}`}</p>;'],
    [
      'an error set in code',
      'export function f(set: (s: string) => void) { set("The two passwords differ."); }',
    ],
    ['a single capitalised word', 'export const label = () => "Settings";'],
    ['a label in an arrow component', 'export const Example = () => <p>Approve</p>;'],
    ['words in a SCREAMING_CASE constant', 'export const SECTIONS = [["transfer", "Transfer"]];'],
    [
      'a sentence in a SCREAMING_CASE map',
      'const WORDS = { agent: "api wallet here" };\nexport default WORDS;',
    ],
  ])('flags %s', async (_, code) => {
    expect(await literalsIn(code)).toBeGreaterThan(0);
  });

  it.each([
    [
      'classes, roles and types',
      'export const Example = () => <p className="row spread" role="status" data-testid="x" />;',
    ],
    [
      'routes and method names',
      'export function f(go: (r: string) => void) { go("/operations/transfer"); go("aster.balances"); }',
    ],
    [
      'text through t',
      'import { t } from "@/lib/i18n";\nexport const Example = () => <button type="button">{t("common.cancel")}</button>;',
    ],
    [
      'the keys of a SCREAMING_CASE map',
      'const KEYS = { "too short": "vault.levels.tooShort" };\nexport default KEYS;',
    ],
    ['symbols without letters', 'export const Example = () => <span>{"·"}</span>;'],
  ])('leaves %s alone', async (_, code) => {
    expect(await literalsIn(code)).toBe(0);
  });

  it('covers the background operations, whose errors and reports the trader reads', async () => {
    const file = 'lib/background/operations/lint-fixture.ts';
    for (const code of [
      'export function f() { throw new RpcError("blocked", "Aster did not confirm the transfer."); }',
      'export const lead = (done: boolean) => (done ? "Made" : `Aster answered ${String(done)}: nothing moved`);',
      'export const report = { text: "Kept the setting." };',
    ])
      expect(await literalsIn(code, file), code).toBeGreaterThan(0);
    expect(
      await literalsIn(
        'import { t } from "@/lib/i18n";\n' +
          'export function f(code: number) {\n' +
          '  if (code === -5050) return { answer: "deposit-gate", endpoint: "/fapi/v3/balance" };\n' +
          '  throw new RpcError("outcome-unknown", t("background.settlement.leadTransfer"));\n' +
          '}',
        file,
      ),
    ).toBe(0);
  });

  it('covers the in-page surfaces built without React', async () => {
    expect(
      await literalsIn(
        'export function f(el: HTMLElement) { el.textContent = "Switch account"; }',
        'lib/content/lint-fixture.ts',
      ),
    ).toBeGreaterThan(0);
  });
});
