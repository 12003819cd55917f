// Task files: a small JSON or YAML file that describes a user's dataset. Paths are relative to the file and may
// not leave its folder. The schema is strict: an unknown key, or keys that contradict each other, is an error
// naming the file and the key, and no error repeats the file's contents.
//
//   benchmark: GUE                # optional: the published task this data is (with `task`), so that the
//   task: mouse_0                 #   registry's numbers and protocol flags apply; the task id is then gue/mouse_0
//   id: my-promoters              # optional (not with benchmark/task), default: the file name
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
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { encodeDnaSplits, loadDnaSplits, readDnaSource, type DnaSource } from '../data/dna/load.js';
import type { TableOptions } from '../data/dna/table.js';
import { loadGeobenchFolder, loadImageFolderSplits, loadSplitImageFolder } from '../data/image/task-data.js';
import { nearMatches } from '../data/near-matches.js';
import { stratifiedSplit } from '../data/split.js';
import { METRIC_NAMES, type MetricName } from '../metrics/index.js';
import { loadRegistry, normaliseBenchmark, normaliseTask } from '../registry/index.js';
import { BUILTIN_TASKS, FIXED_SPLIT } from './builtin.js';
import type { Modality, TaskSpec } from './types.js';

/** Task files are small; anything larger is not one (and is never read whole). */
const MAX_TASK_FILE_BYTES = 1 << 20;
const MODALITIES = ['dna', 'image', 'segmentation'] as const;
const DEFAULT_METRIC: Record<(typeof MODALITIES)[number], MetricName> = {
  dna: 'mcc',
  image: 'accuracy',
  segmentation: 'miou',
};

/** A value as an error may show it: short scalars only, never a slice of the file. */
function shown(v: unknown): string {
  if ((typeof v === 'number' || typeof v === 'boolean') && String(v).length <= 24) return String(v);
  if (typeof v === 'string' && v.length <= 40 && /^[\w .:/+-]*$/.test(v)) return JSON.stringify(v);
  return `a ${Array.isArray(v) ? 'list' : v === null ? 'null' : typeof v}`;
}

const positiveInt = z
  .number({ error: (i) => `must be a positive integer, got ${shown(i.input)}` })
  .int({
    error: (i) => `must be a positive integer, got ${shown(i.input)}`,
  })
  .min(1, { error: (i) => `must be a positive integer, got ${shown(i.input)}` });
const name = z
  .string({ error: 'must be a non-empty string' })
  .min(1, { error: 'must be a non-empty string' });
const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: (i) => `must be one of ${values.join(', ')}, got ${shown(i.input)}` });

const entry = z.union(
  [
    name,
    z.strictObject({
      path: name,
      label: z.number().int().min(0, 'must be a non-negative integer').optional(),
    }),
  ],
  { error: 'must be a path or { path, label }' },
);
const files = z.union([entry, z.array(entry).min(1, 'lists no files')], {
  error: 'must be a path or a list of paths or { path, label }',
});

const Schema = z
  .strictObject({
    benchmark: name.optional(),
    task: name.optional(),
    id: name.optional(),
    modality: choice(MODALITIES),
    metric: choice(METRIC_NAMES as unknown as [MetricName, ...MetricName[]]).optional(),
    numClasses: positiveInt.optional(),
    sequenceLength: positiveInt.optional(),
    format: choice(['csv', 'tsv', 'fasta', 'parquet'] as const).optional(),
    columns: z
      .strictObject({ sequence: name.optional(), label: name.optional(), id: name.optional() })
      .optional(),
    imageSize: z.tuple([positiveInt, positiveInt], { error: 'must be [height, width] in pixels' }).optional(),
    channels: positiveInt.optional(),
    bands: z
      .array(name, { error: 'must be a list of HDF5 dataset names' })
      .min(1, 'must be a list of HDF5 dataset names')
      .optional(),
    train: files.optional(),
    val: files.optional(),
    test: files.optional(),
    data: files.optional(),
    split: z
      .strictObject({
        fractions: z
          .tuple([z.number().min(0), z.number().min(0), z.number().min(0)])
          .refine((f) => Math.abs(f[0] + f[1] + f[2] - 1) < 1e-9)
          .optional(),
        seed: z.number().int('must be an integer').optional(),
      })
      .optional(),
  })
  .superRefine((t, ctx) => {
    const fail = (key: string, message: string) => ctx.addIssue({ code: 'custom', path: [key], message });
    const has = (k: keyof typeof t) => t[k] !== undefined;
    const conflict = (a: keyof typeof t, b: keyof typeof t, why: string) => {
      if (has(a) && has(b)) fail(b, `conflicts with "${a}": ${why}`);
    };
    if (has('benchmark') !== has('task'))
      fail(
        has('task') ? 'task' : 'benchmark',
        'give "benchmark" and "task" together (e.g. benchmark: GUE, task: mouse_0)',
      );
    conflict('benchmark', 'id', 'the id of a published task is its registry id');
    for (const k of ['train', 'val', 'test'] as const)
      conflict('data', k, 'give either "data" (one set, split by rule) or "train"/"val"/"test"');
    if (has('split') && !has('data')) fail('split', 'applies only to "data" (one set split by rule)');
    if (!has('data') && (!has('train') || !has('test')))
      fail('train', 'give "train" and "test" (and optionally "val"), or "data" with an optional "split"');
    if (t.metric === 'map')
      fail('metric', 'multi-label tasks (metric "map") are not supported in task files yet');
    if (t.modality === 'dna') {
      for (const k of ['imageSize', 'channels', 'bands'] as const)
        if (has(k)) fail(k, 'is an image setting; this task file has modality dna');
      return;
    }
    for (const k of ['sequenceLength', 'format', 'columns'] as const)
      if (has(k)) fail(k, `is a DNA setting; this task file has modality ${t.modality}`);
    if (!has('imageSize')) fail('imageSize', 'must be [height, width] in pixels');
    conflict('bands', 'channels', 'GEO-Bench samples have one channel per band');
    if (t.modality === 'segmentation' && !has('bands'))
      fail('modality', 'segmentation task files need GEO-Bench HDF5 data ("bands" and "data")');
    if (has('bands')) {
      if (!has('numClasses')) fail('numClasses', 'is required for GEO-Bench HDF5 data');
      if (!has('data')) fail('data', 'must name the GEO-Bench folder (with default_partition.json)');
    }
  });

