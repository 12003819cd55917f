// Statistics for comparisons, as pure functions: summaries with Student-t intervals, the exact sign test,
// bootstrap intervals and tests (seeded, so a report is reproducible), and average ranks.
import { percentileSorted } from '../common/percentile.js';
import { createRng } from '../common/random.js';

export function mean(xs: ArrayLike<number>): number {
  if (xs.length === 0) throw new Error('mean of no values');
  let sum = 0;
  for (let i = 0; i < xs.length; i++) sum += xs[i];
  return sum / xs.length;
}

/** Sample standard deviation (n - 1 denominator); 0 for a single value. */
export function sampleStd(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
}

function logGamma(x: number): number {
  // Lanczos approximation (g = 7, n = 9), accurate to ~1e-15 for x > 0
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction for the incomplete beta function (modified Lentz). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  d = Math.abs(d) < tiny ? tiny : d;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    for (const num of [
      (m * (b - m) * x) / ((a + m2 - 1) * (a + m2)),
      (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1)),
    ]) {
      d = 1 + num * d;
      d = Math.abs(d) < tiny ? tiny : d;
      c = 1 + num / c;
      c = Math.abs(c) < tiny ? tiny : c;
      d = 1 / d;
      h *= d * c;
    }
    if (Math.abs(d * c - 1) < 1e-15) break;
  }
  return h;
}

