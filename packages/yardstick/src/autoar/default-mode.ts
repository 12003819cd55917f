// Default mode: the best closed-form linear forecaster Auto-AR's statistics allow, chosen on rolling validation
// windows. The family (transforms.ts): lags of levels, of first or second differences, or levels normalised by the
// window's last value (NLinear) or mean (RLinear), for lookbacks up to 720, a ridge path of 23 strengths (one
// eigendecomposition each, ridge-path.ts), direct multi-horizon or recursive one-step forecasts, pooled over
// channels; and mean-normalised direct models fitted per channel (as FITS and Toner & Darlow's OLS), for the
// lookbacks a channels x L^2 (L + h) budget allows. Every candidate comes from level-window Gram matrices (one pass over the
// data per fold segment, per channel for per-channel fits). Paper mode's own model (the pooled recursive AR at its
// KPSS d and in-sample lookback) is a member of the family.
// Selection: F expanding-window folds cut from the validation block (AutoGluon's num_val_windows); each fold fits on
// every window that ends before its validation origins. The default rule ('anchored') takes the lowest validation
// MSE unless its paired per-fold improvement over paper mode's model is within noise (a one-sided 90% t-test over
// the folds); then paper mode's fit itself is kept. Any other winner is refitted on all train+validation windows.
import { differencingOrder } from './kpss.js';
import { recursiveForecaster, type LinearForecaster } from './linear-forecaster.js';
import { fitPaperMode } from './paper-mode.js';
import { SEQ_LEN } from './protocol.js';
import { cleanSentinels, type CleanedSentinel } from './sentinels.js';
import { sseFromStats } from './errors.js';
import { degreesOfFreedom, pathSse, ridgePath, solvePath } from './ridge-path.js';
import {
  leadingFeatures,
  levelForecaster,
  mapStats,
  nestedInLookback,
  TRANSFORMS,
  transformName,
  windowMap,
  type Normalisation,
  type Transform,
} from './transforms.js';
import { addStats, windowStats, type WindowStats } from './window-stats.js';
import type { LtsfTask } from '../data/ltsf/index.js';

export type Strategy = 'recursive' | 'direct';
/** One coefficient set shared by every channel, or one per channel (as FITS, DLinear `individual`). */
export type Pooling = 'pooled' | 'per-channel';
export type SelectionRule = 'anchored' | 'one-standard-error' | 'minimum';

export interface DefaultOptions {
  lookbacks?: number[];
  /** Ridge strengths of direct models, relative to the mean eigenvalue of the centred feature Gram. */
  ridges?: number[];
  /** Ridge strengths of recursive models (each costs a forecaster build, not O(P^2)). */
  recursiveRidges?: number[];
  /** Longest lookback of a recursive candidate. */
  maxRecursiveLookback?: number;
  transforms?: Transform[];
  strategies?: Strategy[];
  /** Lookbacks and transforms of per-channel (direct) candidates; [] turns them off. */
  perChannelLookbacks?: number[];
  perChannelTransforms?: Transform[];
  /** Per-channel candidates cost about channels x L^2 (L + h) per fold (the eigendecomposition, the validation
   * quadratic forms): lookbacks beyond this budget are left out. */
  perChannelBudget?: number;
  /** ... and a pass over every channel's windows per fold: none for panels of more channels than this. */
  maxPerChannelChannels?: number;
  /** Number of rolling validation folds (AutoGluon's num_val_windows). */
  numValWindows?: number;
  /** The least share of train+validation rows the folds' validation origins span. */
  validationFraction?: number;
  rule?: SelectionRule;
  onProgress?: (step: string) => void;
}

const ridgeGrid = [0, ...Array.from({ length: 22 }, (_, i) => Number((10 ** (-6 + i / 3)).toPrecision(3)))];

export const DEFAULT_GRID = {
  lookbacks: [24, 48, 96, 128, 192, 336, 512, 720],
  ridges: ridgeGrid,
  recursiveRidges: [0, 1e-3, 1e-2, 1e-1],
  maxRecursiveLookback: 512,
  transforms: TRANSFORMS,
  strategies: ['direct', 'recursive'] as Strategy[],
  perChannelLookbacks: [96, 336, 512, 720],
  perChannelTransforms: [{ d: 0, norm: 'mean' }] as Transform[],
  // 7 channels (ETT) and 21 (Weather) up to L = 720 at every horizon (measured on the 2-core machine: Weather h720
  // with per-channel L = 720, 51 s CPU); none for Electricity- or Traffic-sized panels
  perChannelBudget: 1.6e10,
  maxPerChannelChannels: 32,
  numValWindows: 3,
  validationFraction: 0.3,
  rule: 'anchored' as SelectionRule,
};

