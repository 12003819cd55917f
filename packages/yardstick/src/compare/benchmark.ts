// Compares across the tasks of a benchmark (GUE, LTSF, satellite): wins/ties/losses of each of our models
// against each FM family and setting kind, the IQM of scores normalised by the strongest FM number on each task
// with a stratified-bootstrap interval and performance profile (as rliable), a leaderboard, and one sentence.
import type { FmResult } from '../registry/types.js';
import { iqmInterval, profileInterval } from './aggregate.js';
import { averageRanks, mean, type BootstrapOptions } from './stats.js';
import { compareTask, type CompareContext } from './task.js';
import { comparisonKey, fmLabel } from './verdict.js';
import type {
  BaselineAggregate,
  BenchmarkComparison,
  HeadToHead,
  LeaderboardEntry,
  TaskComparison,
} from './types.js';

/** The benchmark a task belongs to: its id prefix, with EuroSAT and GEO-Bench together as 'satellite'. */
export function benchmarkGroup(task: string): string {
  const prefix = task.split('/')[0].toLowerCase();
  return prefix === 'eurosat' || prefix === 'geobench' ? 'satellite' : prefix;
}

/** Whether `task` belongs to `benchmark` (an id prefix such as 'ltsf', a task id, or a group such as 'satellite'). */
export function inBenchmark(task: string, benchmark: string): boolean {
  const b = benchmark.toLowerCase();
  return task === b || task.startsWith(`${b}/`) || benchmarkGroup(task) === b;
}

/** Kept for callers that name a comparison by task and horizon. */
export const taskKey = comparisonKey;

/** Thresholds of the performance profile: relative scores from 0.7 to 1.3 of the strongest FM. */
export const PROFILE_TAUS = Array.from({ length: 31 }, (_, i) => Number((0.7 + 0.02 * i).toFixed(2)));

export function compareBenchmark(
  ctx: CompareContext,
  q: { benchmark: string; metric?: string },
): BenchmarkComparison {
  const benchmark = q.benchmark.toLowerCase();
  const tasks = [...new Set(ctx.runs.finished.filter((r) => r.status === 'complete').map((r) => r.task))]
    .filter((t) => inBenchmark(t, benchmark))
    .sort();
  if (tasks.length === 0) throw new Error(`no finished runs on benchmark '${q.benchmark}'`);
  const comparisons: TaskComparison[] = [];
  const notes: string[] = [];
  for (const task of tasks) {
    try {
      comparisons.push(...compareTask(ctx, { task, metric: q.metric }));
    } catch (e) {
      notes.push((e as Error).message);
    }
  }
  if (comparisons.length === 0)
    throw new Error(`no comparable runs on benchmark '${q.benchmark}': ${notes.join('; ')}`);
  return aggregateBenchmark(benchmark, comparisons, { metric: q.metric, bootstrap: ctx.bootstrap, notes });
}

/** Every benchmark that `comparisons` touch, aggregated (the suite report's cross-task part). */
export function aggregateByBenchmark(
  comparisons: TaskComparison[],
  bootstrap?: BootstrapOptions,
): BenchmarkComparison[] {
  const groups = [...new Set(comparisons.map((c) => benchmarkGroup(c.task)))].sort();
  return groups.map((g) =>
    aggregateBenchmark(
      g,
      comparisons.filter((c) => benchmarkGroup(c.task) === g),
      { bootstrap },
    ),
  );
}

