/**
 * Benchmarks of the built extension in real Chromium. Each figure stands next to a floor measured in the
 * same run, alternating samples so both see the same machine load. Prints a table; writes bench-results.json.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_KEYS } from '../simulator/keys';
import { startSimulator } from '../simulator/server';
import { extensionIdOf, launchWithExtension } from '../tests/support/chromium';

const RUNS = Number(process.env.BENCH_RUNS ?? 21);
const PASSWORD = 'Bench-passphrase-for-unlock-1';

interface Figure {
  name: string;
  floor: string;
  samplesMs: number[];
  floorSamplesMs: number[];
  target?: number;
}

function quantile(sorted: number[], q: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

function summarise(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: quantile(sorted, 0.5), p95: quantile(sorted, 0.95) };
}

// The development build: the simulator's http://localhost page is an exchange there.
const context = await launchWithExtension(await mkdtemp(path.join(tmpdir(), 'aster-bench-')), {
  extensionPath: path.resolve('.output/chrome-mv3-test'),
});
const sim = await startSimulator({ port: 0 });
const exchangeUrl = sim.url.replace('127.0.0.1', 'localhost');
try {
  const id = await extensionIdOf(context);
  const worker = context.serviceWorkers()[0]!;
  const page = await context.newPage();
  await page.goto(`chrome-extension://${id}/popup.html`);
  const call = (method: string, params: object) =>
    page.evaluate(
      async ([m, p]) => {
        const started = performance.now();
        const response = (await chrome.runtime.sendMessage({ channel: 'popup', method: m, params: p })) as {
          ok: boolean;
          error?: { message: string };
        };
        const elapsed = performance.now() - started;
        if (!response.ok) throw new Error(response.error?.message);
        return elapsed;
      },
      [method, params] as const,
    );

  await call('vault.create', { password: PASSWORD });
  const iterations = await worker.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve) => {
      const request = indexedDB.open('aster-companion');
      request.onsuccess = () => resolve(request.result);
    });
    const record = await new Promise<{ kdf: { iterations: number } }>((resolve) => {
      const request = db.transaction('vault').objectStore('vault').get('vault');
      request.onsuccess = () => resolve(request.result);
    });
    db.close();
    return record.kdf.iterations;
  });

  /** The bare KDF in the worker, at the vault's own cost: the floor of an unlock. */
  const barePbkdf2 = () =>
    worker.evaluate(async (cost) => {
      const salt = crypto.getRandomValues(new Uint8Array(16));
      const started = performance.now();
      const key = await crypto.subtle.importKey(
        'raw',
        new TextEncoder().encode('Bench-passphrase'),
        'PBKDF2',
        false,
        ['deriveBits'],
      );
      await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', iterations: cost, salt }, key, 256);
      return performance.now() - started;
    }, iterations);

  const unlock: Figure = {
    name: `unlock (popup → worker → popup), PBKDF2 ${iterations.toLocaleString('en')}`,
    floor: 'bare PBKDF2 in the worker',
    samplesMs: [],
    floorSamplesMs: [],
    target: 1.2,
  };
  const roundTrip: Figure = {
    name: 'popup → background call (vault.state)',
    floor: 'bare runtime message round trip (ping)',
    samplesMs: [],
    floorSamplesMs: [],
  };

  await call('vault.lock', {});
  // Warm-up: the first derivation and message pay for JIT and worker wake-up.
  await barePbkdf2();
  await call('vault.unlock', { password: PASSWORD });
  await call('vault.lock', {});
  for (let i = 0; i < RUNS; i++) {
    unlock.floorSamplesMs.push(await barePbkdf2());
    unlock.samplesMs.push(await call('vault.unlock', { password: PASSWORD }));
    await call('vault.lock', {});
    roundTrip.floorSamplesMs.push(await call('ping', {}));
    roundTrip.samplesMs.push(await call('vault.state', {}));
  }

  // --- Switching, seen from the exchange page -------------------------------------------------------
  await call('vault.unlock', { password: PASSWORD });
  await call('settings.setAutoLock', { autoLockMs: null });
  const add = (params: object) =>
    page.evaluate(
      async (p) =>
        (await chrome.runtime.sendMessage({ channel: 'popup', method: 'accounts.add', params: p }))
          .result as { id: string },
      params,
    );
  const main = await add({
    role: 'master',
    kind: 'evm',
    name: 'MainDesk',
    key: DEMO_KEYS.evmMaster.privateKey,
  });
  const grid = await add({
    role: 'sub',
    kind: 'evm',
    parentId: main.id,
    name: 'Grid01',
    key: DEMO_KEYS.evmSubGrid.privateKey,
  });
  await call('accounts.setActive', { id: main.id });
  const exchange = await context.newPage();
  await exchange.goto(exchangeUrl);
  await exchange.getByRole('button', { name: 'Connect wallet' }).click();
  await exchange.getByRole('button', { name: /^Aster Companion.*EVM/ }).click();
  let frame = undefined as import('@playwright/test').Frame | undefined;
  while (!frame) {
    frame = exchange.frames().find((f) => f.url().includes('/prompt.html'));
    await exchange.waitForTimeout(50);
  }
  await frame.getByRole('checkbox', { name: /Sign me in to Aster automatically/ }).check();
  await frame.getByRole('button', { name: 'Connect' }).click();
  await exchange.getByRole('button', { name: 'Sign in' }).click();
  await exchange.getByTestId('signed-in-address').filter({ hasText: DEMO_KEYS.evmMaster.address }).waitFor();
  // The page records, on the shared clock, when accountsChanged arrives and when it is signed in again.
  // (No named functions inside evaluate: tsx would wrap them in a helper the page does not have.)
  await exchange.evaluate(() => {
    const marks: { changed: number[]; signedIn: number[] } = { changed: [], signedIn: [] };
    (window as unknown as { __marks: typeof marks }).__marks = marks;
    (window as unknown as { ethereum: { on(e: string, f: () => void): void } }).ethereum.on(
      'accountsChanged',
      () => {
        marks.changed.push(performance.timeOrigin + performance.now());
      },
    );
    new MutationObserver(() => {
      marks.signedIn.push(performance.timeOrigin + performance.now());
    }).observe(document.getElementById('signed-in-address')!, {
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
  const switchToChanged: Figure = {
    name: 'switch (popup) → page receives accountsChanged',
    floor: 'bare page → background → page round trip (eth_chainId)',
    samplesMs: [],
    floorSamplesMs: [],
    target: 2,
  };
  const switchToLogin: Figure = {
    name: 'switch (popup) → page signed in again (login signed without prompt)',
    floor: 'bare page → background → page round trip (eth_chainId)',
    samplesMs: [],
    floorSamplesMs: [],
  };
  for (let i = 0; i < RUNS; i++) {
    const target = i % 2 === 0 ? grid : main;
    const expected = i % 2 === 0 ? DEMO_KEYS.evmSubGrid.address : DEMO_KEYS.evmMaster.address;
    const floor = await exchange.evaluate(async () => {
      const started = performance.now();
      await (window as unknown as { ethereum: { request(a: object): Promise<unknown> } }).ethereum.request({
        method: 'eth_chainId',
      });
      return performance.now() - started;
    });
    switchToChanged.floorSamplesMs.push(floor);
    switchToLogin.floorSamplesMs.push(floor);
    await exchange.evaluate(() => {
      const marks = (window as unknown as { __marks: { changed: number[]; signedIn: number[] } }).__marks;
      marks.changed.length = 0;
      marks.signedIn.length = 0;
    });
    const startedAt = await page.evaluate(async (id) => {
      const started = performance.timeOrigin + performance.now();
      await chrome.runtime.sendMessage({ channel: 'popup', method: 'accounts.setActive', params: { id } });
      return started;
    }, target.id);
    await exchange.getByTestId('signed-in-address').filter({ hasText: expected }).waitFor();
    const marks = await exchange.evaluate(
      () => (window as unknown as { __marks: { changed: number[]; signedIn: number[] } }).__marks,
    );
    switchToChanged.samplesMs.push(marks.changed[0]! - startedAt);
    switchToLogin.samplesMs.push(marks.signedIn[marks.signedIn.length - 1]! - startedAt);
  }

  const figures = [unlock, roundTrip, switchToChanged, switchToLogin].map((figure) => {
    const value = summarise(figure.samplesMs);
    const floor = summarise(figure.floorSamplesMs);
    const ratio = value.median / floor.median;
    return {
      name: figure.name,
      floor: figure.floor,
      runs: RUNS,
      medianMs: +value.median.toFixed(2),
      p95Ms: +value.p95.toFixed(2),
      floorMedianMs: +floor.median.toFixed(2),
      floorP95Ms: +floor.p95.toFixed(2),
      ratio: +ratio.toFixed(3),
      target: figure.target ?? null,
      meetsTarget: figure.target === undefined ? null : ratio <= figure.target,
    };
  });

  console.log(
    `\nAster Companion benchmarks (${RUNS} runs each, Chromium ${context.browser()?.version() ?? ''})`,
  );
  console.table(
    figures.map((f) => ({
      figure: f.name,
      'median ms': f.medianMs,
      'p95 ms': f.p95Ms,
      floor: f.floor,
      'floor median ms': f.floorMedianMs,
      'floor p95 ms': f.floorP95Ms,
      ratio: f.ratio,
      target: f.target === null ? '' : `≤ ${f.target}`,
    })),
  );
  await writeFile('bench-results.json', JSON.stringify({ date: new Date().toISOString(), figures }, null, 2));
  console.log('Wrote bench-results.json');
} finally {
  await context.close();
  await sim.close();
}
