// Default mode: the best closed-form linear forecaster Auto-AR's statistics allow, chosen on rolling validation
// windows. The family (transforms.ts): lags of levels, of first or second differences, or levels normalised by the
// window's last value (NLinear) or mean (RLinear), for lookbacks up to 720, a ridge path of 23 strengths (one
// eigendecomposition each, ridge-path.ts), direct multi-horizon or recursive one-step forecasts; all pooled over
// channels. Every candidate comes from the same level-window Gram matrices (one pass over the data per fold segment).
// Selection: F expanding-window folds cut from the validation block (AutoGluon's num_val_windows); each fold fits on
// every window that ends before its validation origins. The winner is the simplest candidate (fewest effective
// parameters) whose validation MSE is within one standard error of the best (the SE of the paired per-fold
// differences), then refitted on all train+validation windows.
import { chooseDifferencing } from './kpss.js';
import { recursiveForecaster, type LinearForecaster } from './linear-forecaster.js';
import { leadingRows } from './protocol.js';
import { sseFromStats } from './errors.js';
import { degreesOfFreedom, pathSse, ridgePath, solvePath } from './ridge-path.js';
import {
  leadingFeatures,
  levelForecaster,
  mapStats,
  nestedInLookback,
  TRANSFORMS,
  windowMap,
  type Normalisation,
  type Transform,
} from './transforms.js';
import { windowStats, type WindowStats } from './window-stats.js';
import type { LtsfTask } from '../data/ltsf/index.js';

export type Strategy = 'recursive' | 'direct';
export type SelectionRule = 'one-standard-error' | 'minimum';

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
  numValWindows: 3,
  validationFraction: 0.3,
  rule: 'one-standard-error' as SelectionRule,
};

export interface Candidate {
  d: number;
  norm: Normalisation;
  lookback: number;
  ridge: number;
  strategy: Strategy;
  /** Pooled validation MSE over all folds. */
  valMse: number;
  foldMse: number[];
  /** Effective parameters: degrees of freedom of the ridge fit per target, times h for a direct model. */
  complexity: number;
}

export interface Fold {
  /** Fit windows: origins [first, first + count). */
  fit: { first: number; count: number };
  validation: { first: number; count: number };
}

