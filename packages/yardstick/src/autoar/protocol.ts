// Which rows Auto-AR fits on, selects on and tests on (spec section 3.3 and 3.10).
import { zeros } from './dense.js';
import type { LtsfTask } from '../data/ltsf/index.js';

/** The reference's fixed window input length: the first S rows of any window are inputs only. */
export const SEQ_LEN = 512;

/** A block of forecast origins: windows whose first target row is origin, origin + 1, ..., origin + count - 1. */
export interface OriginBlock {
  first: number;
  count: number;
}

/**
 * The reference's model-building series: rows [0, n_train) followed by rows [n_train - S, n_train + n_val),
 * so S rows appear twice and time jumps back at the seam (flaw 3, kept on purpose in paper mode).
 */
export function seamConcatenation(task: LtsfTask): Float64Array[] {
  return task.series.map((_, c) => seamChannel(task, c));
}

/** Channel c of the seam concatenation (so that large panels can be processed a few channels at a time). */
export function seamChannel(task: LtsfTask, c: number): Float64Array {
  const { train, val } = task.split;
  const start = Math.max(0, train - SEQ_LEN);
  const x = task.series[c];
  const out = zeros(train + (train + val - start));
  out.set(x.subarray(0, train));
  out.set(x.subarray(start, train + val), train);
  return out;
}

/** Rows [0, end) of every channel, without copying. */
export function leadingRows(task: LtsfTask, end: number): Float64Array[] {
  return task.series.map((x) => x.subarray(0, end));
}

/** Test windows: every window of S + h rows over the test slice, i.e. one origin per test row that leaves h targets. */
export function testOrigins(task: LtsfTask, horizon: number): OriginBlock {
  const { train, val, test } = task.split;
  const count = test - horizon + 1;
  if (count < 1) {
    throw new Error(`${task.file}: the test block has ${test} rows, fewer than the horizon ${horizon}`);
  }
  return { first: train + val, count };
}
