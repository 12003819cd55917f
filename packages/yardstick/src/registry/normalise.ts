// Maps the curated benchmark, task, setting, metric and scale strings to project ids. Project ids given
// directly (as user files may) pass through; anything unknown is an error naming the value.

const BENCHMARKS: Record<string, string> = {
  LTSF: 'ltsf',
  GUE: 'gue',
  'GEO-Bench': 'geobench',
  EuroSAT: 'eurosat',
  'Chronos-BenchmarkII': 'chronos-bench-ii',
};

/** LTSF dataset names as published → the project's dataset folder names. */
const LTSF_TASKS: Record<string, string> = {
  ETTh1: 'ETTh1',
  ETTh2: 'ETTh2',
  ETTm1: 'ETTm1',
  ETTm2: 'ETTm2',
  Weather: 'weather',
  Exchange: 'exchange_rate',
  ILI: 'national_illness',
  Electricity: 'electricity',
  Traffic: 'traffic',
};

/** EuroSAT variants are different data and splits, so each gets its own task id. */
const EUROSAT_TASKS: Record<string, string> = {
  'EuroSAT-MS (13-band Sentinel-2 L1C)': 'eurosat',
  'EuroSAT RGB': 'eurosat/rgb',
  'EuroSAT RGB (3 bands)': 'eurosat/rgb',
  'EuroSAT-S1 (Copernicus-Bench, Sentinel-1 SAR)': 'eurosat/copernicus-s1',
  'EuroSAT-S2 (Copernicus-Bench, Sentinel-2 L1C)': 'eurosat/copernicus-s2',
};

const SETTINGS: Record<string, string> = {
  'trained-from-scratch': 'trained',
  kNN: 'knn',
  'frozen-encoder probe': 'frozen-encoder',
  'frozen encoder': 'frozen-encoder',
  'frozen backbone (see note)': 'frozen-encoder',
  'frozen encoder (assumed; see note)': 'frozen-encoder',
  'frozen encoder (random init)': 'frozen-encoder',
  'supervised baseline': 'supervised-baseline',
  'trained (supervised)': 'trained',
  'fine-tuned (full-shot, train split)': 'fine-tuned',
};

/** Published metric labels → [metric, named by the source?]. */
const METRICS: Record<string, [string, boolean]> = {
  MSE: ['mse', true],
  MAE: ['mae', true],
  MCC: ['mcc', true],
  MASE: ['mase', true],
  WQL: ['wql', true],
  F1: ['f1', true],
  'F1 (kNN)': ['f1', true],
  mIoU: ['miou', true],
  'top-1 accuracy': ['accuracy', true],
  'top-1 accuracy (kNN)': ['accuracy', true],
  'overall accuracy': ['accuracy', true],
  'unstated (likely mIoU)': ['miou', false],
  'unstated (likely top-1 accuracy)': ['accuracy', false],
  'unstated (GEO-Bench convention for this task is F1)': ['f1', false],
};

/** Metrics where a smaller value is better; every other known metric is a score. */
const LOWER_IS_BETTER = new Set([
  'mse',
  'mae',
  'rmse',
  'mase',
  'wql',
  'smape',
  'mape',
  'crps',
  'loss',
  'error',
]);
const KNOWN_METRICS = new Set([
  ...Object.values(METRICS).map(([m]) => m),
  ...LOWER_IS_BETTER,
  'auroc',
  'auprc',
]);

const SCALES: Record<string, 'x1' | 'x100'> = {
  x1: 'x1',
  x100: 'x100',
  // LTSF errors are computed on standardised data; the metric itself is unscaled.
  standardised: 'x1',
  'raw (scale-free metric)': 'x1',
};

export function normaliseBenchmark(name: string): string {
  if (BENCHMARKS[name]) return BENCHMARKS[name];
  if (Object.values(BENCHMARKS).includes(name)) return name;
  if (/^[a-z0-9][a-z0-9-]*$/.test(name)) return name; // a user benchmark, already an id
  throw new Error(
    `unknown benchmark '${name}' (known: ${Object.keys(BENCHMARKS).join(', ')}, or a lower-case id)`,
  );
}

