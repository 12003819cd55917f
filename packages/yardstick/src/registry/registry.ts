// The registry of published FM results: the curated file shipped in packages/yardstick/data, the user's own
// registry folder and any extra files, validated and normalised once at load, then queried in memory.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileCache, sha256 } from '../common/file-cache.js';
import { defaultDatabasePath } from '../storage/paths.js';
import { modelTables, type ModelTables } from './model-tables.js';
import {
  impossibleValue,
  metricHigherIsBetter,
  normaliseBenchmark,
  normaliseMetric,
  normaliseScale,
  normaliseSetting,
  normaliseTask,
} from './normalise.js';
import { describeIssues, rawRecordSchema, registryFileSchema, type RawRecord } from './schema.js';
import type { FmResult, RegistryQuery } from './types.js';
import { readUserFile, recordWhere, type LocatedRecord } from './user-file.js';

const DATA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'data');
/** packages/yardstick/data/fm-results.json, two levels above src/registry (or dist/registry). */
export const CURATED_FILE = path.join(DATA_DIR, 'fm-results.json');
/** Which FM saw which target dataset in pretraining (per model family and task, sourced). */
export const OVERLAP_FILE = path.join(DATA_DIR, 'pretraining-overlap.json');
/** Pretraining cost per FM family (sourced). */
export const COST_FILE = path.join(DATA_DIR, 'model-cost.json');

const MAX_REPORTED_ERRORS = 20;
const USER_FILE = /^[^.].*\.(json|csv)$/i;

/** What a report prints about the registry it compared against. */
export interface RegistryInfo {
  /** Data version of the curated registry (data/fm-results.json `version`). */
  version: number;
  /** All records loaded: curated plus the user's. */
  records: number;
  curated: number;
  /** Records from the user's registry folder and extra files. */
  user: number;
  /** Records per project benchmark id, e.g. { ltsf: 850, gue: 280, ... }. */
  byBenchmark: Record<string, number>;
}

export class Registry {
  constructor(
    readonly results: readonly FmResult[],
    /** Data version of the curated file (0 when unknown). */
    readonly version = 0,
    readonly curatedFile = CURATED_FILE,
  ) {}

  find(q: RegistryQuery = {}): FmResult[] {
    const eq = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
    const horizons = (h: readonly number[] | null | undefined) =>
      h ? [...h].sort((a, b) => a - b).join('/') : '';
    return this.results.filter(
      (r) =>
        (q.task === undefined || r.task === q.task || r.original.task === q.task) &&
        (q.horizon === undefined || (r.horizon ?? null) === q.horizon) &&
        (q.metric === undefined || eq(r.metric, q.metric)) &&
        (q.benchmark === undefined || eq(r.benchmark, q.benchmark) || r.original.benchmark === q.benchmark) &&
        (q.model === undefined || eq(r.model, q.model)) &&
        (q.setting === undefined || r.setting === q.setting) &&
        (q.role === undefined || r.role === q.role) &&
        (q.horizonMean === undefined || horizons(r.horizonMean) === horizons(q.horizonMean)),
    );
  }

  get(id: string): FmResult | undefined {
    return this.results.find((r) => r.id === id);
  }

  benchmarks(): string[] {
    return [...new Set(this.results.map((r) => r.benchmark))].sort();
  }

  tasks(benchmark?: string): string[] {
    return [...new Set(this.find({ benchmark }).map((r) => r.task))].sort();
  }

  info(): RegistryInfo {
    const byBenchmark: Record<string, number> = {};
    for (const b of this.benchmarks()) byBenchmark[b] = 0;
    for (const r of this.results) byBenchmark[r.benchmark]++;
    const curated = this.results.filter((r) => r.origin === this.curatedFile).length;
    return {
      version: this.version,
      records: this.results.length,
      curated,
      user: this.results.length - curated,
      byBenchmark,
    };
  }
}

/** Version and record counts of a registry (by default the one every command loads). */
export function registryInfo(registry: Registry = loadRegistry()): RegistryInfo {
  return registry.info();
}

export interface LoadRegistryOptions {
  /** User CSV or JSON files with the same columns as the curated records. */
  extraFiles?: string[];
  /** The user's registry folder, whose .json and .csv files every load includes; null for none. */
  userDir?: string | null;
  /** Replace the shipped data files (tests). */
  curatedFile?: string;
  overlapFile?: string;
  costFile?: string;
  /** A folder that keeps the curated records validated and normalised (keyed by their files and this code). */
  cacheDir?: string;
}

/** Validated and normalised curated records: one entry per curated data, a few megabytes each. */
const REGISTRY_CACHE_BYTES = 16 * 1024 * 1024;

/** `registry/` beside the run database: $YARDSTICK_HOME/registry, else .yardstick/registry. */
export function defaultUserRegistryDir(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  return path.join(path.dirname(defaultDatabasePath(env, cwd)), 'registry');
}

