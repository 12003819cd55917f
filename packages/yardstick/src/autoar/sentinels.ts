// Missing-value codes in the rows the default mode fits and validates on. Weather's CSV holds -9999 in three columns
// (OT 50 times, max. PAR 30, wv once, all in the training rows): standardised they sit 16 to 192 standard deviations
// below the rest, so one such cell dominates a window's error and the Gram of every window that reads it. The first
// validation fold then scores candidates mostly on how they forecast (or are fed) -9999, and heavy ridge wins for
// that reason alone. The default mode therefore replaces such cells, in its fitting and validation rows only, by the
// straight line between the nearest clean values of the same channel. The detection is the CSV reader's rule (an
// isolated column minimum, data/ltsf/csv.ts; the reader does not warn here, 50 of 52696 rows being under its 0.5%),
// from one occurrence but only for a minimum further below the other values than their whole range (a genuine
// low reading, such as ETTh1's one negative LUFL, is not), on the train+validation rows only (never the test rows). The test metric is untouched: test windows are forecast from, and scored on, the series as
// loaded, as the published protocol does; the scaler stays the one fitted on the raw training rows.
import { isolatedMinimum } from '../data/ltsf/csv.js';
import type { LtsfTask } from '../data/ltsf/index.js';

export interface CleanedSentinel {
  channel: string;
  /** The code, in the CSV's units. */
  value: number;
  /** Cells replaced in rows [0, end). */
  count: number;
}

/** Rows [0, end) of every standardised channel, with isolated-minimum codes interpolated (copies only where changed). */
export function cleanSentinels(
  task: LtsfTask,
  end: number,
): { series: Float64Array[]; cleaned: CleanedSentinel[] } {
  const cleaned: CleanedSentinel[] = [];
  const series = task.series.map((x, c) => {
    const raw = task.raw[c].subarray(0, end);
    const code = isolatedMinimum(raw, { minCount: 1, gap: 1, signChange: false });
    if (!code) return x.subarray(0, end);
    cleaned.push({ channel: task.channels[c], value: code.value, count: code.count });
    return interpolateCells(x.subarray(0, end), (i) => raw[i] === code.value);
  });
  return { series, cleaned };
}

/** A copy of x with the cells where `bad` holds replaced by linear interpolation (the nearest clean value at an edge). */
export function interpolateCells(x: Float64Array, bad: (i: number) => boolean): Float64Array {
  const out = Float64Array.from(x);
  const n = x.length;
  let i = 0;
  while (i < n) {
    if (!bad(i)) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && bad(j)) j++;
    // cells [i, j) are bad; i - 1 and j (when inside) are clean
    const left = i > 0 ? out[i - 1] : undefined;
    const right = j < n ? out[j] : undefined;
    for (let k = i; k < j; k++) {
      out[k] =
        left === undefined
          ? (right ?? 0)
          : right === undefined
            ? left
            : left + ((right - left) * (k - i + 1)) / (j - i + 1);
    }
    i = j;
  }
  return out;
}
