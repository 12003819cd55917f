// An Auto-AR run as a stored experiment: the run row, its result in the shape comparisons read, per-window
// scores (for paired tests) and a few test-window forecasts (for the report's actual-vs-forecast plot).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../common/atomic-write.js';
import type { LtsfTask } from '../data/ltsf/index.js';
import { runResult } from '../compare/run-result.js';
import { describeMachine } from '../storage/machine.js';
import { asAsync, type StorageHandle } from '../storage/open.js';
import { forecastCsv } from './forecast-csv.js';
import { applyForecaster } from './linear-forecaster.js';
import { testOrigins } from './protocol.js';
import { runAutoAR, type AutoArOptions, type AutoArResult, type FittedAutoAr } from './run.js';

export interface RecordOptions extends AutoArOptions {
  /** The run database (SQLite or PostgreSQL, through the storage contract). */
  storage: StorageHandle;
  /** Runs get a folder `<artifactRoot>/<runId>` for their artefacts. */
  artifactRoot: string;
  /** Also write the forecast of the steps after the last row (original units) to this CSV. */
  forecastCsv?: string;
}

/** Display names: the two modes are distinct baselines in every comparison. */
export function autoArModelName(mode: AutoArResult['mode']): string {
  return mode === 'paper' ? 'Auto-AR (paper)' : 'Auto-AR';
}

interface ForecastSeries {
  channel: string;
  window: number;
  t: number[];
  actual: number[];
  forecast: (number | null)[];
}

/** A handful of test windows (first, middle, last) for the first and last channel, with some context before each. */
export function sampleForecasts(task: LtsfTask, horizon: number, fitted: FittedAutoAr): ForecastSeries[] {
  const origins = testOrigins(task, horizon);
  const testStart = task.split.train + task.split.val;
  const context = Math.min(horizon, 96);
  const windows = [...new Set([0, Math.floor((origins.count - 1) / 2), origins.count - 1])];
  const channels = [...new Set([task.channels.length - 1, 0])];
  const out: ForecastSeries[] = [];
  for (const c of channels) {
    const x = task.series[c];
    const f = fitted.forecasters[c];
    for (const w of windows) {
      const t0 = origins.first + w;
      const inputs = Float64Array.from({ length: f.inputs }, (_, m) => x[t0 - 1 - m]);
      const forecast = applyForecaster(f, inputs);
      const rows = Array.from({ length: context + horizon }, (_, i) => t0 - context + i);
      out.push({
        channel: task.channels[c],
        window: w,
        t: rows.map((r) => r - testStart),
        actual: rows.map((r) => x[r]),
        forecast: rows.map((r, i) => (i < context ? null : forecast[r - t0])),
      });
    }
  }
  return out;
}

function parameterCount(r: AutoArResult): number {
  // One coefficient vector (+ intercept) per model, per channel when not pooled; a direct model has one per step.
  const sets = r.pooling === 'per-channel' ? r.fitted.forecasters.length : 1;
  return sets * (r.strategy === 'direct' ? r.horizon : 1) * (r.lookback + 1);
}

/**
 * The stored result of a complete run: the fields comparisons read (checked by the run-result schema), then
 * Auto-AR's own record of its selection and cost.
 */
export function storedResult(r: AutoArResult, artefacts: { forecastCsv?: string }): Record<string, unknown> {
  return {
    ...runResult({
      model: autoArModelName(r.mode),
      test: { mse: r.mse, mae: r.mae },
      horizon: r.horizon,
      lookback: r.lookback,
      params: parameterCount(r),
      trainSeconds: r.seconds,
      split: 'standard test',
      hyperparameters: {
        d: r.d,
        lookback: r.lookback,
        ridge: r.ridge ?? null,
        strategy: r.strategy ?? 'recursive',
        normalisation: r.norm ?? 'none',
        pooling: r.pooling ?? 'pooled',
      },
      perExample: 'per-example.json',
      forecasts: 'forecasts.json',
    }),
    selection: r.validation
      ? {
          rule: r.validation.rule,
          folds: r.validation.folds,
          minimum: r.validation.minimum,
          anchor: r.validation.anchor ?? null,
          chosen: r.validation.chosen,
          paperFit: r.validation.paperFit,
          sentinels: r.validation.sentinels,
        }
      : { rule: 'in-sample score', scores: r.selection },
    peakRssMb: r.peakRssMb,
    testWindows: r.testWindows,
    validationCurve: r.validation ? 'validation-curve.json' : null,
    forecastCsv: artefacts.forecastCsv ?? null,
  };
}

/**
 * Runs Auto-AR on one task and horizon and stores the run with its artefacts (and, when asked, the CSV of the
 * forecast after the last row); any failure after the run is created marks it failed with the error, and rethrows.
 */
export async function runAndRecordAutoAR(
  task: LtsfTask,
  horizon: number,
  opts: RecordOptions,
): Promise<{ runId: string; result: AutoArResult }> {
  const mode = opts.mode ?? 'default';
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
  const runId = `autoar-${task.dataset}-h${horizon}-${mode}-${stamp}-${process.pid}`;
  const artifactDir = path.resolve(opts.artifactRoot, runId);
  const { storage: handle, artifactRoot: _root, forecastCsv: csvPath, ...autoarOptions } = opts;
  const storage = asAsync(handle);
  await storage.createRun({
    id: runId,
    workflow: 'autoar',
    task: task.name,
    mode,
    config: {
      horizon,
      mode,
      grid: opts.grid ?? null,
      selection: opts.selection ?? null,
      file: task.file,
      split: task.split,
    },
    machine: describeMachine('cpu'),
    seed: null,
    budgetSeconds: null,
    startedAt: new Date().toISOString(),
    artifactDir,
  });
  try {
    const result = runAutoAR(task, horizon, autoarOptions);
    mkdirSync(artifactDir, { recursive: true });
    writeFileSync(
      path.join(artifactDir, 'per-example.json'),
      JSON.stringify({ mse: Array.from(result.perWindow.mse), mae: Array.from(result.perWindow.mae) }),
    );
    writeFileSync(
      path.join(artifactDir, 'forecasts.json'),
      JSON.stringify({ series: sampleForecasts(task, horizon, result.fitted) }),
    );
    if (result.validation) {
      writeFileSync(
        path.join(artifactDir, 'validation-curve.json'),
        JSON.stringify({ candidates: result.selection }),
      );
    }
    if (csvPath) writeFileSync(csvPath, forecastCsv(task, result.fitted));
    const stored = storedResult(result, { forecastCsv: csvPath });
    // the run's own summary beside its artefacts, as DASHA writes one, whichever command ran it
    writeFileAtomic(
      path.join(artifactDir, 'result.json'),
      JSON.stringify({ runId, ...stored }, null, 2) + '\n',
    );
    await storage.finishRun(runId, 'complete', stored);
    return { runId, result };
  } catch (e) {
    // the error that stopped the run is what the caller must see, even when the database is what failed
    await storage.markFailed(runId, (e as Error).message).catch(() => {});
    throw e;
  }
}
