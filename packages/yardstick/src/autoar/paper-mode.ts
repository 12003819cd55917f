// Paper mode: the published Auto-AR algorithm to the letter (spec section 3), including its quirks -- the duplicated
// seam rows, KPSS on that series, in-sample "BIC" selection over the reversed lookback grid, explicit-inverse OLS,
// float32 AR coefficients -- computed from window statistics instead of materialised windows.
import { chooseDifferencingOf, difference } from './kpss.js';
import { recursiveForecaster, type LinearForecaster } from './linear-forecaster.js';
import { arCoefficients, normalEquations, solveByInverse } from './ols.js';
import { SEQ_LEN, seamChannel } from './protocol.js';
import { sseFromStats } from './errors.js';
import { addStats, windowStats, type WindowStats } from './window-stats.js';
import type { LtsfTask } from '../data/ltsf/index.js';

/** The grid of the paper's runs. */
export const PAPER_GRID = [64, 96, 128, 192];
/** The reference's `--zeroshot` grid, L = S - d - k (here with the in-sample procedure; the reference's per-window
 * `--zeroshot` procedure crashes on it, see spec 3.11). */
export const ZEROSHOT_OFFSETS = [0, 2, 4, 8, 16];

export type GridSpec = 'paper' | 'zeroshot' | number[];

/** The grid as listed; the reference evaluates it in reverse and keeps the first minimum. */
export function resolveGrid(grid: GridSpec, d: number): number[] {
  if (grid === 'paper') return PAPER_GRID;
  if (grid === 'zeroshot') return ZEROSHOT_OFFSETS.map((k) => SEQ_LEN - d - k);
  return grid;
}

export interface PaperOptions {
  /** Lookback grid (default 'paper'); evaluated in reverse order, so ties go to the later-listed L. */
  grid?: GridSpec;
  /** 'bic' (`--new_metric`, the paper's) or 'mse'. */
  selection?: 'bic' | 'mse';
  onProgress?: (step: string) => void;
}

export interface LookbackScore {
  lookback: number;
  mse: number;
  score: number;
}

export interface PaperFit {
  d: number;
  kpssFailures: { d: number; channels: number[] }[];
  lookback: number;
  ar: Float64Array;
  intercept: number;
  forecaster: LinearForecaster;
  scores: LookbackScore[];
}

/** Regression windows of the reference's pooled OLS AR(L) on the d-th differenced series u: every row t >= L. */
function lagStats(u: readonly Float64Array[], lags: number): WindowStats {
  return windowStats(u, { first: lags, count: u[0].length - lags }, lags, 1);
}

function pooledArFromStats(stats: WindowStats): { ar: Float64Array; intercept: number } {
  return arCoefficients(solveByInverse(normalEquations(stats, 1, 0)), stats.before, 1);
}

/** Fits the reference's pooled OLS AR(L) on the d-th differenced series u (all rows t >= L are regression rows). */
export function fitPooledAr(
  u: readonly Float64Array[],
  lags: number,
): { ar: Float64Array; intercept: number } {
  return pooledArFromStats(lagStats(u, lags));
}

/** Seam-concatenated values per channel group: a Traffic-shaped panel's seam and differenced copies (100 MB each)
 * never exist whole; window statistics add over channels. */
const GROUP_ELEMENTS = 2_000_000;

/** The paper's selection and fit; the test evaluation is shared with the default mode. */
export function fitPaperMode(task: LtsfTask, horizon: number, opts: PaperOptions = {}): PaperFit {
  const C = task.series.length;
  opts.onProgress?.('KPSS differencing order');
  const { d, failures } = chooseDifferencingOf(C, (c) => seamChannel(task, c));
  const grid = [...resolveGrid(opts.grid ?? 'paper', d)].reverse();
  const T = seamChannel(task, 0).length;
  const windows = T - SEQ_LEN - horizon + 1;
  if (windows < 1)
    throw new Error(
      `${task.file}: the train+val series (${T} rows) is shorter than ${SEQ_LEN} + horizon ${horizon}`,
    );
  const maxLag = Math.max(...grid);
  if (maxLag + d > SEQ_LEN || Math.min(...grid) < 1 || grid.some((L) => !Number.isInteger(L))) {
    throw new Error(
      `lookback grid ${grid.join(',')} must hold integers in 1..${SEQ_LEN - d} (window input length ${SEQ_LEN}, d = ${d})`,
    );
  }
  opts.onProgress?.('window statistics');
  let selection: WindowStats | undefined;
  const lags = new Map<number, WindowStats>();
  const perGroup = Math.max(1, Math.floor(GROUP_ELEMENTS / T));
  for (let c0 = 0; c0 < C; c0 += perGroup) {
    const series = Array.from({ length: Math.min(perGroup, C - c0) }, (_, k) => seamChannel(task, c0 + k));
    const u = series.map((x) => difference(x, d));
    const sel = windowStats(series, { first: SEQ_LEN, count: windows }, maxLag + d, horizon);
    if (selection) addStats(selection, sel);
    else selection = sel;
    for (const L of grid) {
      const stats = lagStats(u, L);
      const acc = lags.get(L);
      if (acc) addStats(acc, stats);
      else lags.set(L, stats);
    }
  }
  if (!selection) throw new Error(`${task.file}: no channels`);
  const n = selection.count * horizon;
  const scores: LookbackScore[] = [];
  let best: Omit<PaperFit, 'd' | 'kpssFailures' | 'scores'> | undefined;
  let bestScore = Infinity;
  for (const L of grid) {
    opts.onProgress?.(`lookback ${L}`);
    const fit = pooledArFromStats(lags.get(L)!);
    // The reference casts the lag coefficients (not the intercept) to float32 before forecasting.
    const ar = fit.ar.map(Math.fround);
    const forecaster = recursiveForecaster(ar, fit.intercept, d, horizon);
    const mse = sseFromStats(selection, forecaster) / n;
    const score = opts.selection === 'mse' ? mse : Math.log(mse) + ((L + 1) * Math.log(n)) / n;
    scores.push({ lookback: L, mse, score });
    if (score < bestScore) {
      bestScore = score;
      best = { lookback: L, ar, intercept: fit.intercept, forecaster };
    }
  }
  if (!best) throw new Error(`${task.file}: no lookback candidate produced a finite selection score`);
  // The reference refits on the same series with the chosen L, which reproduces these coefficients exactly.
  return { d, kpssFailures: failures, scores, ...best };
}
