// The report's tables as plain rows, shared by the HTML, Markdown, JSON and terminal renderings.
import { settingKind } from '../compare/task.js';
import type { BaselineSummary, BenchmarkComparison, FmComparison, TaskComparison } from '../compare/types.js';
import { comparisonKey, comparisonLabel, fmLabel, outcomeText, tally } from '../compare/verdict.js';
import type { FmResult } from '../registry/types.js';
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

const fmtSeconds = (s: number | null) =>
  s === null ? '—' : s >= 120 ? `${fmt(s / 60, 3)} min` : `${fmt(s, 3)} s`;
const direction = (c: { higherIsBetter: boolean }) =>
  c.higherIsBetter ? 'higher is better' : 'lower is better';

export function taskLabel(c: TaskComparison): string {
  const where = c.horizons
    ? `, mean over horizons ${c.horizons.join(', ')}`
    : c.horizon !== null
      ? `, horizon ${c.horizon}`
      : '';
  return `${c.task}${where} — ${c.metric}${c.scale === 'x100' ? ' ×100' : ''} (${direction(c)})`;
}

const oursCell = (b: BaselineSummary) =>
  `${fmt(b.summary.mean)}${b.interval ? ` [${fmt(b.interval[0])}, ${fmt(b.interval[1])}]` : ''}`;
const intervalNote = (b: BaselineSummary) =>
  b.intervalKind === 'seeds'
    ? `95% t-interval over ${b.values.length} seeds`
    : b.intervalKind
      ? '95% bootstrap over test examples'
      : 'no interval (one run)';
const fmCost = (r: FmResult) => {
  const c = r.cost;
  const parts = [fmtParams(c?.params ?? r.params)];
  if (c?.pretrainingTokens) parts.push(`${fmt(c.pretrainingTokens / 1e9, 3)}B pretraining tokens`);
  if (c?.gpuHours) parts.push(`${fmt(c.gpuHours, 3)} GPU h`);
  return parts.join(', ');
};
const oursCost = (b: BaselineSummary) =>
  `${fmtParams(b.params)} params, ${fmtSeconds(b.trainSeconds)} on ${b.hardware.join('; ')}`;
const sourceCell = (src: FmResult['source']) =>
  // the full source (URL, note) is in report.json; the table names where to look
  [
    src.title,
    src.table ?? src.file?.split('/').pop(),
    src.arxiv ? `arXiv ${src.arxiv}` : '',
    src.commit ? `@${src.commit.slice(0, 8)}` : '',
  ]
    .filter(Boolean)
    .join(', ');
const variantLabel = (r: FmResult) =>
  `${r.model}${r.lookback != null ? `, L=${r.lookback}` : ''}${r.setting !== settingKind(r.setting) ? `, ${r.setting}` : ''}`;
const flagsCell = (c: FmComparison) => c.flags.map((g) => g.message).join('; ') || 'none';
const testCell = (c: FmComparison) =>
  c.test.pValue === null ? c.test.name : `${c.test.name}: ${formatP(c.test.pValue)}`;

/** The answer first: one row per comparison and baseline against the strongest published FM number. */
export function summaryTable(cs: TaskComparison[]): Table {
  const rows: string[][] = [];
  const links: (string | null)[][] = [];
  for (const c of cs) {
    for (const b of c.baselines) {
      const mine = c.verdicts.filter((v) => v.baseline === b.model);
      const top = mine[0];
      const t = tally(mine);
      rows.push([
        comparisonLabel(c),
        c.metric + (c.scale === 'x100' ? ' ×100' : ''),
        b.model,
        oursCell(b),
        top ? `${fmLabel(top)} ${fmt(top.row.value)}` : 'no published FM number',
        top ? outcomeText(top.comparison, top.family) : '—',
        mine.length
          ? `${t.wins} / ${t.ties} / ${t.losses}${t.flagged ? ` (${t.flagged} flagged)` : ''}`
          : '—',
        `${fmtSeconds(b.trainSeconds)} on ${b.hardware.join('; ')}`,
        top ? fmCost(top.row.result) : '—',
      ]);
      links.push([`#task-${slug(comparisonKey(c))}`, null, null, null, null, null, null, null, null]);
    }
  }
  return {
    id: 'summary-verdicts',
    title:
      'Verdicts: each of our models against the strongest published FM number (a tie: inside our 95% interval or the published precision)',
    columns: [
      'task',
      'metric',
      'ours',
      'our score [95%]',
      'strongest published FM',
      'verdict',
      'vs every FM setting: W / T / L',
      'our train time / hardware',
      'FM size / compute',
    ],
    rows,
    links,
  };
}