export function aggregateBenchmark(
  benchmark: string,
  comparisons: TaskComparison[],
  o: { metric?: string; bootstrap?: BootstrapOptions; notes?: string[] } = {},
): BenchmarkComparison {
  const notes = [...(o.notes ?? [])];
  const metric = o.metric?.toLowerCase() ?? mostCommon(comparisons.map((c) => c.metric));
  const used = comparisons.filter((c) => c.metric === metric);
  for (const c of comparisons.filter((x) => x.metric !== metric))
    notes.push(`${comparisonKey(c)} compared on ${c.metric}, left out of the ${metric} aggregate`);
  const higherIsBetter = used[0]?.higherIsBetter ?? true;
  // means over horizons repeat the per-horizon tasks: they count in head-to-heads, not in scores and ranks
  const perTask = used.filter((c) => !c.horizons);
  const taskKeys = perTask.map(comparisonKey);
  const aggregates = ourAggregates(perTask, higherIsBetter, notes, o.bootstrap);
  const overlap = perTask.some((c) => c.fm.some((f) => f.result.pretrainingOverlap));
  if (overlap)
    notes.push('numbers flagged "not zero-shot here" are left out of the strongest-FM normalisation');
  const partial = aggregates.filter((a) => a.tasks.length < taskKeys.length);
  for (const a of partial)
    notes.push(
      `${a.baseline} covers ${a.tasks.length} of the ${taskKeys.length} tasks: its aggregate is over those only`,
    );
  return {
    benchmark,
    metric,
    higherIsBetter,
    taskKeys,
    tasks: comparisons,
    leaderboard: leaderboard(perTask, higherIsBetter, notes),
    headToHead: headToHead(used),
    aggregates,
    answer: answer(benchmark, aggregates, taskKeys.length),
    notes,
  };
}

function headToHead(used: TaskComparison[]): HeadToHead[] {
  const h2h = new Map<string, HeadToHead>();
  for (const c of used) {
    for (const v of c.verdicts) {
      const opponent = fmLabel(v);
      const k = `${v.baseline}|${opponent}`;
      const t = h2h.get(k) ?? {
        baseline: v.baseline,
        opponent,
        kind: v.kind,
        wins: 0,
        ties: 0,
        losses: 0,
        flaggedLosses: 0,
      };
      const o = v.comparison.outcome;
      if (o === 'win') t.wins++;
      else if (o === 'tie') t.ties++;
      else {
        t.losses++;
        if (v.comparison.notZeroShot) t.flaggedLosses++;
      }
      h2h.set(k, t);
    }
  }
  return [...h2h.values()];
}

/** The strongest published FM row on a task (flagged overlap numbers excluded), or undefined. */
export function strongestFm(c: TaskComparison): { value: number; result: FmResult } | undefined {
  const rows = c.fm.filter((f) => !f.result.pretrainingOverlap);
  if (rows.length === 0) return undefined;
  return rows.reduce((b, r) => ((c.higherIsBetter ? r.value > b.value : r.value < b.value) ? r : b));
}

function ourAggregates(
  perTask: TaskComparison[],
  higherIsBetter: boolean,
  notes: string[],
  boot?: BootstrapOptions,
): BaselineAggregate[] {
  const models = [...new Set(perTask.flatMap((c) => c.baselines.map((b) => b.model)))];
  const out: BaselineAggregate[] = [];
  for (const model of models) {
    const tasks: string[] = [];
    const normalised: number[][] = [];
    let [wins, ties, losses] = [0, 0, 0];
    for (const c of perTask) {
      const b = c.baselines.find((x) => x.model === model);
      const best = strongestFm(c);
      if (!b || !best) continue;
      const ratio = (v: number) => (higherIsBetter ? v / best.value : best.value / v);
      if (!(best.value > 0) || b.values.some((v) => !(v > 0))) {
        notes.push(
          `${comparisonKey(c)}: ${model} or the strongest FM scores ≤ 0, so no relative score there`,
        );
        continue;
      }
      tasks.push(comparisonKey(c));
      normalised.push(b.values.map(ratio));
      const row = c.fm.find((f) => f.result === best.result)!;
      const o = row.comparisons.find((x) => x.baseline === model)!.outcome;
      if (o === 'win') wins++;
      else if (o === 'tie') ties++;
      else losses++;
    }
    if (tasks.length === 0) continue;
    const iqm = iqmInterval(normalised, boot);
    const p = profileInterval(normalised, PROFILE_TAUS, boot);
    out.push({
      baseline: model,
      tasks,
      normalised,
      iqm,
      profile: { taus: PROFILE_TAUS, values: p.estimate, lower: p.lower, upper: p.upper },
      wins,
      ties,
      losses,
    });
  }
  if (out.some((a) => a.normalised.every((runs) => runs.length === 1))) {
    notes.push(
      'with one run per task the bootstrap over runs has nothing to resample: such IQM intervals are points (run more seeds)',
    );
  }
  return out.sort((a, b) => b.iqm.estimate - a.iqm.estimate);
}

