/**
 * Work of several steps (a sweep across accounts, reading many balances), run one step at a time so that it can
 * be cancelled between steps: a step already started always completes and is reported; after a cancel (or a
 * step that says stop) nothing new starts and the rest are reported as not started. `run` reports failures in
 * its result rather than throwing, so one failed step never hides the others.
 */

export type StepState<R> =
  { state: 'waiting' } | { state: 'running' } | { state: 'done'; result: R } | { state: 'not-started' };

export interface StepOptions<R> {
  /** Read before each step: true once the trader has cancelled. */
  cancelled(): boolean;
  /** After a step: true when the steps after it must not start (e.g. the worker stopped mid-step). */
  stopAfter?(result: R): boolean;
  /** Every change, with a fresh array (for React state). */
  onChange(states: StepState<R>[]): void;
}

export async function runSteps<T, R>(
  items: readonly T[],
  run: (item: T, index: number) => Promise<R>,
  options: StepOptions<R>,
): Promise<StepState<R>[]> {
  const states: StepState<R>[] = items.map(() => ({ state: 'waiting' }));
  const publish = () => options.onChange([...states]);
  publish();
  for (const [index, item] of items.entries()) {
    if (options.cancelled()) break;
    states[index] = { state: 'running' };
    publish();
    const result = await run(item, index);
    states[index] = { state: 'done', result };
    publish();
    if (options.stopAfter?.(result)) break;
  }
  for (const [index, step] of states.entries())
    if (step.state === 'waiting') states[index] = { state: 'not-started' };
  publish();
  return states;
}

/** How far the steps are: done (finished or running now) and how many in all. */
export function stepProgress<R>(states: readonly StepState<R>[]): { finished: number; total: number } {
  return { finished: states.filter((s) => s.state === 'done').length, total: states.length };
}
