import {
  exportKeyText,
  generateKey,
  guessKeyKind,
  parseAddress,
  parsePrivateKey,
  evmAddressOf,
  solanaAddressOf,
  sameAccountAddress,
} from '@/lib/accounts/keys';
import { decryptKeystore, encryptKeystore, KeystoreError } from '@/lib/crypto/keystore';
import type { Handlers } from '@/lib/messaging/rpc';
import type { PopupContract } from '@/lib/messaging/popup-api';
import { checkPasswordPolicy } from '@/lib/password/strength';
import type { AccountStore } from '@/lib/vault/accounts';
import { decryptBackup, encryptBackup } from '@/lib/vault/backup';
import { VaultError } from '@/lib/vault/errors';
import type { Vault } from '@/lib/vault/vault';
import { t } from '@/lib/i18n';

type AccountMethods = Exclude<
  Extract<keyof PopupContract, `accounts.${string}` | 'vault.exportBackup' | 'vault.restoreBackup'>,
  // Switching belongs to the exchange connection (dapp/popup-handlers.ts).
  'accounts.active' | 'accounts.setActive'
>;

/** How many characters of a revealed key the trader types back, and how long the check stays open. */
const REVEAL_CHECK_POSITIONS = 4;
const REVEAL_CHECK_TTL_MS = 10 * 60_000;

function fileSafe(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 40);
}

function checkFilePassword(password: string): void {
  const policy = checkPasswordPolicy(password);
  if (!policy.ok)
    throw new VaultError(
      'weak-password',
      t('background.accountHandlers.filePassword', { reason: policy.reason }),
    );
}

function randomPositions(from: number, to: number, count: number): number[] {
  const chosen = new Set<number>();
  const random = new Uint32Array(1);
  while (chosen.size < count) {
    crypto.getRandomValues(random);
    chosen.add(from + (random[0]! % (to - from + 1)));
  }
  return [...chosen].sort((a, b) => a - b);
}

/**
 * The popup's account and backup calls. Keys are parsed, sealed, revealed and exported here in the
 * background; pages receive addresses, encrypted files, and a key's text only after the password again.
 */
