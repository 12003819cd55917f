// What comparison, reports and the dashboard read from a finished run. Workflows write this shape into
// RunRecord.result (extra fields are kept and ignored here):
//
//   { test: { mse: 0.41, mae: 0.43 },            // test metrics, lower-case names, scale x1 (MCC 0.52, not 52)
//     model?: 'Auto-AR',                         // display name (default: the workflow name)
//     params?: 12345, trainSeconds?: 87.5,       // cost: trainable parameters, training wall time
//     lookback?: 336, horizon?: 96, split?: 'standard test',
//     perExample?: 'per-example.json',           // in artifactDir: { "<metric>": number[] } whose mean is the test metric
//     forecasts?: 'forecasts.json',              // in artifactDir: see src/report/README.md
//     architecture?: [{ layer, kernel, dilation }], hyperparameters?: { lr, ... } }
//
// Horizon may also come from run.config.horizon. Validated leniently: a run without `test` is skipped with a reason.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { RunRecord } from '../storage/types.js';

export interface ScoredRun {
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
  perExampleFile: string | null;
}

const DEFAULT_MODEL_NAMES: Record<string, string> = { autoar: 'Auto-AR', dasha: 'DASHA' };
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function modelName(run: RunRecord): string {
  const r = run.result ?? {};
  return typeof r.model === 'string' ? r.model : (DEFAULT_MODEL_NAMES[run.workflow] ?? run.workflow);
}

export function hardwareOf(run: RunRecord): string {
  const m = run.machine;
  return `${m.device} · ${m.cpus}× ${m.cpuModel}`.trim();
}

/** Reads a finished run's scores, or explains why it cannot be compared. */
export function scoreRun(run: RunRecord): ScoredRun | { skipped: string } {
  if (run.status !== 'complete') return { skipped: `run ${run.id} is ${run.status}` };
  const r = run.result ?? {};
  const test = r.test as Record<string, unknown> | undefined;
  if (!test || typeof test !== 'object') return { skipped: `run ${run.id} has no result.test scores` };
  const scores = Object.fromEntries(
    Object.entries(test)
      .filter(([, v]) => num(v) !== null)
      .map(([k, v]) => [k.toLowerCase(), v as number]),
  );
  const file = typeof r.perExample === 'string' && run.artifactDir ? path.resolve(run.artifactDir, r.perExample) : null;
  return {
    run,
    model: modelName(run),
    task: run.task,
    horizon: num(r.horizon) ?? num(run.config.horizon),
    lookback: num(r.lookback) ?? num(run.config.lookback),
    split: typeof r.split === 'string' ? r.split : 'standard test',
    test: scores,
    params: num(r.params),
    trainSeconds: num(r.trainSeconds),
    hardware: hardwareOf(run),
    perExampleFile: file && existsSync(file) ? file : null,
  };
}

/** Per-example scores of `metric` from a run's artefact; null when the run has none for this metric. */
export function readPerExample(s: ScoredRun, metric: string): number[] | null {
  if (!s.perExampleFile) return null;
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(readFileSync(s.perExampleFile, 'utf8'));
  } catch (e) {
    throw new Error(`per-example scores ${s.perExampleFile} (run ${s.run.id}): ${(e as Error).message}`);
  }
  const xs = data[metric];
  if (xs === undefined) return null;
  if (!Array.isArray(xs) || !xs.every((x) => typeof x === 'number')) {
    throw new Error(`per-example scores ${s.perExampleFile} (run ${s.run.id}): '${metric}' must be an array of numbers`);
  }
  return xs as number[];
}
