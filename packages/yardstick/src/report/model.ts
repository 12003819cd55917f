// Gathers what a report shows, from the database and the registry, as plain data (also the JSON report).
import {
  aggregateByBenchmark,
  benchmarkGroup,
  compareBenchmark,
  compareTask,
  modelName,
  type CompareContext,
} from '../compare/index.js';
import type { BenchmarkComparison, TaskComparison } from '../compare/types.js';
import type { MetricRecord, RunRecord, RungRecord, TrialRecord } from '../storage/types.js';
import { readArchitecture, readForecasts, type Architecture, type ForecastArtifact } from './artifacts.js';
import type { RegistryInfo } from '../registry/registry.js';

export interface RunDetail {
  run: RunRecord;
  model: string;
  trials: TrialRecord[];
  rungs: RungRecord[];
  /** Validation score per trial and epoch (ASHA stage). */
  curves: MetricRecord[];
  architecture: Architecture | null;
  hyperparameters: Record<string, unknown> | null;
  forecasts: ForecastArtifact | null;
}

export interface ReportData {
  kind: 'run' | 'task' | 'benchmark' | 'suite';
  target: string;
  title: string;
  generatedAt: string;
  comparisons: TaskComparison[];
  /** The benchmark a benchmark report is about. */
  benchmark: BenchmarkComparison | null;
  /** Aggregates of every benchmark the comparisons touch (suite and task reports; a benchmark report's own). */
  benchmarks?: BenchmarkComparison[];
  /** Which published numbers the verdicts were held against. */
  registry: RegistryInfo;
  runs: RunDetail[];
  notes: string[];
}

export const CURVE_STAGE = 'asha';
export const CURVE_METRIC = 'val_score';

export function runDetail(ctx: CompareContext, run: RunRecord, notes: string[]): RunDetail {
  const attempt = <T>(f: () => T): T | null => {
    try {
      return f();
    } catch (e) {
      notes.push((e as Error).message);
      return null;
    }
  };
  const hp = run.result?.hyperparameters;
  return {
    run,
    model: modelName(run),
    trials: ctx.storage.listTrials(run.id),
    rungs: ctx.storage.listRungs(run.id),
    curves: ctx.storage.listMetrics(run.id, { stage: CURVE_STAGE, name: CURVE_METRIC }),
    architecture: attempt(() => readArchitecture(run)),
    hyperparameters: hp && typeof hp === 'object' ? (hp as Record<string, unknown>) : null,
    forecasts: attempt(() => readForecasts(run)),
  };
}

/** A report for a run id, a task id (`ltsf/ETTh1`) or a benchmark id (`ltsf`), whichever `target` names. */
export function buildReport(ctx: CompareContext, target: string): ReportData {
  const notes: string[] = [];
  const base = { target, generatedAt: new Date().toISOString(), notes, registry: ctx.registry.info() };
  const run = ctx.storage.getRun(target);
  if (run) {
    const horizon = typeof run.config.horizon === 'number' ? run.config.horizon : undefined;
    let comparisons: TaskComparison[] = [];
    try {
      comparisons = compareTask(ctx, { task: run.task, horizon });
    } catch (e) {
      notes.push((e as Error).message);
    }
    return {
      ...base,
      kind: 'run',
      title: `Run ${run.id}: ${modelName(run)} on ${run.task}`,
      comparisons,
      benchmark: null,
      benchmarks: [],
      runs: [runDetail(ctx, run, notes)],
    };
  }
  const finished = ctx.storage.listRuns({ status: 'complete' });
  if (finished.some((r) => r.task === target)) {
    const comparisons = compareTask(ctx, { task: target });
    const latest = finished.filter((r) => r.task === target).slice(-1);
    const benchmarks = aggregateByBenchmark(comparisons, ctx.bootstrap);
    return {
      ...base,
      kind: 'task',
      title: `Task ${target}`,
      comparisons,
      benchmark: null,
      benchmarks,
      runs: latest.map((r) => runDetail(ctx, r, notes)),
    };
  }
  const id = target.toLowerCase();
  if (finished.some((r) => r.task.startsWith(`${id}/`) || r.task === id || benchmarkGroup(r.task) === id)) {
    const benchmark = compareBenchmark(ctx, { benchmark: target });
    return {
      ...base,
      kind: 'benchmark',
      title: `Benchmark ${benchmark.benchmark}`,
      comparisons: benchmark.tasks,
      benchmark,
      benchmarks: [benchmark],
      runs: [],
    };
  }
  throw new Error(
    `'${target}' is neither a run id nor a task or benchmark with finished runs (see \`yardstick runs\`)`,
  );
}

/**
 * A report for one invocation of a suite (`yardstick run`): every task it ran, compared with published results
 * (all runs of those tasks in the database count towards the intervals), and the detail of the runs it made.
 */
export function buildSuiteReport(
  ctx: CompareContext,
  suite: string,
  tasks: string[],
  runIds: string[],
): ReportData {
  const notes: string[] = [];
  const comparisons = tasks.flatMap((task) => {
    try {
      return compareTask(ctx, { task });
    } catch (e) {
      notes.push((e as Error).message);
      return [];
    }
  });
  const runs = runIds.flatMap((id) => {
    const run = ctx.storage.getRun(id);
    return run ? [runDetail(ctx, run, notes)] : [];
  });
  return {
    kind: 'suite',
    target: suite,
    title: `yardstick run ${suite}: ${tasks.join(', ')}`,
    generatedAt: new Date().toISOString(),
    comparisons,
    benchmark: null,
    benchmarks: aggregateByBenchmark(comparisons, ctx.bootstrap),
    registry: ctx.registry.info(),
    runs,
    notes,
  };
}