export function accountHandlers(
  vault: Vault,
  store: AccountStore,
  now: () => number = Date.now,
): Handlers<Pick<PopupContract, AccountMethods>> {
  /** Open "type these characters back" checks, by account id. Lost with the worker: the trader reveals again. */
  const revealChecks = new Map<
    string,
    { positions: number[]; expected: string[]; caseInsensitive: boolean; expires: number }
  >();

  async function requireUnlocked(): Promise<void> {
    if ((await vault.state()).status !== 'unlocked') throw new VaultError('locked', t('errors.vault.locked'));
  }

  function parseKeyOrRefuse(kind: 'evm' | 'solana', key: string) {
    const parsed = parsePrivateKey(key, kind);
    if (parsed.ok) return parsed;
    const guess = guessKeyKind(key);
    if (!guess || guess === kind) throw new VaultError('invalid-input', parsed.reason);
    throw new VaultError(
      'invalid-input',
      t(
        guess === 'evm'
          ? 'background.accountHandlers.looksLikeEvm'
          : 'background.accountHandlers.looksLikeSolana',
        {
          reason: parsed.reason,
        },
      ),
    );
  }

  return {
    'accounts.list': async () => {
      await requireUnlocked();
      return store.list();
    },
    'accounts.preview': async ({ kind, key }) => {
      const parsed = parseKeyOrRefuse(kind, key);
      parsed.secret.fill(0);
      return { kind: parsed.kind, address: parsed.address };
    },
    'accounts.add': async ({ role, kind, parentId, name, key, watchAddress }) => {
      await requireUnlocked();
      if (key !== undefined) {
        const parsed = parseKeyOrRefuse(kind, key);
        try {
          return await store.add({ role, parentId: parentId ?? null, name, key: parsed });
        } finally {
          parsed.secret.fill(0);
        }
      }
      if (role !== 'master' || watchAddress === undefined) {
        throw new VaultError('invalid-input', t('background.accountHandlers.pasteKey'));
      }
      const address = parseAddress(watchAddress, kind);
      if (!address.ok) throw new VaultError('invalid-input', address.reason);
      return store.add({ role, name, key: null, watchAddress: address });
    },
    'accounts.generate': async ({ parentId, name }) => {
      await requireUnlocked();
      const parent = await store.get(parentId);
      const key = generateKey(parent.kind);
      try {
        return await store.add({ role: 'sub', parentId, name, key });
      } finally {
        key.secret.fill(0);
      }
    },
    'accounts.rename': async ({ id, name }) => store.rename(id, name),
    'accounts.setStatus': async ({ id, status }) => store.setStatus(id, status),
    'accounts.remove': async ({ id, confirmation }) => {
      await requireUnlocked();
      const account = await store.get(id);
      if (confirmation !== account.name) {
        throw new VaultError(
          'invalid-input',
          t('background.accountHandlers.confirmRemove', { name: account.name }),
        );
      }
      await store.remove(id);
      return store.list();
    },
    'accounts.exportKeyFile': async ({ id, password, filePassword }) => {
      await vault.verifyPassword(password);
      checkFilePassword(filePassword);
      const { account, secret } = await store.readKey(id);
      try {
        const file = await encryptKeystore(
          secret,
          filePassword,
          account.address,
          account.kind === 'solana' ? { kind: 'solana' } : {},
        );
        return {
          fileName: `aster-companion-${fileSafe(account.name)}-${account.address.slice(0, 10)}.json`,
          text: JSON.stringify(file, null, 2),
        };
      } finally {
        secret.fill(0);
      }
    },
    'accounts.verifyKeyFile': async ({ id, fileText, filePassword }) => {
      await requireUnlocked();
      const account = await store.get(id);
      let opened: Awaited<ReturnType<typeof decryptKeystore>>;
      try {
        opened = await decryptKeystore(fileText, filePassword);
      } catch (error) {
        if (!(error instanceof KeystoreError)) throw error;
        throw new VaultError(
          error.code === 'wrong-password' ? 'wrong-password' : 'invalid-input',
          error.message,
        );
      }
      try {
        const address =
          opened.secret.length !== 32
            ? ''
            : account.kind === 'evm'
              ? evmAddressOf(opened.secret)
              : solanaAddressOf(opened.secret);
        if (!address || !sameAccountAddress(account.kind, address, account.address)) {
          throw new VaultError(
            'invalid-input',
            address
              ? t('background.accountHandlers.otherAccount', { address, name: account.name })
              : t('background.accountHandlers.otherAccountUnknown', { name: account.name }),
          );
        }
      } finally {
        opened.secret.fill(0);
      }
      return store.markBackedUp(id, 'key-file');
    },
    'accounts.reveal': async ({ id, password }) => {
      await vault.verifyPassword(password);
      const { account, secret } = await store.readKey(id);
      const keyText = exportKeyText(account.kind, secret);
      secret.fill(0);
      // EVM: skip the "0x" prefix, which anyone could type.
      const first = account.kind === 'evm' ? 3 : 1;
      const positions = randomPositions(first, keyText.length, REVEAL_CHECK_POSITIONS);
      revealChecks.set(id, {
        positions,
        expected: positions.map((p) => keyText[p - 1]!),
        caseInsensitive: account.kind === 'evm',
        expires: now() + REVEAL_CHECK_TTL_MS,
      });
      return { keyText, positions };
    },
    'accounts.confirmReveal': async ({ id, answers }) => {
      await requireUnlocked();
      const check = revealChecks.get(id);
      if (!check || now() > check.expires) {
        revealChecks.delete(id);
        throw new VaultError('invalid-input', t('background.accountHandlers.checkExpired'));
      }
      const normalise = (c: string) => (check.caseInsensitive ? c.toLowerCase() : c);
      const wrong = check.positions.filter(
        (_, i) => normalise(answers[i] ?? '') !== normalise(check.expected[i]!),
      );
      if (wrong.length > 0) {
        throw new VaultError(
          'invalid-input',
          t('background.accountHandlers.wrongCharacters', wrong.length, { positions: wrong.join(', ') }),
        );
      }
      revealChecks.delete(id);
      return store.markBackedUp(id, 'reveal');
    },
    'vault.exportBackup': async ({ password, filePassword }) => {
      await vault.verifyPassword(password);
      checkFilePassword(filePassword);
      const file = await encryptBackup(await store.exportPayload(), filePassword, new Date(now()));
      return {
        fileName: `aster-companion-backup-${file.createdAt.slice(0, 10)}.json`,
        text: JSON.stringify(file, null, 2),
      };
    },
    'vault.restoreBackup': async ({ fileText, filePassword }) => {
      await requireUnlocked();
      return store.restore(await decryptBackup(fileText, filePassword));
    },
  };
}
