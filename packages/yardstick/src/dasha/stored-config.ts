// The config a DASHA run stores at its start (settings, plan, thread choice) and `--resume` reads back. It is
// validated when read: a run interrupted under an earlier version may lack fields added since (the test
// stage's plan, the trials' speed-up), which get the value that version planned with, and a damaged record
// is an error naming the run and the field, not a crash deep in a stage.
import { z } from 'zod';
import type { Plan } from './budget/planner.js';
import type { ThreadChoice } from './budget/probe.js';
import type { DashaSettings } from './settings.js';

const num = z.number().finite();
const count = z.number().int().nonnegative();
const positive = num.positive();

const backbone = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('resnet1d'), width: z.number().int().positive() }),
  z.object({
    kind: z.literal('wrn'),
    depth: z.number().int().positive(),
    widen: z.number().int().positive(),
  }),
  z.object({
    kind: z.literal('unet'),
    base: z.number().int().positive(),
    head: z.enum(['classify', 'segment']),
  }),
]);

const settings = z.object({
  searchBackbone: backbone,
  retrainBackbone: backbone,
  space: z.object({
    kernels: z.array(z.number().int().positive()),
    dilations: z.array(z.number().int().positive()),
  }),
  batchSize: z.number().int().positive(),
  gradScale: num,
  search: z.object({
    epochs: count,
    batchesPerEpoch: z.union([count, z.literal('quick')]),
    scheduleEpochs: count,
  }),
  asha: z.object({
    numTrials: count,
    maxT: count,
    gracePeriod: positive,
    reductionFactor: positive,
    subsample: count.nullable(),
  }),
  retrain: z.object({ epochs: count, scheduleEpochs: count }),
  faithful: z.boolean(),
  reporting: z.enum(['running-max', 'last']),
}) satisfies z.ZodType<DashaSettings>;

const stage = z.object({ seconds: num.nonnegative(), skipped: z.string().optional() });

const plan = z
  .object({
    width: z.number().int().positive(),
    default: stage.extend({ epochs: count }),
    search: stage.extend({ epochs: count, batchesPerEpoch: count }),
    asha: stage.extend({ numTrials: count, maxT: count, subsample: count }),
    retrain: stage.extend({ epochs: count }),
    // before the test stage had its own plan it was planned at the whole reserve
    test: stage.optional(),
    reserveSeconds: num.nonnegative(),
    // before the trials' speed-up was measured the stage was planned as if sequential
    trialSpeedup: positive.default(1),
    floors: z.object({
      searchPasses: num,
      searchSteps: num,
      trials: num,
      trialEpochs: num,
      trialSubsample: num,
      retrainOfDefaultEpochs: num,
    }),
    notes: z.array(z.string()),
  })
  .transform((p): Plan => ({ ...p, test: p.test ?? { seconds: p.reserveSeconds } }));

const threads = z.object({
  threads: z.number().int().positive(),
  source: z.enum(['YARDSTICK_THREADS', 'measured']),
  secPerSample: z.record(z.string(), num),
  cost: z.object({ trainSecPerSample: num, evalSecPerSample: num }),
}) satisfies z.ZodType<ThreadChoice>;

const storedConfig = z.object({
  settings,
  plan: plan.nullable(),
  threads: threads.nullable().default(null),
});

export interface StoredConfig {
  settings: DashaSettings;
  plan: Plan | null;
  threads: ThreadChoice | null;
}

/** The stored config of run `runId`, checked; throws one line naming the run and the first bad field. */
export function readStoredConfig(runId: string, config: unknown): StoredConfig {
  const r = storedConfig.safeParse(config);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new Error(
    `dasha: run '${runId}' cannot be resumed: its stored config has ${issue.path.join('.') || 'no object'}: ${issue.message}`,
  );
}