/** A member of the family: transform, lookback, ridge strength, strategy and pooling. */
export interface ModelSpec {
  d: number;
  norm: Normalisation;
  lookback: number;
  ridge: number;
  strategy: Strategy;
  pooling: Pooling;
}

export interface Candidate extends ModelSpec {
  /** Pooled validation MSE over all folds. */
  valMse: number;
  foldMse: number[];
  /** Effective parameters: degrees of freedom of the ridge fit per target, times h for a direct model (summed
   * over channels for a per-channel one). */
  complexity: number;
}

export interface Fold {
  /** Fit windows: origins [first, first + count). */
  fit: { first: number; count: number };
  validation: { first: number; count: number };
}

export interface DefaultFit extends ModelSpec {
  /** KPSS's differencing order on the training rows: when >= 1, un-normalised level models are not candidates. */
  kpssD: number;
  /** One forecaster per channel (the same object for every channel of a pooled model). */
  forecasters: LinearForecaster[];
  /** The AR itself when the strategy is recursive (it can forecast any horizon). */
  ar?: ArModel;
  rule: SelectionRule;
  /** The candidate with the lowest validation MSE (the rule may prefer a simpler one). */
  minimum: Candidate;
  /** Paper mode's model as a member of the family: the pooled recursive AR at its d and lookback, no ridge. */
  anchor?: Candidate;
  chosen: Candidate;
  /** The chosen candidate is the anchor, so the fitted model is paper mode's own fit (its exact protocol). */
  paperFit: boolean;
  folds: Fold[];
  candidates: Candidate[];
  /** Missing-value codes interpolated in the fitting and validation rows (sentinels.ts); the test rows are as loaded. */
  sentinels: CleanedSentinel[];
}

export interface ArModel {
  /** coefficients[k-1] multiplies the lag-k d-th difference. */
  coefficients: Float64Array;
  intercept: number;
}

/** Expanding-window folds: the validation origins cut into F consecutive blocks, each fitted on what precedes it. */
export function rollingFolds(nTrain: number, nVal: number, h: number, first: number, F: number): Fold[] {
  const origins = nVal - h + 1;
  const n = Math.max(1, Math.min(F, origins));
  const folds: Fold[] = [];
  for (let f = 0; f < n; f++) {
    const v0 = nTrain + Math.floor((f * origins) / n);
    const v1 = nTrain + Math.floor(((f + 1) * origins) / n);
    folds.push({ fit: { first, count: v0 - h + 1 - first }, validation: { first: v0, count: v1 - v0 } });
  }
  return folds;
}

type Model = Pick<Candidate, 'd' | 'norm' | 'lookback' | 'strategy' | 'pooling'>;

function key(c: Model & { ridge: number }): string {
  return `${c.d}|${c.norm}|${c.lookback}|${c.ridge}|${c.strategy}|${c.pooling}`;
}

const sameModel = (a: Model, b: Model) =>
  a.d === b.d &&
  a.norm === b.norm &&
  a.lookback === b.lookback &&
  a.strategy === b.strategy &&
  a.pooling === b.pooling;

/** Standard error of the mean of the paired per-fold differences between two candidates. */
export function pairedStandardError(a: Candidate, b: Candidate): number {
  const F = a.foldMse.length;
  if (F < 2) return 0;
  const diffs = a.foldMse.map((m, f) => m - b.foldMse[f]);
  const mean = diffs.reduce((x, y) => x + y, 0) / F;
  return Math.sqrt(diffs.reduce((x, y) => x + (y - mean) ** 2, 0) / (F - 1)) / Math.sqrt(F);
}

/**
 * The one-standard-error rule along the ridge path (glmnet's lambda.1se): at the best candidate's transform,
 * lookback, strategy and pooling, the strongest ridge whose validation MSE exceeds the best by at most the standard
 * error of their paired per-fold differences.
 */
export function oneStandardError(candidates: readonly Candidate[], best: Candidate): Candidate {
  let chosen = best;
  for (const c of candidates) {
    if (!sameModel(c, best)) continue;
    if (c.valMse - best.valMse > pairedStandardError(c, best)) continue;
    if (c.ridge > chosen.ridge) chosen = c;
  }
  return chosen;
}

/** One-sided 90% quantiles of Student's t with 1..10 degrees of freedom (then the normal's). */
const T90 = [3.078, 1.886, 1.638, 1.533, 1.476, 1.44, 1.415, 1.397, 1.383, 1.372];

