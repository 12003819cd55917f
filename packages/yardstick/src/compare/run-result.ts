// What comparison, reports and the dashboard read from a finished run: one zod schema, used by the workflows
// that write RunRecord.result (through `runResult`) and by every reader (through `scoreRun`). A workflow may
// store more beside these fields (its own diagnostics, resume state); readers ignore them, so resume state
// never becomes part of this contract.
import { z } from 'zod';
import type { RunRecord } from '../storage/types.js';
import { modelName } from './model-name.js';

const finite = z.number().finite();
const positiveInt = z.number().int().positive();

export const runResultSchema = z.object({
  /** Test metrics: lower-case names, scale x1 (MCC 0.52, not 52). Absent: the run is not comparable. */
  test: z.record(z.string(), finite).optional(),
  /** Display name (default: the workflow name). */
  model: z.string().min(1).optional(),
  /** false for runs that must never enter a comparison (format tests on fixtures). */
  comparable: z.boolean().optional(),
  /** Cost: trainable parameters and training wall time (seconds). */
  params: finite.nonnegative().nullable().optional(),
  trainSeconds: finite.nonnegative().nullable().optional(),
  lookback: positiveInt.nullable().optional(),
  horizon: positiveInt.nullable().optional(),
  split: z.string().optional(),
  /** File in artifactDir: { "<metric>": number[] } whose mean is the test metric (e.g. squared error per window). */
  perExample: z.string().optional(),
  /** File in artifactDir: { labels: number[], predictions: number[] } on the test split (classification). */
  predictions: z.string().optional(),
  /** File in artifactDir with a few test windows for the report (src/report/README.md). */
  forecasts: z.string().optional(),
  architecture: z
    .array(z.object({ layer: z.union([z.string(), z.number()]), kernel: positiveInt, dilation: positiveInt }))
    .optional(),
  hyperparameters: z.record(z.string(), z.unknown()).nullable().optional(),
});
export type RunResult = z.infer<typeof runResultSchema>;

/** The fields of a run's config that comparisons read (a run may store more). */
const runConfigSchema = z.object({
  horizon: positiveInt.nullable().optional(),
  lookback: positiveInt.nullable().optional(),
});

const predictionsSchema = z
  .object({
    labels: z.array(z.number().int().nonnegative()),
    predictions: z.array(z.number().int().nonnegative()),
  })
  .refine((p) => p.labels.length === p.predictions.length, 'labels and predictions must have equal lengths');
export type StoredPredictions = z.infer<typeof predictionsSchema>;

const perExampleSchema = z.record(z.string(), z.array(finite));
export type PerExampleScores = z.infer<typeof perExampleSchema>;

const issues = (e: z.ZodError) =>
  e.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');

/** Writers call this on what they store: a result that breaks the contract fails the run, never a later reader. */
export function runResult(r: RunResult): RunResult {
  const parsed = runResultSchema.safeParse(r);
  if (!parsed.success)
    throw new Error(`run result does not match the run-result schema: ${issues(parsed.error)}`);
  return parsed.data;
}

/** What a finished run's record says about its scores (no artefact read yet). */
export interface RunScores {
  run: RunRecord;
  model: string;
  task: string;
  horizon: number | null;
  lookback: number | null;
  split: string;
  test: Record<string, number>;
  params: number | null;
  trainSeconds: number | null;
  hardware: string;
  /** The artefacts its result names (recorded paths, relative to the run's folder). */
  artefacts: { perExample: string | null; predictions: string | null };
}

/** An artefact as read through the store: where it lives, and its content or why it could not be used. */
export type StoredArtefact<T> = { location: string } & ({ value: T } | { error: string });

/** A finished run's scores with the artefacts they name, as the comparison engine reads them (compare/load.ts). */
export interface ScoredRun extends RunScores {
  perExample: StoredArtefact<PerExampleScores> | null;
  predictions: StoredArtefact<StoredPredictions> | null;
}

export function hardwareOf(run: RunRecord): string {
  const m = run.machine;
  return `${m.device} · ${m.cpus}× ${m.cpuModel}`.trim();
}

/** Reads a finished run's scores, or explains why it cannot be compared. */
export function scoreRun(run: RunRecord): RunScores | { skipped: string } {
  if (run.status !== 'complete') return { skipped: `run ${run.id} is ${run.status}` };
  const parsed = runResultSchema.safeParse(run.result ?? {});
  if (!parsed.success)
    return { skipped: `run ${run.id}: stored result is invalid (${issues(parsed.error)})` };
  const config = runConfigSchema.safeParse(run.config ?? {});
  if (!config.success)
    return { skipped: `run ${run.id}: stored config is invalid (${issues(config.error)})` };
  const r = parsed.data;
  if (!r.test || Object.keys(r.test).length === 0)
    return { skipped: `run ${run.id} has no result.test scores` };
  if (r.comparable === false) return { skipped: `run ${run.id} is marked not comparable (format test)` };
  return {
    run,
    model: modelName(run),
    task: run.task,
    horizon: r.horizon ?? config.data.horizon ?? null,
    lookback: r.lookback ?? config.data.lookback ?? null,
    split: r.split ?? 'standard test',
    test: Object.fromEntries(Object.entries(r.test).map(([k, v]) => [k.toLowerCase(), v])),
    params: r.params ?? null,
    trainSeconds: r.trainSeconds ?? null,
    hardware: hardwareOf(run),
    artefacts: { perExample: r.perExample ?? null, predictions: r.predictions ?? null },
  };
}

const ARTEFACT_SCHEMAS = {
  'per-example scores': perExampleSchema,
  predictions: predictionsSchema,
} as const;
type ArtefactKind = keyof typeof ARTEFACT_SCHEMAS;

/** Decodes an artefact's bytes (null: the store does not hold it) as `kind`; never throws. */
export function decodeArtefact<K extends ArtefactKind>(
  kind: K,
  bytes: Buffer | null,
  location: string,
  run: RunRecord,
): StoredArtefact<z.infer<(typeof ARTEFACT_SCHEMAS)[K]>> {
  const where = `${kind} ${location} (run ${run.id})`;
  if (bytes === null) return { location, error: `${where}: not in the artefact store` };
  let data: unknown;
  try {
    data = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    return { location, error: `${where}: ${(e as Error).message}` };
  }
  const parsed = ARTEFACT_SCHEMAS[kind].safeParse(data);
  return parsed.success
    ? { location, value: parsed.data as z.infer<(typeof ARTEFACT_SCHEMAS)[K]> }
    : { location, error: `${where}: ${issues(parsed.error)}` };
}

function valueOf<T>(a: StoredArtefact<T> | null): T | null {
  if (a === null) return null;
  if ('error' in a) throw new Error(a.error);
  return a.value;
}

/** Per-example scores of `metric` from a run's artefact; null when the run has none for this metric. */
export function readPerExample(s: ScoredRun, metric: string): number[] | null {
  return valueOf(s.perExample)?.[metric] ?? null;
}

/** Test labels and predictions from a run's artefact; null when the run stored none. */
export function readPredictions(s: ScoredRun): StoredPredictions | null {
  return valueOf(s.predictions);
}
