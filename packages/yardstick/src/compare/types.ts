// The shapes a comparison returns: plain data, rendered by the CLI, reports and the dashboard.
import type { FmResult } from '../registry/types.js';
import type { BootstrapResult, Summary } from './stats.js';

/** A protocol difference between our run and a published number; shown, never hidden. */
export interface Flag {
  kind: 'split' | 'lookback' | 'scale' | 'setting' | 'metric' | 'provenance';
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
}

export interface FmComparison {
  baseline: string;
  winner: 'ours' | 'fm' | 'tie';
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
  /** The published value at the display scale (equal to result.value unless converted). */
  value: number;
  comparisons: FmComparison[];
}

export interface PairComparison {
  a: string;
  b: string;
  test: BootstrapResult;
}

export interface TaskComparison {
  task: string;
  horizon: number | null;
  metric: string;
  higherIsBetter: boolean;
  /** Scale all values in this comparison are shown at (the published rows' scale). */
  scale: 'x1' | 'x100';
  baselines: BaselineSummary[];
  fm: FmRow[];
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
  opponent: string;
  wins: number;
  ties: number;
  losses: number;
}

export interface BenchmarkComparison {
  benchmark: string;
  metric: string;
  higherIsBetter: boolean;
  taskKeys: string[];
  tasks: TaskComparison[];
  leaderboard: LeaderboardEntry[];
  headToHead: HeadToHead[];
  notes: string[];
}