/** Like for like: one line per our baseline × FM family × setting kind, at that family's best number. */
export function verdictTable(c: TaskComparison): Table {
  const rows = c.verdicts.map((v) => {
    const b = c.baselines.find((x) => x.model === v.baseline)!;
    return [
      v.baseline,
      oursCell(b),
      v.family,
      v.kind,
      `${fmt(v.row.value)}${v.variants > 1 ? ` (best of ${v.variants})` : ''}`,
      outcomeText(v.comparison, v.family),
      v.comparison.outcome === 'tie'
        ? '—'
        : `${fmt(v.comparison.margin, 3)}${v.comparison.relativeMargin === null ? '' : ` (${fmt(100 * v.comparison.relativeMargin, 3)}%)`}`,
      testCell(v.comparison),
      flagsCell(v.comparison),
      fmCost(v.row.result),
      `${variantLabel(v.row.result)}; ${sourceCell(v.row.result.source)}`,
    ];
  });
  return {
    id: `compare-${slug(comparisonKey(c))}`,
    title: taskLabel(c),
    columns: [
      'ours',
      'our score [95%]',
      'FM',
      'setting',
      'FM best',
      'verdict',
      'margin',
      'test',
      'protocol flags',
      'FM size / compute',
      'best variant; source',
    ],
    rows,
    notes: [
      ...c.baselines.map(
        (b) => `${b.model}: ${intervalNote(b)}; ${oursCost(b)}; runs ${b.runIds.join(', ')}`,
      ),
      ...c.pairs.map(
        (p) =>
          `paired bootstrap ${p.a} − ${p.b}: ${fmt(p.test.estimate)} [${fmt(p.test.interval[0])}, ${fmt(p.test.interval[1])}], ${formatP(p.test.pValue)}`,
      ),
    ],
  };
}

/** Supervised references (PatchTST, DLinear, FITS): context beside the verdicts, never counted in them. */
export function referencesTable(c: TaskComparison): Table {
  return {
    id: `references-${slug(comparisonKey(c))}`,
    title: 'Supervised references (context, not FM verdicts)',
    columns: [
      'model',
      'setting',
      'score',
      ...c.baselines.map((b) => `vs ${b.model}`),
      'protocol flags',
      'source',
    ],
    rows: c.references.map((r) => [
      variantLabel(r.result),
      r.result.setting,
      fmt(r.value),
      ...r.comparisons.map((x) => outcomeText(x, r.family)),
      [...new Set(r.comparisons.flatMap((x) => x.flags.map((g) => g.message)))].join('; ') || 'none',
      sourceCell(r.result.source),
    ]),
  };
}

/** Every published FM row for the task (the report folds it): variants, lookbacks and sources. */
export function comparisonTable(c: TaskComparison): Table {
  const rows = c.fm.map((f) => [
    f.result.model,
    f.kind,
    variantLabel(f.result),
    fmt(f.value),
    ...f.comparisons.map((x) => outcomeText(x, f.family)),
    [...new Set(f.comparisons.flatMap((x) => x.flags.map((g) => g.message)))].join('; ') || 'none',
    sourceCell(f.result.source),
  ]);
  return {
    id: `all-${slug(comparisonKey(c))}`,
    title: `Every published FM row: ${taskLabel(c)}`,
    columns: [
      'model',
      'setting kind',
      'variant',
      'score',
      ...c.baselines.map((b) => `vs ${b.model}`),
      'protocol flags',
      'source',
    ],
    rows,
    notes: [
      ...new Set([
        ...c.notes,
        ...c.fm.flatMap((f) => f.comparisons.map((x) => x.test.detail)).slice(0, c.baselines.length),
      ]),
    ],
  };
}

