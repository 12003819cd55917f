// Gathers what a report shows, from the database (live queries through the storage contract, on SQLite or
// PostgreSQL), the artefact store and the registry, as plain data (also the JSON report).
import {
  aggregateByBenchmark,
  compareBenchmark,
  compareContext,
  compareTask,
  inBenchmark,
  modelName,
  type ReadContext,
} from '../compare/index.js';
import { artifactStoreOf } from '../compare/load.js';
import { asAsync } from '../storage/open.js';
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

export async function runDetail(ctx: ReadContext, run: RunRecord, notes: string[]): Promise<RunDetail> {
  const attempt = async <T>(f: () => T | Promise<T>): Promise<T | null> => {
    try {
      return await f();
    } catch (e) {
      notes.push((e as Error).message);
      return null;
    }
  };
  const storage = asAsync(ctx.storage);
  const hp = run.result?.hyperparameters;
  const [trials, rungs, curves, forecasts] = await Promise.all([
    storage.listTrials(run.id),
    storage.listRungs(run.id),
    storage.listMetrics(run.id, { stage: CURVE_STAGE, name: CURVE_METRIC }),
    attempt(() => readForecasts(run, artifactStoreOf(ctx))),
  ]);
  return {
    run,
    model: modelName(run),
    trials,
    rungs,
    curves,
    architecture: await attempt(() => readArchitecture(run)),
    hyperparameters: hp && typeof hp === 'object' ? (hp as Record<string, unknown>) : null,
    forecasts,
  };
}

/** A report for a run id, a task id (`ltsf/ETTh1`) or a benchmark id (`ltsf`), whichever `target` names. */
export async function buildReport(ctx: ReadContext, target: string): Promise<ReportData> {
  const notes: string[] = [];
  const base = { target, generatedAt: new Date().toISOString(), notes, registry: ctx.registry.info() };
  const storage = asAsync(ctx.storage);
  const run = await storage.getRun(target);
  if (run) {
    const horizon = typeof run.config.horizon === 'number' ? run.config.horizon : undefined;
    let comparisons: TaskComparison[] = [];
    try {
      comparisons = compareTask(await compareContext(ctx, { task: run.task }), { task: run.task, horizon });
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
      runs: [await runDetail(ctx, run, notes)],
    };
  }
  const finished = await storage.listRuns({ status: 'complete' });
  if (finished.some((r) => r.task === target)) {
    const comparisons = compareTask(await compareContext(ctx, { task: target }), { task: target });
    const latest = finished.filter((r) => r.task === target).slice(-1);
    const benchmarks = aggregateByBenchmark(comparisons, ctx.bootstrap);
    return {
      ...base,
      kind: 'task',
      title: `Task ${target}`,
      comparisons,
      benchmark: null,
      benchmarks,
      runs: await Promise.all(latest.map((r) => runDetail(ctx, r, notes))),
    };
  }
  if (finished.some((r) => inBenchmark(r.task, target))) {
    const benchmark = compareBenchmark(await compareContext(ctx, { benchmark: target }), {
      benchmark: target,
    });
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
export async function buildSuiteReport(
  ctx: ReadContext,
  suite: string,
  tasks: string[],
  runIds: string[],
): Promise<ReportData> {
  const notes: string[] = [];
  const comparisons: TaskComparison[] = [];
  for (const task of tasks) {
    try {
      comparisons.push(...compareTask(await compareContext(ctx, { task }), { task }));
    } catch (e) {
      notes.push((e as Error).message);
    }
  }
  const storage = asAsync(ctx.storage);
  const runs: RunDetail[] = [];
  for (const id of runIds) {
    const run = await storage.getRun(id);
    if (run) runs.push(await runDetail(ctx, run, notes));
  }
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
