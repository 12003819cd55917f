// Compares across every task of a benchmark that our runs cover: average score, mean rank and
// wins/ties/losses of each baseline against each published entry (model × setting × lookback × split).
import type { FmResult } from '../registry/types.js';
import { averageRanks, mean } from './stats.js';
import { compareTask, type CompareContext } from './task.js';
import type { BenchmarkComparison, FmComparison, HeadToHead, LeaderboardEntry, TaskComparison } from './types.js';

interface Entry {
  key: string;
  label: string;
  kind: 'ours' | 'fm';
  setting: string;
  params: number | null;
}

function fmEntry(r: FmResult, commonSplit: string): Entry {
  const parts = [r.setting, r.lookback != null ? `L=${r.lookback}` : '', r.split !== commonSplit ? r.split : ''].filter(Boolean);
  return { key: `fm|${r.model}|${r.setting}|${r.lookback ?? ''}|${r.split}`, label: `${r.model} (${parts.join(', ')})`, kind: 'fm', setting: r.setting, params: r.params ?? null };
}

export function taskKey(t: TaskComparison): string {
  return t.horizon === null ? t.task : `${t.task}@${t.horizon}`;
}

export function compareBenchmark(ctx: CompareContext, q: { benchmark: string; metric?: string }): BenchmarkComparison {
  const benchmark = q.benchmark.toLowerCase();
  const tasks = [...new Set(ctx.storage.listRuns({ status: 'complete' }).map((r) => r.task))].filter((t) => t === benchmark || t.startsWith(`${benchmark}/`)).sort();
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
  if (comparisons.length === 0) throw new Error(`no comparable runs on benchmark '${q.benchmark}': ${notes.join('; ')}`);
  const metric = q.metric?.toLowerCase() ?? mostCommon(comparisons.map((c) => c.metric));
  const used = comparisons.filter((c) => c.metric === metric);
  for (const c of comparisons.filter((x) => x.metric !== metric)) notes.push(`${taskKey(c)} compared on ${c.metric}, left out of the ${metric} aggregate`);
  const higherIsBetter = used[0].higherIsBetter;
  const commonSplit = mostCommon(used.flatMap((c) => c.fm.map((f) => f.result.split)));

  // score of every entry on every task it appears in (the first row when a source lists one twice)
  const entries = new Map<string, Entry>();
  const scores = new Map<string, Map<string, number>>();
  const put = (e: Entry, task: string, v: number) => {
    entries.set(e.key, entries.get(e.key) ?? e);
    const m = scores.get(e.key) ?? new Map<string, number>();
    if (!m.has(task)) m.set(task, v);
    scores.set(e.key, m);
  };
  const h2h = new Map<string, HeadToHead>();
  for (const c of used) {
    const key = taskKey(c);
    for (const b of c.baselines) put({ key: `ours|${b.model}`, label: b.model, kind: 'ours', setting: 'trained', params: b.params }, key, b.summary.mean);
    for (const f of c.fm) {
      const e = fmEntry(f.result, commonSplit);
      put(e, key, f.value);
      for (const cmp of f.comparisons) tally(h2h, cmp, e.label);
    }
  }
  const taskKeys = used.map(taskKey);
  const rankSums = new Map<string, number[]>();
  for (const t of taskKeys) {
    const present = [...scores].filter(([, m]) => m.has(t));
    const ranks = averageRanks(present.map(([, m]) => m.get(t)!), higherIsBetter);
    present.forEach(([k], i) => rankSums.set(k, [...(rankSums.get(k) ?? []), ranks[i]]));
  }
  const leaderboard: LeaderboardEntry[] = [...entries.values()]
    .map((e) => {
      const s = [...scores.get(e.key)!.values()];
      return { ...e, tasks: s.length, averageScore: mean(s), meanRank: mean(rankSums.get(e.key)!) };
    })
    .sort((a, b) => b.tasks - a.tasks || a.meanRank - b.meanRank);
  const partial = leaderboard.filter((e) => e.tasks < taskKeys.length).length;
  if (partial) notes.push(`${partial} entr${partial === 1 ? 'y covers' : 'ies cover'} only some of the ${taskKeys.length} tasks: their averages and ranks are over those tasks only`);
  return { benchmark, metric, higherIsBetter, taskKeys, tasks: comparisons, leaderboard, headToHead: [...h2h.values()], notes };
}

function tally(h2h: Map<string, HeadToHead>, cmp: FmComparison, opponent: string): void {
  const k = `${cmp.baseline}|${opponent}`;
  const t = h2h.get(k) ?? { baseline: cmp.baseline, opponent, wins: 0, ties: 0, losses: 0 };
  if (cmp.winner === 'ours') t.wins++;
  else if (cmp.winner === 'tie') t.ties++;
  else t.losses++;
  h2h.set(k, t);
}

function mostCommon(xs: string[]): string {
  const counts = new Map<string, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
}
