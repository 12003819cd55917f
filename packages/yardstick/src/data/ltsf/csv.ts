// Reads a time-series CSV (a header, date/time columns, then numeric channels) into channel-major float64 arrays.
// Parsing goes line by line straight into typed arrays, so a Traffic-sized file (17,544 x 863) never exists as
// millions of JS strings. Real files differ from the LTSF ones: a Date and a Time column (UCI Air Quality), `;`
// separators with decimal commas, sentinels such as -200 for missing values, no date column at all, rows newest
// first; each is read or reported, never silently lost.
import { readFileSync } from 'node:fs';
import { nearMatches } from '../near-matches.js';
import { checkTimestamps, looksLikeDate, looksLikeTime, parseTimestamps } from './times.js';

export interface SeriesTable {
  /** The file it came from (for messages). */
  file: string;
  /** Header name(s) of the date/time column(s), joined with a space; '' when the file has none. */
  timeColumn: string;
  /** One timestamp string per row, as written (date and time columns joined with a space; row numbers without). */
  times: string[];
  /** Channel names in file order. */
  channels: string[];
  /** One Float64Array per channel (length = rows); empty cells, `NaN` and --na-values are NaN, filled later. */
  values: Float64Array[];
  /** What a user should know about the file (sentinel-like minima, duplicated or irregular timestamps, ...). */
  warnings: string[];
}

/** How to read a CSV beyond its header (the `autoar` command's --date-col, --columns, --target, --na-values). */
export interface SeriesCsvOptions {
  /** Date/time columns, joined in this order; [] for none. Default: the leading date (and time) column(s). */
  dateColumns?: string[];
  /** The channels to read (default: every column that is not a date column). */
  columns?: string[];
  /** The LTSF `S` setting: only this channel, univariate. */
  target?: string;
  /** Cells that mean "missing" besides empty, NaN, NA and null (e.g. -200, -9999). */
  naValues?: string[];
}

/** Splits one CSV record into fields (RFC 4180 quoting, no embedded newlines). */
export function splitCsvLine(line: string, delimiter = ','): string[] {
  if (!line.includes('"')) return line.split(delimiter);
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields;
}

/** UTF-8 when the bytes are valid UTF-8, else Latin-1 (the Weather header carries Latin-1 unit symbols). */
function decode(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

const MISSING = new Set(['', 'nan', 'NaN', 'NA', 'null']);

/** A cell as a number: missing markers give NaN, anything else non-numeric throws with the cell's position. */
function cellParser(file: string, naValues: readonly string[], decimalComma: boolean) {
  const naText = new Set(naValues.map((v) => v.trim()));
  const naNumbers = new Set(naValues.map(Number).filter(Number.isFinite));
  return (text: string, row: number, column: string): number => {
    let cell = text.trim();
    if (MISSING.has(cell) || naText.has(cell)) return NaN;
    if (decimalComma && /^[-+]?\d*,\d+$/.test(cell)) cell = cell.replace(',', '.');
    const v = Number(cell);
    if (!Number.isFinite(v)) {
      throw new Error(`${file}: row ${row}, column "${column}": "${cell.slice(0, 40)}" is not a number`);
    }
    return naNumbers.has(v) ? NaN : v;
  };
}

/** Looks like a number: a header made of numbers means the file has no header row. */
function isNumeric(text: string): boolean {
  const t = text.trim();
  return t !== '' && Number.isFinite(Number(t));
}

/** `;` when the header is split by semicolons (European exports such as UCI Air Quality), tab likewise, else `,`. */
function delimiterOf(header: string): string {
  const count = (c: string) => header.split(c).length - 1;
  if (count(';') > count(',')) return ';';
  if (count('\t') > count(',')) return '\t';
  return ',';
}

/** A column by name, or an error listing the near ones. */
function columnIndex(header: string[], name: string, option: string, file: string): number {
  const i = header.indexOf(name);
  if (i >= 0) return i;
  const near = nearMatches(name, header);
  throw new Error(
    `${file}: ${option}: no column "${name}"${near.length ? ` (near: ${near.join(', ')})` : ''} (columns: ${header.join(', ')})`,
  );
}

/** The leading date column, and a time column after it, when the first data row looks like that. */
function detectDateColumns(header: string[], first: string[]): number[] {
  if (!looksLikeDate(first[0] ?? '')) return [];
  return header.length > 2 && looksLikeTime(first[1] ?? '') ? [0, 1] : [0];
}

/**
 * A column minimum that looks like a "missing" code (-200, -9999): appearing at least `minCount` times and isolated
 * below the other values, by a gap wider than `gap` times their range or (with `signChange`) negative while they are
 * not. The reader warns at 5 occurrences and 0.5% of the rows (gap 0.5, sign change counts); Auto-AR's default mode
 * cleans its fitting rows from one occurrence, so it asks for the stronger evidence (gap 1, no sign rule).
 */
export function isolatedMinimum(
  x: ArrayLike<number>,
  rule: { minCount: number; gap: number; signChange: boolean },
): { value: number; count: number } | null {
  let min = Infinity;
  for (let i = 0; i < x.length; i++) if (x[i] < min) min = x[i];
  let count = 0;
  let next = Infinity;
  let max = -Infinity;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v === min) count++;
    else if (v < next) next = v;
    if (v > max) max = v;
  }
  if (!Number.isFinite(next) || count < rule.minCount) return null;
  const isolated = (rule.signChange && min < 0 && next >= 0) || next - min > rule.gap * (max - next);
  return isolated ? { value: min, count } : null;
}

