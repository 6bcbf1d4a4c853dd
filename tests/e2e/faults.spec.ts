import type { CDPSession, Frame, Locator, Page } from '@playwright/test';
import type { HistoryEntry } from '../../simulator/state';
import { popupCall, rpc } from '../support/popup-rpc';
import { k, promptFrame, signedInWithConsent, submitPageTransfer, test } from './exchange';
import { createVault, expect, PASSWORD, unlock } from './fixtures';
import { backUp, openSection, setupOperations } from './operations-helpers';

/**
 * Faults (release-quality issue): the worker stopped at random points of vault writes, transfers and
 * approvals; storage full; the simulator slow or answering garbage. Nothing lost, nothing signed or sent
 * twice, every failure explained.
 *
 * Random delays come from a seed printed with each test (and kept in its annotations): `FAULTS_SEED=<seed>`
 * replays the same delays.
 */

/** A small seeded generator (mulberry32): `below(n)` is an integer in [0, n). */
function seededDelays(label: string): (n: number) => number {
  const seed = Number(process.env.FAULTS_SEED ?? Math.floor(Math.random() * 2 ** 31));
  note('seed', `${label}: FAULTS_SEED=${seed}`);
  let state = seed >>> 0;
  return (n) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

/** Kept in the test's annotations and printed, so a failure says which delays led to it. */
function note(type: string, description: string): void {
  test.info().annotations.push({ type, description });
  console.log(`[${test.info().title.slice(0, 40)}…] ${type}: ${description}`);
}

interface SimSnapshot {
  accounts: { address: string; futures: Record<string, string>; spot: Record<string, string> }[];
  history: HistoryEntry[];
  nonceRefusals: { signer: string; nonce: string; reason: string }[];
}

/** The simulator's state as its test control reports it. */
async function simState(simUrl: string): Promise<SimSnapshot> {
  return (await (await fetch(`${simUrl}/__sim/state`)).json()) as SimSnapshot;
}

const internalTransfers = (state: SimSnapshot, amount?: string) =>
  state.history.filter(
    (h) => h.type === 'SUB_ACCOUNT_TRANSFER' && (amount === undefined || h.amount === amount),
  );
const futuresUsdt = (state: SimSnapshot, address: string): string =>
  state.accounts.find((a) => a.address.toLowerCase() === address.toLowerCase())!.futures.USDT ?? '0';
/** Exact cents: every amount here has at most two decimals. */
const cents = (text: string) => Math.round(Number(text) * 100);

test('the worker stopped at random points of vault writes: every account keeps its key, nothing half-written', async ({
  popup,
  stopServiceWorker,
  dumpStorage,
}) => {
  test.setTimeout(120_000);
  const below = seededDelays('vault writes');
  await createVault(popup);
  const master = await rpc<{ id: string }>(popup, 'accounts.add', {
    role: 'master',
    kind: 'evm',
    name: 'Main',
    key: '4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318',
  });
  let created = 0;
  for (let round = 0; round < 6; round++) {
    const delay = below(40);
    note('round', `${round}: worker stopped ${delay} ms after two key generations were sent`);
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
    await popup.waitForTimeout(delay);
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

/**
 * The transfer form's last word on a transfer: Aster's id (made), or an alert saying why nothing moved — or,
 * while the ledger cannot prove it absent yet (its window closes two minutes after sending), that it is unknown.
 */
async function transferOutcome(form: Locator): Promise<{ made: boolean; tranId?: string; text: string }> {
  const said = form
    .getByRole('status')
    .filter({ hasText: /^Transferred / })
    .or(form.getByRole('alert'));
  await expect(said).toHaveCount(1, { timeout: 40_000 });
  const text = (await said.textContent())!;
  const tranId = /Aster's transfer id: (\d+)/.exec(text)?.[1];
  if (tranId) return { made: true, tranId, text };
  expect(text, 'an interrupted transfer is explained').toMatch(
    /nothing moved|before this transfer was signed: nothing was sent|can only prove it absent from/,
  );
  return { made: false, text };
}

async function fillTransfer(form: Locator, amount: string): Promise<void> {
  await form.getByLabel('Amount').fill(amount);
  await form.getByRole('button', { name: 'Check transfer' }).click();
  await expect(form.getByRole('status').filter({ hasText: 'The rules allow this transfer.' })).toBeVisible();
}

test('the worker stopped at random points of transfers: each made at most once, explained after waking, no nonce reused', async ({
  popup,
  sim,
  exchangeUrl,
  stopServiceWorker,
  dumpStorage,
}) => {
  test.setTimeout(300_000);
  const below = seededDelays('transfers');
  const ids = await setupOperations(popup, exchangeUrl);
  await backUp(popup, ids.grid);
  await openSection(popup, 'Transfer');
  const form = popup.getByRole('form', { name: 'Transfer' });
  await form.getByLabel('From', { exact: true }).selectOption({ label: 'MainDesk' });
  await form.getByLabel('To', { exact: true }).selectOption({ label: 'Grid01' });

  const claims: { amount: string; made: boolean; tranId?: string }[] = [];
  // Three kinds of rounds, so the stop lands at every stage: a plain transfer (~100 ms from the click to
  // Aster's answer); Aster holding its answer 2 s after executing (the stop lands while it is in flight); the
  // balance read before signing held 1 s (the stop lands before anything is signed, or just after).
  const kinds = [
    { label: 'plain', window: 120, fault: null },
    {
      label: 'answer held 2 s',
      window: 1_800,
      fault: { path: '/fapi/v3/subAccountTransfer', delayMs: 2_000 },
    },
    {
      label: 'balance read held 1 s',
      window: 1_300,
      fault: { path: '/fapi/v3/accountWithJoinMargin', delayMs: 1_000 },
    },
  ] as const;
  for (let round = 0; round < 9; round++) {
    const kind = kinds[round % kinds.length]!;
    const delay = below(kind.window);
    const amount = `${round + 1}.25`;
    note('round', `${round}: ${amount} USDT, ${kind.label}; worker stopped ${delay} ms after "Sign"`);
    await fillTransfer(form, amount);
    if (kind.fault) sim.addFault({ ...kind.fault, mode: 'slow' });
    await form.getByRole('button', { name: `Sign and transfer ${amount} USDT` }).click();
    await popup.waitForTimeout(delay);
    await stopServiceWorker();
    const outcome = await transferOutcome(form);
    note('outcome', `${round}: ${outcome.text}`);
    // What the popup says is what Aster did: exactly once if made, not at all otherwise.
    const executed = internalTransfers(await simState(sim.url), amount);
    expect(executed, `round ${round}: ${outcome.text}`).toHaveLength(outcome.made ? 1 : 0);
    if (outcome.made) expect(outcome.tranId).toBe(executed[0]!.tranId);
    claims.push({ amount, ...outcome });
    // The slow answer is released whatever happened; no fault carries over to the next round.
    await fetch(`${sim.url}/__sim/faults`, { method: 'POST', body: JSON.stringify({ clear: true }) });
  }

  // A fresh transfer goes through: no nonce of the master was burnt or reused by the stops.
  await fillTransfer(form, '0.5');
  await form.getByRole('button', { name: 'Sign and transfer 0.5 USDT' }).click();
  await expect(form.getByRole('status').filter({ hasText: /^Transferred 0.5 USDT/ })).toContainText(
    "Aster's transfer id:",
  );

  // Aster's side, from its own state: each round at most once, balances add up, no nonce ever refused.
  const state = await simState(sim.url);
  for (const claim of claims)
    expect(internalTransfers(state, claim.amount), claim.amount).toHaveLength(claim.made ? 1 : 0);
  const moved = claims.filter((c) => c.made).reduce((sum, c) => sum + cents(c.amount), cents('0.5'));
  expect(internalTransfers(state)).toHaveLength(claims.filter((c) => c.made).length + 1);
  expect(cents(futuresUsdt(state, k.evmMaster.address))).toBe(cents('10000') - moved);
  expect(cents(futuresUsdt(state, k.evmSubGrid.address))).toBe(cents('500') + moved);
  expect(state.nonceRefusals).toEqual([]);
  const nonces = internalTransfers(state).map((h) => Number(h.nonce));
  expect(new Set(nonces).size).toBe(nonces.length);
  // The extension's persisted counter is past every nonce Aster saw from the master.
  const counters = (await dumpStorage()).indexedDB['aster-companion']!.nonces as {
    signer: string;
    value: number;
  }[];
  const counter = counters.find((c) => c.signer === k.evmMaster.address.toLowerCase())!.value;
  expect(counter).toBeGreaterThanOrEqual(Math.max(...nonces));

  // A popup opened later lists the interrupted transfers, each settled from Aster's ledger (one not made
  // stays unknown until the ledger's window closes).
  await popup.reload();
  await openSection(popup, 'Transfer');
  const interrupted = popup.getByRole('region', { name: 'Interrupted operations' });
  const listed = await interrupted
    .getByRole('listitem')
    .allTextContents()
    .catch(() => [] as string[]);
  note('interrupted list', listed.join(' | ') || '(none)');
  for (const text of listed) {
    const claim = claims.find((c) => text.startsWith(`${c.amount} USDT from MainDesk`))!;
    expect(claim, text).toBeDefined();
    expect(text).toMatch(
      claim.made ? /Made\./ : /Not made\.|Outcome unknown\..*can only prove it absent from/,
    );
  }
});

/** Every answer the content script posts to the page's provider, with the method it answers. */
async function recordProviderAnswers(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as {
      __round: number;
      __requests: Record<number, { method: string; round: number }>;
      __answers: { id: number; kind: 'result' | 'error'; code?: number }[];
    };
    w.__round = -1;
    w.__requests = {};
    w.__answers = [];
    window.addEventListener('message', (event) => {
      const data = event.data as {
        target?: string;
        id?: unknown;
        request?: { method: string };
        error?: { code: number };
      } | null;
      if (!data || typeof data.id !== 'number') return;
      if (data.target === 'aster-companion-content' && data.request)
        w.__requests[data.id] = { method: data.request.method, round: w.__round };
      if (data.target === 'aster-companion-inpage')
        w.__answers.push({
          id: data.id,
          kind: 'error' in data ? 'error' : 'result',
          ...(data.error ? { code: data.error.code } : {}),
        });
    });
  });
}

async function providerLog(page: Page) {
  return page.evaluate(() => {
    const w = window as unknown as {
      __requests: Record<number, { method: string; round: number }>;
      __answers: { id: number; kind: 'result' | 'error'; code?: number }[];
    };
    return { requests: w.__requests, answers: w.__answers };
  });
}

test('the worker stopped at random moments around an approval: one valid signature or a clear error, never two, never after a rejection', async ({
  popup,
  context,
  exchangeUrl,
  sim,
  stopServiceWorker,
}) => {
  test.setTimeout(240_000);
  const below = seededDelays('approvals');
  const { page } = await signedInWithConsent(popup, context, exchangeUrl);
  await recordProviderAnswers(page);
  const status = page.locator('#transfer-status');
  const error = page.locator('#transfer-error');

  /** Asks for a transfer signature from the page's Transfer form; resolves with the prompt once it can be approved. */
  const askTransfer = async (round: number, amount: string): Promise<Frame> => {
    await page.evaluate((r) => ((window as unknown as { __round: number }).__round = r), round);
    await submitPageTransfer(page, amount);
    await expect(status).toHaveText('Approve the transfer in your wallet…');
    const prompt = await promptFrame(page);
    await expect(prompt.getByRole('heading', { level: 1 })).toContainText(`${amount} USDT`);
    await expect(prompt.getByRole('button', { name: 'Approve' })).toBeEnabled();
    return prompt;
  };
  /** The page's last word: "Transfer done" (signed, and the simulator took it) or its error line. */
  const pageOutcome = async (amount: string) => {
    const done = status.filter({ hasText: `Transfer done: ${amount} USDT` });
    await expect(done.or(error.filter({ hasText: /\S/ }))).toBeVisible({ timeout: 30_000 });
    return (await done.count()) > 0
      ? { signed: true, text: (await status.textContent())! }
      : { signed: false, text: (await error.textContent())! };
  };

  const rounds: { round: number; amount: string; signed: boolean }[] = [];
  for (let round = 0; round < 8; round++) {
    const amount = `${round + 1}.5`;
    // From 200 ms before the click on Approve to 250 ms after it.
    const offset = below(450) - 200;
    note(
      'round',
      `${round}: ${amount} USDT; worker stopped ${Math.abs(offset)} ms ${offset < 0 ? 'before' : 'after'} clicking "Approve"`,
    );
    const prompt = await askTransfer(round, amount);
    const approve = prompt.getByRole('button', { name: 'Approve' });
    // A prompt whose worker is gone may vanish under the click: that click then simply finds nothing.
    const click = () => approve.click({ timeout: 3_000 }).catch(() => undefined);
    if (offset < 0) {
      await stopServiceWorker();
      await page.waitForTimeout(-offset);
      await click();
    } else {
      await click();
      await page.waitForTimeout(offset);
      await stopServiceWorker();
    }
    const outcome = await pageOutcome(amount);
    note('outcome', `${round}: ${outcome.text}`);
    if (!outcome.signed) expect(outcome.text).toMatch(/disconnected|rejected/i);
    // The simulator saw exactly the transfers the page reports, verified with its own code.
    expect(internalTransfers(await simState(sim.url), amount)).toHaveLength(outcome.signed ? 1 : 0);
    // No prompt stays over the page once nothing waits for it (else the exchange could not be used).
    await expect.poll(() => page.frames().some((f) => f.url().includes('/prompt.html'))).toBe(false);
    rounds.push({ round, amount, signed: outcome.signed });
  }

  // A fresh request afterwards works.
  const prompt = await askTransfer(99, '0.75');
  await prompt.getByRole('button', { name: 'Approve' }).click();
  await expect(status).toHaveText(/Transfer done: 0.75 USDT/);
  rounds.push({ round: 99, amount: '0.75', signed: true });

  // Every page request got exactly one answer; each round's signature request a signature only if the page
  // reported it done, else one error (4900 disconnected, 4001 rejected) — and nothing after it.
  const { requests, answers } = await providerLog(page);
  for (const id of Object.keys(requests).map(Number))
    expect(
      answers.filter((a) => a.id === id),
      `answers to request ${id}`,
    ).toHaveLength(1);
  for (const { round, amount, signed } of rounds) {
    const ids = Object.entries(requests)
      .filter(([, r]) => r.round === round && r.method === 'eth_signTypedData_v4')
      .map(([id]) => Number(id));
    expect(ids, `round ${round}: one signature request`).toHaveLength(1);
    const [answer] = answers.filter((a) => a.id === ids[0]);
    if (signed) expect(answer).toMatchObject({ kind: 'result' });
    else expect([4900, 4001]).toContain(answer!.code);
    expect(internalTransfers(await simState(sim.url), amount), amount).toHaveLength(signed ? 1 : 0);
  }
});

/** A write to the extension origin's IndexedDB (a scratch database): 'ok' or the error's name. */
async function probeWrite(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const open = indexedDB.open('quota-probe', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('probe');
        open.onerror = () => resolve(open.error?.name ?? 'open failed');
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('probe', 'readwrite');
          tx.objectStore('probe').put(new Uint8Array(64), 'x');
          tx.oncomplete = () => (db.close(), resolve('ok'));
          tx.onabort = () => (db.close(), resolve(tx.error?.name ?? 'aborted'));
        };
      }),
  );
}

