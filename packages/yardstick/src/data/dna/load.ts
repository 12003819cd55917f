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

/** The most classes a task may have: a label beyond it is a data error, caught before anything is allocated. */
export const MAX_CLASSES = 10_000;

/** The file a record came from (its `where` is `file:line ...` or `file row n ...`). */
const fileOf = (r: DnaRecord): string => r.where.replace(/(:\d+)? (row \d+ )?\(record .*$|:\d+$/, '');

/**
 * Labels are checked before any tensor is allocated: the test split has records (an evaluation-only task may
 * have no training data); each label is below `numClasses`
 * (given) or, when the labels define the classes, they are 0..K-1 with every class present and K <= MAX_CLASSES;
 * the training data has at least two classes (a one-class task would train to a constant and score MCC 0).
 */
function checkLabels(records: DnaRecordSplits, numClasses: number | undefined): void {
  if (records.test.length === 0) throw new Error('the test split has no records');
  const all = [...records.train, ...(records.val ?? []), ...records.test];
  const limit = numClasses ?? MAX_CLASSES;
  const outOfRange = all.find((r) => r.label >= limit);
  if (outOfRange)
    throw new Error(
      numClasses === undefined
        ? `${outOfRange.where}: label ${outOfRange.label} is not below ${MAX_CLASSES} (labels are class indices 0..K-1)`
        : `${outOfRange.where}: label ${outOfRange.label} is not below the number of classes ${numClasses}`,
    );
  if (numClasses === undefined) {
    const seen = new Set(all.map((r) => r.label));
    const missing = [...Array(Math.max(...seen) + 1).keys()].find((k) => !seen.has(k));
    if (missing !== undefined) {
      const top = all.find((r) => r.label === Math.max(...seen))!;
      throw new Error(
        `${top.where}: label ${top.label}, but no record has label ${missing} (labels must be 0..K-1 with every class present, or give numClasses)`,
      );
    }
  }
  const trainClasses = new Set(records.train.map((r) => r.label));
  if (trainClasses.size === 1) {
    const files = [...new Set(records.train.map(fileOf))].join(', ');
    throw new Error(
      `${files}: the training data has only class ${[...trainClasses][0]} (${records.train.length} records); a classifier needs at least two`,
    );
  }
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
  checkLabels(records, shape.numClasses);
  const length = shape.length ?? all.reduce((m, r) => Math.max(m, r.sequence.length), 0);
  const numClasses = shape.numClasses ?? all.reduce((m, r) => Math.max(m, r.label + 1), 0);
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