/**
 * The anchored rule: the lowest-MSE candidate, unless its paired per-fold improvement over the anchor (paper mode's
 * model) is within noise -- at most `z` standard errors, by default the one-sided 90% t quantile for F - 1 degrees
 * of freedom (a paired t-test over the folds) -- in which case the paper's model is kept.
 */
export function anchoredChoice(best: Candidate, anchor: Candidate | undefined, z?: number): Candidate {
  if (!anchor) return best;
  const F = best.foldMse.length;
  const threshold = z ?? (F < 2 ? Infinity : (T90[F - 2] ?? 1.282));
  return anchor.valMse - best.valMse > threshold * pairedStandardError(anchor, best) ? best : anchor;
}

interface Grid {
  transforms: Transform[];
  lookbacks: number[];
  strategies: Strategy[];
  ridges: number[];
  recursiveRidges: number[];
  maxRecursive: number;
}

type Entry = Omit<Candidate, 'valMse' | 'foldMse'> & { sse: number[] };

/**
 * Validation SSE of every candidate of `grid` fitted on `series` (all channels pooled), fold by fold, added into
 * `table` (per-channel candidates sum their channels' SSE and degrees of freedom into one entry).
 */
function scoreFolds(
  series: readonly Float64Array[],
  folds: readonly Fold[],
  B: number,
  h: number,
  grid: Grid,
  pooling: Pooling,
  table: Map<string, Entry>,
  onProgress?: (step: string) => void,
): void {
  let fit: WindowStats | undefined;
  let fitted = folds[0].fit.first;
  const maxL = Math.max(...grid.lookbacks);
  for (const [f, fold] of folds.entries()) {
    onProgress?.(`fold ${f + 1}/${folds.length}: window statistics`);
    const end = fold.fit.first + fold.fit.count;
    const segment = windowStats(series, { first: fitted, count: end - fitted }, B, h);
    if (fit) addStats(fit, segment);
    else fit = segment;
    fitted = end;
    const val = windowStats(series, fold.validation, B, h);
    for (const t of grid.transforms) {
      onProgress?.(`fold ${f + 1}/${folds.length}: ${transformName(t)}`);
      // Lags of differences (or of levels minus the last value) are nested: map once at the longest lookback.
      const wide = nestedInLookback(t) ? windowMap(t, maxL, B, h) : undefined;
      const wideFit = wide && mapStats(fit, wide);
      const wideVal = wide && mapStats(val, wide);
      for (const L of grid.lookbacks) {
        if (t.norm === 'last' && L < 2) continue;
        const map = windowMap(t, L, B, h);
        const mapped = (stats: WindowStats, wideStats?: WindowStats) =>
          wideStats ? leadingFeatures(wideStats, map.features) : mapStats(stats, map);
        const path = ridgePath(mapped(fit, wideFit));
        const record = (ridge: number, strategy: Strategy, sse: number) => {
          const c = { d: t.d, norm: t.norm, lookback: L, ridge, strategy, pooling };
          const k = key(c);
          let e = table.get(k);
          if (!e) {
            e = { ...c, sse: folds.map(() => 0), complexity: 0 };
            table.set(k, e);
          }
          if (f === 0) {
            const df = degreesOfFreedom(path, ridge);
            e.complexity += strategy === 'direct' ? df * h : df;
          }
          e.sse[f] += sse;
        };
        if (grid.strategies.includes('direct')) {
          const sse = pathSse(path, mapped(val, wideVal), grid.ridges);
          grid.ridges.forEach((r, i) => record(r, 'direct', sse[i]));
        }
        if (grid.strategies.includes('recursive') && t.norm === 'none' && L <= grid.maxRecursive) {
          for (const r of grid.recursiveRidges) {
            const { beta, bias } = solvePath(path, r, 1);
            record(r, 'recursive', sseFromStats(val, recursiveForecaster(beta, bias[0], t.d, h)));
          }
        }
      }
    }
  }
}

function forecasterFor(
  stats: WindowStats,
  t: Transform,
  L: number,
  ridge: number,
  strategy: Strategy,
): { forecaster: LinearForecaster; ar?: ArModel } {
  const map = windowMap(t, L, stats.before, stats.after);
  const path = ridgePath(mapStats(stats, map));
  if (strategy === 'direct') {
    const { beta, bias } = solvePath(path, ridge);
    return { forecaster: levelForecaster(map, beta, bias) };
  }
  const { beta, bias } = solvePath(path, ridge, 1);
  return {
    forecaster: recursiveForecaster(beta, bias[0], t.d, stats.after),
    ar: { coefficients: beta, intercept: bias[0] },
  };
}

