// Reads users' own FM results from CSV or JSON. CSV columns are the record fields, with the source split
// into source_title, source_url, ..., horizonMean written as 96/192/336/720 and pretrainingOverlap as the
// dataset's name. Every error names the file, the row and the column.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { rawRecordSchema, sourceSchema, type RawRecord } from './schema.js';

const NUMBER_COLUMNS = new Set(['params', 'lookback', 'horizon', 'value']);
const SOURCE_PREFIX = 'source_';
const RECORD_COLUMNS = Object.keys(rawRecordSchema.shape).filter((k) => k !== 'source');
const SOURCE_COLUMNS = Object.keys(sourceSchema.shape).map((k) => SOURCE_PREFIX + k);

export interface LocatedRecord {
  raw: unknown;
  file: string;
  /** 1-based record or row number within the file. */
  index: number;
  /** e.g. `results.csv row 3 (line 4)` or `results.json record 3` */
  where: string;
  /** Maps a schema path to the name the user wrote (CSV column or JSON field). */
  column: (p: PropertyKey[]) => string;
}

/** A JSON record's place in its file (1-based), as errors and duplicate-id messages name it. */
export const recordWhere = (file: string, index: number): string => `${file} record ${index}`;

/** Far above any real results table (the curated registry is 1.4 MB); checked before reading. */
export const MAX_USER_FILE_BYTES = 64 * 2 ** 20;

export function readUserFile(file: string): LocatedRecord[] {
  const ext = path.extname(file).toLowerCase();
  if (ext !== '.csv' && ext !== '.json')
    throw new Error(`FM results file ${file}: expected a .csv or .json file`);
  let text: string;
  try {
    const { size } = statSync(file);
    if (size > MAX_USER_FILE_BYTES)
      throw new Error(
        `${size} bytes is more than the limit of ${MAX_USER_FILE_BYTES} bytes (${MAX_USER_FILE_BYTES / 2 ** 20} MiB)`,
      );
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`cannot read FM results file ${file}: ${(e as Error).message}`);
  }
  const records = ext === '.csv' ? readCsv(file, text) : readJson(file, text);
  // a file with a header and no rows is a mistake (a wrong export), never a registry to use silently
  if (records.length === 0) throw new Error(`FM results file ${file}: no records`);
  return records;
}

function readJson(file: string, text: string): LocatedRecord[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new Error(`FM results file ${file}: invalid JSON (${(e as Error).message})`);
  }
  const records = Array.isArray(data) ? data : (data as { records?: unknown })?.records;
  if (!Array.isArray(records))
    throw new Error(`FM results file ${file}: expected an array of records or {"records": [...]}`);
  return records.map((raw, i) => ({
    raw,
    file,
    index: i + 1,
    where: recordWhere(file, i + 1),
    column: (p) => `field '${p.join('.')}'`,
  }));
}

function readCsv(file: string, text: string): LocatedRecord[] {
  let rows: Record<string, string>[];
  try {
    rows = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (e) {
    throw new Error(`FM results file ${file}: invalid CSV (${(e as Error).message})`);
  }
  if (rows.length === 0) return [];
  const allowed = new Set([...RECORD_COLUMNS, ...SOURCE_COLUMNS]);
  const unknown = Object.keys(rows[0]).filter((c) => !allowed.has(c));
  if (unknown.length) {
    throw new Error(
      `FM results file ${file}: unknown column(s) ${unknown.map((c) => `'${c}'`).join(', ')} (allowed: ${[...allowed].join(', ')})`,
    );
  }
  const column = (p: PropertyKey[]) =>
    `column '${p[0] === 'source' && p.length > 1 ? SOURCE_PREFIX + String(p[1]) : String(p[0])}'`;
  return rows.map((row, i) => {
    const where = `${file} row ${i + 1} (line ${i + 2})`;
    return { raw: csvRowToRecord(row, where), file, index: i + 1, where, column };
  });
}

/** Empty cells are absent; numeric and boolean columns must parse completely. */
function csvRowToRecord(row: Record<string, string>, where: string): Partial<RawRecord> {
  const rec: Record<string, unknown> = {};
  const source: Record<string, string> = {};
  for (const [col, cell] of Object.entries(row)) {
    if (cell === '') continue;
    if (col.startsWith(SOURCE_PREFIX)) source[col.slice(SOURCE_PREFIX.length)] = cell;
    else if (NUMBER_COLUMNS.has(col)) {
      const n = Number(cell);
      if (!Number.isFinite(n)) throw new Error(`${where}, column '${col}': expected a number, got '${cell}'`);
      rec[col] = n;
    } else if (col === 'horizonMean') {
      // e.g. 96/192/336/720 (also ; or spaces)
      const horizons = cell.split(/[/;\s]+/).map(Number);
      if (!horizons.every(Number.isFinite))
        throw new Error(
          `${where}, column 'horizonMean': expected horizons such as 96/192/336/720, got '${cell}'`,
        );
      rec[col] = horizons;
    } else if (col === 'pretrainingOverlap') {
      rec[col] = { dataset: cell }; // the dataset name; the row's source says so
    } else if (col === 'higherIsBetter') {
      if (!/^(true|false)$/i.test(cell))
        throw new Error(`${where}, column 'higherIsBetter': expected true or false, got '${cell}'`);
      rec[col] = cell.toLowerCase() === 'true';
    } else rec[col] = cell;
  }
  rec.source = source;
  return rec as Partial<RawRecord>;
}
