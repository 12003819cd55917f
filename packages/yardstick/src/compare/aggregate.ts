// Aggregates across tasks as rliable (Agarwal et al. 2021) computes them: the interquartile mean of
// normalised scores, percentile intervals from a stratified bootstrap (runs resampled within each task,
// tasks fixed: rliable's task_bootstrap=False), and performance profiles (score distributions).
// Scores are ragged: strata[t] holds every run's normalised score on task t.
import { percentileSorted } from '../common/percentile.js';
import { createRng } from '../common/random.js';
import { mean, type BootstrapOptions } from './stats.js';

/** 25% trimmed mean over all values, as scipy.stats.trim_mean(x, 0.25) (rliable's aggregate_iqm). */
export function iqm(values: ArrayLike<number>): number {
  if (values.length === 0) throw new Error('IQM of no values');
  const sorted = Float64Array.from(values).sort();
  const cut = Math.floor(0.25 * sorted.length);
  return mean(sorted.slice(cut, sorted.length - cut));
}

/** Fraction of all runs × tasks whose score exceeds each threshold (rliable's score distribution). */
export function scoreDistribution(values: ArrayLike<number>, taus: readonly number[]): number[] {
  // counted in place: a bootstrap calls this once per resample
  const n = values.length;
  return taus.map((tau) => {
    let above = 0;
    for (let i = 0; i < n; i++) if (values[i] > tau) above++;
    return above / n;
  });
}

export interface IntervalEstimate<T> {
  estimate: T;
  /** Percentile interval; for vector statistics, element-wise. */
  lower: T;
  upper: T;
  resamples: number;
}

/**
 * Stratified bootstrap of a statistic of all values: each resample draws, within every stratum, as many
 * values as it holds, with replacement. Percentile interval, seeded.
 */
export function stratifiedBootstrap(
  strata: readonly (readonly number[])[],
  stat: (values: Float64Array) => number[],
  opts: BootstrapOptions = {},
): IntervalEstimate<number[]> {
  const { resamples = 2000, seed = 0, level = 0.95 } = opts;
  if (strata.length === 0 || strata.some((s) => s.length === 0))
    throw new Error('stratified bootstrap needs values in every stratum');
  const flat = Float64Array.from(strata.flat());
  const estimate = stat(flat);
  // every stratum constant (one run per task, say): every resample is the sample itself
  if (strata.every((s) => s.every((v) => v === s[0])))
    return { estimate, lower: estimate, upper: estimate, resamples };
  const rng = createRng(seed);
  const draws: number[][] = estimate.map(() => new Array<number>(resamples));
  const sample = new Float64Array(flat.length);
  const typed = strata.map((s) => Float64Array.from(s));
  const u = new Float64Array(flat.length);
  for (let r = 0; r < resamples; r++) {
    rng.fill(u);
    let k = 0;
    for (const s of typed) for (let i = 0; i < s.length; i++, k++) sample[k] = s[Math.floor(u[k] * s.length)];
    stat(sample).forEach((v, j) => (draws[j][r] = v));
  }
  const sorted = draws.map((d) => d.sort((a, b) => a - b));
  return {
    estimate,
    lower: sorted.map((d) => percentileSorted(d, (100 * (1 - level)) / 2)),
    upper: sorted.map((d) => percentileSorted(d, (100 * (1 + level)) / 2)),
    resamples,
  };
}

export function iqmInterval(
  strata: readonly (readonly number[])[],
  opts?: BootstrapOptions,
): IntervalEstimate<number> {
  const r = stratifiedBootstrap(strata, (v) => [iqm(v)], opts);
  return { estimate: r.estimate[0], lower: r.lower[0], upper: r.upper[0], resamples: r.resamples };
}

export function profileInterval(
  strata: readonly (readonly number[])[],
  taus: readonly number[],
  opts?: BootstrapOptions,
): IntervalEstimate<number[]> {
  return stratifiedBootstrap(strata, (v) => scoreDistribution(v, taus), opts);
}

/**
 * Bootstrap over test examples of a statistic computed from resampled example indices (MCC, accuracy, a paired
 * difference of them), with a two-sided p-value for the statistic differing from `nullValue`.
 */
export function bootstrapIndices(
  n: number,
  stat: (indices: Int32Array) => number,
  opts: BootstrapOptions = {},
  nullValue = 0,
): { interval: [number, number]; pValue: number; resamples: number } {
  const { resamples = 2000, seed = 0, level = 0.95 } = opts;
  const rng = createRng(seed);
  const idx = new Int32Array(n);
  const u = new Float64Array(n);
  const stats = new Array<number>(resamples);
  for (let r = 0; r < resamples; r++) {
    rng.fill(u);
    for (let i = 0; i < n; i++) idx[i] = Math.floor(u[i] * n);
    stats[r] = stat(idx);
  }
  stats.sort((a, b) => a - b);
  const below = stats.filter((s) => s <= nullValue).length / resamples;
  const above = stats.filter((s) => s >= nullValue).length / resamples;
  return {
    interval: [
      percentileSorted(stats, (100 * (1 - level)) / 2),
      percentileSorted(stats, (100 * (1 + level)) / 2),
    ],
    pValue: Math.min(1, 2 * Math.min(below, above)),
    resamples,
  };
}
