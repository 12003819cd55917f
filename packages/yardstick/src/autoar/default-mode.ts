// Default mode: Auto-AR with the reference's selection flaws fixed. Candidates (differencing order, lookback,
// ridge strength, recursive vs direct multi-horizon) are fitted on the training rows only and scored on the real
// validation windows; the winner is refitted on the contiguous train+validation rows (no duplicated seam rows)
// and tested on the same test windows as paper mode.
import { chooseDifferencing, difference } from './kpss.js';
import { fromDifferenceModel, recursiveForecaster, type LinearForecaster } from './linear-forecaster.js';
import { arCoefficients, normalEquations, solveRidge, type NormalEquations } from './ols.js';
import { leadingRows } from './protocol.js';
import { sseFromStats } from './errors.js';
import { windowStats, type WindowStats } from './window-stats.js';
import type { LtsfTask } from '../data/ltsf/index.js';

export type Strategy = 'recursive' | 'direct';

export interface DefaultOptions {
  orders?: number[];
  lookbacks?: number[];
  /** Ridge strengths relative to the mean diagonal of X'X's lag block. */
  ridges?: number[];
  strategies?: Strategy[];
  onProgress?: (step: string) => void;
}

export const DEFAULT_GRID = {
  orders: [0, 1, 2],
  lookbacks: [64, 96, 128, 192, 336, 512],
  ridges: [0, 1e-4, 1e-3, 1e-2, 1e-1],
  strategies: ['recursive', 'direct'] as Strategy[],
};

export interface Candidate {
  d: number;
  lookback: number;
  ridge: number;
  strategy: Strategy;
  valMse: number;
}

export interface DefaultFit {
  d: number;
  lookback: number;
  ridge: number;
  strategy: Strategy;
  /** KPSS's order on the training rows, for reference (the order itself is chosen on validation). */
  kpssD: number;
  forecaster: LinearForecaster;
  /** The AR itself when the strategy is recursive (it can forecast any horizon). */
  ar?: ArModel;
  candidates: Candidate[];
}

export interface ArModel {
  /** coefficients[k-1] multiplies the lag-k d-th difference. */
  coefficients: Float64Array;
  intercept: number;
}

/** The statistics of the last `before` inputs of a wider window (a sub-block of the Gram matrix). */
function narrowStats(stats: WindowStats, before: number): WindowStats {
  const K = stats.before + stats.after;
  const off = stats.before - before;
  const k = before + stats.after;
  const gram = new Float64Array(k * k);
  for (let i = 0; i < k; i++) gram.set(stats.gram.subarray((off + i) * K + off, (off + i) * K + K), i * k);
  return { before, after: stats.after, gram, sums: stats.sums.slice(off), count: stats.count };
}

/** Both forecasters of one ridge solution: column 0 is the one-step AR, all columns the direct model. */
function forecasters(eq: NormalEquations, ridge: number, d: number, h: number, strategies: Strategy[]) {
  const beta = solveRidge(eq, ridge);
  const { lags: L, targets } = eq;
  const out: { strategy: Strategy; forecaster: LinearForecaster; ar?: ArModel }[] = [];
  if (strategies.includes('recursive')) {
    const { ar, intercept } = arCoefficients(beta, L, targets);
    out.push({
      strategy: 'recursive',
      forecaster: recursiveForecaster(ar, intercept, d, h),
      ar: { coefficients: ar, intercept },
    });
  }
  if (strategies.includes('direct')) {
    const R = new Float64Array(h * L);
    for (let j = 0; j < h; j++) for (let k = 1; k <= L; k++) R[j * L + k - 1] = beta[(L - k) * targets + j];
    out.push({
      strategy: 'direct',
      forecaster: fromDifferenceModel(R, beta.slice(L * targets, L * targets + h), L, d, h),
    });
  }
  return out;
}

/** Normal equations for a refit on all rows of `u` (one-step rows for recursive, h-step rows for direct). */
function refitEquations(
  u: readonly Float64Array[],
  L: number,
  d: number,
  h: number,
  strategy: Strategy,
): NormalEquations {
  const after = strategy === 'direct' ? h : 1;
  const stats = windowStats(u, { first: L, count: u[0].length - L - after + 1 }, L, after);
  return normalEquations(stats, after, d);
}

export function fitDefaultMode(task: LtsfTask, horizon: number, opts: DefaultOptions = {}): DefaultFit {
  const h = horizon;
  const { train: nTrain, val: nVal } = task.split;
  const orders = opts.orders ?? DEFAULT_GRID.orders;
  const ridges = opts.ridges ?? DEFAULT_GRID.ridges;
  const strategies = opts.strategies ?? DEFAULT_GRID.strategies;
  if (nVal - h + 1 < 1) {
    throw new Error(
      `${task.file}: the validation block has ${nVal} rows, fewer than the horizon ${h}; use --mode paper`,
    );
  }
  // A lookback needs at least as many training rows per channel as it has lags.
  const maxOrder = Math.max(...orders);
  const lookbacks = (opts.lookbacks ?? DEFAULT_GRID.lookbacks).filter(
    (L) => L + maxOrder + h <= Math.floor(nTrain / 2),
  );
  if (lookbacks.length === 0) {
    throw new Error(`${task.file}: ${nTrain} training rows are too few for any lookback with horizon ${h}`);
  }
  const train = leadingRows(task, nTrain);
  const trainVal = leadingRows(task, nTrain + nVal);
  opts.onProgress?.('KPSS on the training rows');
  const kpssD = chooseDifferencing(train).d;
  const maxLag = Math.max(...lookbacks);
  const validation = windowStats(trainVal, { first: nTrain, count: nVal - h + 1 }, maxLag + maxOrder, h);
  const valCount = validation.count * h;

  const candidates: Candidate[] = [];
  let best: (Candidate & { forecaster: LinearForecaster }) | undefined;
  for (const d of orders) {
    opts.onProgress?.(`order ${d}: window statistics`);
    const u = train.map((x) => difference(x, d));
    // One common sample of regression rows for every lookback (rows with origin >= the largest lookback).
    const wide = windowStats(u, { first: maxLag, count: u[0].length - maxLag - h + 1 }, maxLag, h);
    for (const L of lookbacks) {
      opts.onProgress?.(`order ${d}, lookback ${L}`);
      const eq = normalEquations(narrowStats(wide, L), h, d);
      for (const ridge of ridges) {
        let fits;
        try {
          fits = forecasters(eq, ridge, d, h, strategies);
        } catch {
          continue; // X'X not positive definite without ridge (collinear lags): that candidate does not exist
        }
        for (const { strategy, forecaster } of fits) {
          const valMse = sseFromStats(validation, forecaster) / valCount;
          if (!Number.isFinite(valMse)) continue;
          const c = { d, lookback: L, ridge, strategy, valMse };
          candidates.push(c);
          if (!best || valMse < best.valMse) best = { ...c, forecaster };
        }
      }
    }
  }
  if (!best) throw new Error(`${task.file}: no candidate model could be fitted`);
  opts.onProgress?.('refit on train+validation');
  const u = trainVal.map((x) => difference(x, best!.d));
  const eq = refitEquations(u, best.lookback, best.d, h, best.strategy);
  const [refit] = forecasters(eq, best.ridge, best.d, h, [best.strategy]);
  return {
    d: best.d,
    lookback: best.lookback,
    ridge: best.ridge,
    strategy: best.strategy,
    kpssD,
    forecaster: refit.forecaster,
    ar: refit.ar,
    candidates,
  };
}