/** The user registry folder's result files, in name order (none when the folder does not exist). */
export function userRegistryFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => USER_FILE.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

export interface RegistryCheck {
  registry: Registry;
  /** One line per problem, each naming the file, the record (id or row) and the field. */
  errors: string[];
}

/** Loads everything it can and lists every problem instead of throwing on the first (curated data must read). */
export function checkRegistry(opts: LoadRegistryOptions = {}): RegistryCheck {
  const errors: string[] = [];
  const results: FmResult[] = [];
  const curatedFile = opts.curatedFile ?? CURATED_FILE;
  const tableFiles = [opts.overlapFile ?? OVERLAP_FILE, opts.costFile ?? COST_FILE] as const;
  let tables: ModelTables | undefined;
  const tablesOf = () => (tables ??= modelTables(...tableFiles));
  const curated = curatedResults(curatedFile, tableFiles, tablesOf, opts.cacheDir);
  errors.push(...curated.errors);
  results.push(...curated.results);
  const userDir = opts.userDir === undefined ? defaultUserRegistryDir() : opts.userDir;
  // A file named twice (an extra file that is also in the folder) is read once.
  const userFiles = [...(userDir ? userRegistryFiles(userDir) : []), ...(opts.extraFiles ?? [])].filter(
    (f, i, all) => all.findIndex((g) => path.resolve(g) === path.resolve(f)) === i,
  );
  const located: LocatedRecord[] = [];
  for (const f of userFiles) {
    try {
      located.push(...readUserFile(f));
    } catch (e) {
      errors.push((e as Error).message);
    }
  }
  addResults(located, tablesOf, curated.seen, results, errors);
  return { registry: new Registry(results, curated.version, curatedFile), errors };
}

export function loadRegistry(opts: LoadRegistryOptions = {}): Registry {
  const { registry, errors } = checkRegistry(opts);
  if (errors.length === 1) throw new Error(errors[0]);
  if (errors.length) {
    const more =
      errors.length > MAX_REPORTED_ERRORS ? `\n  ... and ${errors.length - MAX_REPORTED_ERRORS} more` : '';
    throw new Error(
      `invalid FM results (${errors.length} problem(s)):\n  ${errors.slice(0, MAX_REPORTED_ERRORS).join('\n  ')}${more}`,
    );
  }
  return registry;
}

/** Validates and normalises records into `results` and each problem into `errors`; `seen`: id -> its record. */
function addResults(
  records: readonly LocatedRecord[],
  tablesOf: () => ModelTables,
  seen: Map<string, string>,
  results: FmResult[],
  errors: string[],
): void {
  if (records.length === 0) return;
  const tables = tablesOf(); // a bad table file is one problem, not one per record
  for (const rec of records) {
    try {
      const r = toResult(rec, tables);
      const dup = seen.get(r.id);
      if (dup) throw new Error(`${rec.where}: id '${r.id}' already used by ${dup}`);
      seen.set(r.id, rec.where);
      results.push(r);
    } catch (e) {
      errors.push((e as Error).message);
    }
  }
}

/** The files and code that decide the curated records' validation and normalisation (the cache key). */
function curatedKey(curatedFile: string, text: string, tableFiles: readonly string[]): string {
  const here = fileURLToPath(import.meta.url);
  const code = ['registry', 'normalise', 'schema', 'model-tables'].map((m) =>
    readFileSync(path.join(path.dirname(here), `${m}${path.extname(here)}`), 'utf8'),
  );
  const tables = tableFiles.map((f) => {
    try {
      return readFileSync(f, 'utf8');
    } catch {
      return ''; // reported by modelTables when the records are validated
    }
  });
  return `${sha256([path.resolve(curatedFile), text, ...tables, ...code].join('\0'))}.json`;
}

/** The curated records as results and their problems; valid ones kept in `cacheDir` for the next load. */
function curatedResults(
  file: string,
  tableFiles: readonly string[],
  tablesOf: () => ModelTables,
  cacheDir: string | undefined,
): { version: number; results: FmResult[]; errors: string[]; seen: Map<string, string> } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`cannot read the curated FM results ${file}: ${(e as Error).message}`);
  }
  const cache = cacheDir === undefined ? undefined : fileCache(cacheDir, REGISTRY_CACHE_BYTES);
  const key = cache && curatedKey(file, text, tableFiles);
  const stored = key && cache.get(key);
  if (stored) {
    const { version, results } = JSON.parse(stored.toString('utf8')) as {
      version: number;
      results: FmResult[];
    };
    // only records that were all valid are kept, so result i is record i + 1
    return {
      version,
      results,
      errors: [],
      seen: new Map(results.map((r, i) => [r.id, recordWhere(file, i + 1)])),
    };
  }
  const curated = readCuratedFile(file, text);
  const results: FmResult[] = [];
  const errors: string[] = [];
  const seen = new Map<string, string>();
  addResults(curated.records, tablesOf, seen, results, errors);
  if (key && errors.length === 0) {
    cache.set(key, JSON.stringify({ version: curated.version, results }));
    cache.prune();
  }
  return { version: curated.version, results, errors, seen };
}

