// The record schema shared by the curated registry file and users' own JSON files. CSV rows are coerced to
// this shape first (see user-file.ts), so both formats give the same validation and the same messages.
import { z } from 'zod';

const text = z.string().trim().min(1, 'must not be empty');
const finite = z.number().refine(Number.isFinite, 'must be a finite number');

export const sourceSchema = z.strictObject({
  title: text,
  url: text.optional(),
  file: text.optional(),
  table: text.optional(),
  commit: text.optional(),
  arxiv: text.optional(),
  note: z.string().optional(),
});

export const rawRecordSchema = z.strictObject({
  id: text.optional(),
  model: text,
  params: finite.positive().nullable().optional(),
  setting: text,
  role: z.enum(['fm', 'supervised-reference']).optional(),
  lookback: z.number().int().positive().nullable().optional(),
  benchmark: text,
  task: text,
  horizon: z.number().int().positive().nullable().optional(),
  horizonMean: z
    .array(z.number().int().positive())
    .min(2, 'must list at least two horizons (a single horizon goes in horizon)')
    .refine((h) => new Set(h).size === h.length, 'must not repeat a horizon')
    .optional(),
  split: text,
  metric: text,
  scale: text,
  value: finite,
  higherIsBetter: z.boolean().optional(),
  notes: z.string().optional(),
  /** The user's own statement that the FM saw the target dataset in pretraining (source: the record's). */
  pretrainingOverlap: z.strictObject({ dataset: text, source: sourceSchema.optional() }).optional(),
  source: sourceSchema,
});

export type RawRecord = z.infer<typeof rawRecordSchema>;

export const registryFileSchema = z.strictObject({
  /** Data version of the curated registry, raised whenever its records change; printed in every report. */
  version: z.number().int().positive(),
  description: z.string(),
  records: z.array(z.unknown()),
});

/** A model family: a record's model name equal to it, or starting with it and then ' ', '-', '(' or '/'. */
const family = text;
const count = finite.positive().nullable().optional();

/** A curated side file: a version, a description and strict entries of one shape. */
function curatedFile<T extends z.core.$ZodLooseShape>(entry: T) {
  return z.strictObject({
    version: z.number().int().positive(),
    description: z.string(),
    entries: z.array(z.strictObject(entry)),
  });
}

/** data/pretraining-overlap.json: the datasets each FM family saw in pretraining, one entry per model and task. */
export const overlapFileSchema = curatedFile({
  model: family,
  task: text.refine((t) => t.includes('/'), 'must be a project task id such as ltsf/traffic'),
  dataset: text,
  source: sourceSchema,
});

/** data/model-cost.json: pretraining cost per FM family, as its source states it. */
export const costFileSchema = curatedFile({
  model: family,
  params: count,
  pretrainingTokens: count,
  pretrainingTimePoints: count,
  gpuHours: count,
  source: sourceSchema,
});

/** One readable line per issue: `column 'value': must be a finite number`. */
export function describeIssues(error: z.ZodError, column: (path: PropertyKey[]) => string): string {
  return error.issues.map((i) => `${column(i.path)}: ${i.message}`).join('; ');
}