/** Project task id for a (normalised benchmark, published task name) pair. */
export function normaliseTask(benchmark: string, task: string): string {
  if (task.includes('/') || task === 'eurosat') return task;
  switch (benchmark) {
    case 'ltsf':
      if (!LTSF_TASKS[task])
        throw new Error(`unknown LTSF dataset '${task}' (known: ${Object.keys(LTSF_TASKS).join(', ')})`);
      return `ltsf/${LTSF_TASKS[task]}`;
    case 'eurosat':
      if (!EUROSAT_TASKS[task])
        throw new Error(
          `unknown EuroSAT variant '${task}' (known: ${Object.keys(EUROSAT_TASKS).join('; ')})`,
        );
      return EUROSAT_TASKS[task];
    default:
      return `${benchmark}/${task}`;
  }
}

/** TTM's few-shot rows are filed as 'fine-tuned' with the 5% protocol in the note; they get their own setting. */
export function normaliseSetting(setting: string, note = ''): string {
  if (setting === 'fine-tuned' && /^few-shot fine-tuning/.test(note)) return 'few-shot';
  return SETTINGS[setting] ?? setting;
}

/** A label such as `MSE (mean of horizons 96/192/336/720)`: the metric, and the horizons it averages over. */
const HORIZON_MEAN_LABEL = /^(.+?) \(mean of horizons (\d+(?:\/\d+)+)\)$/;

export function normaliseMetric(metric: string): {
  metric: string;
  assumed: boolean;
  horizonMean?: number[];
} {
  const mean = HORIZON_MEAN_LABEL.exec(metric);
  if (mean) return { ...normaliseMetric(mean[1]), horizonMean: mean[2].split('/').map(Number) };
  const known = METRICS[metric];
  if (known) return { metric: known[0], assumed: !known[1] };
  const lower = metric.toLowerCase();
  if (!/^[a-z0-9_-]+$/.test(lower))
    throw new Error(`metric '${metric}' is not a published label or a plain metric name`);
  return { metric: lower, assumed: false };
}

/** Direction of a metric, or undefined when the metric is not one the project knows. */
export function metricHigherIsBetter(metric: string): boolean | undefined {
  if (LOWER_IS_BETTER.has(metric)) return false;
  return KNOWN_METRICS.has(metric) ? true : undefined;
}

/** Error metrics: never negative. */
const NON_NEGATIVE = new Set(['mse', 'mae', 'rmse', 'mase', 'wql', 'smape', 'mape', 'crps']);
/** Scores bounded to [0, 1] (x1) or [0, 100] (x100). */
const UNIT_SCORES = new Set(['accuracy', 'f1', 'miou', 'auroc', 'auprc']);

/** Why `value` is impossible for this metric at this scale, or undefined when it is possible. */
export function impossibleValue(metric: string, scale: 'x1' | 'x100', value: number): string | undefined {
  const top = scale === 'x100' ? 100 : 1;
  const hint = scale === 'x1' && Math.abs(value) <= 100 ? ' (a percentage needs scale x100)' : '';
  if (NON_NEGATIVE.has(metric) && value < 0)
    return `${metric} is an error and cannot be negative, got ${value}`;
  if (UNIT_SCORES.has(metric) && (value < 0 || value > top))
    return `${metric} at scale ${scale} must be in [0, ${top}], got ${value}${value > top ? hint : ''}`;
  if (metric === 'mcc' && (value < -top || value > top))
    return `mcc at scale ${scale} must be in [-${top}, ${top}], got ${value}${Math.abs(value) > top ? hint : ''}`;
  return undefined;
}

export function normaliseScale(scale: string): 'x1' | 'x100' {
  const s = SCALES[scale];
  if (!s) throw new Error(`unknown scale '${scale}' (use x1 or x100)`);
  return s;
}
