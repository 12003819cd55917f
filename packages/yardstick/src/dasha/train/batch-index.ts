// Which examples go in which batch of an epoch: pure index arithmetic, shared by the training loop and the
// budget planner (which counts optimiser steps without loading the engine).

/** How many batches batchIndices makes of `n` examples. */
export function batchCount(n: number, batchSize: number, dropLast: boolean): number {
  if (n === 0) return 0;
  return dropLast ? Math.max(1, Math.floor(n / batchSize)) : Math.ceil(n / batchSize);
}

/** Index lists of consecutive batches over `order` (drop the last partial batch when asked). */
export function batchIndices(order: ArrayLike<number>, batchSize: number, dropLast: boolean): Int32Array[] {
  const out: Int32Array[] = [];
  for (let s = 0; s < order.length; s += batchSize) {
    const e = Math.min(order.length, s + batchSize);
    if (dropLast && e - s < batchSize && out.length > 0) break;
    out.push(Int32Array.from({ length: e - s }, (_, i) => order[s + i]));
  }
  return out;
}
