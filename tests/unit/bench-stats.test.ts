import { describe, expect, it } from 'vitest';
import { summariseFigure, summariseScale, type FigureSpec, type RunSamples } from '../../scripts/bench-stats';

const spec: FigureSpec = { key: 'x', name: 'a figure', floor: 'its floor', target: 1.5 };
const run = (samplesMs: number[], floorSamplesMs: number[]): RunSamples => ({
  samplesMs,
  floorSamplesMs,
  infoMs: {},
});

describe('bench statistics', () => {
  it('judges the median of the runs’ ratios and reports their spread', () => {
    // Ratios 1.2, 1.4 and 3 (one run on a busy moment): the median, 1.4, meets 1.5; the spread shows 3.
    const summary = summariseFigure(spec, '1 account', [
      run([12, 12, 12], [10, 10, 10]),
      run([14, 14, 14], [10, 10, 10]),
      run([30, 30, 30], [10, 10, 10]),
    ]);
    expect(summary.ratio).toBe(1.4);
    expect(summary.ratioSpread).toEqual([1.2, 3]);
    expect(summary.meetsTarget).toBe(true);
    expect(summary.medianMs).toBe(14);
  });

  it('fails a target the median run misses', () => {
    const summary = summariseFigure(spec, '1 account', [run([16], [10]), run([17], [10]), run([12], [10])]);
    expect(summary.ratio).toBe(1.6);
    expect(summary.meetsTarget).toBe(false);
  });

  it('reports a figure that could not be measured instead of a number', () => {
    const missing = { ...run([], []), notMeasured: 'not measured (mark missing)' };
    const summary = summariseFigure(spec, '1 account', [missing, missing]);
    expect(summary.notMeasured).toBe('not measured (mark missing)');
    expect(summary.ratio).toBeNull();
    expect(summary.meetsTarget).toBeNull();
  });

  it('compares scale on ratios of the same run, so a machine slowing down between runs does not count', () => {
    // Run 2 is twice as slow for both vaults (figure and floor): ratios are equal, scale Δ is 0.
    const small = [run([10], [10]), run([20], [20])];
    const large = [run([10.5], [10]), run([21], [20])];
    const scale = summariseScale(spec, small, large, 0.1);
    expect(scale.ratioDeltaPct).toBe(5);
    expect(scale.withinTolerance).toBe(true);
    // A real effect of scale: the large vault's figure grows, its floor does not.
    const worse = summariseScale(spec, small, [run([13], [10]), run([26], [20])], 0.1);
    expect(worse.ratioDeltaPct).toBe(30);
    expect(worse.withinTolerance).toBe(false);
  });
});