type TaskFile = z.infer<typeof Schema>;
type Entry = z.infer<typeof entry>;

/** One line for the first problem: the key, then what is wrong. */
function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  if (issue.code === 'unrecognized_keys') {
    const where = issue.path.length ? ` in "${issue.path.join('.')}"` : '';
    const known = issue.path.length ? '' : ` (known: ${Object.keys(Schema.shape).join(', ')})`;
    return `unknown setting(s)${where} ${issue.keys.join(', ')}${known}`;
  }
  const key = issue.path
    .map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))
    .join('.')
    .replace(/\.\[/g, '[');
  const given = issue.path.reduce<unknown>(
    (v, p) => (v as Record<PropertyKey, unknown> | undefined)?.[p],
    raw,
  );
  if (issue.code !== 'custom' && given === undefined) return `"${key}" is required`;
  if (key === 'split.fractions')
    return '"split.fractions" must be three non-negative numbers (train, val, test) that sum to 1';
  return `"${key}" ${issue.message}`;
}

/** Where a parse error is, never what the line says. */
function syntaxError(err: unknown, yaml: boolean): string {
  if (yaml && err instanceof YAMLParseError && err.linePos)
    return `not valid YAML (line ${err.linePos[0].line}, column ${err.linePos[0].col})`;
  const at = /position (\d+)/.exec(String((err as Error).message));
  return `not valid ${yaml ? 'YAML' : 'JSON'}${at ? ` (at character ${Number(at[1]) + 1})` : ''}`;
}

/** Resolves a path of the file; one that leaves the file's folder is an error. */
function resolver(file: string, fail: (m: string) => never) {
  const folder = path.dirname(file);
  return (key: string, p: string): string => {
    const abs = path.resolve(folder, p);
    const rel = path.relative(folder, abs);
    if (rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel))
      fail(
        `"${key}" names a path outside the task file's folder; put the task file beside its data or link the data into its folder`,
      );
    return abs;
  };
}

/** The published task a file names: its registry id, or an error listing the nearest known ones. */
function publishedTask(benchmark: string, task: string, fail: (m: string) => never): string {
  const registry = loadRegistry();
  const builtins = BUILTIN_TASKS.filter((t) => t.usage === 'benchmark').map((t) => t.id);
  const benchmarks = [...new Set([...registry.benchmarks(), ...builtins.map((id) => id.split('/')[0])])];
  let bench: string;
  try {
    bench = normaliseBenchmark(benchmark);
  } catch {
    bench = '';
  }
  if (!benchmarks.includes(bench)) {
    const near = nearMatches(benchmark, benchmarks);
    fail(
      `"benchmark": no published benchmark ${shown(benchmark)}${near.length ? ` (near: ${near.join(', ')})` : ''} (known: ${benchmarks.join(', ')})`,
    );
  }
  let id: string;
  try {
    id = normaliseTask(bench, task);
  } catch {
    id = `${bench}/${task}`;
  }
  const known = [
    ...new Set([...registry.tasks(bench), ...builtins.filter((t) => t.startsWith(`${bench}/`))]),
  ];
  if (!known.includes(id)) {
    const near = nearMatches(id, known);
    fail(
      `"task": no published ${bench} task ${shown(task)}${near.length ? ` (near: ${near.join(', ')})` : ''}`,
    );
  }
  return id;
}

type Loader = Pick<TaskSpec, 'load' | 'inputShape' | 'splitNote'>;