/** Regularised incomplete beta I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2)
    ? (front * betaContinuedFraction(x, a, b)) / a
    : 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

/** CDF of Student's t with `df` degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** Quantile of Student's t (bisection on the CDF; the CDF is monotone, so this converges to 1e-12). */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new Error(`quantile needs 0 < p < 1, got ${p}`);
  if (p === 0.5) return 0;
  let lo = -1;
  let hi = 1;
  while (studentTCdf(lo, df) > p) lo *= 2;
  while (studentTCdf(hi, df) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12; i++) {
    const mid = (lo + hi) / 2;
    if (studentTCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export interface Summary {
  n: number;
  mean: number;
  std: number;
  /** Two-sided Student-t interval for the mean; null with fewer than two values. */
  interval: [number, number] | null;
  level: number;
}

export function summarise(xs: readonly number[], level = 0.95): Summary {
  const m = mean(xs);
  const s = sampleStd(xs);
  if (xs.length < 2) return { n: xs.length, mean: m, std: s, interval: null, level };
  const half = studentTQuantile(0.5 + level / 2, xs.length - 1) * (s / Math.sqrt(xs.length));
  return { n: xs.length, mean: m, std: s, interval: [m - half, m + half], level };
}

/** log C(n, k) */
function logChoose(n: number, k: number): number {
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

/**
 * Exact two-sided sign test (binomial, p = 1/2) on `wins` against `losses`; ties are dropped beforehand.
 * Matches scipy.stats.binomtest(wins, wins + losses).pvalue.
 */
export function signTest(wins: number, losses: number): number {
  const n = wins + losses;
  if (n === 0) return 1;
  const k = Math.min(wins, losses);
  let tail = 0;
  for (let i = 0; i <= k; i++) tail += Math.exp(logChoose(n, i) - n * Math.LN2);
  return wins === losses ? 1 : Math.min(1, 2 * tail);
}

export const DEFAULT_RESAMPLES = 2000;

export interface BootstrapOptions {
  resamples?: number;
  seed?: number;
  level?: number;
  /** Resample means drawn before (compare/draws-cache.ts), read and written by the comparison engine. */
  cache?: DrawsCache;
}

/**
 * Resample means kept across processes, by the options they were drawn with (JSON, without the cache) and the
 * values resampled. The draws depend on nothing else but resampleMeans itself (RESAMPLE_METHOD).
 */
export interface DrawsCache {
  get(options: string, values: Float64Array): Float64Array | undefined;
  set(options: string, values: Float64Array, draws: Float64Array): void;
}

/** Names resampleMeans's draws for caches: change it with any change to which indices a resample takes. */
export const RESAMPLE_METHOD =
  'resampleMeans 1: createRng(seed), resample r = the r-th block of n int(n) draws';

export interface BootstrapResult {
  /** Observed statistic (mean of `values`, or mean difference for the paired version). */
  estimate: number;
  interval: [number, number];
  /** Two-sided bootstrap p-value for the estimate differing from `nullValue`. */
  pValue: number;
  resamples: number;
}

/** The sorted resampled means of `values`: the part of a bootstrap test that does not depend on the null value. */
export interface BootstrapDistribution {
  estimate: number;
  sorted: Float64Array;
  level: number;
}

/**
 * The mean of each of `resamples` bootstrap resamples of each column (sets of n values scored on the same n
 * examples), in draw order. Resample r takes the r-th block of n draws of createRng(seed) as example indices for
 * every column, so the differences of two columns' resample means are the paired bootstrap of their mean
 * difference, and the columns cost one set of draws.
 */
export function resampleMeans(
  columns: readonly ArrayLike<number>[],
  opts: BootstrapOptions = {},
): Float64Array[] {
  const { resamples = DEFAULT_RESAMPLES, seed = 0 } = opts;
  const n = columns[0]?.length ?? 0;
  if (n === 0) throw new Error('bootstrap of no values');
  if (columns.some((c) => c.length !== n)) throw new Error('resampled columns need equal lengths');
  const rng = createRng(seed);
  const xs = columns.map((c) => Float64Array.from(c));
  const idx = new Int32Array(n);
  const means = columns.map(() => new Float64Array(resamples));
  for (let r = 0; r < resamples; r++) {
    means[0][r] = rng.resampleSum(xs[0], idx) / n;
    for (let c = 1; c < xs.length; c++) {
      const x = xs[c];
      let sum = 0;
      for (let i = 0; i < n; i++) sum += x[idx[i]];
      means[c][r] = sum / n;
    }
  }
  return means;
}

/** A bootstrap distribution from its resampled statistics (any order) and the observed one. */
export function distributionOfDraws(
  estimate: number,
  draws: Float64Array,
  level = 0.95,
): BootstrapDistribution {
  return { estimate, sorted: Float64Array.from(draws).sort(), level };
}

export function bootstrapDistribution(
  values: readonly number[],
  opts: BootstrapOptions = {},
): BootstrapDistribution {
  return distributionOfDraws(mean(values), resampleMeans([values], opts)[0], opts.level);
}

/** Number of sorted values below `x` (strictly, or also equal to it). */
function countBelow(sorted: Float64Array, x: number, orEqual: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x || (orEqual && sorted[mid] === x)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The percentile interval of a bootstrap distribution and its two-sided test against `nullValue`. */
export function bootstrapTest(d: BootstrapDistribution, nullValue: number): BootstrapResult {
  const n = d.sorted.length;
  const below = countBelow(d.sorted, nullValue, true) / n;
  const above = (n - countBelow(d.sorted, nullValue, false)) / n;
  return {
    estimate: d.estimate,
    interval: [
      percentileSorted(d.sorted, (100 * (1 - d.level)) / 2),
      percentileSorted(d.sorted, (100 * (1 + d.level)) / 2),
    ],
    pValue: Math.min(1, 2 * Math.min(below, above)),
    resamples: n,
  };
}

/** Percentile bootstrap of the mean of `values`, tested against `nullValue`. */
export function bootstrapMean(
  values: readonly number[],
  nullValue: number,
  opts: BootstrapOptions = {},
): BootstrapResult {
  return bootstrapTest(bootstrapDistribution(values, opts), nullValue);
}

/** Paired bootstrap over examples of mean(a - b): the same resampled examples score both models. */
export function pairedBootstrap(
  a: readonly number[],
  b: readonly number[],
  opts: BootstrapOptions = {},
): BootstrapResult {
  if (a.length !== b.length)
    throw new Error(`paired bootstrap needs equal lengths (${a.length} vs ${b.length})`);
  return bootstrapMean(
    a.map((x, i) => x - b[i]),
    0,
    opts,
  );
}

/** Ranks with ties sharing their average rank (scipy.stats.rankdata 'average'); rank 1 is the best. */
export function averageRanks(values: readonly number[], higherIsBetter: boolean): number[] {
  const order = values.map((v, i) => [higherIsBetter ? -v : v, i] as const).sort((x, y) => x[0] - y[0]);
  const ranks = new Array<number>(values.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    for (let k = i; k <= j; k++) ranks[order[k][1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return ranks;
}
