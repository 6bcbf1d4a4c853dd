import type { Page } from '@playwright/test';
import { createVault, expect, PASSWORD, test, unlock, type StorageDump } from './fixtures';

const unlockHeading = (page: Page) => page.getByRole('heading', { name: 'Unlock Aster Companion' });
const lockButton = (page: Page) => page.getByRole('button', { name: 'Lock now' });

async function openSettings(page: Page) {
  await page.getByRole('button', { name: 'Settings' }).click();
}

/** Every encoding a secret could leak in: as text, hex, base64 and a JSON byte array. */
function encodings(bytes: Buffer): string[] {
  return [
    bytes.toString('hex'),
    bytes.toString('base64'),
    bytes.toString('base64url'),
    JSON.stringify(Array.from(bytes)),
    Array.from(bytes).join(','),
  ];
}

function contains(dump: unknown, needles: string[]): string[] {
  const haystack = JSON.stringify(dump);
  return needles.filter((needle) => haystack.includes(needle));
}

test('first run creates the vault from the popup, then locks and unlocks', async ({ popup }) => {
  await expect(popup.getByRole('heading', { name: 'Create your vault' })).toBeVisible();
  await createVault(popup);
  await lockButton(popup).click();
  await expect(unlockHeading(popup)).toBeVisible();
  await unlock(popup, 'not the password');
  await expect(popup.getByRole('alert')).toHaveText('Wrong password.');
  await expect(unlockHeading(popup)).toBeVisible();
  await unlock(popup);
  await expect(lockButton(popup)).toBeVisible();
});

test('the first-run form explains a weak or mismatched password and creates nothing', async ({
  popup,
  dumpStorage,
}) => {
  await popup.getByLabel('New password', { exact: true }).fill('short');
  await expect(popup.getByText('Strength: too short. Use at least 8 characters.')).toBeVisible();
  const meter = popup.getByRole('meter', { name: 'Password strength' });
  await expect(meter).toHaveJSProperty('value', 0);
  await popup.getByLabel('New password', { exact: true }).fill('password123');
  await expect(popup.getByText(/Strength: weak/)).toBeVisible();
  await expect(meter).toHaveJSProperty('value', 1);
  await popup.getByLabel('New password', { exact: true }).fill('Tr0ub4dor&3-staple-Horse');
  await expect(popup.getByText(/Strength: strong/)).toBeVisible();
  await expect(meter).toHaveJSProperty('value', 4);
  await popup.getByLabel('Confirm password', { exact: true }).fill('password124');
  await popup.getByRole('button', { name: 'Create vault' }).click();
  await expect(popup.getByRole('alert')).toHaveText('The two passwords differ.');
  const dump = await dumpStorage();
  expect(dump.indexedDB['aster-companion']?.vault ?? []).toEqual([]);
});

test('the unlocked state survives a service-worker stop, not a browser restart', async ({
  popup,
  stopServiceWorker,
  serviceWorker,
  restartBrowser,
  openExtensionPage,
}) => {
  await createVault(popup);
  await stopServiceWorker();
  await popup.reload();
  await expect(lockButton(popup)).toBeVisible();
  // The restarted worker can still use the data key: the state says unlocked, from the session.
  const worker = await serviceWorker();
  expect(await worker.evaluate(async () => Object.keys(await chrome.storage.session.get(null)))).toEqual([
    'vault.unlocked',
  ]);

  await restartBrowser();
  const page = await openExtensionPage();
  await expect(unlockHeading(page)).toBeVisible();
  await unlock(page);
  await expect(lockButton(page)).toBeVisible();
});

test('auto-lock fires at its deadline while the popup is open', async ({ popup }) => {
  await createVault(popup);
  await openSettings(popup);
  await popup.getByLabel('Lock after inactivity').selectOption({ label: '3 seconds' });
  const chosenAt = Date.now();
  await expect(popup.getByLabel('Lock after inactivity')).toHaveValue('3000');
  await expect(unlockHeading(popup)).toBeVisible({ timeout: 10_000 });
  const lockedAfter = Date.now() - chosenAt;
  expect(lockedAfter).toBeGreaterThanOrEqual(2_500);
  expect(lockedAfter).toBeLessThan(8_000);
});

