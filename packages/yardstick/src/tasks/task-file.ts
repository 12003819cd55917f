// Task files: a small JSON or YAML file that describes a user's dataset. Paths are relative to the file.
//
//   id: my-promoters              # optional, default: the file name
//   modality: dna                 # dna | image | segmentation
//   metric: mcc                   # optional: dna -> mcc, image -> accuracy, segmentation -> miou
//   numClasses: 2                 # optional where the labels tell (DNA, class folders)
//   sequenceLength: 300           # DNA: pad to this length (default: the longest sequence)
//   format: csv                   # DNA: csv | tsv | fasta | parquet (default: from the extension)
//   columns: { sequence: seq, label: label, id: name }   # DNA tables and parquet
//   imageSize: [64, 64]           # images: [height, width]; other sizes are resampled
//   channels: 3                   # images
//   bands: [Red, Green, Blue]     # GEO-Bench HDF5 folders (with default_partition.json) instead of class folders
//   train: data/train.csv         # a path, or a list of paths or { path, label } (FASTA file per class)
//   val: data/dev.csv             # optional
//   test: data/test.csv
//   # or, instead of train/val/test, one file or folder split by a fixed seeded stratified rule:
//   data: data/all.csv
//   split: { fractions: [0.6, 0.2, 0.2], seed: 42 }
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  encodeDnaSplits,
  loadDnaSplits,
  readDnaSource,
  type DnaFormat,
  type DnaSource,
} from '../data/dna/load.js';
import type { TableOptions } from '../data/dna/table.js';
import { loadGeobenchFolder, loadImageFolderSplits, loadSplitImageFolder } from '../data/image/task-data.js';
import { stratifiedSplit } from '../data/split.js';
import { METRIC_NAMES, type MetricName } from '../metrics/index.js';
import { FIXED_SPLIT } from './builtin.js';
import type { Modality, TaskSpec } from './types.js';

const KEYS = [
  'id',
  'modality',
  'metric',
  'numClasses',
  'sequenceLength',
  'format',
  'columns',
  'imageSize',
  'channels',
  'bands',
  'train',
  'val',
  'test',
  'data',
  'split',
];
const MODALITIES: Modality[] = ['dna', 'image', 'segmentation'];
const DEFAULT_METRIC: Record<string, MetricName> = { dna: 'mcc', image: 'accuracy', segmentation: 'miou' };

type Raw = Record<string, unknown>;

class TaskFileReader {
  constructor(
    readonly file: string,
    readonly raw: Raw,
  ) {}

  fail(message: string): never {
    throw new Error(`task file ${this.file}: ${message}`);
  }

  has(key: string): boolean {
    return this.raw[key] !== undefined;
  }

  string(key: string, allowed?: readonly string[]): string | undefined {
    const v = this.raw[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || v === '') this.fail(`"${key}" must be a non-empty string`);
    if (allowed && !allowed.includes(v))
      this.fail(`"${key}" must be one of ${allowed.join(', ')}, got "${v}"`);
    return v;
  }

  positiveInt(key: string): number | undefined {
    const v = this.raw[key];
    if (v === undefined) return undefined;
    if (!Number.isInteger(v) || (v as number) < 1)
      this.fail(`"${key}" must be a positive integer, got ${JSON.stringify(v)}`);
    return v as number;
  }

  resolve(p: string): string {
    return path.resolve(path.dirname(this.file), p);
  }

  /** A split entry: a path, or a list of paths or { path, label }. */
  sources(key: string): DnaSource[] | undefined {
    const v = this.raw[key];
    if (v === undefined) return undefined;
    const list = Array.isArray(v) ? v : [v];
    if (list.length === 0) this.fail(`"${key}" lists no files`);
    return list.map((item, i) => {
      if (typeof item === 'string') return { path: this.resolve(item) };
      const entry = item as Raw;
      if (typeof entry !== 'object' || entry === null || typeof entry.path !== 'string')
        this.fail(`"${key}"[${i}] must be a path or { path, label }`);
      if (entry.label !== undefined && !(Number.isInteger(entry.label) && (entry.label as number) >= 0))
        this.fail(`"${key}"[${i}].label must be a non-negative integer`);
      return {
        path: this.resolve(entry.path as string),
        ...(entry.label !== undefined ? { label: entry.label as number } : {}),
      };
    });
  }