const NAMES: Record<string, string> = { ltsf: 'LTSF', gue: 'GUE', satellite: 'Satellite' };
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : word.endsWith('s') ? 'es' : 's'}`;
const f3 = (x: number) => x.toFixed(3);

/** One sentence: our best model against the strongest published FM on each task. */
function answer(benchmark: string, aggregates: BaselineAggregate[], taskCount: number): string {
  const name = NAMES[benchmark] ?? benchmark;
  const a = aggregates[0];
  if (!a) return `${name}: no task has both our runs and a published FM number to compare with.`;
  const { estimate: m, lower, upper } = a.iqm;
  const counts = `${a.baseline} has ${plural(a.wins, 'win')}, ${plural(a.ties, 'tie')} and ${plural(a.losses, 'loss')}`;
  const where = `${plural(a.tasks.length, 'task')}${a.tasks.length < taskCount ? ` (of ${taskCount})` : ''}`;
  // with one run per task a bootstrap over runs has nothing to resample: no interval, so no judgement from it
  const oneRun = a.normalised.every((runs) => runs.length === 1);
  const iqm = oneRun
    ? `the IQM of its relative score is ${f3(m)} (1 = equal, above 1 = ours better), with one run per task and so no interval over runs`
    : `the IQM of its relative score is ${f3(m)} [${f3(lower)}, ${f3(upper)}] (1 = equal, above 1 = ours better): ${
        lower > 1 ? 'reliably better' : upper < 1 ? 'reliably worse' : 'no reliable difference'
      }`;
  return `${name}: against the strongest published FM number on each of ${where}, ${counts}; ${iqm}.`;
}

function leaderboard(
  perTask: TaskComparison[],
  higherIsBetter: boolean,
  notes: string[],
): LeaderboardEntry[] {
  // entries: each of our models, and each FM family × setting kind at its best number per task
  const entries = new Map<string, Omit<LeaderboardEntry, 'tasks' | 'averageScore' | 'meanRank'>>();
  const scores = new Map<string, Map<string, number>>();
  const put = (e: Omit<LeaderboardEntry, 'tasks' | 'averageScore' | 'meanRank'>, task: string, v: number) => {
    if (!entries.has(e.key)) entries.set(e.key, e);
    const m = scores.get(e.key) ?? new Map<string, number>();
    if (!m.has(task)) m.set(task, v);
    scores.set(e.key, m);
  };
  for (const c of perTask) {
    const key = comparisonKey(c);
    for (const b of c.baselines)
      put(
        { key: `ours|${b.model}`, label: b.model, kind: 'ours', setting: 'trained', params: b.params },
        key,
        b.summary.mean,
      );
    for (const v of c.verdicts) {
      put(
        {
          key: `fm|${fmLabel(v)}`,
          label: fmLabel(v),
          kind: 'fm',
          setting: v.kind,
          params: v.row.result.params ?? null,
        },
        key,
        v.row.value,
      );
    }
  }
  const taskKeys = perTask.map(comparisonKey);
  const ranks = new Map<string, number[]>();
  for (const t of taskKeys) {
    const present = [...scores].filter(([, m]) => m.has(t));
    const r = averageRanks(
      present.map(([, m]) => m.get(t)!),
      higherIsBetter,
    );
    present.forEach(([k], i) => ranks.set(k, [...(ranks.get(k) ?? []), r[i]]));
  }
  const rows = [...entries.values()]
    .map((e) => {
      const s = [...scores.get(e.key)!.values()];
      return { ...e, tasks: s.length, averageScore: mean(s), meanRank: mean(ranks.get(e.key)!) };
    })
    .sort((a, b) => b.tasks - a.tasks || a.meanRank - b.meanRank);
  const partial = rows.filter((e) => e.tasks < taskKeys.length).length;
  if (partial) {
    notes.push(
      `${partial} leaderboard entr${partial === 1 ? 'y covers' : 'ies cover'} only some of the ${taskKeys.length} tasks: their averages and ranks are over those tasks only`,
    );
  }
  return rows;
}

function mostCommon(xs: string[]): string {
  const counts = new Map<string, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
}