test('storage full (a quota override for the extension): a clear error, nothing lost, the same actions work once there is room', async ({
  popup,
  context,
  extensionId,
  dumpStorage,
}) => {
  test.setTimeout(180_000);
  await createVault(popup);
  const main = await rpc<{ id: string }>(popup, 'accounts.add', {
    role: 'master',
    kind: 'evm',
    name: 'MainDesk',
    key: k.evmMaster.privateKey,
  });
  await rpc(popup, 'accounts.add', {
    role: 'sub',
    kind: 'evm',
    name: 'Grid01',
    key: k.evmSubGrid.privateKey,
    parentId: main.id,
  });
  await popup.reload();
  const vaultRows = async () => {
    const db = (await dumpStorage()).indexedDB['aster-companion']!;
    return JSON.stringify([db.vault, db.accounts, db.secrets]);
  };
  const before = await vaultRows();

  // The quota of chrome-extension://<id> (the extension has no unlimitedStorage permission) set to 1 byte.
  const cdp: CDPSession = await context.newCDPSession(popup);
  const origin = `chrome-extension://${extensionId}`;
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1 });
  // Chromium's IndexedDB trusts the free space it last saw for up to 30 s (its bucket's space cache), so the
  // override bites once that is renewed: wait for it with a write of our own to a scratch database.
  await expect
    .poll(() => probeWrite(popup), { timeout: 90_000, intervals: [1_000] })
    .toBe('QuotaExceededError');
  expect(await cdp.send('Storage.getUsageAndQuota', { origin })).toMatchObject({
    quota: 1,
    overrideActive: true,
  });

  const storageFull = /no storage space left for Aster Companion, so this was not saved/;
  // Add a master account: refused in words.
  await popup.getByRole('button', { name: 'Add account' }).click();
  await popup.getByRole('radio', { name: 'A master account' }).check();
  await popup.getByLabel('Account name').fill('LossDesk');
  await popup.getByLabel('Private key', { exact: true }).fill(k.evmLossMaster.privateKey);
  await expect(popup.getByText(`Address: ${k.evmLossMaster.address}`)).toBeVisible();
  await popup.getByRole('button', { name: 'Save account' }).click();
  await expect(popup.getByRole('alert')).toHaveText(storageFull);
  // Generate a sub-account key (in a fresh form, so the alert is this attempt's): refused in words too.
  await popup.getByRole('button', { name: 'Cancel' }).click();
  await popup.getByRole('button', { name: 'Add account' }).click();
  await popup.getByRole('radio', { name: 'A sub-account' }).check();
  await popup.getByRole('radio', { name: 'Generate a new key here' }).check();
  await popup.getByLabel('Account name').fill('Scalper07');
  await popup.getByRole('button', { name: 'Generate key' }).click();
  await expect(popup.getByRole('alert')).toHaveText(storageFull);

  // Nothing lost or half-written: the same rows, both keys readable.
  expect(await vaultRows()).toBe(before);
  expect((await rpc<{ name: string }[]>(popup, 'accounts.list', {})).map((a) => a.name)).toEqual([
    'MainDesk',
    'Grid01',
  ]);
  // Unlocking counts the attempt in IndexedDB before it is checked: with no room to count it, it is refused
  // (in words, not as a wrong password), and the vault is not damaged by it.
  await popup.getByRole('button', { name: 'Cancel' }).click();
  await popup.getByRole('button', { name: 'Lock now' }).click();
  await unlock(popup);
  await expect(popup.getByRole('alert')).toHaveText(storageFull);
  expect(await vaultRows()).toBe(before);
  expect(await popup.getByRole('status').filter({ hasText: 'Too many wrong passwords' }).count()).toBe(0);

  // Room again: the vault opens at once (no wrong-password delay), the same actions succeed.
  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  await expect.poll(() => probeWrite(popup), { timeout: 60_000, intervals: [500] }).toBe('ok');
  await popup.getByRole('button', { name: 'Unlock' }).click();
  await expect(popup.getByRole('button', { name: 'Lock now' })).toBeVisible();
  await popup.getByRole('button', { name: 'Add account' }).click();
  await popup.getByRole('radio', { name: 'A master account' }).check();
  await popup.getByLabel('Account name').fill('LossDesk');
  await popup.getByLabel('Private key', { exact: true }).fill(k.evmLossMaster.privateKey);
  await popup.getByRole('button', { name: 'Save account' }).click();
  await expect(popup.getByRole('heading', { name: 'Back up LossDesk' })).toBeVisible();
  const generated = await popupCall(popup, 'accounts.generate', { parentId: main.id, name: 'Scalper07' });
  expect(generated.ok).toBe(true);
  const names = (await rpc<{ name: string }[]>(popup, 'accounts.list', {})).map((a) => a.name);
  expect(names.sort()).toEqual(['Grid01', 'LossDesk', 'MainDesk', 'Scalper07']);
  // Every key decrypts (the whole-vault export reads each one).
  const backup = await rpc<{ text: string }>(popup, 'vault.exportBackup', {
    password: PASSWORD,
    filePassword: 'Fault-backup-1',
  });
  expect(JSON.parse(backup.text).format).toBe('aster-companion-vault-backup');
  await popup.evaluate(() => indexedDB.deleteDatabase('quota-probe'));
  await cdp.detach();
});

