// Delimited text tables of labelled sequences: GUE (`sequence,label`), Genomic Benchmarks (`seq,label`) and the
// Nucleotide Transformer revised TSV (`sequence, name, label, task`).
import { readFileSync } from 'node:fs';
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

function unquote(field: string): string {
  return field.length >= 2 && field.startsWith('"') && field.endsWith('"')
    ? field.slice(1, -1).replace(/""/g, '"')
    : field;
}

function columnIndex(header: string[], name: string, file: string): number {
  const i = header.indexOf(name);
  if (i < 0) throw new Error(`${file}: no column "${name}" in header (${header.join(', ')})`);
  return i;
}

/** Reads every row of a delimited table as a labelled record; ragged rows and bad labels are errors. */
export function readDnaTable(file: string, opts: TableOptions = {}): DnaRecord[] {
  const delimiter = opts.delimiter ?? (file.toLowerCase().endsWith('.tsv') ? '\t' : ',');
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) throw new Error(`${file}: empty file (expected a header line)`);
  const header = lines[0]
    .replace(/^\uFEFF/, '')
    .split(delimiter)
    .map((h) => unquote(h.trim()));
  const seqName = opts.sequenceColumn ?? (header.includes('sequence') ? 'sequence' : 'seq');
  const seqCol = columnIndex(header, seqName, file);
  const labelCol = columnIndex(header, opts.labelColumn ?? 'label', file);
  const idCol = opts.idColumn === undefined ? -1 : columnIndex(header, opts.idColumn, file);
  const filter = opts.where && {
    col: columnIndex(header, opts.where.column, file),
    value: opts.where.equals,
  };
  const records: DnaRecord[] = [];
  for (let i = 1; i < lines.length; i++) {
    const where = `${file}:${i + 1}`;
    if (lines[i] === '') throw new Error(`${where}: empty line`);
    const fields = lines[i].split(delimiter).map(unquote);
    if (fields.length !== header.length) {
      throw new Error(`${where}: ${fields.length} fields, but the header has ${header.length}`);
    }
    if (filter && fields[filter.col] !== filter.value) continue;
    records.push({
      id: idCol >= 0 ? fields[idCol] : `line ${i + 1}`,
      sequence: fields[seqCol].trim(),
      label: parseLabel(fields[labelCol], where),
      where,
    });
  }
  return records;
}