/** Warns about a channel whose minimum repeats suspiciously often: a sentinel for "missing" such as -200. */
function sentinelWarning(name: string, x: Float64Array): string | null {
  const s = isolatedMinimum(x, { minCount: Math.max(5, 0.005 * x.length), gap: 0.5, signChange: true });
  if (!s) return null;
  return `column "${name}": ${s.value} appears ${s.count} times, always as the column minimum and far below the other values; if it marks missing values, pass --na-values ${s.value}`;
}

/**
 * Parses CSV text: a header, date/time columns (detected, or `dateColumns`), numeric channels.
 * Rows are numbered as in a text editor (the header is row 1).
 */
export function parseSeriesCsv(text: string, file: string, opts: SeriesCsvOptions = {}): SeriesTable {
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  if (lines.length === 0) throw new Error(`${file}: the file is empty`);
  const delimiter = delimiterOf(lines[0]);
  let header = splitCsvLine(lines[0], delimiter).map((h) => h.trim());
  // trailing empty header fields (UCI Air Quality ends every row with ";;") are dropped when their cells are empty
  let width = header.length;
  while (width > 1 && header[width - 1] === '') width--;
  const extra = header.length - width;
  header = header.slice(0, width);
  // Channel names may be numbers (exchange_rate's are 0..6), so a first row counts as data only when its
  // time field also looks like a value (starts with a digit or sign).
  if (/^[-+]?\d/.test(header[0]) && header.slice(1).every(isNumeric)) {
    throw new Error(`${file}: row 1 looks like data, not a header; the first row must name the columns`);
  }
  const seen = new Set<string>();
  header.forEach((name, i) => {
    if (name === '') throw new Error(`${file}: row 1: column ${i + 1} has an empty name`);
    if (seen.has(name)) throw new Error(`${file}: row 1: column name "${name}" appears twice`);
    seen.add(name);
  });
  const rows = lines.length - 1;
  if (rows === 0) throw new Error(`${file}: the file has a header but no data rows`);
  const firstRow = splitCsvLine(lines[1], delimiter);
  const dateIdx = opts.dateColumns
    ? opts.dateColumns.map((c) => columnIndex(header, c, '--date-col', file))
    : detectDateColumns(header, firstRow);
  let channelIdx = opts.columns
    ? opts.columns.map((c) => columnIndex(header, c, '--columns', file))
    : header.map((_, i) => i).filter((i) => !dateIdx.includes(i));
  if (opts.target !== undefined) {
    const t = columnIndex(header, opts.target, '--target', file);
    if (opts.columns && !channelIdx.includes(t))
      throw new Error(`${file}: --target "${opts.target}" is not among --columns`);
    channelIdx = [t];
  }
  const overlap = channelIdx.find((i) => dateIdx.includes(i));
  if (overlap !== undefined)
    throw new Error(`${file}: column "${header[overlap]}" is both a date column and a channel`);
  if (channelIdx.length === 0) {
    throw new Error(
      `${file}: row 1: expected a header with a time column and at least one channel, got ${header.length} column${header.length > 1 ? 's' : ''}`,
    );
  }
  const channels = channelIdx.map((i) => header[i]);
  const values = channels.map(() => new Float64Array(rows));
  const times: string[] = new Array(rows);
  const parse = cellParser(file, opts.naValues ?? [], delimiter === ';');
  for (let r = 0; r < rows; r++) {
    const fields = splitCsvLine(lines[r + 1], delimiter);
    if (fields.length < width || fields.length > width + extra) {
      throw new Error(
        `${file}: row ${r + 2}: expected ${width} fields like the header, got ${fields.length}`,
      );
    }
    if (fields.slice(width).some((f) => f.trim() !== ''))
      throw new Error(`${file}: row ${r + 2}: a value under an unnamed column ${width + 1}`);
    times[r] = dateIdx.length ? dateIdx.map((i) => fields[i].trim()).join(' ') : String(r + 1);
    for (let c = 0; c < channels.length; c++) values[c][r] = parse(fields[channelIdx[c]], r + 2, channels[c]);
  }
  for (let c = 0; c < channels.length; c++) {
    if (values[c].every(Number.isNaN))
      throw new Error(`${file}: column "${channels[c]}" has no numeric value`);
  }
  const warnings: string[] = [];
  const timeColumn = dateIdx.map((i) => header[i]).join(' ');
  if (dateIdx.length === 0)
    warnings.push(
      `no date column (the first column's first value is not a date): every column is a channel and rows are taken as equally spaced; name one with --date-col`,
    );
  for (let c = 0; c < channels.length; c++) {
    const w = sentinelWarning(channels[c], values[c]);
    if (w) warnings.push(w);
  }
  const table: SeriesTable = { file, timeColumn, times, channels, values, warnings };
  return dateIdx.length ? checkOrder(table) : table;
}

/** Reports the timestamps' order and spacing; a file newest-first is reversed (with a warning). */
function checkOrder(table: SeriesTable): SeriesTable {
  const parsed = parseTimestamps(table.times);
  if (!parsed) {
    table.warnings.push(
      `"${table.timeColumn}": not every row is a date this reader knows, so order and spacing were not checked`,
    );
    return table;
  }
  const check = checkTimestamps(parsed.ms, table.timeColumn, (i) => i + 2);
  if (check.error) throw new Error(`${table.file}: ${check.error}`);
  if (check.reversed) {
    table.times.reverse();
    for (const v of table.values) v.reverse();
    table.warnings.push(`"${table.timeColumn}": rows run newest first; they were reversed to oldest first`);
  }
  table.warnings.push(...check.warnings);
  return table;
}

/** Reads and parses a CSV file; a missing or unreadable file gets an error naming it. */
export function readSeriesCsv(file: string, opts: SeriesCsvOptions = {}): SeriesTable {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new Error(`${file}: cannot read the file (${(e as Error).message})`);
  }
  return parseSeriesCsv(decode(bytes), file, opts);
}
