// Verdicts in words: the one wording the terminal, the tables, the report summary and the dashboard use, so a
// headline can never name another winner than the table beside it.
import type { BaselineSummary, FmComparison, TaskComparison, Verdict } from './types.js';

export const NOT_ZERO_SHOT = 'flagged: not zero-shot here';

/** "DASHA wins", "tie (inside our 95% interval)", "TTM wins (flagged: not zero-shot here)". */
export function outcomeText(c: FmComparison, fm: string): string {
  const text =
    c.outcome === 'tie'
      ? `tie (${c.tieReason === 'interval' ? 'inside our 95% interval' : 'within the published precision'})`
      : c.outcome === 'win'
        ? `${c.baseline} wins`
        : `${fm} wins`;
  return c.notZeroShot ? `${text} (${NOT_ZERO_SHOT})` : text;
}

/** Outcome with the margin: "DASHA wins by 1.63 (2.3%)". */
export function outcomeWithMargin(c: FmComparison, fm: string): string {
  const base = outcomeText(c, fm);
  if (c.outcome === 'tie') return base;
  const rel = c.relativeMargin === null ? '' : ` (${(100 * c.relativeMargin).toFixed(1)}%)`;
  return base.replace(/ wins/, ` wins by ${c.margin.toPrecision(3)}${rel}`);
}

export function fmLabel(v: Pick<Verdict, 'family' | 'kind'>): string {
  return `${v.family} (${v.kind})`;
}

export function comparisonKey(c: Pick<TaskComparison, 'task' | 'horizon' | 'horizons'>): string {
  if (c.horizons) return `${c.task}@mean(${c.horizons.join(',')})`;
  return c.horizon === null ? c.task : `${c.task}@${c.horizon}`;
}

/** Where a comparison sits, for people: "ltsf/ETTh1 h96", "ltsf/ETTh1 mean of h96-720". */
export function comparisonLabel(c: Pick<TaskComparison, 'task' | 'horizon' | 'horizons'>): string {
  if (c.horizons) return `${c.task} mean of h${c.horizons.join('/')}`;
  return c.horizon === null ? c.task : `${c.task} h${c.horizon}`;
}

/** The strongest published FM number (best value over every family and kind), per baseline: what headlines name. */
export function strongestVerdict(c: TaskComparison, baseline: string): Verdict | undefined {
  return c.verdicts.find((v) => v.baseline === baseline);
}

const p4 = (x: number) => x.toPrecision(4);

/** Our score as headlines print it: mean, interval and its kind, number of runs. */
export function oursText(b: BaselineSummary): string {
  const interval = b.interval ? ` [${p4(b.interval[0])}, ${p4(b.interval[1])}] (95%, ${b.intervalKind})` : '';
  return `${b.model} ${p4(b.summary.mean)}${interval}${b.values.length > 1 ? ` n=${b.values.length}` : ''}`;
}

/** Wins, ties and losses of one baseline over a comparison's like-for-like verdicts. */
export function tally(verdicts: readonly Verdict[]): {
  wins: number;
  ties: number;
  losses: number;
  flagged: number;
} {
  const n = (o: string) => verdicts.filter((v) => v.comparison.outcome === o).length;
  return {
    wins: n('win'),
    ties: n('tie'),
    losses: n('loss'),
    flagged: verdicts.filter((v) => v.comparison.notZeroShot).length,
  };
}

/**
 * The terminal's headline: one line per baseline against the strongest published FM number (the first verdict),
 * with the count over every FM family and setting kind. Same verdicts as the tables.
 */
export function headlines(c: TaskComparison): string[] {
  const cell = `${comparisonLabel(c)} ${c.metric}${c.scale === 'x100' ? ' ×100' : ''}`;
  if (c.baselines.length === 0) return [`${cell}: no finished runs of ours`];
  return c.baselines.map((b) => {
    const mine = c.verdicts.filter((v) => v.baseline === b.model);
    const top = mine[0];
    if (!top) return `${cell}: ${oursText(b)}; no published FM result to compare with`;
    const cmp = top.comparison;
    const flags = cmp.flags.filter((f) => f.kind !== 'overlap').length;
    const t = tally(mine);
    const others =
      mine.length > 1
        ? `; over ${mine.length} FM settings: ${t.wins} won, ${t.ties} tied, ${t.losses} lost`
        : '';
    return (
      `${cell}: ${oursText(b)} vs strongest ${fmLabel(top)} ${p4(top.row.value)} -> ${outcomeWithMargin(cmp, top.family)}` +
      `${flags ? ` [${flags} protocol difference${flags > 1 ? 's' : ''}]` : ''}${others}`
    );
  });
}
