import { afterEach, describe, expect, it } from 'vitest';
import { parseAddress, parsePrivateKey } from '@/lib/accounts/keys';
import { decryptKeystore } from '@/lib/crypto/keystore';
import { useMessages } from '@/lib/i18n';
import { checkPasswordPolicy, passwordStrength } from '@/lib/password/strength';
import { localeMessages } from '@/tests/support/locale-messages';
import { decryptBackup } from './backup';
import { VaultDatabase } from './db';
import { VaultError } from './errors';
import { Vault } from './vault';

/** The background's refusals are made in the trader's language at the moment they are made. */
afterEach(async () => useMessages(await localeMessages('en')));

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: unknown) => (error as Error).message,
  );

async function lockedVault() {
  const vault = new Vault({ db: new VaultDatabase(`lang-${crypto.randomUUID()}`), kdfIterations: 1000 });
  await vault.create('correct horse battery staple');
  await vault.lock();
  return vault;
}

describe('background texts follow the chosen language', () => {
  it('a wrong vault password, in English, Korean and Chinese', async () => {
    const vault = await lockedVault();
    expect(await refusal(vault.unlock('wrong password 1'))).toBe('Wrong password.');
    useMessages(await localeMessages('ko'));
    expect(await refusal(vault.unlock('wrong password 2'))).toBe('비밀번호가 틀렸습니다.');
    useMessages(await localeMessages('zh_CN'));
    const third = await vault.unlock('wrong password 3').catch((e: unknown) => e);
    expect(third).toBeInstanceOf(VaultError);
    expect((third as VaultError).message).toMatch(/^密码错误。/);
  });

  it('password policy and strength hints, key and address refusals, key-file and backup-file errors', async () => {
    useMessages(await localeMessages('ko'));
    expect(checkPasswordPolicy('short')).toEqual({ ok: false, reason: '최소 8자 이상 사용하세요.' });
    expect(passwordStrength('password123').hint).toBe('흔한 단어와 연속된 문자는 피하세요.');
    expect(parsePrivateKey('0x12', 'evm')).toEqual({
      ok: false,
      reason: 'EVM 개인 키는 16진수 64자(32바이트)입니다. 이 키는 2자입니다.',
    });
    expect(parseAddress('0x1234', 'evm')).toEqual({
      ok: false,
      reason: 'EVM 주소는 0x 뒤에 16진수 40자가 붙은 형식입니다.',
    });
    expect(await refusal(decryptKeystore('not json', 'pw'))).toBe(
      '이 파일은 JSON이 아닙니다: 키 파일이 아닙니다.',
    );
    useMessages(await localeMessages('zh_CN'));
    expect(await refusal(decryptBackup('{"format":"other"}', 'pw'))).toBe(
      '此文件不是 Aster Companion 保险库备份。',
    );
    expect(parsePrivateKey('', 'solana')).toEqual({
      ok: false,
      reason: '请粘贴 Solana 私钥：Base58 文本或数字组成的 JSON 数组。',
    });
  });
});
