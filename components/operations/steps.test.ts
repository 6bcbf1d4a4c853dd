import { describe, expect, it } from 'vitest';
import { runSteps, type StepState } from './steps';

describe('work of several steps', () => {
  it('Cancel during a step: that step completes and is reported, nothing new starts, the rest are not started', async () => {
    let cancelled = false;
    const started: number[] = [];
    const seen: StepState<string>[][] = [];
    const states = await runSteps(
      ['a', 'b', 'c', 'd'],
      async (item, index) => {
        started.push(index);
        if (index === 1) cancelled = true; // the trader clicks Cancel while step 2 is on its way
        await new Promise((resolve) => setTimeout(resolve, 5));
        return `${item} done`;
      },
      { cancelled: () => cancelled, onChange: (s) => seen.push(s) },
    );
    expect(started).toEqual([0, 1]);
    expect(states).toEqual([
      { state: 'done', result: 'a done' },
      { state: 'done', result: 'b done' },
      { state: 'not-started' },
      { state: 'not-started' },
    ]);
    // Progress was reported for each step as it ran.
    expect(seen.some((s) => s[1]?.state === 'running')).toBe(true);
    expect(seen.at(-1)).toEqual(states);
  });

  it('a step that says stop (the worker stopped mid-step) ends the run after it', async () => {
    const states = await runSteps([1, 2, 3], async (n) => (n === 2 ? 'interrupted' : 'moved'), {
      cancelled: () => false,
      stopAfter: (result) => result === 'interrupted',
      onChange: () => undefined,
    });
    expect(states.map((s) => (s.state === 'done' ? s.result : s.state))).toEqual([
      'moved',
      'interrupted',
      'not-started',
    ]);
  });

  it('cancelled before the first step: nothing runs', async () => {
    let ran = false;
    const states = await runSteps(
      ['a'],
      async () => {
        ran = true;
      },
      { cancelled: () => true, onChange: () => undefined },
    );
    expect(ran).toBe(false);
    expect(states).toEqual([{ state: 'not-started' }]);
  });
});