function readCuratedFile(file: string, text: string): { version: number; records: LocatedRecord[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new Error(`cannot read the curated FM results ${file}: ${(e as Error).message}`);
  }
  const parsed = registryFileSchema.safeParse(data);
  if (!parsed.success)
    throw new Error(`${file}: ${describeIssues(parsed.error, (p) => `field '${p.join('.')}'`)}`);
  const records = parsed.data.records.map((raw, i) => ({
    raw,
    file,
    index: i + 1,
    where: recordWhere(file, i + 1),
    column: (p: PropertyKey[]) => `field '${p.join('.')}'`,
  }));
  return { version: parsed.data.version, records };
}

/** `file record 3 (id 'x')`: the record's place, with its id when it has one. */
function placeOf(rec: LocatedRecord): string {
  const id = (rec.raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id.trim() ? `${rec.where} (id '${id}')` : rec.where;
}

function toResult(rec: LocatedRecord, tables: ModelTables): FmResult {
  const where = placeOf(rec);
  const parsed = rawRecordSchema.safeParse(rec.raw);
  if (!parsed.success) throw new Error(`${where}: ${describeIssues(parsed.error, rec.column)}`);
  const raw: RawRecord = parsed.data;
  const fail = (column: string, message: string): never => {
    throw new Error(`${where}, ${rec.column([column])}: ${message}`);
  };
  const at = <T>(column: string, f: () => T): T => {
    try {
      return f();
    } catch (e) {
      return fail(column, (e as Error).message);
    }
  };
  const benchmark = at('benchmark', () => normaliseBenchmark(raw.benchmark));
  const task = at('task', () => normaliseTask(benchmark, raw.task));
  const { metric, assumed, horizonMean: labelMean } = at('metric', () => normaliseMetric(raw.metric));
  const scale = at('scale', () => normaliseScale(raw.scale));
  const known = metricHigherIsBetter(metric);
  if (known === undefined && raw.higherIsBetter === undefined) {
    fail('higherIsBetter', `metric '${metric}' is not known to yardstick, so say whether higher is better`);
  }
  if (known !== undefined && raw.higherIsBetter !== undefined && raw.higherIsBetter !== known) {
    fail(
      'higherIsBetter',
      `${raw.higherIsBetter} contradicts metric '${metric}' (${known ? 'higher' : 'lower'} is better)`,
    );
  }
  const impossible = impossibleValue(metric, scale, raw.value);
  if (impossible) fail('value', impossible);
  const sorted = (h?: number[]) => h && [...h].sort((a, b) => a - b);
  const horizonMean = sorted(raw.horizonMean) ?? sorted(labelMean);
  if (raw.horizonMean && labelMean && horizonMean!.join('/') !== sorted(labelMean)!.join('/')) {
    fail('horizonMean', `${horizonMean!.join('/')} differs from the horizons in metric '${raw.metric}'`);
  }
  if (horizonMean && raw.horizon != null) {
    fail('horizon', `must be empty for a mean over horizons ${horizonMean.join('/')}`);
  }
  const setting = normaliseSetting(raw.setting, raw.source.note);
  const role =
    raw.role ?? (setting === 'trained' || setting === 'supervised-baseline' ? 'supervised-reference' : 'fm');
  const params = raw.params ?? null;
  // A record's own statement first, then the sourced table; a supervised reference has no pretraining.
  const stated = raw.pretrainingOverlap;
  const overlap = stated
    ? { dataset: stated.dataset, source: stated.source ?? raw.source }
    : tables.overlap(raw.model, task);
  if (stated && role !== 'fm') fail('pretrainingOverlap', `a ${role} has no pretraining to overlap with`);
  const cost = tables.cost(raw.model);
  return {
    id: raw.id ?? `${path.basename(rec.file)}#${rec.index}`,
    model: raw.model,
    params,
    setting,
    role,
    lookback: raw.lookback ?? null,
    benchmark,
    task,
    horizon: raw.horizon ?? null,
    horizonMean: horizonMean ?? null,
    split: raw.split,
    metric,
    scale,
    higherIsBetter: raw.higherIsBetter ?? (known as boolean),
    value: raw.value,
    source: raw.source,
    pretrainingOverlap: role === 'fm' ? overlap : null,
    cost: cost
      ? { ...cost, params: cost.params ?? params }
      : params !== null
        ? { params, pretrainingTokens: null, pretrainingTimePoints: null, gpuHours: null, source: raw.source }
        : null,
    ...(assumed ? { metricAssumed: true } : {}),
    ...(raw.notes ? { notes: raw.notes } : {}),
    original: {
      benchmark: raw.benchmark,
      task: raw.task,
      setting: raw.setting,
      metric: raw.metric,
      scale: raw.scale,
    },
    origin: rec.file,
  };
}
