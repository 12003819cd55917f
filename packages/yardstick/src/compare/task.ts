// Compares our baselines on one task (and horizon) with every published result for it.
import { metricHigherIsBetter } from '../registry/normalise.js';
import type { FmResult } from '../registry/types.js';
import type { Registry } from '../registry/registry.js';
import type { Storage } from '../storage/types.js';
import { protocolFlags } from './protocol.js';
import { readPerExample, scoreRun, type ScoredRun } from './run-result.js';
import { bootstrapMean, mean, pairedBootstrap, signTest, summarise, type BootstrapOptions } from './stats.js';
import type { BaselineSummary, FmComparison, FmRow, PairComparison, StatedTest, TaskComparison } from './types.js';

export interface CompareContext {
  storage: Storage;
  registry: Registry;
  bootstrap?: BootstrapOptions;
}

/** Preferred metric per benchmark when ours and the published rows share several. */
const PRIMARY_METRICS: Record<string, string[]> = { ltsf: ['mse', 'mae'], gue: ['mcc', 'f1'], geobench: ['accuracy', 'f1', 'miou'], eurosat: ['accuracy'] };

export function benchmarkOf(task: string): string {
  return task.split('/')[0];
}

/** Finished runs of `task`, scored; runs that cannot be compared are listed in `skipped`. */
export function scoredRuns(storage: Storage, task: string): { scored: ScoredRun[]; skipped: string[] } {
  const scored: ScoredRun[] = [];
  const skipped: string[] = [];
  for (const run of storage.listRuns({ task })) {
    if (run.status === 'running') continue;
    const s = scoreRun(run);
    if ('skipped' in s) skipped.push(s.skipped);
    else scored.push(s);
  }
  return { scored, skipped };
}

/**
 * One comparison per horizon that our runs cover (a single one for tasks without horizons). `horizon`
 * restricts to one; `metric` overrides the benchmark's preferred metric.
 */
export function compareTask(ctx: CompareContext, q: { task: string; horizon?: number; metric?: string }): TaskComparison[] {
  const { scored, skipped } = scoredRuns(ctx.storage, q.task);
  const horizons = [...new Set(scored.map((s) => s.horizon))].filter((h) => q.horizon === undefined || h === q.horizon);
  if (horizons.length === 0) {
    throw new Error(`no finished runs with test scores for ${q.task}${q.horizon ? ` at horizon ${q.horizon}` : ''}${skipped.length ? ` (${skipped.join('; ')})` : ''}`);
  }
  return horizons
    .sort((a, b) => (a ?? 0) - (b ?? 0))
    .map((h) => compareOne(ctx, q.task, h, scored.filter((s) => s.horizon === h), q.metric, skipped));
}

function chooseMetric(task: string, runs: ScoredRun[], published: FmResult[], requested?: string): string {
  if (requested) return requested.toLowerCase();
  const ours = new Set(runs.flatMap((r) => Object.keys(r.test)));
  const shared = [...new Set(published.map((p) => p.metric))].filter((m) => ours.has(m));
  const preferred = PRIMARY_METRICS[benchmarkOf(task)] ?? [];
  const pick = (pool: string[]) => preferred.find((m) => pool.includes(m)) ?? [...pool].sort()[0];
  return pick(shared) ?? pick([...ours]);
}

function compareOne(ctx: CompareContext, task: string, horizon: number | null, runs: ScoredRun[], requested: string | undefined, skipped: string[]): TaskComparison {
  const allPublished = ctx.registry.find({ task, ...(horizon !== null ? { horizon } : {}) });
  const metric = chooseMetric(task, runs, allPublished, requested);
  const published = allPublished.filter((r) => r.metric === metric);
  const notes = [...skipped];
  const direction = published[0]?.higherIsBetter ?? metricHigherIsBetter(metric) ?? true;
  // show everything at the scale most published rows use; ours are measured x1
  const x100 = published.filter((p) => p.scale === 'x100').length;
  const scale: 'x1' | 'x100' = x100 > published.length / 2 ? 'x100' : 'x1';
  const factor = scale === 'x100' ? 100 : 1;
  const mixed = published.filter((p) => p.scale !== scale);
  if (mixed.length) notes.push(`${mixed.length} published row(s) use another scale and were converted to ${scale}`);

  const baselines = summariseBaselines(runs, metric, factor, notes);
  const fm: FmRow[] = published.map((result) => {
    const value = result.scale === scale ? result.value : scale === 'x100' ? result.value * 100 : result.value / 100;
    return {
      result,
      value,
      comparisons: baselines.map((b) => compareWithFm(b, result, value, direction, scale, ctx.bootstrap)),
    };
  });
  if (published.length === 0) notes.push(`no published ${metric} results for ${task}${horizon !== null ? ` at horizon ${horizon}` : ''}`);
  return { task, horizon, metric, higherIsBetter: direction, scale, baselines, fm, pairs: pairBaselines(baselines, ctx.bootstrap), notes };
}