test('the simulator answering garbage or too slowly: clear errors for reads, transfers settled from the income ledger, never sent twice', async ({
  popup,
  sim,
  exchangeUrl,
  dumpStorage,
}) => {
  test.setTimeout(180_000);
  const ids = await setupOperations(popup, exchangeUrl);
  await backUp(popup, ids.grid);
  const vaultRows = async () => {
    const dump = await dumpStorage();
    const db = dump.indexedDB['aster-companion']!;
    return JSON.stringify([db.accounts, db.secrets, db.agents]);
  };
  const balancesOf = async () => JSON.stringify((await simState(sim.url)).accounts);
  const [vaultBefore, simBefore] = [await vaultRows(), await balancesOf()];

  // Portfolio read answered with garbage (not JSON, then JSON of the wrong form): each account says why.
  await openSection(popup, 'Portfolio');
  const portfolio = popup.getByRole('region', { name: 'Portfolio' });
  for (const [body, words] of [
    [undefined, 'Aster answered HTTP 200 with a web page instead of data.'],
    ['{"unexpected":true}', "Aster answered with something that is not an account's futures balances."],
  ] as const) {
    sim.addFault({
      path: '/fapi/v3/accountWithJoinMargin',
      mode: 'garbage',
      times: 3,
      ...(body ? { body } : {}),
    });
    await portfolio.getByRole('button', { name: /(Load|Refresh) balances/ }).click();
    for (const name of ['MainDesk', 'Grid01', 'Hedge02'])
      await expect(
        portfolio.getByRole('region', { name: `Balances of ${name}` }).getByRole('alert'),
      ).toHaveText(`${words} (simulator at ${exchangeUrl}.) Nothing was signed or changed.`);
    // Never read as zero balances: the totals leave the unread accounts out, and say so.
    await expect(portfolio.getByText('Totals leave out the accounts that could not be read.')).toBeVisible();
  }
  expect(await vaultRows()).toBe(vaultBefore);
  expect(await balancesOf()).toBe(simBefore);
  await portfolio.getByRole('button', { name: 'Refresh balances' }).click();
  await expect(
    portfolio.getByRole('region', { name: 'Totals' }).getByRole('row', { name: /USDT/ }),
  ).toContainText('12250');

  // A transfer executed, then answered with garbage: outcome unknown → settled from the ledger, once.
  await openSection(popup, 'Transfer');
  const form = popup.getByRole('form', { name: 'Transfer' });
  await form.getByLabel('From', { exact: true }).selectOption({ label: 'MainDesk' });
  await form.getByLabel('To', { exact: true }).selectOption({ label: 'Grid01' });
  for (const body of [undefined, '{"unexpected":true}']) {
    sim.addFault({ path: '/fapi/v3/subAccountTransfer', mode: 'garbage-after', ...(body ? { body } : {}) });
    await fillTransfer(form, '40');
    await form.getByRole('button', { name: 'Sign and transfer 40 USDT' }).click();
    await expect(form.getByRole('status').filter({ hasText: /^Transferred 40 USDT/ })).toContainText(
      'its ledger shows the transfer made',
    );
  }
  let state = await simState(sim.url);
  expect(internalTransfers(state, '40')).toHaveLength(2);
  expect(futuresUsdt(state, k.evmSubGrid.address)).toBe('580');

  // Garbage before execution: unknown while the ledger cannot prove it absent, said so, not resent.
  sim.addFault({ path: '/fapi/v3/subAccountTransfer', mode: 'garbage' });
  await fillTransfer(form, '7');
  await form.getByRole('button', { name: 'Sign and transfer 7 USDT' }).click();
  await expect(form.getByRole('alert')).toContainText("Aster's ledger does not show it yet");
  await expect(form.getByRole('alert')).toContainText('do not send it again before it is settled');
  expect(internalTransfers(await simState(sim.url), '7')).toHaveLength(0);

  // Slower than the client's 10 s timeout (executed at once, answered after 13 s): settled, no second send.
  sim.addFault({ path: '/fapi/v3/subAccountTransfer', mode: 'slow', delayMs: 13_000 });
  await fillTransfer(form, '3');
  const started = Date.now();
  await form.getByRole('button', { name: 'Sign and transfer 3 USDT' }).click();
  await expect(form.getByRole('button', { name: 'Signing and sending…' })).toBeVisible();
  await expect(form.getByRole('status').filter({ hasText: /^Transferred 3 USDT/ })).toContainText(
    'its ledger shows the transfer made',
    { timeout: 40_000 },
  );
  note('slow', `settled ${Date.now() - started} ms after "Sign" (client timeout 10 s)`);
  expect(Date.now() - started).toBeGreaterThanOrEqual(9_000);
  // Once the held answer is out too (13 s after it came in: nothing to wait for but the clock), still exactly
  // one transfer of 3, and no nonce was ever refused.
  await popup.waitForTimeout(Math.max(0, started + 14_000 - Date.now()));
  state = await simState(sim.url);
  expect(internalTransfers(state, '3')).toHaveLength(1);
  expect(internalTransfers(state)).toHaveLength(3);
  expect(futuresUsdt(state, k.evmMaster.address)).toBe('9917');
  expect(state.nonceRefusals).toEqual([]);
});

