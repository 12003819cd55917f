// Delimited text tables of labelled sequences: GUE (`sequence,label`), Genomic Benchmarks (`seq,label`) and the
// Nucleotide Transformer revised TSV (`sequence, name, label, task`).
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { parseLabel, type DnaRecord } from './records.js';

export interface TableOptions {
  /** Field separator; default from the extension (`.tsv` -> tab, else comma). */
  delimiter?: string;
  /** Sequence column; default `sequence`, else `seq`. */
  sequenceColumn?: string;
  /** Label column; default `label`. */
  labelColumn?: string;
  /** Identifier column (e.g. NT's `name`); default the line number. */
  idColumn?: string;
  /** Keep only rows whose column equals the value (e.g. NT's `task`). */
  where?: { column: string; equals: string };
}

function columnIndex(header: string[], name: string, file: string): number {
  const i = header.indexOf(name);
  // the column names quoted (a quoted name may hold a line break) and cut short: one line, never the file
  if (i < 0) {
    const names = header.slice(0, 12).map((h) => JSON.stringify(h.slice(0, 40)));
    throw new Error(
      `${file}: no column "${name}" in header (${names.join(', ')}${header.length > 12 ? ', ...' : ''})`,
    );
  }
  return i;
}

/** The rows of a delimited file with their first line numbers (RFC 4180 quoting: a quoted field may hold the delimiter). */
function readRows(file: string, delimiter: string): { fields: string[]; line: number }[] {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(readFileSync(file, 'utf8'), {
      delimiter,
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: false,
    }) as unknown as typeof rows; // the `info: true` overload is not typed
  } catch (e) {
    const err = e as Error & { lines?: number };
    throw new Error(
      `${file}${err.lines ? `:${err.lines}` : ''}: ${err.message.replace(/ at line \d+| on line \d+/g, '')}`,
    );
  }
  // the line a record starts on: csv-parse reports the line it ends on
  return rows.map((r, i) => ({ fields: r.record, line: i === 0 ? 1 : rows[i - 1].info.lines + 1 }));
}

/** Reads every row of a delimited table as a labelled record; ragged rows, bad labels and no rows are errors. */
export function readDnaTable(file: string, opts: TableOptions = {}): DnaRecord[] {
  const delimiter = opts.delimiter ?? (file.toLowerCase().endsWith('.tsv') ? '\t' : ',');
  const rows = readRows(file, delimiter);
  if (rows.length > 0 && rows[rows.length - 1].fields.join('') === '') rows.pop(); // the final newline
  if (rows.length === 0) throw new Error(`${file}: empty file (expected a header line)`);
  const header = rows[0].fields.map((h) => h.trim());
  const seqName = opts.sequenceColumn ?? (header.includes('sequence') ? 'sequence' : 'seq');
  const seqCol = columnIndex(header, seqName, file);
  const labelCol = columnIndex(header, opts.labelColumn ?? 'label', file);
  const idCol = opts.idColumn === undefined ? -1 : columnIndex(header, opts.idColumn, file);
  const filter = opts.where && {
    col: columnIndex(header, opts.where.column, file),
    value: opts.where.equals,
  };
  if (rows.length === 1) throw new Error(`${file}: no data rows after the header`);
  const records: DnaRecord[] = [];
  for (const { fields, line } of rows.slice(1)) {
    const where = `${file}:${line}`;
    if (fields.length === 1 && fields[0] === '') throw new Error(`${where}: empty line`);
    if (fields.length !== header.length) {
      throw new Error(`${where}: ${fields.length} fields, but the header has ${header.length}`);
    }
    if (filter && fields[filter.col] !== filter.value) continue;
    records.push({
      id: idCol >= 0 ? fields[idCol] : `line ${line}`,
      sequence: fields[seqCol].trim(),
      label: parseLabel(fields[labelCol], where),
      where,
    });
  }
  if (records.length === 0 && filter)
    throw new Error(`${file}: no rows with ${opts.where!.column} = ${JSON.stringify(opts.where!.equals)}`);
  return records;
}
