// The report's tables as plain rows, shared by the HTML, Markdown, JSON and terminal renderings.
import { taskKey } from '../compare/benchmark.js';
import type { BenchmarkComparison, TaskComparison } from '../compare/types.js';
import type { RunDetail } from './model.js';

/** Resampling p-values are bounded below by their resolution: report small ones as a bound, never as 0. */
function formatP(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${fmt(p, 3)}`;
}

export interface Table {
  id: string;
  title: string;
  columns: string[];
  rows: string[][];
  /** Optional link target per cell, parallel to `rows` (HTML only). */
  links?: (string | null)[][];
  /** Rows that are our baselines (highlighted). */
  ours?: number[];
  notes?: string[];
}

export function fmt(x: number | null | undefined, digits = 4): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  if (x !== 0 && (Math.abs(x) >= 1e5 || Math.abs(x) < 1e-3)) return x.toExponential(2);
  return Number(x.toPrecision(digits)).toString();
}

export function fmtParams(p: number | null | undefined): string {
  if (p === null || p === undefined) return 'not published';
  if (p >= 1e9) return `${fmt(p / 1e9, 3)}B`;
  if (p >= 1e6) return `${fmt(p / 1e6, 3)}M`;
  if (p >= 1e3) return `${fmt(p / 1e3, 3)}k`;
  return String(p);
}

const fmtSeconds = (s: number | null) => (s === null ? '—' : s >= 120 ? `${fmt(s / 60, 3)} min` : `${fmt(s, 3)} s`);
const direction = (c: { higherIsBetter: boolean }) => (c.higherIsBetter ? 'higher is better' : 'lower is better');

export function taskLabel(c: TaskComparison): string {
  return `${c.task}${c.horizon !== null ? `, horizon ${c.horizon}` : ''} — ${c.metric}${c.scale === 'x100' ? ' ×100' : ''} (${direction(c)})`;
}

export function comparisonTable(c: TaskComparison): Table {
  const columns = ['model', 'setting', 'score', '95% interval', 'n', 'vs ours', 'margin', 'test', 'protocol flags', 'params', 'train time / hardware', 'source'];
  const rows: string[][] = c.baselines.map((b) => [
    `${b.model} (ours)`,
    'trained',
    `${fmt(b.summary.mean)} ± ${fmt(b.summary.std, 2)}`,
    b.summary.interval ? `${fmt(b.summary.interval[0])} – ${fmt(b.summary.interval[1])}` : '—',
    String(b.summary.n),
    '',
    '',
    '',
    '',
    fmtParams(b.params),
    `${fmtSeconds(b.trainSeconds)} on ${b.hardware.join('; ')}`,
    `runs ${b.runIds.join(', ')}`,
  ]);
  for (const f of c.fm) {
    const vs = f.comparisons
      .map((x) => `${x.winner === 'tie' ? 'tie' : x.winner === 'ours' ? `${x.baseline} wins` : `${f.result.model.split(' (')[0]} wins`}`)
      .join('; ');
    const margin = f.comparisons.map((x) => `${fmt(x.margin, 3)} (${x.relativeMargin === null ? '—' : `${fmt(100 * x.relativeMargin, 3)}%`})`).join('; ');
    const test = f.comparisons.map((x) => (x.test.pValue === null ? 'none' : `${x.test.name}: ${formatP(x.test.pValue)}`)).join('; ');
    const flags = [...new Set(f.comparisons.flatMap((x) => x.flags.map((g) => g.message)))].join('; ');
    const src = f.result.source;
    rows.push([
      f.result.model,
      f.result.setting + (f.result.lookback != null ? `, L=${f.result.lookback}` : ''),
      fmt(f.value),
      '',
      '',
      vs,
      margin,
      test,
      flags || 'none',
      fmtParams(f.result.params),
      'as published',
      // the full source (URL, note) is in report.json; the table names where to look
      [src.title, src.table ?? src.file?.split('/').pop(), src.arxiv ? `arXiv ${src.arxiv}` : '', src.commit ? `@${src.commit.slice(0, 8)}` : ''].filter(Boolean).join(', '),
    ]);
  }
  const tests = c.fm.flatMap((f) => f.comparisons.map((x) => x.test.detail));
  const pairs = c.pairs.map((p) => `paired bootstrap ${p.a} − ${p.b}: ${fmt(p.test.estimate)} [${fmt(p.test.interval[0])}, ${fmt(p.test.interval[1])}], ${formatP(p.test.pValue)}`);
  return {
    id: `compare-${slug(taskKey(c))}`,
    title: taskLabel(c),
    columns,
    rows,
    ours: c.baselines.map((_, i) => i),
    notes: [...new Set([...c.notes, ...tests.slice(0, 1), ...pairs])],
  };
}

export function leaderboardTable(b: BenchmarkComparison): Table {
  return {
    id: 'leaderboard',
    title: `Benchmark ${b.benchmark}: ${b.metric} over ${b.taskKeys.length} task(s) (${direction(b)})`,
    columns: ['entry', 'kind', 'setting', 'tasks', 'average score', 'mean rank', 'params'],
    rows: b.leaderboard.map((e) => [e.label, e.kind === 'ours' ? 'ours' : 'published', e.setting, `${e.tasks}/${b.taskKeys.length}`, fmt(e.averageScore), fmt(e.meanRank, 3), fmtParams(e.params)]),
    ours: b.leaderboard.flatMap((e, i) => (e.kind === 'ours' ? [i] : [])),
    notes: b.notes,
  };
}

export function headToHeadTable(b: BenchmarkComparison): Table {
  return {
    id: 'head-to-head',
    title: 'Wins / ties / losses of our baselines (a tie: the published value lies inside our 95% interval)',
    columns: ['ours', 'against', 'wins', 'ties', 'losses'],
    rows: b.headToHead.map((h) => [h.baseline, h.opponent, String(h.wins), String(h.ties), String(h.losses)]),
  };
}

export function runTable(d: RunDetail): Table {
  const r = d.run;
  const rows: [string, string][] = [
    ['model', d.model],
    ['workflow / mode', `${r.workflow} / ${r.mode}`],
    ['task', r.task],
    ['status', r.status],
    ['started / finished', `${r.startedAt} / ${r.finishedAt ?? '—'}`],
    ['seed', String(r.seed ?? '—')],
    ['budget', r.budgetSeconds === null ? '—' : fmtSeconds(r.budgetSeconds)],
    ['machine', `${r.machine.hostname}: ${r.machine.device}, ${r.machine.cpus}× ${r.machine.cpuModel}, ${fmt(r.machine.memoryGb, 3)} GB`],
    ['artefacts', r.artifactDir ?? '—'],
    ['test scores', Object.entries((r.result?.test as Record<string, number>) ?? {}).map(([k, v]) => `${k} ${fmt(v)}`).join(', ') || '—'],
  ];
  if (d.hyperparameters) rows.push(['hyperparameters', Object.entries(d.hyperparameters).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')]);
  return { id: `run-${slug(r.id)}`, title: `Run ${r.id}`, columns: ['field', 'value'], rows };
}

export function trialsTable(d: RunDetail): Table {
  return {
    id: `trials-${slug(d.run.id)}`,
    title: `ASHA trials (${d.trials.length})`,
    columns: ['trial', 'status', 'epochs', 'best value', 'rungs reached', 'hyperparameters'],
    rows: d.trials.map((t) => [
      String(t.trialId),
      t.status,
      String(t.lastEpoch),
      fmt(t.bestValue),
      d.rungs.filter((g) => g.trialId === t.trialId).map((g) => `${g.rung}:${g.decision}`).join(' ') || '—',
      Object.entries(t.params).map(([k, v]) => `${k}=${typeof v === 'number' ? fmt(v, 3) : JSON.stringify(v)}`).join(', '),
    ]),
  };
}

export function architectureTable(d: RunDetail): Table {
  return {
    id: `architecture-${slug(d.run.id)}`,
    title: 'Kernel size and dilation chosen by DASH per layer',
    columns: ['layer', 'kernel', 'dilation', 'receptive field'],
    rows: (d.architecture ?? []).map((a) => [String(a.layer), String(a.kernel), String(a.dilation), String((a.kernel - 1) * a.dilation + 1)]),
  };
}

export function slug(s: string): string {
  return s.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-|-$/g, '');
}