function dnaLoader(t: TaskFile, sources: (key: string) => DnaSource[] | undefined): Loader {
  const columns: TableOptions | undefined = t.columns && {
    sequenceColumn: t.columns.sequence,
    labelColumn: t.columns.label,
    idColumn: t.columns.id,
  };
  const withFormat = (list: DnaSource[] | undefined) =>
    list?.map((s) => ({ ...s, ...(t.format ? { format: t.format } : {}), ...(columns ? { columns } : {}) }));
  const shape = {
    ...(t.sequenceLength ? { length: t.sequenceLength } : {}),
    ...(t.numClasses ? { numClasses: t.numClasses } : {}),
  };
  const inputShape = [5, t.sequenceLength ?? -1];
  if (t.data) {
    const split = { ...FIXED_SPLIT, ...t.split };
    const data = withFormat(sources('data'))!;
    return {
      inputShape,
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
  const [train, val, test] = (['train', 'val', 'test'] as const).map((k) => withFormat(sources(k)));
  return {
    inputShape,
    splitNote: `train/${val ? 'val/' : ''}test files as given`,
    load: (_dataDir, opts) =>
      loadDnaSplits({ train: train!, ...(val ? { val } : {}), test: test!, ...shape }, opts),
  };
}

function imageLoader(t: TaskFile, folder: (key: string) => string | undefined): Loader {
  const [height, width] = t.imageSize!;
  if (t.bands) {
    const dir = folder('data')!;
    const target = t.modality === 'segmentation' ? 'mask' : 'label';
    const spec = { bands: t.bands, target, numClasses: t.numClasses! } as const;
    return {
      inputShape: [t.bands.length, height, width],
      splitNote: 'the train/valid/test lists of default_partition.json',
      load: (_dataDir, opts) => loadGeobenchFolder(dir, spec, opts),
    };
  }
  const channels = t.channels ?? 3;
  const imageSize = { channels, height, width };
  if (t.data) {
    const split = { ...FIXED_SPLIT, ...t.split };
    const root = folder('data')!;
    return {
      inputShape: [channels, height, width],
      splitNote: `class folders split ${split.fractions.join('/')} (stratified, seed ${split.seed})`,
      load: (_dataDir, opts) => loadSplitImageFolder(root, imageSize, split, opts),
    };
  }
  const [train, val, test] = (['train', 'val', 'test'] as const).map(folder);
  return {
    inputShape: [channels, height, width],
    splitNote: 'train/val/test class folders as given',
    load: (_dataDir, opts) =>
      loadImageFolderSplits({ train: train!, ...(val ? { val } : {}), test: test! }, imageSize, opts),
  };
}

function readText(abs: string, fail: (m: string) => never): string {
  let size: number;
  try {
    size = statSync(abs).size;
  } catch {
    fail('cannot be read');
  }
  if (size > MAX_TASK_FILE_BYTES)
    fail(`is ${size} bytes; a task file is a small settings file (at most 1 MiB)`);
  try {
    return readFileSync(abs, 'utf8');
  } catch {
    fail('cannot be read');
  }
}

/** Parses and validates a task file; the data is read only by `load`. */
export function readTaskFile(file: string): TaskSpec {
  const abs = path.resolve(file);
  const fail = (message: string): never => {
    throw new Error(`task file ${abs}: ${message}`);
  };
  const yaml = /\.ya?ml$/i.test(abs);
  if (!yaml && !/\.json$/i.test(abs)) fail('a task file is .json, .yaml or .yml');
  const text = readText(abs, fail);
  let raw: unknown;
  try {
    raw = yaml ? parseYaml(text) : JSON.parse(text);
  } catch (err) {
    fail(syntaxError(err, yaml));
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail('must be a mapping of settings');
  const parsed = Schema.safeParse(raw);
  if (!parsed.success) fail(describeIssue(parsed.error.issues[0], raw));
  const t = parsed.data!;
  const resolve = resolver(abs, fail);
  const sources = (key: string): DnaSource[] | undefined => {
    const v = t[key as 'train'];
    if (v === undefined) return undefined;
    return (Array.isArray(v) ? v : [v]).map((e: Entry) =>
      typeof e === 'string'
        ? { path: resolve(key, e) }
        : { path: resolve(key, e.path), ...(e.label !== undefined ? { label: e.label } : {}) },
    );
  };
  const folder = (key: string): string | undefined => {
    const list = sources(key);
    if (list && (list.length !== 1 || list[0].label !== undefined)) fail(`"${key}" must be one folder`);
    return list?.[0].path;
  };
  const published = t.benchmark && t.task ? publishedTask(t.benchmark, t.task, fail) : undefined;
  const modality: Modality = t.modality;
  const loader = modality === 'dna' ? dnaLoader(t, sources) : imageLoader(t, folder);
  const spec: TaskSpec = {
    id: published ?? t.id ?? path.basename(abs).replace(/\.(json|ya?ml)$/i, ''),
    modality,
    metric: t.metric ?? DEFAULT_METRIC[t.modality],
    numClasses: t.numClasses ?? -1,
    inputShape: loader.inputShape,
    usage: 'benchmark',
    splitNote: published
      ? `${loader.splitNote}, declared as the published task ${published}`
      : loader.splitNote,
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