  folder(key: string): string | undefined {
    const sources = this.sources(key);
    if (sources && (sources.length !== 1 || sources[0].label !== undefined))
      this.fail(`"${key}" must be one folder`);
    return sources?.[0].path;
  }
}

function parseSplit(r: TaskFileReader): { fractions: [number, number, number]; seed: number } {
  const v = r.raw.split as Raw | undefined;
  if (v === undefined) return FIXED_SPLIT;
  const fractions = v.fractions ?? FIXED_SPLIT.fractions;
  const seed = v.seed ?? FIXED_SPLIT.seed;
  const ok =
    Array.isArray(fractions) &&
    fractions.length === 3 &&
    fractions.every((f) => typeof f === 'number' && f >= 0) &&
    Math.abs(fractions.reduce((a: number, b: number) => a + b, 0) - 1) < 1e-9;
  if (!ok) r.fail('"split.fractions" must be three non-negative numbers (train, val, test) that sum to 1');
  if (!Number.isInteger(seed)) r.fail('"split.seed" must be an integer');
  return { fractions: fractions as [number, number, number], seed: seed as number };
}

function parseColumns(r: TaskFileReader): TableOptions | undefined {
  const v = r.raw.columns as Raw | undefined;
  if (v === undefined) return undefined;
  const unknown = Object.keys(v).filter((k) => !['sequence', 'label', 'id'].includes(k));
  if (unknown.length > 0) r.fail(`"columns" accepts sequence, label and id, not ${unknown.join(', ')}`);
  if (Object.values(v).some((c) => typeof c !== 'string')) r.fail('"columns" values must be column names');
  return {
    sequenceColumn: v.sequence as string | undefined,
    labelColumn: v.label as string | undefined,
    idColumn: v.id as string | undefined,
  };
}

function dnaLoader(
  r: TaskFileReader,
): Pick<TaskSpec, 'load' | 'inputShape' | 'splitNote'> & { numClasses?: number } {
  const format = r.string('format', ['csv', 'tsv', 'fasta', 'parquet']) as DnaFormat | undefined;
  const columns = parseColumns(r);
  const length = r.positiveInt('sequenceLength');
  const numClasses = r.positiveInt('numClasses');
  const withFormat = (sources: DnaSource[] | undefined) =>
    sources?.map((s) => ({ ...s, ...(format ? { format } : {}), ...(columns ? { columns } : {}) }));
  const shape = { ...(length ? { length } : {}), ...(numClasses ? { numClasses } : {}) };
  const inputShape = [5, length ?? -1];
  if (r.has('data')) {
    const split = parseSplit(r);
    const data = withFormat(r.sources('data'))!;
    return {
      inputShape,
      numClasses,
      splitNote: `one data set split ${split.fractions.join('/')} (stratified, seed ${split.seed})`,
      load: async (_dataDir, opts) => {
        const records = (await Promise.all(data.map(readDnaSource))).flat();
        const [train, val, test] = stratifiedSplit(
          records.map((x) => x.label),
          split.fractions,
          split.seed,
        ).map((idx) => idx.map((i) => records[i]));
        return encodeDnaSplits({ train, val, test }, shape, opts);
      },
    };
  }
  const train = withFormat(r.sources('train'));
  const val = withFormat(r.sources('val'));
  const test = withFormat(r.sources('test'));
  if (!train || !test)
    r.fail('give "train" and "test" (and optionally "val"), or "data" with an optional "split"');
  return {
    inputShape,
    numClasses,
    splitNote: `train/${val ? 'val/' : ''}test files as given`,
    load: (_dataDir, opts) => loadDnaSplits({ train, ...(val ? { val } : {}), test, ...shape }, opts),
  };
}

