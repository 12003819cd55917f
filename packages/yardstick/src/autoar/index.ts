// Auto-AR: KPSS differencing order, pooled OLS autoregression, lookback selection, recursive or direct forecasts.
export { AutoAR } from './estimator.js';
export {
  runAutoAR,
  fitAutoAr,
  type AutoArOptions,
  type AutoArResult,
  type FittedAutoAr,
  type Mode,
} from './run.js';
export { kpss, kpssPValue, chooseDifferencing, difference, type KpssResult } from './kpss.js';
export { PAPER_GRID, ZEROSHOT_OFFSETS, type GridSpec, type LookbackScore } from './paper-mode.js';
export {
  DEFAULT_GRID,
  rollingFolds,
  oneStandardError,
  anchoredChoice,
  pairedStandardError,
  type Candidate,
  type Pooling,
  type Fold,
  type SelectionRule,
  type Strategy,
} from './default-mode.js';
export { TRANSFORMS, type Normalisation, type Transform } from './transforms.js';
export { forecastAfterEnd, forecastCsv, futureTimes } from './forecast-csv.js';
export { windowStats, type WindowStats } from './window-stats.js';
export { recursiveForecaster, applyForecaster, type LinearForecaster } from './linear-forecaster.js';
export { SEQ_LEN } from './protocol.js';
export {
  runAndRecordAutoAR,
  storedResult,
  autoArModelName,
  sampleForecasts,
  type RecordOptions,
} from './record.js';
