// One Auto-AR run on one task and horizon: fit in the chosen mode, then forecast every test window.
import {
  fitDefaultMode,
  type ArModel,
  type Candidate,
  type DefaultOptions,
  type Fold,
  type Pooling,
  type SelectionRule,
  type Strategy,
} from './default-mode.js';
import { checkSeries } from './input-checks.js';
import type { Normalisation } from './transforms.js';
import type { CleanedSentinel } from './sentinels.js';
import { forecastErrors, type ErrorSums } from './errors.js';
import { fitPaperMode, type GridSpec, type LookbackScore } from './paper-mode.js';
import { testOrigins } from './protocol.js';
import type { LinearForecaster } from './linear-forecaster.js';
import type { LtsfTask } from '../data/ltsf/index.js';

export type Mode = 'paper' | 'default';

export interface AutoArOptions extends DefaultOptions {
  mode?: Mode;
  /** Paper mode's lookback grid. */
  grid?: GridSpec;
  /** Paper mode's selection score. */
  selection?: 'bic' | 'mse';
}

export interface AutoArResult {
  dataset: string;
  horizon: number;
  mode: Mode;
  d: number;
  lookback: number;
  mse: number;
  mae: number;
  seconds: number;
  /** Peak resident memory of this process so far (MB). */
  peakRssMb: number;
  testWindows: number;
  channels: number;
  ridge?: number;
  strategy?: Strategy;
  norm?: Normalisation;
  pooling?: Pooling;
  /** Paper mode: per-lookback in-sample scores. Default mode: every candidate's validation MSE (the curve). */
  selection: LookbackScore[] | Candidate[];
  /** Default mode: the rule, the rolling folds, the lowest-MSE candidate and the chosen one. */
  validation?: DefaultValidation;
  /** Channels failing KPSS at each tested order (paper mode), or KPSS's order on the training rows (default). */
  kpss: { d: number; channels: number[] }[] | { d: number };
  /** Per test window (origin), MSE and MAE over channels x steps; their means are `mse` and `mae`. */
  perWindow: { mse: Float64Array; mae: Float64Array };
  /** The fitted model, to forecast further windows (e.g. for plots). */
  fitted: FittedAutoAr;
}

export interface DefaultValidation {
  rule: SelectionRule;
  folds: Fold[];
  minimum: Candidate;
  /** Paper mode's model as a family member, when paper mode applies. */
  anchor?: Candidate;
  chosen: Candidate;
  /** The anchor was chosen: the fitted model is paper mode's own fit. */
  paperFit: boolean;
  /** Missing-value codes interpolated in the fitting and validation rows (not in the test rows). */
  sentinels: CleanedSentinel[];
}

export interface FittedAutoAr {
  mode: Mode;
  horizon: number;
  d: number;
  lookback: number;
  ridge?: number;
  strategy?: Strategy;
  norm?: Normalisation;
  pooling?: Pooling;
  /** One forecaster per channel (the same object for every channel of a pooled model). */
  forecasters: LinearForecaster[];
  /** The underlying AR when the forecaster is recursive. */
  ar?: ArModel;
  selection: AutoArResult['selection'];
  validation?: DefaultValidation;
  kpss: AutoArResult['kpss'];
}

/** Selects and fits a model for `horizon` in the given mode (no test data is touched). */
export function fitAutoAr(task: LtsfTask, horizon: number, options: AutoArOptions = {}): FittedAutoAr {
  if (!Number.isInteger(horizon) || horizon < 1)
    throw new Error(`horizon must be a positive integer, got ${horizon}`);
  const mode = options.mode ?? 'default';
  checkSeries(task);
  if (mode === 'paper') {
    const { forecaster, ar, intercept, scores, kpssFailures, ...model } = fitPaperMode(
      task,
      horizon,
      options,
    );
    return {
      mode,
      horizon,
      d: model.d,
      lookback: model.lookback,
      forecasters: task.series.map(() => forecaster),
      ar: { coefficients: ar, intercept },
      selection: scores,
      kpss: kpssFailures,
    };
  }
  const fit = fitDefaultMode(task, horizon, options);
  const { d, norm, lookback, ridge, strategy, pooling, forecasters, ar } = fit;
  return {
    ...{ mode, horizon, d, lookback, ridge, strategy, norm, pooling, forecasters, ar },
    selection: fit.candidates,
    validation: {
      rule: fit.rule,
      folds: fit.folds,
      minimum: fit.minimum,
      ...(fit.anchor ? { anchor: fit.anchor } : {}),
      chosen: fit.chosen,
      paperFit: fit.paperFit,
      sentinels: fit.sentinels,
    },
    kpss: { d: fit.kpssD },
  };
}

/** Error sums of disjoint channel sets added together. */
function sumErrors(parts: ErrorSums[]): ErrorSums {
  const [first, ...rest] = parts;
  const perWindow = {
    sse: Float64Array.from(first.perWindow.sse),
    sae: Float64Array.from(first.perWindow.sae),
  };
  let { sse, sae, count } = first;
  for (const p of rest) {
    sse += p.sse;
    sae += p.sae;
    count += p.count;
    p.perWindow.sse.forEach((v, i) => (perWindow.sse[i] += v));
    p.perWindow.sae.forEach((v, i) => (perWindow.sae[i] += v));
  }
  return { sse, sae, count, perWindow };
}

export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** Fit, then MSE and MAE over every test window x channel x step in the standardised space. */
export function runAutoAR(task: LtsfTask, horizon: number, options: AutoArOptions = {}): AutoArResult {
  const start = performance.now();
  const origins = testOrigins(task, horizon);
  const fit = fitAutoAr(task, horizon, options);
  options.onProgress?.('test windows');
  // the MS setting scores the target channel only (the model is fitted on every channel)
  const scored = task.target === undefined ? task.series.map((_, c) => c) : [task.target];
  // channels sharing a forecaster (all of a pooled model's) are scored together: its filters' spectra are built once
  const groups = new Map<LinearForecaster, Float64Array[]>();
  for (const c of scored) {
    const f = fit.forecasters[c];
    groups.set(f, [...(groups.get(f) ?? []), task.series[c]]);
  }
  const errors = sumErrors([...groups].map(([f, channels]) => forecastErrors(channels, origins, f)));
  return {
    dataset: task.name,
    horizon,
    mode: fit.mode,
    d: fit.d,
    lookback: fit.lookback,
    mse: errors.sse / errors.count,
    mae: errors.sae / errors.count,
    seconds: (performance.now() - start) / 1000,
    peakRssMb: peakRssMb(),
    testWindows: origins.count,
    channels: scored.length,
    ...(fit.ridge !== undefined
      ? { ridge: fit.ridge, strategy: fit.strategy, norm: fit.norm, pooling: fit.pooling }
      : {}),
    selection: fit.selection,
    ...(fit.validation ? { validation: fit.validation } : {}),
    kpss: fit.kpss,
    perWindow: {
      mse: errors.perWindow.sse.map((v) => v / (scored.length * horizon)),
      mae: errors.perWindow.sae.map((v) => v / (scored.length * horizon)),
    },
    fitted: fit,
  };
}
