// Reads a time-series CSV (a header, one time column, then numeric channels) into channel-major float64 arrays.
// Parsing goes line by line straight into typed arrays, so a Traffic-sized file (17,544 x 863) never exists as
// millions of JS strings.
import { readFileSync } from 'node:fs';

export interface SeriesTable {
  /** The file it came from (for messages). */
  file: string;
  /** Header name of the time column. */
  timeColumn: string;
  /** One timestamp string per row, as written. */
  times: string[];
  /** Channel names in file order. */
  channels: string[];
  /** One Float64Array per channel (length = rows); empty cells and `NaN` are NaN, to be filled later. */
  values: Float64Array[];
}

/** Splits one CSV record into fields (RFC 4180 quoting, no embedded newlines). */
export function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
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
    else if (ch === ',') {
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
function parseCell(text: string, file: string, row: number, column: string): number {
  const cell = text.trim();
  if (MISSING.has(cell)) return NaN;
  const v = Number(cell);
  if (!Number.isFinite(v)) {
    throw new Error(`${file}: row ${row}, column "${column}": "${cell}" is not a number`);
  }
  return v;
}

/** Looks like a number: a header made of numbers means the file has no header row. */
function isNumeric(text: string): boolean {
  const t = text.trim();
  return t !== '' && Number.isFinite(Number(t));
}

/**
 * Parses CSV text. The first column is the time column; every other column must be numeric.
 * Rows are numbered as in a text editor (the header is row 1).
 */
export function parseSeriesCsv(text: string, file: string): SeriesTable {
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  if (lines.length === 0) throw new Error(`${file}: the file is empty`);
  const header = splitCsvLine(lines[0]).map((h) => h.trim());
  if (header.length < 2) {
    throw new Error(
      `${file}: row 1: expected a header with a time column and at least one channel, got "${lines[0]}"`,
    );
  }
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
  const channels = header.slice(1);
  const values = channels.map(() => new Float64Array(rows));
  const times: string[] = new Array(rows);
  for (let r = 0; r < rows; r++) {
    const line = lines[r + 1];
    const fields = splitCsvLine(line);
    if (fields.length !== header.length) {
      throw new Error(
        `${file}: row ${r + 2}: expected ${header.length} fields like the header, got ${fields.length}`,
      );
    }
    times[r] = fields[0].trim();
    for (let c = 0; c < channels.length; c++)
      values[c][r] = parseCell(fields[c + 1], file, r + 2, channels[c]);
  }
  for (let c = 0; c < channels.length; c++) {
    if (values[c].every(Number.isNaN))
      throw new Error(`${file}: column "${channels[c]}" has no numeric value`);
  }
  return { file, timeColumn: header[0], times, channels, values };
}

/** Reads and parses a CSV file; a missing or unreadable file gets an error naming it. */
export function readSeriesCsv(file: string): SeriesTable {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new Error(`${file}: cannot read the file (${(e as Error).message})`);
  }
  return parseSeriesCsv(decode(bytes), file);
}