function summariseBaselines(runs: ScoredRun[], metric: string, factor: number, notes: string[]): BaselineSummary[] {
  const byModel = new Map<string, ScoredRun[]>();
  for (const r of runs) {
    if (r.test[metric] === undefined) {
      notes.push(`run ${r.run.id} (${r.model}) has no test ${metric}`);
      continue;
    }
    byModel.set(r.model, [...(byModel.get(r.model) ?? []), r]);
  }
  return [...byModel].map(([model, rs]) => {
    const values = rs.map((r) => r.test[metric] * factor);
    const known = <T>(xs: (T | null)[]) => xs.filter((x): x is T => x !== null);
    const params = known(rs.map((r) => r.params));
    const seconds = known(rs.map((r) => r.trainSeconds));
    const lookbacks = [...new Set(rs.map((r) => r.lookback))];
    let perExample: number[] | null = null;
    try {
      const per = rs.map((r) => readPerExample(r, metric));
      if (per.every((p): p is number[] => p !== null && p.length === per[0]!.length)) {
        perExample = per[0].map((_, i) => (mean(per.map((p) => p[i])) as number) * factor);
      }
    } catch (e) {
      notes.push((e as Error).message);
    }
    return {
      model,
      runIds: rs.map((r) => r.run.id),
      seeds: rs.map((r) => r.run.seed),
      values,
      summary: summarise(values),
      params: params.length ? mean(params) : null,
      trainSeconds: seconds.length ? mean(seconds) : null,
      hardware: [...new Set(rs.map((r) => r.hardware))],
      // runs with different lookbacks (Auto-AR picks its own) have no single lookback
      lookback: lookbacks.length === 1 ? lookbacks[0] : null,
      lookbacks: known(lookbacks).sort((x, y) => x - y),
      split: rs[0].split,
      perExample,
    };
  });
}

/** Decimal places of a published number, to judge exact ties at the precision it was reported with. */
function decimals(x: number): number {
  const s = String(x);
  return s.includes('.') ? s.split('.')[1].length : 0;
}

function compareWithFm(b: BaselineSummary, fm: FmResult, value: number, higherIsBetter: boolean, scale: 'x1' | 'x100', boot?: BootstrapOptions): FmComparison {
  const ours = b.summary.mean;
  const difference = ours - value;
  const interval = b.summary.interval;
  const tie = interval ? value >= interval[0] && value <= interval[1] : Number(ours.toFixed(decimals(value))) === value;
  const better = higherIsBetter ? difference > 0 : difference < 0;
  return {
    baseline: b.model,
    winner: tie ? 'tie' : better ? 'ours' : 'fm',
    difference,
    margin: Math.abs(difference),
    relativeMargin: value !== 0 ? Math.abs(difference) / Math.abs(value) : null,
    test: statedTest(b, value, higherIsBetter, boot),
    flags: protocolFlags(b, fm, 'x1', scale),
  };
}

function statedTest(b: BaselineSummary, value: number, higherIsBetter: boolean, boot?: BootstrapOptions): StatedTest {
  if (b.perExample && b.perExample.length > 1) {
    const r = bootstrapMean(b.perExample, value, boot);
    return {
      name: 'bootstrap over test examples',
      pValue: r.pValue,
      detail: `${r.resamples} resamples of ${b.perExample.length} test examples; 95% interval of our mean ${r.interval[0].toPrecision(4)}–${r.interval[1].toPrecision(4)}`,
    };
  }
  if (b.values.length > 1) {
    const wins = b.values.filter((v) => (higherIsBetter ? v > value : v < value)).length;
    const losses = b.values.filter((v) => (higherIsBetter ? v < value : v > value)).length;
    const p = signTest(wins, losses);
    const floor = b.values.length < 6 ? ` (with ${b.values.length} seeds p cannot go below ${signTest(b.values.length, 0).toPrecision(2)})` : '';
    return { name: 'sign test over seeds', pValue: p, detail: `ours better in ${wins} of ${b.values.length} seeds, worse in ${losses}${floor}` };
  }
  return { name: 'none', pValue: null, detail: 'one run and no per-example scores: no test possible' };
}

function pairBaselines(baselines: BaselineSummary[], boot?: BootstrapOptions): PairComparison[] {
  const pairs: PairComparison[] = [];
  for (let i = 0; i < baselines.length; i++) {
    for (let j = i + 1; j < baselines.length; j++) {
      const [a, b] = [baselines[i], baselines[j]];
      if (a.perExample && b.perExample && a.perExample.length === b.perExample.length) {
        pairs.push({ a: a.model, b: b.model, test: pairedBootstrap(a.perExample, b.perExample, boot) });
      }
    }
  }
  return pairs;
}