export interface DefaultFit {
  d: number;
  norm: Normalisation;
  lookback: number;
  ridge: number;
  strategy: Strategy;
  /** KPSS's differencing order on the training rows: when >= 1, un-normalised level models are not candidates. */
  kpssD: number;
  forecaster: LinearForecaster;
  /** The AR itself when the strategy is recursive (it can forecast any horizon). */
  ar?: ArModel;
  rule: SelectionRule;
  /** The candidate with the lowest validation MSE (the rule may prefer a simpler one). */
  minimum: Candidate;
  chosen: Candidate;
  folds: Fold[];
  candidates: Candidate[];
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

function addInto(acc: WindowStats, s: WindowStats): void {
  for (let i = 0; i < acc.gram.length; i++) acc.gram[i] += s.gram[i];
  for (let i = 0; i < acc.sums.length; i++) acc.sums[i] += s.sums[i];
  acc.count += s.count;
}

function key(t: Transform, L: number, ridge: number, s: Strategy): string {
  return `${t.d}|${t.norm}|${L}|${ridge}|${s}`;
}

/**
 * The one-standard-error rule along the ridge path (glmnet's lambda.1se): at the best candidate's transform,
 * lookback and strategy, the strongest ridge whose validation MSE exceeds the best by at most the standard error
 * of their paired per-fold differences.
 */
export function oneStandardError(candidates: readonly Candidate[], best: Candidate): Candidate {
  const F = best.foldMse.length;
  let chosen = best;
  for (const c of candidates) {
    if (
      c.d !== best.d ||
      c.norm !== best.norm ||
      c.lookback !== best.lookback ||
      c.strategy !== best.strategy
    )
      continue;
    const diffs = c.foldMse.map((m, f) => m - best.foldMse[f]);
    const mean = diffs.reduce((a, b) => a + b, 0) / F;
    const sd = F > 1 ? Math.sqrt(diffs.reduce((a, b) => a + (b - mean) ** 2, 0) / (F - 1)) : 0;
    if (c.valMse - best.valMse > sd / Math.sqrt(F)) continue;
    if (c.ridge > chosen.ridge) chosen = c;
  }
  return chosen;
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

/** A candidate refitted on every train+validation window (the same window set for every transform). */
export function refitCandidate(
  task: LtsfTask,
  h: number,
  c: Candidate,
): { forecaster: LinearForecaster; ar?: ArModel } {
  const end = task.split.train + task.split.val;
  const before = c.lookback + 2;
  const stats = windowStats(
    leadingRows(task, end),
    { first: before, count: end - h + 1 - before },
    before,
    h,
  );
  return forecasterFor(stats, { d: c.d, norm: c.norm }, c.lookback, c.ridge, c.strategy);
}

export function fitDefaultMode(task: LtsfTask, horizon: number, opts: DefaultOptions = {}): DefaultFit {
  const h = horizon;
  const { train: nTrain, val: nVal } = task.split;
  const ridges = opts.ridges ?? DEFAULT_GRID.ridges;
  const recursiveRidges = opts.recursiveRidges ?? DEFAULT_GRID.recursiveRidges;
  const strategies = opts.strategies ?? DEFAULT_GRID.strategies;
  const maxRecursive = opts.maxRecursiveLookback ?? DEFAULT_GRID.maxRecursiveLookback;
  const rule = opts.rule ?? DEFAULT_GRID.rule;
  if (nVal - h + 1 < 1) {
    throw new Error(
      `${task.file}: the validation block has ${nVal} rows, fewer than the horizon ${h}; use --mode paper`,
    );
  }
  const train = leadingRows(task, nTrain);
  opts.onProgress?.('KPSS on the training rows');
  // Auto-AR's stationarity test keeps its role as a bound: when KPSS rejects level stationarity (d >= 1), models
  // that forecast un-normalised levels (reverting to the training mean) are left out, so every candidate is
  // level-preserving; second differences are candidates only when KPSS asks for them.
  const kpssD = chooseDifferencing(train).d;
  const transforms = (opts.transforms ?? DEFAULT_GRID.transforms).filter(
    (t) => (kpssD === 0 || t.d > 0 || t.norm !== 'none') && t.d <= Math.max(1, kpssD),
  );
  if (transforms.length === 0)
    throw new Error(`${task.file}: no model family left after KPSS (d = ${kpssD})`);
  const maxD = Math.max(...transforms.map((t) => t.d));
  // The folds cover the validation block, extended back into the training rows when it is shorter than
  // `validationFraction` of train+validation (a short validation block, e.g. ILI's 97 rows, selects by chance).
  const valRows = Math.max(
    nVal,
    Math.floor((opts.validationFraction ?? DEFAULT_GRID.validationFraction) * (nTrain + nVal)),
  );
  const fitRows = nTrain + nVal - valRows;
  // A lookback needs at least twice its window length in the rows fold 0 fits on.
  const lookbacks = (opts.lookbacks ?? DEFAULT_GRID.lookbacks).filter(
    (L) => L + maxD + h <= Math.floor(fitRows / 2),
  );
  if (lookbacks.length === 0) {
    throw new Error(`${task.file}: ${fitRows} fitting rows are too few for any lookback with horizon ${h}`);
  }
  const B = Math.max(...lookbacks) + maxD;
  const trainVal = leadingRows(task, nTrain + nVal);
  const folds = rollingFolds(
    nTrain + nVal - valRows,
    valRows,
    h,
    B,
    opts.numValWindows ?? DEFAULT_GRID.numValWindows,
  );

  const table = new Map<string, Omit<Candidate, 'valMse'> & { sse: number[] }>();
  const valCounts: number[] = [];
  let fit: WindowStats | undefined;
  let fitted = 0;
  for (const [f, fold] of folds.entries()) {
    opts.onProgress?.(`fold ${f + 1}/${folds.length}: window statistics`);
    const end = fold.fit.first + fold.fit.count;
    const segment = windowStats(trainVal, { first: B + fitted, count: end - B - fitted }, B, h);
    if (fit) addInto(fit, segment);
    else fit = segment;
    fitted = end - B;
    const val = windowStats(trainVal, fold.validation, B, h);
    valCounts.push(val.count * h);
    for (const t of transforms) {
      opts.onProgress?.(
        `fold ${f + 1}/${folds.length}: ${t.norm === 'none' ? `d = ${t.d}` : `${t.norm}-normalised`}`,
      );
      // Lags of differences (or of levels minus the last value) are nested: map once at the longest lookback.
      const wide = nestedInLookback(t) ? windowMap(t, Math.max(...lookbacks), B, h) : undefined;
      const wideFit = wide && mapStats(fit, wide);
      const wideVal = wide && mapStats(val, wide);
      for (const L of lookbacks) {
        if (t.norm === 'last' && L < 2) continue;
        const map = windowMap(t, L, B, h);
        const mapped = (stats: WindowStats, wideStats?: WindowStats) =>
          wideStats ? leadingFeatures(wideStats, map.features) : mapStats(stats, map);
        const path = ridgePath(mapped(fit, wideFit));
        const record = (ridge: number, strategy: Strategy, sse: number) => {
          const k = key(t, L, ridge, strategy);
          let c = table.get(k);
          if (!c) {
            const df = degreesOfFreedom(path, ridge);
            c = { d: t.d, norm: t.norm, lookback: L, ridge, strategy, foldMse: [], sse: [], complexity: 0 };
            c.complexity = strategy === 'direct' ? df * h : df;
            table.set(k, c);
          }
          c.sse[f] = sse;
        };
        if (strategies.includes('direct')) {
          const sse = pathSse(path, mapped(val, wideVal), ridges);
          ridges.forEach((r, i) => record(r, 'direct', sse[i]));
        }
        if (strategies.includes('recursive') && t.norm === 'none' && L <= maxRecursive) {
          for (const r of recursiveRidges) {
            const { beta, bias } = solvePath(path, r, 1);
            record(r, 'recursive', sseFromStats(val, recursiveForecaster(beta, bias[0], t.d, h)));
          }
        }
      }
    }
  }
  const total = valCounts.reduce((a, b) => a + b, 0);
  const candidates: Candidate[] = [];
  for (const { sse, ...c } of table.values()) {
    if (sse.length !== folds.length || !sse.every((v) => Number.isFinite(v) && v >= 0)) continue;
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
  const chosen = rule === 'minimum' ? minimum : oneStandardError(candidates, minimum);

  opts.onProgress?.('refit on train+validation');
  const refit = refitCandidate(task, h, chosen);
  return {
    d: chosen.d,
    norm: chosen.norm,
    lookback: chosen.lookback,
    ridge: chosen.ridge,
    strategy: chosen.strategy,
    kpssD,
    forecaster: refit.forecaster,
    ar: refit.ar,
    rule,
    minimum,
    chosen,
    folds,
    candidates,
  };
}
