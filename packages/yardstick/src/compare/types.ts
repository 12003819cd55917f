// The shapes a comparison returns: plain data, rendered by the CLI, reports and the dashboard.
import type { FmResult } from '../registry/types.js';
import type { BootstrapResult, Summary } from './stats.js';

/** A protocol difference between our run and a published number; shown, never hidden. */
export interface Flag {
  kind: 'split' | 'lookback' | 'scale' | 'setting' | 'metric' | 'provenance' | 'overlap' | 'horizons';
  message: string;
}

export interface StatedTest {
  name: 'sign test over seeds' | 'bootstrap over test examples' | 'none';
  pValue: number | null;
  detail: string;
}

export interface BaselineSummary {
  model: string;
  runIds: string[];
  seeds: (number | null)[];
  /** One test score per run, at the comparison's display scale. */
  values: number[];
  summary: Summary;
  params: number | null;
  /** Mean training wall time over runs (seconds). */
  trainSeconds: number | null;
  hardware: string[];
  lookback: number | null;
  /** Every run's lookback, when runs chose their own (Auto-AR selects it by BIC). */
  lookbacks: number[];
  split: string;
  /** Per-example scores averaged over runs (display scale), when every run stored them. */
  perExample: number[] | null;
  /** Test labels and predictions of the latest run, when it stored them (classification). */
  predictions: { labels: number[]; predictions: number[] } | null;
  /**
   * Our 95% interval, the one verdicts use: Student-t over seeds when seeds differ, else a bootstrap over
   * test examples (of the mean of per-example scores, or of the metric recomputed from predictions).
   */
  interval: [number, number] | null;
  intervalKind: 'seeds' | 'test examples' | null;
}

/** Our side of a verdict: a win, a tie (inside our interval or the published precision) or a loss. */
export type Outcome = 'win' | 'tie' | 'loss';

export interface FmComparison {
  baseline: string;
  outcome: Outcome;
  tieReason: 'interval' | 'precision' | null;
  /** The published number saw the target data in pretraining: never an unflagged FM win. */
  notZeroShot: boolean;
  /** ours − FM, at the display scale. */
  difference: number;
  /** |difference| and |difference| / |FM value|. */
  margin: number;
  relativeMargin: number | null;
  test: StatedTest;
  flags: Flag[];
}

export interface FmRow {
  result: FmResult;
  /** Model family (the name before any parenthesis: 'TTM (granite-r2)' -> 'TTM') and setting kind. */
  family: string;
  kind: SettingKind;
  /** The published value at the display scale (equal to result.value unless converted). */
  value: number;
  comparisons: FmComparison[];
}

export type SettingKind =
  'zero-shot' | 'few-shot' | 'linear probe' | 'fine-tuned' | 'trained' | (string & {});

/** Like for like: one of our models against one FM family at its best published number of one setting kind. */
export interface Verdict {
  baseline: string;
  family: string;
  kind: SettingKind;
  /** The best published row of that family and kind, and our comparison with it. */
  row: FmRow;
  comparison: FmComparison;
  /** Published rows of that family and kind for this task (all shown, folded, in the report). */
  variants: number;
}

export interface PairComparison {
  a: string;
  b: string;
  test: BootstrapResult;
}

export interface TaskComparison {
  task: string;
  horizon: number | null;
  /** Set for a comparison of means over horizons (published records with `horizonMean`); horizon is then null. */
  horizons: number[] | null;
  metric: string;
  higherIsBetter: boolean;
  /** Scale all values in this comparison are shown at (the published rows' scale). */
  scale: 'x1' | 'x100';
  baselines: BaselineSummary[];
  /** Every published FM row (role 'fm'), each compared with each of our baselines. */
  fm: FmRow[];
  /** One line per our baseline × FM family × setting kind: the verdicts. */
  verdicts: Verdict[];
  /** Supervised references (PatchTST, DLinear, FITS): context beside the verdicts, never in them. */
  references: FmRow[];
  /** Paired bootstrap between our baselines that stored per-example scores. */
  pairs: PairComparison[];
  notes: string[];
}

export interface LeaderboardEntry {
  key: string;
  label: string;
  kind: 'ours' | 'fm';
  setting: string;
  params: number | null;
  tasks: number;
  averageScore: number;
  meanRank: number;
}

export interface HeadToHead {
  baseline: string;
  /** FM family and setting kind (like for like). */
  opponent: string;
  kind: SettingKind;
  wins: number;
  ties: number;
  losses: number;
  /** Of the losses, how many were to numbers flagged "not zero-shot here". */
  flaggedLosses: number;
}

/** One of our models across a benchmark's tasks, against the strongest published FM number on each. */
export interface BaselineAggregate {
  baseline: string;
  /** Tasks (per horizon) it has runs and a published FM number on. */
  tasks: string[];
  /** Per task: our runs' scores relative to the strongest FM (ratio; > 1 means ours is better). */
  normalised: number[][];
  iqm: { estimate: number; lower: number; upper: number; resamples: number };
  profile: { taus: number[]; values: number[]; lower: number[]; upper: number[] };
  wins: number;
  ties: number;
  losses: number;
}

export interface BenchmarkComparison {
  /** 'ltsf', 'gue' or 'satellite' (EuroSAT and GEO-Bench), or a user benchmark id. */
  benchmark: string;
  metric: string;
  higherIsBetter: boolean;
  taskKeys: string[];
  tasks: TaskComparison[];
  leaderboard: LeaderboardEntry[];
  headToHead: HeadToHead[];
  aggregates: BaselineAggregate[];
  /** The benchmark's answer in one sentence. */
  answer: string;
  notes: string[];
}
