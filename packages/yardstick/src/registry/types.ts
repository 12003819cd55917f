// A published (or user-supplied) foundation-model result, normalised to the project's task, metric and
// setting names, with the curated originals and the source kept beside them.

/** How the model met the target task. Curated rows use these; user rows may add others. */
export type Setting =
  | 'zero-shot'
  | 'few-shot'
  | 'fine-tuned'
  | 'trained'
  | 'linear-probe'
  | 'knn'
  | 'frozen-encoder'
  | 'supervised-baseline'
  | (string & {});

/** Where a number was read. `title` always; the rest as the curator recorded it. */
export interface FmSource {
  title: string;
  url?: string;
  file?: string;
  table?: string;
  commit?: string;
  arxiv?: string;
  note?: string;
}

export interface FmResult {
  id: string;
  model: string;
  params?: number | null;
  setting: Setting;
  lookback?: number | null;
  /** Project benchmark id: 'ltsf' | 'gue' | 'geobench' | 'eurosat' | 'chronos-bench-ii' | user-defined. */
  benchmark: string;
  /** Project task id: 'ltsf/ETTh1', 'gue/prom_core_all', 'geobench/m-brick-kiln', 'eurosat', ... */
  task: string;
  horizon?: number | null;
  split: string;
  /** Lower-case metric name: 'mse', 'mae', 'mcc', 'f1', 'accuracy', 'miou', 'mase', 'wql', ... */
  metric: string;
  /** Reporting scale of the metric: 'x1' (fractions, raw errors) or 'x100' (percent). */
  scale: 'x1' | 'x100';
  higherIsBetter: boolean;
  value: number;
  source: FmSource;
  /**
   * 'fm': a pretrained foundation model, the subject of a verdict. 'supervised-reference': a supervised model
   * trained on the task alone (PatchTST, DLinear, FITS), shown as context beside the verdict, never in it.
   * Always set by the registry loader: from the record, else 'supervised-reference' for the settings 'trained'
   * and 'supervised-baseline', else 'fm'.
   */
  role: 'fm' | 'supervised-reference';
  /**
   * Horizons this record's value averages over (then `horizon` is null): compared only with our mean over the
   * same horizons. The loader sets this, `pretrainingOverlap` and `cost` on every record, null when absent.
   */
  horizonMean: number[] | null;
  /** The FM's pretraining corpus includes the target dataset: the number is not zero-shot here (sourced). */
  pretrainingOverlap: { dataset: string; source: FmSource } | null;
  /**
   * Cost as the source states it (null when no source gives any). `pretrainingTimePoints` is the size of the
   * pretraining corpus in time points, as time-series FMs report it (Time-300B, TimeBench), not tokens seen.
   */
  cost: {
    params?: number | null;
    pretrainingTokens?: number | null;
    pretrainingTimePoints?: number | null;
    gpuHours?: number | null;
    source?: FmSource;
  } | null;
  /** The source did not name its metric; `metric` is the curator's likely reading (see `original.metric`). */
  metricAssumed?: boolean;
  notes?: string;
  /** The curated strings before normalisation (unchanged fields are repeated for a uniform shape). */
  original: { benchmark: string; task: string; setting: string; metric: string; scale: string };
  /** File the record came from (the curated registry or a user file). */
  origin: string;
}

export interface RegistryQuery {
  task?: string;
  horizon?: number | null;
  /** null: only single-horizon records; a list: only means over exactly those horizons (any order). */
  horizonMean?: number[] | null;
  metric?: string;
  benchmark?: string;
  model?: string;
  setting?: string;
  role?: FmResult['role'];
}
