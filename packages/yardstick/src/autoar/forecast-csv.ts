// The forecast after the last row of a task, in original units, as the CSV the CLI's --forecast-csv writes.
import { applyForecaster } from './linear-forecaster.js';
import type { FittedAutoAr } from './run.js';
import type { LtsfTask } from '../data/ltsf/index.js';

/** Timestamps after the last row, when the time column parses as dates with a regular step; else "+1", "+2", ... */
export function futureTimes(task: LtsfTask, horizon: number): string[] {
  const n = task.times.length;
  const parse = (s: string | undefined) => (s === undefined ? NaN : Date.parse(s.replace(' ', 'T') + 'Z'));
  const last = parse(task.times[n - 1]);
  const step = last - parse(task.times[n - 2]);
  if (!Number.isFinite(step) || step <= 0) return Array.from({ length: horizon }, (_, j) => `+${j + 1}`);
  return Array.from({ length: horizon }, (_, j) =>
    new Date(last + (j + 1) * step).toISOString().replace('T', ' ').slice(0, 19),
  );
}

/**
 * The fitted model's forecast of the `fitted.horizon` steps after the last row of every channel, in original units
 * (the model standardises the inputs with the task's training scaler and maps the forecast back).
 */
export function forecastAfterEnd(task: LtsfTask, fitted: FittedAutoAr): Float64Array[] {
  const { mean, std } = task.scaler;
  return task.series.map((z, c) => {
    const f = fitted.forecasters[c];
    const T = z.length;
    if (T < f.inputs) throw new Error(`${task.file}: ${T} rows, the model reads the last ${f.inputs}`);
    const inputs = Float64Array.from({ length: f.inputs }, (_, m) => z[T - 1 - m]);
    return applyForecaster(f, inputs).map((v) => v * std[c] + mean[c]);
  });
}

function quote(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV text: the time column then one column per channel, one row per future step. */
export function forecastCsv(task: LtsfTask, fitted: FittedAutoAr): string {
  const forecast = forecastAfterEnd(task, fitted);
  const times = futureTimes(task, fitted.horizon);
  const lines = [[task.timeColumn, ...task.channels].map(quote).join(',')];
  for (let j = 0; j < fitted.horizon; j++)
    lines.push([quote(times[j]), ...forecast.map((f) => String(f[j]))].join(','));
  return lines.join('\n') + '\n';
}