function imageLoader(
  r: TaskFileReader,
  modality: Modality,
): Pick<TaskSpec, 'load' | 'inputShape' | 'splitNote'> & { numClasses?: number } {
  const size = r.raw.imageSize;
  if (!Array.isArray(size) || size.length !== 2 || !size.every((s) => Number.isInteger(s) && s > 0))
    r.fail('"imageSize" must be [height, width] in pixels');
  const [height, width] = size as number[];
  const numClasses = r.positiveInt('numClasses');
  if (r.has('bands')) {
    const bands = r.raw.bands;
    if (!Array.isArray(bands) || bands.length === 0 || !bands.every((b) => typeof b === 'string'))
      r.fail('"bands" must be a list of HDF5 dataset names');
    if (!numClasses) r.fail('"numClasses" is required for GEO-Bench HDF5 data');
    const dir =
      r.folder('data') ?? r.fail('"data" must name the GEO-Bench folder (with default_partition.json)');
    const target = modality === 'segmentation' ? 'mask' : 'label';
    return {
      inputShape: [bands.length, height, width],
      numClasses,
      splitNote: 'the train/valid/test lists of default_partition.json',
      load: (_dataDir, opts) =>
        loadGeobenchFolder(dir, { bands: bands as string[], target, numClasses }, opts),
    };
  }
  if (modality === 'segmentation')
    r.fail('segmentation task files need GEO-Bench HDF5 data ("bands" and "data")');
  const channels = r.positiveInt('channels') ?? 3;
  const imageSize = { channels, height, width };
  if (r.has('data')) {
    const split = parseSplit(r);
    const root = r.folder('data')!;
    return {
      inputShape: [channels, height, width],
      numClasses,
      splitNote: `class folders split ${split.fractions.join('/')} (stratified, seed ${split.seed})`,
      load: (_dataDir, opts) => loadSplitImageFolder(root, imageSize, split, opts),
    };
  }
  const train = r.folder('train');
  const val = r.folder('val');
  const test = r.folder('test');
  if (!train || !test)
    r.fail(
      'give "train" and "test" class folders (and optionally "val"), or "data" with an optional "split"',
    );
  return {
    inputShape: [channels, height, width],
    numClasses,
    splitNote: 'train/val/test class folders as given',
    load: (_dataDir, opts) =>
      loadImageFolderSplits({ train, ...(val ? { val } : {}), test }, imageSize, opts),
  };
}

/** Parses and validates a task file; the data is read only by `load`. */
export function readTaskFile(file: string): TaskSpec {
  const abs = path.resolve(file);
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch {
    throw new Error(`task file ${abs}: cannot be read`);
  }
  let raw: unknown;
  try {
    raw = /\.ya?ml$/i.test(abs) ? parseYaml(text) : JSON.parse(text);
  } catch (err) {
    throw new Error(
      `task file ${abs}: not valid ${/\.ya?ml$/i.test(abs) ? 'YAML' : 'JSON'} (${(err as Error).message})`,
    );
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new Error(`task file ${abs}: must be a mapping of settings`);
  const r: TaskFileReader = new TaskFileReader(abs, raw as Raw);
  const unknown = Object.keys(raw).filter((k) => !KEYS.includes(k));
  if (unknown.length > 0) r.fail(`unknown setting(s) ${unknown.join(', ')} (known: ${KEYS.join(', ')})`);
  const modality = r.string('modality', MODALITIES) as Modality | undefined;
  if (!modality) r.fail(`"modality" is required (${MODALITIES.join(', ')})`);
  const metric = (r.string('metric', METRIC_NAMES) as MetricName | undefined) ?? DEFAULT_METRIC[modality];
  if (metric === 'map') r.fail('multi-label tasks (metric "map") are not supported in task files yet');
  const loader = modality === 'dna' ? dnaLoader(r) : imageLoader(r, modality);
  const id = r.string('id') ?? path.basename(abs).replace(/\.(json|ya?ml)$/i, '');
  const spec: TaskSpec = {
    id,
    modality,
    metric,
    numClasses: loader.numClasses ?? -1,
    inputShape: loader.inputShape,
    usage: 'benchmark',
    splitNote: loader.splitNote,
    // shapes the file leaves open (class count, sequence length) are filled in from the data on first load
    load: async (dataDir, opts) => {
      const data = await loader.load(dataDir, opts);
      spec.numClasses = data.numClasses;
      spec.inputShape = data.train.shape.slice(1);
      return data;
    },
  };
  return spec;
}
