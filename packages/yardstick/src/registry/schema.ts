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
  lookback: z.number().int().positive().nullable().optional(),
  benchmark: text,
  task: text,
  horizon: z.number().int().positive().nullable().optional(),
  split: text,
  metric: text,
  scale: text,
  value: finite,
  higherIsBetter: z.boolean().optional(),
  notes: z.string().optional(),
  source: sourceSchema,
});

export type RawRecord = z.infer<typeof rawRecordSchema>;

export const registryFileSchema = z.strictObject({
  version: z.literal(1),
  description: z.string(),
  records: z.array(z.unknown()),
});

/** One readable line per issue: `column 'value': must be a finite number`. */
export function describeIssues(error: z.ZodError, column: (path: PropertyKey[]) => string): string {
  return error.issues.map((i) => `${column(i.path)}: ${i.message}`).join('; ');
}
