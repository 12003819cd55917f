// What Auto-AR refuses to fit, with one line that names the column and the reason (instead of a failed solve).
import type { LtsfTask } from '../data/ltsf/index.js';

/** Throws when a channel holds non-finite standardised values, or when every channel is constant in training. */
export function checkSeries(task: LtsfTask): void {
  const { train } = task.split;
  const constant: string[] = [];
  task.series.forEach((x, c) => {
    const name = task.channels[c];
    const { mean, std } = task.scaler;
    if (!Number.isFinite(mean[c]) || !Number.isFinite(std[c]) || std[c] <= 0) {
      throw new Error(
        `${task.file}: column '${name}' cannot be standardised (training mean ${mean[c]}, std ${std[c]}): its values overflow float64`,
      );
    }
    const bad = x.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) {
      throw new Error(
        `${task.file}: column '${name}' row ${bad + 1} is ${task.raw[c][bad]}, not a finite number after standardisation`,
      );
    }
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < train; i++) {
      lo = Math.min(lo, x[i]);
      hi = Math.max(hi, x[i]);
    }
    if (hi === lo) constant.push(name);
  });
  if (constant.length === task.series.length) {
    const names =
      constant
        .slice(0, 5)
        .map((n) => `'${n}'`)
        .join(', ') + (constant.length > 5 ? ', ...' : '');
    throw new Error(
      `${task.file}: nothing to fit: ${constant.length === 1 ? 'column' : 'every column'} ${names} is constant ` +
        `over the ${train} training rows (a constant needs no forecasting model)`,
    );
  }
}