export function leaderboardTable(b: BenchmarkComparison): Table {
  return {
    id: `leaderboard-${slug(b.benchmark)}`,
    title: `Benchmark ${b.benchmark}: ${b.metric} over ${b.taskKeys.length} task(s) (${direction(b)}); FMs at their best number per setting kind`,
    columns: ['entry', 'kind', 'setting', 'tasks', 'average score', 'mean rank', 'params'],
    rows: b.leaderboard.map((e) => [
      e.label,
      e.kind === 'ours' ? 'ours' : 'published',
      e.setting,
      `${e.tasks}/${b.taskKeys.length}`,
      fmt(e.averageScore),
      fmt(e.meanRank, 3),
      fmtParams(e.params),
    ]),
    ours: b.leaderboard.flatMap((e, i) => (e.kind === 'ours' ? [i] : [])),
    notes: b.notes,
  };
}

export function headToHeadTable(b: BenchmarkComparison): Table {
  return {
    id: `head-to-head-${slug(b.benchmark)}`,
    title: `Benchmark ${b.benchmark}: wins / ties / losses of our models against each FM at its best number per setting kind`,
    columns: ['ours', 'against', 'wins', 'ties', 'losses', 'of which flagged (not zero-shot here)'],
    rows: b.headToHead.map((h) => [
      h.baseline,
      h.opponent,
      String(h.wins),
      String(h.ties),
      String(h.losses),
      String(h.flaggedLosses),
    ]),
  };
}

export function aggregateTable(b: BenchmarkComparison): Table {
  return {
    id: `aggregate-${slug(b.benchmark)}`,
    title: `Benchmark ${b.benchmark}: score relative to the strongest published FM number per task (IQM, stratified bootstrap, as rliable)`,
    columns: [
      'ours',
      'tasks',
      'IQM of relative score',
      '95% interval',
      'wins / ties / losses vs strongest FM',
    ],
    rows: b.aggregates.map((a) => [
      a.baseline,
      String(a.tasks.length),
      fmt(a.iqm.estimate),
      `${fmt(a.iqm.lower)} – ${fmt(a.iqm.upper)}`,
      `${a.wins} / ${a.ties} / ${a.losses}`,
    ]),
    notes: [
      `relative score: ours ÷ FM when higher is better, FM ÷ ours when lower is better (1 = equal, above 1 = ours better); ${b.aggregates[0]?.iqm.resamples ?? 0} stratified bootstrap resamples of runs within tasks`,
    ],
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
    [
      'machine',
      `${r.machine.hostname}: ${r.machine.device}, ${r.machine.cpus}× ${r.machine.cpuModel}, ${fmt(r.machine.memoryGb, 3)} GB`,
    ],
    ['artefacts', r.artifactDir ?? '—'],
    [
      'test scores',
      Object.entries((r.result?.test as Record<string, number>) ?? {})
        .map(([k, v]) => `${k} ${fmt(v)}`)
        .join(', ') || '—',
    ],
  ];
  if (d.hyperparameters)
    rows.push([
      'hyperparameters',
      Object.entries(d.hyperparameters)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(', '),
    ]);
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
      d.rungs
        .filter((g) => g.trialId === t.trialId)
        .map((g) => `${g.rung}:${g.decision}`)
        .join(' ') || '—',
      Object.entries(t.params)
        .map(([k, v]) => `${k}=${typeof v === 'number' ? fmt(v, 3) : JSON.stringify(v)}`)
        .join(', '),
    ]),
  };
}

export function architectureTable(d: RunDetail): Table {
  return {
    id: `architecture-${slug(d.run.id)}`,
    title: 'Kernel size and dilation chosen by DASH per layer',
    columns: ['layer', 'kernel', 'dilation', 'receptive field'],
    rows: (d.architecture ?? []).map((a) => [
      String(a.layer),
      String(a.kernel),
      String(a.dilation),
      String((a.kernel - 1) * a.dilation + 1),
    ]),
  };
}

export function slug(s: string): string {
  return s.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-|-$/g, '');
}
