// Reading DNA files of any supported format into encoded task splits.
import path from 'node:path';
import type { LoadOptions, TaskData } from '../types.js';
import { stratifiedSubsample } from '../split.js';
import { readDnaFasta } from './fasta.js';
import { oneHotDna } from './onehot.js';
import { readDnaParquet } from './parquet.js';
import type { DnaRecord } from './records.js';
import { readDnaTable, type TableOptions } from './table.js';

export type DnaFormat = 'csv' | 'tsv' | 'fasta' | 'parquet';

/** One input file. `format` defaults from the extension; `label` gives a FASTA file's class (one file per class). */
export interface DnaSource {
  path: string;
  format?: DnaFormat;
  label?: number;
  columns?: TableOptions;
}

/** The files of each split; `length` pads every sequence to it (default: the longest sequence of all splits). */
export interface DnaSplits {
  train: DnaSource[];
  val?: DnaSource[];
  test: DnaSource[];
  length?: number;
  numClasses?: number;
  classNames?: string[];
}

const EXTENSIONS: Record<string, DnaFormat> = {
  '.csv': 'csv',
  '.tsv': 'tsv',
  '.fa': 'fasta',
  '.fasta': 'fasta',
  '.fna': 'fasta',
  '.parquet': 'parquet',
};

export function dnaFormatOf(file: string): DnaFormat {
  const format = EXTENSIONS[path.extname(file).toLowerCase()];
  if (!format)
    throw new Error(
      `${file}: unknown DNA file type (expected ${Object.keys(EXTENSIONS).join(', ')}), set "format"`,
    );
  return format;
}

export async function readDnaSource(source: DnaSource): Promise<DnaRecord[]> {
  const format = source.format ?? dnaFormatOf(source.path);
  switch (format) {
    case 'csv':
      return readDnaTable(source.path, { delimiter: ',', ...source.columns });
    case 'tsv':
      return readDnaTable(source.path, { delimiter: '\t', ...source.columns });
    case 'fasta':
      return readDnaFasta(source.path, source.label);
    case 'parquet':
      return readDnaParquet(source.path, source.columns);
  }
}

async function readAll(sources: readonly DnaSource[]): Promise<DnaRecord[]> {
  return (await Promise.all(sources.map(readDnaSource))).flat();
}

/** Records per split, before encoding. */
export interface DnaRecordSplits {
  train: DnaRecord[];
  val?: DnaRecord[];
  test: DnaRecord[];
}

/**
 * Checks and one-hot encodes every split: pads to `length` (default: the longest sequence of all splits), checks
 * labels against `numClasses` (default: largest label + 1); `limit` subsamples each split (stratified, seeded).
 */
export function encodeDnaSplits(
  records: DnaRecordSplits,
  shape: { length?: number; numClasses?: number; classNames?: string[] },
  opts: LoadOptions = {},
): TaskData {
  const all = [...records.train, ...(records.val ?? []), ...records.test];
  const length = shape.length ?? all.reduce((m, r) => Math.max(m, r.sequence.length), 0);
  const numClasses = shape.numClasses ?? all.reduce((m, r) => Math.max(m, r.label + 1), 0);
  const outOfRange = all.find((r) => r.label >= numClasses);
  if (outOfRange)
    throw new Error(
      `${outOfRange.where}: label ${outOfRange.label} is not below the number of classes ${numClasses}`,
    );
  const encode = (recs: DnaRecord[]) => {
    const keep = stratifiedSubsample(
      recs.map((r) => r.label),
      opts.limit,
      opts.seed ?? 0,
    );
    return oneHotDna(
      keep.map((i) => recs[i]),
      length,
    );
  };
  return {
    train: encode(records.train),
    ...(records.val ? { val: encode(records.val) } : {}),
    test: encode(records.test),
    numClasses,
    ...(shape.classNames ? { classNames: shape.classNames } : {}),
  };
}

/** Reads the files of every split, then encodes them as encodeDnaSplits does. */
export async function loadDnaSplits(splits: DnaSplits, opts: LoadOptions = {}): Promise<TaskData> {
  const records: DnaRecordSplits = {
    train: await readAll(splits.train),
    ...(splits.val ? { val: await readAll(splits.val) } : {}),
    test: await readAll(splits.test),
  };
  return encodeDnaSplits(records, splits, opts);
}
