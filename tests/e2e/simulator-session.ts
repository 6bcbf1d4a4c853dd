import { startSimulator, type RunningSimulator } from '../../simulator/server';
import { test } from './fixtures';

/**
 * One in-process simulator per spec file: started before its tests, stopped after them, and back to its
 * starting state, variant and no faults before each test. `sim` and `simUrl` are live bindings, set once
 * `useSimulator()`'s beforeAll has run (the URL is `localhost`, the test build's host permission).
 */

export let sim: RunningSimulator;
export let simUrl: string;

export function useSimulator(): void {
  test.beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
    simUrl = `http://localhost:${sim.port}`;
  });

  test.afterAll(async () => {
    await sim.close();
  });

  test.beforeEach(async () => {
    sim.engine.reset(); // state, clock offset and variant
    await fetch(`${sim.url}/__sim/faults`, { method: 'POST', body: JSON.stringify({ clear: true }) });
  });
}
