// numpy's default (linear-interpolation) percentile, q in [0, 100]: ASHA's rung cutoffs and bootstrap intervals.

/** Percentile of values already sorted ascending (no copy). */
export function percentileSorted(sorted: ArrayLike<number>, q: number): number {
  const pos = ((sorted.length - 1) * q) / 100;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Percentile of values in any order (sorts a copy). */
export function percentile(values: readonly number[], q: number): number {
  return percentileSorted(
    [...values].sort((a, b) => a - b),
    q,
  );
}
