// Timestamps of a series CSV: the formats real files use (ISO 8601, `2020/1/1 0:15`, `10/03/2004 18.00.00` as in
// the UCI Air Quality file, day-first or month-first decided from the data), and what is wrong with their order:
// newest first, out of order, duplicated, or irregularly spaced.

/** Milliseconds since 1970 of a naive (zone-less) date and time, or NaN. */
function utc(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 60) return NaN;
  const t = Date.UTC(y, mo - 1, d, h, mi, s);
  return new Date(t).getUTCDate() === d ? t : NaN; // 31 February is not a date
}

const TIME = String.raw`(\d{1,2})[:.](\d{2})(?:[:.](\d{2}(?:\.\d+)?))?`;
const ISO = new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]${TIME})?(?:Z|[+-]\d{2}:?\d{2})?$`);
const YMD = new RegExp(String.raw`^(\d{4})/(\d{1,2})/(\d{1,2})(?: ${TIME})?$`);
const DMY = new RegExp(String.raw`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?: ${TIME})?$`);

/** Whether a cell looks like a date (with or without a time) that this reader parses. */
export function looksLikeDate(text: string): boolean {
  const t = text.trim();
  return ISO.test(t) || YMD.test(t) || DMY.test(t);
}

/** Whether a cell looks like a time of day (`18.00.00`, `0:15`). */
export function looksLikeTime(text: string): boolean {
  return new RegExp(`^${TIME}$`).test(text.trim());
}

type Order = 'dmy' | 'mdy';

function parseOne(text: string, order: Order): number {
  const t = text.trim();
  const time = (m: RegExpExecArray, at: number) =>
    [Number(m[at] ?? 0), Number(m[at + 1] ?? 0), Math.floor(Number(m[at + 2] ?? 0))] as const;
  let m = ISO.exec(t) ?? YMD.exec(t);
  if (m) return utc(Number(m[1]), Number(m[2]), Number(m[3]), ...time(m, 4));
  m = DMY.exec(t);
  if (!m) return NaN;
  const [a, b] = [Number(m[1]), Number(m[2])];
  return order === 'dmy' ? utc(Number(m[3]), b, a, ...time(m, 4)) : utc(Number(m[3]), a, b, ...time(m, 4));
}

/** The most frequent step between consecutive timestamps and how many steps differ from it. */
function steps(ms: Float64Array): { step: number; irregular: number; firstIrregular: number } {
  const counts = new Map<number, number>();
  for (let i = 1; i < ms.length; i++) counts.set(ms[i] - ms[i - 1], (counts.get(ms[i] - ms[i - 1]) ?? 0) + 1);
  let step = 0;
  let best = -1;
  for (const [s, c] of counts) if (c > best) [step, best] = [s, c];
  let irregular = 0;
  let firstIrregular = -1;
  for (let i = 1; i < ms.length; i++) {
    const d = ms[i] - ms[i - 1];
    if (d !== step && d !== 0) {
      irregular++;
      if (firstIrregular < 0) firstIrregular = i;
    }
  }
  return { step, irregular, firstIrregular };
}

/**
 * Parses every timestamp; a/b/yyyy dates are read day-first or month-first, whichever is valid for every row
 * (when both are, the one with the more regular steps, so `10/03/2004 18.00.00`, `10/03/2004 19.00.00`, ... is
 * read as 10 March). Returns null when some row is not a timestamp this reader knows.
 */
export function parseTimestamps(times: readonly string[]): { ms: Float64Array; order?: Order } | null {
  const attempt = (order: Order) => {
    const ms = new Float64Array(times.length);
    for (let i = 0; i < times.length; i++) {
      ms[i] = parseOne(times[i], order);
      if (Number.isNaN(ms[i])) return null;
    }
    return ms;
  };
  const ambiguous = times.length > 0 && DMY.test(times[0].trim());
  if (!ambiguous) {
    const ms = attempt('dmy');
    return ms ? { ms } : null;
  }
  const [dmy, mdy] = [attempt('dmy'), attempt('mdy')];
  if (dmy && mdy) {
    const [a, b] = [steps(dmy), steps(mdy)];
    return b.irregular < a.irregular ? { ms: mdy, order: 'mdy' } : { ms: dmy, order: 'dmy' };
  }
  if (dmy) return { ms: dmy, order: 'dmy' };
  return mdy ? { ms: mdy, order: 'mdy' } : null;
}

function duration(ms: number): string {
  const units: [number, string][] = [
    [86_400_000, 'day'],
    [3_600_000, 'hour'],
    [60_000, 'minute'],
    [1000, 'second'],
  ];
  for (const [u, name] of units)
    if (ms % u === 0 && ms >= u) return `${ms / u} ${name}${ms / u === 1 ? '' : 's'}`;
  return `${ms} ms`;
}

/**
 * Checks the order and spacing of parsed timestamps. `reversed` is true when every step goes back in time (the
 * rows should then be reversed); rows out of order otherwise are an error; duplicates and irregular steps are
 * warnings. `row(i)` gives the file's row number of data row i, for messages.
 */
export function checkTimestamps(
  ms: Float64Array,
  column: string,
  row: (i: number) => number,
): { reversed: boolean; warnings: string[]; error?: string } {
  const warnings: string[] = [];
  if (ms.length < 2) return { reversed: false, warnings };
  let back = 0;
  let forward = 0;
  let firstBack = -1;
  for (let i = 1; i < ms.length; i++) {
    if (ms[i] < ms[i - 1]) {
      back++;
      if (firstBack < 0) firstBack = i;
    } else if (ms[i] > ms[i - 1]) forward++;
  }
  const reversed = forward === 0 && back > 0;
  if (!reversed && back > 0)
    return {
      reversed,
      warnings,
      error: `"${column}" goes back in time at row ${row(firstBack)} (${back} such step${back > 1 ? 's' : ''}); sort the file by time`,
    };
  const sorted = reversed ? ms.slice().reverse() : ms;
  let dups = 0;
  let firstDup = -1;
  for (let i = 1; i < sorted.length; i++)
    if (sorted[i] === sorted[i - 1]) {
      dups++;
      if (firstDup < 0) firstDup = reversed ? sorted.length - 1 - i : i;
    }
  if (dups > 0)
    warnings.push(
      `"${column}": ${dups} duplicated timestamp${dups > 1 ? 's' : ''} (first at row ${row(firstDup)}); Auto-AR treats rows as equally spaced`,
    );
  const s = steps(sorted);
  if (s.irregular > 0)
    warnings.push(
      `"${column}": ${s.irregular} step${s.irregular > 1 ? 's' : ''} differ${s.irregular > 1 ? '' : 's'} from the usual ${duration(s.step)} (first at row ${row(reversed ? sorted.length - 1 - s.firstIrregular : s.firstIrregular)}): gaps or irregular sampling; Auto-AR treats rows as equally spaced`,
    );
  return { reversed, warnings };
}
