// The registry of published FM results: the curated file shipped in packages/yardstick/data plus any user
// files, validated and normalised once at load, then queried in memory.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { metricHigherIsBetter, normaliseBenchmark, normaliseMetric, normaliseScale, normaliseSetting, normaliseTask } from './normalise.js';
import { describeIssues, rawRecordSchema, registryFileSchema, type RawRecord } from './schema.js';
import type { FmResult, RegistryQuery } from './types.js';
import { readUserFile, type LocatedRecord } from './user-file.js';

/** packages/yardstick/data/fm-results.json, two levels above src/registry (or dist/registry). */
export const CURATED_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'data', 'fm-results.json');

const MAX_REPORTED_ERRORS = 20;

export class Registry {
  constructor(readonly results: readonly FmResult[]) {}

  find(q: RegistryQuery = {}): FmResult[] {
    const eq = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
    return this.results.filter(
      (r) =>
        (q.task === undefined || r.task === q.task || r.original.task === q.task) &&
        (q.horizon === undefined || (r.horizon ?? null) === q.horizon) &&
        (q.metric === undefined || eq(r.metric, q.metric)) &&
        (q.benchmark === undefined || eq(r.benchmark, q.benchmark) || r.original.benchmark === q.benchmark) &&
        (q.model === undefined || eq(r.model, q.model)) &&
        (q.setting === undefined || r.setting === q.setting),
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
}

export interface LoadRegistryOptions {
  /** User CSV or JSON files with the same columns as the curated records. */
  extraFiles?: string[];
  /** Replaces the curated file (tests). */
  curatedFile?: string;
}

export function loadRegistry(opts: LoadRegistryOptions = {}): Registry {
  const errors: string[] = [];
  const results: FmResult[] = [];
  const curated = opts.curatedFile ?? CURATED_FILE;
  const located = [...readCuratedFile(curated), ...(opts.extraFiles ?? []).flatMap(readUserFile)];
  const seen = new Map<string, string>();
  for (const rec of located) {
    try {
      const r = toResult(rec);
      const dup = seen.get(r.id);
      if (dup) throw new Error(`${rec.where}: id '${r.id}' already used by ${dup}`);
      seen.set(r.id, rec.where);
      results.push(r);
    } catch (e) {
      errors.push((e as Error).message);
    }
  }
  if (errors.length) {
    const more = errors.length > MAX_REPORTED_ERRORS ? `\n  ... and ${errors.length - MAX_REPORTED_ERRORS} more` : '';
    throw new Error(`invalid FM results (${errors.length} problem(s)):\n  ${errors.slice(0, MAX_REPORTED_ERRORS).join('\n  ')}${more}`);
  }
  return new Registry(results);
}

function readCuratedFile(file: string): LocatedRecord[] {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`cannot read the curated FM results ${file}: ${(e as Error).message}`);
  }
  const parsed = registryFileSchema.safeParse(data);
  if (!parsed.success) throw new Error(`${file}: ${describeIssues(parsed.error, (p) => `field '${p.join('.')}'`)}`);
  return parsed.data.records.map((raw, i) => ({ raw, file, index: i + 1, where: `${file} record ${i + 1}`, column: (p) => `field '${p.join('.')}'` }));
}

function toResult(rec: LocatedRecord): FmResult {
  const parsed = rawRecordSchema.safeParse(rec.raw);
  if (!parsed.success) throw new Error(`${rec.where}: ${describeIssues(parsed.error, rec.column)}`);
  const raw: RawRecord = parsed.data;
  const at = <T>(column: string, f: () => T): T => {
    try {
      return f();
    } catch (e) {
      throw new Error(`${rec.where}, ${rec.column([column])}: ${(e as Error).message}`);
    }
  };
  const benchmark = at('benchmark', () => normaliseBenchmark(raw.benchmark));
  const task = at('task', () => normaliseTask(benchmark, raw.task));
  const { metric, assumed } = normaliseMetric(raw.metric);
  const scale = at('scale', () => normaliseScale(raw.scale));
  const known = metricHigherIsBetter(metric);
  if (known === undefined && raw.higherIsBetter === undefined) {
    throw new Error(`${rec.where}, ${rec.column(['higherIsBetter'])}: metric '${metric}' is not known to yardstick, so say whether higher is better`);
  }
  if (known !== undefined && raw.higherIsBetter !== undefined && raw.higherIsBetter !== known) {
    throw new Error(`${rec.where}, ${rec.column(['higherIsBetter'])}: ${raw.higherIsBetter} contradicts metric '${metric}' (${known ? 'higher' : 'lower'} is better)`);
  }
  return {
    id: raw.id ?? `${path.basename(rec.file)}#${rec.index}`,
    model: raw.model,
    params: raw.params ?? null,
    setting: normaliseSetting(raw.setting, raw.source.note),
    lookback: raw.lookback ?? null,
    benchmark,
    task,
    horizon: raw.horizon ?? null,
    split: raw.split,
    metric,
    scale,
    higherIsBetter: raw.higherIsBetter ?? (known as boolean),
    value: raw.value,
    source: raw.source,
    ...(assumed ? { metricAssumed: true } : {}),
    ...(raw.notes ? { notes: raw.notes } : {}),
    original: { benchmark: raw.benchmark, task: raw.task, setting: raw.setting, metric: raw.metric, scale: raw.scale },
    origin: rec.file,
  };
}
