import { rpc } from '../support/popup-rpc';
import { createVault, expect, PASSWORD, test } from './fixtures';

test('the worker stopped at random points of vault writes: every account keeps its key, nothing half-written', async ({
  popup,
  stopServiceWorker,
  dumpStorage,
}) => {
  test.setTimeout(120_000);
  await createVault(popup);
  const master = await rpc<{ id: string }>(popup, 'accounts.add', {
    role: 'master',
    kind: 'evm',
    name: 'Main',
    key: '4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318',
  });
  let created = 0;
  for (let round = 0; round < 6; round++) {
    // Fire writes without waiting, then stop the worker a random moment later.
    void popup
      .evaluate(
        ([parentId, first]) =>
          Promise.allSettled(
            [0, 1].map((i) =>
              chrome.runtime.sendMessage({
                channel: 'popup',
                method: 'accounts.generate',
                params: { parentId, name: `Fault${first + i}x` },
              }),
            ),
          ),
        [master.id, round * 2] as const,
      )
      .catch(() => undefined);
    await popup.waitForTimeout(Math.floor(Math.random() * 40));
    await stopServiceWorker();
    await popup.reload();
    await expect(popup.getByRole('button', { name: 'Lock now' })).toBeVisible();
    const accounts = await rpc<{ id: string; hasKey: boolean }[]>(popup, 'accounts.list', {});
    expect(accounts.length).toBeGreaterThanOrEqual(1 + created);
    created = accounts.length - 1;
    // Every account row has its sealed key and every sealed key its row: one transaction each.
    const db = (await dumpStorage()).indexedDB['aster-companion']!;
    const rows = (db.accounts as { id: string }[]).map((a) => `account:${a.id}`).sort();
    const secrets = (db.secrets as { id: string }[]).map((s) => s.id).sort();
    expect(secrets).toEqual(rows);
  }
  // Every key still decrypts: the whole-vault export reads each one.
  const backup = await rpc<{ text: string }>(popup, 'vault.exportBackup', {
    password: PASSWORD,
    filePassword: 'Fault-backup-1',
  });
  expect(JSON.parse(backup.text).format).toBe('aster-companion-vault-backup');
  // And the vault still opens with its password.
  await popup.getByRole('button', { name: 'Lock now' }).click();
  await popup.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await popup.getByRole('button', { name: 'Unlock' }).click();
  await expect(popup.getByRole('button', { name: 'Lock now' })).toBeVisible();
});