/** A candidate refitted on every window of `rows` (train+validation; the same window set for every transform). */
export function refitCandidate(
  rows: readonly Float64Array[],
  h: number,
  c: Omit<Candidate, 'valMse' | 'foldMse' | 'complexity'>,
): { forecasters: LinearForecaster[]; ar?: ArModel } {
  const end = rows[0].length;
  const before = c.lookback + 2;
  const fitOn = (series: readonly Float64Array[]) =>
    forecasterFor(
      windowStats(series, { first: before, count: end - h + 1 - before }, before, h),
      { d: c.d, norm: c.norm },
      c.lookback,
      c.ridge,
      c.strategy,
    );
  if (c.pooling === 'per-channel') return { forecasters: rows.map((z) => fitOn([z]).forecaster) };
  const { forecaster, ar } = fitOn(rows);
  return { forecasters: rows.map(() => forecaster), ar };
}

/** Whether paper mode can run on the task at this horizon (its train+val series holds a 512 + h window). */
function paperApplies(task: LtsfTask, h: number): boolean {
  const { train, val } = task.split;
  return train + (train + val - Math.max(0, train - SEQ_LEN)) - SEQ_LEN - h + 1 >= 1;
}

export function fitDefaultMode(task: LtsfTask, horizon: number, opts: DefaultOptions = {}): DefaultFit {
  const h = horizon;
  const { train: nTrain, val: nVal } = task.split;
  const rule = opts.rule ?? DEFAULT_GRID.rule;
  if (nVal - h + 1 < 1) {
    throw new Error(
      `${task.file}: the validation block has ${nVal} rows, fewer than the horizon ${h}; use --mode paper`,
    );
  }
  const { series: trainVal, cleaned: sentinels } = cleanSentinels(task, nTrain + nVal);
  for (const s of sentinels)
    opts.onProgress?.(
      `column '${s.channel}': ${s.count} cells of ${s.value} in the fitting rows treated as missing (interpolated)`,
    );
  const train = trainVal.map((x) => x.subarray(0, nTrain));
  opts.onProgress?.('KPSS on the training rows');
  // Auto-AR's stationarity test keeps its role as a bound: when KPSS rejects level stationarity (d >= 1), models
  // that forecast un-normalised levels (reverting to the training mean) are left out, so every candidate is
  // level-preserving; second differences are candidates only when KPSS asks for them.
  const kpssD = differencingOrder(train);
  const allowed = (t: Transform) =>
    (kpssD === 0 || t.d > 0 || t.norm !== 'none') && t.d <= Math.max(1, kpssD);
  // Paper mode's model (its d and in-sample lookback) joins the family, so the default can only leave it for a
  // candidate that validation shows to be better.
  const strategies = opts.strategies ?? DEFAULT_GRID.strategies;
  const paper =
    rule === 'anchored' && strategies.includes('recursive') && paperApplies(task, h)
      ? fitPaperMode(task, h)
      : undefined;
  const transforms = (opts.transforms ?? DEFAULT_GRID.transforms).filter(
    (t) => allowed(t) || (paper && t.d === paper.d && t.norm === 'none'),
  );
  if (paper && !transforms.some((t) => t.d === paper.d && t.norm === 'none'))
    transforms.push({ d: paper.d, norm: 'none' });
  if (transforms.length === 0)
    throw new Error(`${task.file}: no model family left after KPSS (d = ${kpssD})`);
  const C = task.series.length;
  const perChannelTransforms = (opts.perChannelTransforms ?? DEFAULT_GRID.perChannelTransforms).filter(
    allowed,
  );
  const maxD = Math.max(...transforms.map((t) => t.d));
  // The folds cover the validation block, extended back into the training rows when it is shorter than
  // `validationFraction` of train+validation (a short validation block, e.g. ILI's 97 rows, selects by chance).
  const valRows = Math.max(
    nVal,
    Math.floor((opts.validationFraction ?? DEFAULT_GRID.validationFraction) * (nTrain + nVal)),
  );
  const fitRows = nTrain + nVal - valRows;
  // A lookback needs at least twice its window length in the rows fold 0 fits on.
  const fits = (L: number) => L + maxD + h <= Math.floor(fitRows / 2);
  const requested = opts.lookbacks ?? DEFAULT_GRID.lookbacks;
  const lookbacks = [...new Set([...requested, ...(paper ? [paper.lookback] : [])].filter(fits))].sort(
    (a, b) => a - b,
  );
  if (lookbacks.length === 0) {
    throw new Error(`${task.file}: ${fitRows} fitting rows are too few for any lookback with horizon ${h}`);
  }
  const budget = opts.perChannelBudget ?? DEFAULT_GRID.perChannelBudget;
  const perChannelLookbacks =
    C <= (opts.maxPerChannelChannels ?? DEFAULT_GRID.maxPerChannelChannels)
      ? (opts.perChannelLookbacks ?? DEFAULT_GRID.perChannelLookbacks).filter(
          (L) => fits(L) && C * L ** 2 * (L + h) <= budget,
        )
      : [];
  const B = Math.max(...lookbacks, ...perChannelLookbacks) + maxD;
  const folds = rollingFolds(
    nTrain + nVal - valRows,
    valRows,
    h,
    B,
    opts.numValWindows ?? DEFAULT_GRID.numValWindows,
  );
  const ridges = opts.ridges ?? DEFAULT_GRID.ridges;
  const grid: Grid = {
    transforms,
    lookbacks,
    strategies,
    ridges,
    recursiveRidges: [
      ...new Set([...(opts.recursiveRidges ?? DEFAULT_GRID.recursiveRidges), ...(paper ? [0] : [])]),
    ],
    maxRecursive: Math.max(
      opts.maxRecursiveLookback ?? DEFAULT_GRID.maxRecursiveLookback,
      paper?.lookback ?? 0,
    ),
  };
  const table = new Map<string, Entry>();
  scoreFolds(trainVal, folds, B, h, grid, 'pooled', table, opts.onProgress);
  if (perChannelTransforms.length > 0 && perChannelLookbacks.length > 0) {
    const perChannel: Grid = {
      ...grid,
      transforms: perChannelTransforms,
      lookbacks: perChannelLookbacks,
      strategies: ['direct'],
    };
    // windows as long as the per-channel lookbacks need (the origins are the pooled ones)
    const before = Math.max(...perChannelLookbacks) + Math.max(...perChannelTransforms.map((t) => t.d));
    trainVal.forEach((z, c) =>
      scoreFolds([z], folds, before, h, perChannel, 'per-channel', table, (step) =>
        opts.onProgress?.(`channel ${c + 1}/${C}, ${step}`),
      ),
    );
  }
  const valCounts = folds.map((f) => f.validation.count * C * h);
  const total = valCounts.reduce((a, b) => a + b, 0);
  const candidates: Candidate[] = [];
  for (const { sse, ...c } of table.values()) {
    if (!sse.every((v) => Number.isFinite(v) && v >= 0)) continue;
    const foldMse = sse.map((v, f) => v / valCounts[f]);
    candidates.push({ ...c, foldMse, valMse: sse.reduce((a, b) => a + b, 0) / total });
  }
  if (candidates.length === 0) {
    throw new Error(
      `${task.file}: no candidate model gave a finite validation error at horizon ${h} (check the series for ` +
        `non-finite or degenerate values)`,
    );
  }
  const minimum = candidates.reduce((a, b) => (b.valMse < a.valMse ? b : a));
  const anchor =
    paper &&
    candidates.find(
      (c) =>
        sameModel(c, {
          d: paper.d,
          norm: 'none',
          lookback: paper.lookback,
          strategy: 'recursive',
          pooling: 'pooled',
        }) && c.ridge === 0,
    );
  const chosen =
    rule === 'minimum'
      ? minimum
      : rule === 'one-standard-error'
        ? oneStandardError(candidates, minimum)
        : anchoredChoice(minimum, anchor);
  const result = {
    kpssD,
    rule,
    minimum,
    ...(anchor ? { anchor } : {}),
    chosen,
    folds,
    candidates,
    sentinels,
  };
  const { d, norm, lookback, ridge, strategy, pooling } = chosen;
  if (paper && chosen === anchor) {
    const forecaster = paper.forecaster;
    return {
      ...result,
      d,
      norm,
      lookback,
      ridge,
      strategy,
      pooling,
      forecasters: task.series.map(() => forecaster),
      ar: { coefficients: paper.ar, intercept: paper.intercept },
      paperFit: true,
    };
  }
  opts.onProgress?.('refit on train+validation');
  const refit = refitCandidate(trainVal, h, chosen);
  return { ...result, d, norm, lookback, ridge, strategy, pooling, ...refit, paperFit: false };
}
