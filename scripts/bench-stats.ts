/**
 * The benchmark's arithmetic, kept pure: samples of one figure and its floor per run (a whole pass over every
 * figure), summarised per run, then across runs. Targets are ratios (figure ÷ floor measured alongside it),
 * judged on the median of the runs' ratios; the spread is the runs' lowest and highest ratio.
 */

export interface FigureSpec {
  key: string;
  name: string;
  /** What the target's floor is made of. */
  floor: string;
  /** Target for the ratio (median of the runs' median ÷ floor median); null: printed for information. */
  target: number | null;
}

/** One run's samples of a figure with one vault. `info`: literal floors printed beside it, never judged. */
export interface RunSamples {
  samplesMs: number[];
  floorSamplesMs: number[];
  infoMs: Record<string, number[]>;
  /** Why the figure could not be measured in this run (e.g. the page's mark is missing). */
  notMeasured?: string;
}

export interface RunSummary {
  medianMs: number;
  p95Ms: number;
  floorMedianMs: number;
  ratio: number;
}

export interface FigureSummary {
  key: string;
  name: string;
  floor: string;
  vault: string;
  /** Runs that measured it, and samples per run. */
  runs: number;
  samplesPerRun: number;
  /** Median of the runs' medians (and p95s, floor medians, ratios). */
  medianMs: number | null;
  p95Ms: number | null;
  floorMedianMs: number | null;
  ratio: number | null;
  /** Lowest and highest of the runs' ratios. */
  ratioSpread: [number, number] | null;
  /** Literal floors, medians of the runs' medians: information only. */
  infoMs: Record<string, number>;
  target: number | null;
  meetsTarget: boolean | null;
  notMeasured: string | null;
}

export interface ScaleSummary {
  key: string;
  name: string;
  /** Median over runs of (ratio at scale ÷ ratio with the small vault − 1), in %: drift of the machine cancels. */
  ratioDeltaPct: number | null;
  /** The same for the medians themselves, for information (drift does not cancel). */
  medianDeltaPct: number | null;
  withinTolerance: boolean | null;
}

export function quantile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

export const median = (samples: readonly number[]) => quantile(samples, 0.5);

const round = (value: number, digits = 2) => +value.toFixed(digits);

export function summariseRun(run: RunSamples): RunSummary | null {
  if (run.notMeasured || run.samplesMs.length === 0 || run.floorSamplesMs.length === 0) return null;
  const medianMs = median(run.samplesMs);
  const floorMedianMs = median(run.floorSamplesMs);
  return { medianMs, p95Ms: quantile(run.samplesMs, 0.95), floorMedianMs, ratio: medianMs / floorMedianMs };
}

export function summariseFigure(spec: FigureSpec, vault: string, runs: readonly RunSamples[]): FigureSummary {
  const summaries = runs.map(summariseRun).filter((s): s is RunSummary => s !== null);
  const of = (pick: (s: RunSummary) => number) =>
    summaries.length === 0 ? null : round(median(summaries.map(pick)), 3);
  const ratios = summaries.map((s) => s.ratio);
  const ratio = of((s) => s.ratio);
  const infoKeys = [...new Set(runs.flatMap((run) => Object.keys(run.infoMs)))];
  const infoMs = Object.fromEntries(
    infoKeys
      .map((key) => [key, runs.map((run) => run.infoMs[key] ?? []).filter((s) => s.length > 0)] as const)
      .filter(([, perRun]) => perRun.length > 0)
      .map(([key, perRun]) => [key, round(median(perRun.map(median)))]),
  );
  return {
    key: spec.key,
    name: spec.name,
    floor: spec.floor,
    vault,
    runs: summaries.length,
    samplesPerRun: Math.max(0, ...runs.map((run) => run.samplesMs.length)),
    medianMs: of((s) => s.medianMs),
    p95Ms: of((s) => s.p95Ms),
    floorMedianMs: of((s) => s.floorMedianMs),
    ratio,
    ratioSpread: ratios.length === 0 ? null : [round(Math.min(...ratios), 3), round(Math.max(...ratios), 3)],
    infoMs,
    target: spec.target,
    meetsTarget: spec.target === null || ratio === null ? null : ratio <= spec.target,
    notMeasured:
      summaries.length > 0 ? null : (runs.find((run) => run.notMeasured)?.notMeasured ?? 'no samples'),
  };
}

/** Run by run, the figure at scale against the same run's small-vault figure (the runs interleave both). */
export function summariseScale(
  spec: FigureSpec,
  small: readonly RunSamples[],
  large: readonly RunSamples[],
  tolerance: number,
): ScaleSummary {
  const pairs = small
    .map((run, i) => [summariseRun(run), large[i] ? summariseRun(large[i]) : null] as const)
    .filter((pair): pair is readonly [RunSummary, RunSummary] => pair[0] !== null && pair[1] !== null);
  if (pairs.length === 0)
    return {
      key: spec.key,
      name: spec.name,
      ratioDeltaPct: null,
      medianDeltaPct: null,
      withinTolerance: null,
    };
  const ratioDelta = median(pairs.map(([one, many]) => many.ratio / one.ratio - 1));
  const medianDelta = median(pairs.map(([one, many]) => many.medianMs / one.medianMs - 1));
  return {
    key: spec.key,
    name: spec.name,
    ratioDeltaPct: round(ratioDelta * 100, 1),
    medianDeltaPct: round(medianDelta * 100, 1),
    withinTolerance: ratioDelta <= tolerance,
  };
}