test('auto-lock fires on time across a service-worker stop (the alarm wakes the worker)', async ({
  popup,
  stopServiceWorker,
}) => {
  await createVault(popup);
  await openSettings(popup);
  await popup.getByLabel('Lock after inactivity').selectOption({ label: '6 seconds' });
  await expect(popup.getByLabel('Lock after inactivity')).toHaveValue('6000');
  const chosenAt = Date.now();
  await stopServiceWorker();
  // Nothing talks to the extension now: only the alarm can wake the worker and lock.
  await expect(unlockHeading(popup)).toBeVisible({ timeout: 20_000 });
  expect(Date.now() - chosenAt).toBeGreaterThanOrEqual(5_500);
});

test('repeated wrong passwords add a growing delay that a worker stop does not reset', async ({
  popup,
  stopServiceWorker,
}) => {
  await createVault(popup);
  await lockButton(popup).click();
  const wrong = async (expected: string) => {
    await unlock(popup, 'definitely wrong');
    await expect(popup.getByRole('alert')).toHaveText(expected);
  };
  await wrong('Wrong password.');
  await wrong('Wrong password.');
  await wrong('Wrong password. Try again in 1 s.');
  await expect(popup.getByRole('button', { name: 'Unlock' })).toBeDisabled();
  await expect(popup.getByRole('button', { name: 'Unlock' })).toBeEnabled({ timeout: 3_000 });
  await wrong('Wrong password. Try again in 2 s.');
  await expect(popup.getByRole('button', { name: 'Unlock' })).toBeEnabled({ timeout: 4_000 });
  await wrong('Wrong password. Try again in 4 s.');
  await stopServiceWorker();
  await popup.reload();
  await expect(popup.getByRole('status')).toContainText('Too many wrong passwords');
  await expect(popup.getByRole('button', { name: 'Unlock' })).toBeDisabled();
  await popup.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await expect(popup.getByRole('button', { name: 'Unlock' })).toBeEnabled({ timeout: 6_000 });
  await popup.getByRole('button', { name: 'Unlock' }).click();
  await expect(lockButton(popup)).toBeVisible();
});

test('the storage holds no password and no data key outside storage.session', async ({
  popup,
  dumpStorage,
}) => {
  await createVault(popup);
  const unlocked: StorageDump = await dumpStorage();
  const session = unlocked.session['vault.unlocked'] as { dataKey: string; deadline: number | null };
  expect(Buffer.from(session.dataKey, 'base64')).toHaveLength(32);
  const dataKey = Buffer.from(session.dataKey, 'base64');
  const password = Buffer.from(PASSWORD, 'utf8');
  const persistent = { indexedDB: unlocked.indexedDB, local: unlocked.local, sync: unlocked.sync };
  expect(contains(unlocked, [PASSWORD, ...encodings(password)])).toEqual([]);
  expect(contains(persistent, encodings(dataKey))).toEqual([]);
  // What IS stored: the wrapped key and the KDF parameters.
  const [record] = unlocked.indexedDB['aster-companion']!.vault as Array<Record<string, unknown>>;
  expect(record).toMatchObject({
    formatVersion: 1,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: 600_000 },
  });

  await lockButton(popup).click();
  await expect(unlockHeading(popup)).toBeVisible();
  const locked = await dumpStorage();
  expect(locked.session).toEqual({});
  expect(contains(locked, [...encodings(dataKey), PASSWORD, ...encodings(password)])).toEqual([]);
});