const withdrawals = (state: SimSnapshot) => state.history.filter((h) => h.type === 'WITHDRAW');

test('a withdrawal whose answer is lost (503 after executing, or the worker stopped mid-send): settled from the withdrawal history, sent once; unknown and blocking only while that history cannot tell', async ({
  popup,
  sim,
  exchangeUrl,
  stopServiceWorker,
}) => {
  test.setTimeout(120_000);
  await setupOperations(popup, exchangeUrl);
  const WITHDRAW_PATH = '/fapi/v3/aster/user-withdraw';
  const HISTORY_PATH = '/fapi/v3/aster/deposit-withdraw-history';
  await openSection(popup, 'Withdraw');
  const form = popup.getByRole('form', { name: 'Withdrawal' });
  const interrupted = popup.getByRole('region', { name: 'Interrupted operations' });
  const entry = (amount: string) =>
    interrupted.getByRole('listitem', { name: `Withdrawal of ${amount} USDT from MainDesk` });
  const review = async (amount: string) => {
    await form.getByLabel('Amount').fill(amount);
    await form.getByLabel('Receiver address').fill(k.evmSpare1.address);
    await form.getByRole('button', { name: 'Check withdrawal' }).click();
    await expect(form.getByRole('status')).toContainText("Allowed. Aster's fee: 0.5 USDT.");
  };
  const clearFaults = () =>
    fetch(`${sim.url}/__sim/faults`, { method: 'POST', body: JSON.stringify({ clear: true }) });

  // Executed by Aster, then answered 503, and its withdrawal history unreadable (an HTML error page): the
  // form and the list say it may or may not have gone out, and why.
  await review('10');
  sim.addFault({ path: WITHDRAW_PATH, mode: '503-after' });
  sim.addFault({ path: HISTORY_PATH, mode: 'garbage', body: '<html>502 Bad Gateway</html>', times: 20 });
  await form.getByRole('button', { name: 'Sign and withdraw 10 USDT' }).click();
  await expect(form.getByRole('alert')).toContainText(
    "Aster answered 503 (unavailable) after the withdrawal was sent: the withdrawal of 10 USDT may or may not have gone out. Aster's withdrawal history could not be read",
  );
  await expect(entry('10')).toContainText('Outcome unknown.');
  await expect(entry('10')).toContainText(
    `Check the withdrawal history on Aster's site (and the receiver ${k.evmSpare1.address} on BSC) before withdrawing again`,
  );
  expect(withdrawals(await simState(sim.url))).toHaveLength(1);

  // Another withdrawal of USDT from MainDesk: the history is read again first, still unreadable: refused,
  // pointing to the entry; nothing signed or sent.
  await review('5');
  await form.getByRole('button', { name: 'Sign and withdraw 5 USDT' }).click();
  await expect(form.getByRole('alert')).toContainText('Not sent: the withdrawal of 10 USDT from "MainDesk"');
  expect(withdrawals(await simState(sim.url))).toHaveLength(1);

  // The history readable again: "Check again" settles it as made, with Aster's id; then the next one goes.
  await clearFaults();
  await entry('10').getByRole('button', { name: "Check Aster's withdrawal history again" }).click();
  await expect(entry('10')).toContainText('Made.');
  const [first] = withdrawals(await simState(sim.url));
  await expect(entry('10')).toContainText(
    `Aster's withdrawal history shows the withdrawal (Aster's withdrawal id ${first!.tranId}`,
  );
  await entry('10').getByRole('button', { name: 'Dismiss' }).click();
  await expect(interrupted).toHaveCount(0);
  await form.getByRole('button', { name: 'Sign and withdraw 5 USDT' }).click();
  await expect(form.getByRole('status')).toContainText('Withdrawal sent: id');
  expect(withdrawals(await simState(sim.url))).toHaveLength(2);

  // The worker stopped while Aster holds its answer (executed first, answered 5 s later): deterministic, the
  // stop comes once the simulator has the withdrawal. The next worker settles it from the history.
  await review('7');
  sim.addFault({ path: WITHDRAW_PATH, mode: 'slow', delayMs: 5_000 });
  const started = Date.now();
  await form.getByRole('button', { name: 'Sign and withdraw 7 USDT' }).click();
  await expect.poll(async () => withdrawals(await simState(sim.url)).length).toBe(3);
  await stopServiceWorker();
  const third = withdrawals(await simState(sim.url))[2]!;
  await expect(form.getByRole('status')).toContainText(`Withdrawal sent: id ${third.tranId}`, {
    timeout: 20_000,
  });
  await expect(form.getByRole('status')).toContainText(
    "Aster Companion stopped before Aster's answer came back; Aster's withdrawal history shows the withdrawal",
  );
  // A popup opened later lists it as made (interrupted, settled), and USDT from MainDesk is not blocked.
  await popup.reload();
  await openSection(popup, 'Withdraw');
  await expect(entry('7')).toContainText('Made.');
  await review('3');
  await form.getByRole('button', { name: 'Sign and withdraw 3 USDT' }).click();
  await expect(form.getByRole('status')).toContainText('Withdrawal sent: id');
  // Once the held answer is out too, Aster executed each exactly once.
  await popup.waitForTimeout(Math.max(0, started + 6_000 - Date.now()));
  const state = await simState(sim.url);
  expect(withdrawals(state).map((w) => w.amount)).toEqual(['10', '5', '7', '3']);
  expect(futuresUsdt(state, k.evmMaster.address)).toBe('9973');
  expect(state.nonceRefusals).toEqual([]);
});