test('changing the password keeps the vault; the old one stops working', async ({ popup }) => {
  await createVault(popup);
  await openSettings(popup);
  await popup.getByLabel('Current password', { exact: true }).fill('wrong current password');
  await popup.getByLabel('New password', { exact: true }).fill('Another-strong-passphrase-7');
  await popup.getByLabel('Confirm new password', { exact: true }).fill('Another-strong-passphrase-7');
  await popup.getByRole('button', { name: 'Change password' }).click();
  await expect(popup.getByRole('alert')).toHaveText('Wrong password.');
  await popup.getByLabel('Current password', { exact: true }).fill(PASSWORD);
  await popup.getByRole('button', { name: 'Change password' }).click();
  await expect(popup.getByRole('status').filter({ hasText: 'Password changed.' })).toBeVisible();
  await lockButton(popup).click();
  await unlock(popup);
  await expect(popup.getByRole('alert')).toHaveText('Wrong password.');
  await unlock(popup, 'Another-strong-passphrase-7');
  await expect(lockButton(popup)).toBeVisible();
});

test('a worker killed during a password change leaves exactly one password working', async ({
  popup,
  stopServiceWorker,
}) => {
  await createVault(popup);
  await openSettings(popup);
  await popup.getByLabel('Current password', { exact: true }).fill(PASSWORD);
  await popup.getByLabel('New password', { exact: true }).fill('Another-strong-passphrase-7');
  await popup.getByLabel('Confirm new password', { exact: true }).fill('Another-strong-passphrase-7');
  await popup.getByRole('button', { name: 'Change password' }).click();
  // The change runs two PBKDF2 derivations (~300 ms): stop the worker in the middle of it.
  await stopServiceWorker();
  await popup.reload();
  await lockButton(popup).click();
  const results: string[] = [];
  for (const candidate of [PASSWORD, 'Another-strong-passphrase-7']) {
    await unlock(popup, candidate);
    const outcome = await Promise.race([
      lockButton(popup)
        .waitFor()
        .then(() => 'opened'),
      popup
        .getByRole('alert')
        .waitFor()
        .then(() => 'refused'),
    ]);
    results.push(outcome);
    if (outcome === 'opened') await lockButton(popup).click();
  }
  expect(results.filter((r) => r === 'opened')).toHaveLength(1);
});

test('reset needs the typed confirmation and wipes the vault', async ({ popup, dumpStorage }) => {
  await createVault(popup);
  await openSettings(popup);
  const resetButton = popup.getByRole('button', { name: 'Reset vault' });
  await expect(resetButton).toBeDisabled();
  await popup.getByLabel('Type RESET to confirm').fill('reset');
  await expect(resetButton).toBeDisabled();
  await popup.getByLabel('Type RESET to confirm').fill('RESET');
  await resetButton.click();
  await expect(popup.getByRole('heading', { name: 'Create your vault' })).toBeVisible();
  const dump = await dumpStorage();
  expect(dump.indexedDB['aster-companion']).toEqual({
    vault: [],
    secrets: [],
    meta: [],
    accounts: [],
    nonces: [],
    connections: [],
    agents: [],
  });
  expect(dump.local).toEqual({});
  expect(dump.session).toEqual({});
});

test('the popup works by keyboard alone and follows the chosen theme', async ({ popup }) => {
  await popup.getByLabel('New password', { exact: true }).focus();
  await popup.keyboard.type(PASSWORD);
  await popup.keyboard.press('Tab'); // the show/hide toggle
  await popup.keyboard.press('Tab');
  await popup.keyboard.type(PASSWORD);
  await popup.keyboard.press('Enter');
  await expect(lockButton(popup)).toBeVisible();
  await lockButton(popup).focus();
  await popup.keyboard.press('Enter');
  await expect(unlockHeading(popup)).toBeVisible();
  await expect(popup.getByLabel('Password', { exact: true })).toBeFocused();
  await popup.keyboard.type(PASSWORD);
  await popup.keyboard.press('Enter');
  await expect(lockButton(popup)).toBeVisible();

  await openSettings(popup);
  const background = () => popup.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await popup.getByLabel('Theme').selectOption('dark');
  await expect(popup.locator('html')).toHaveAttribute('data-theme', 'dark');
  const dark = await background();
  await popup.getByLabel('Theme').selectOption('light');
  expect(await background()).not.toBe(dark);
  expect(await background()).toBe('rgb(255, 255, 255)');
});
