// Seeded stratified index selection: fixed splits for datasets without an official one, and `limit` subsamples.
import { createRng, shuffled } from '../common/random.js';

function groupByLabel(labels: readonly number[]): Map<number, number[]> {
  const groups = new Map<number, number[]>();
  labels.forEach((label, i) => {
    const g = groups.get(label);
    if (g) g.push(i);
    else groups.set(label, [i]);
  });
  return new Map([...groups.entries()].sort((a, b) => a[0] - b[0]));
}

/**
 * Splits indices 0..n-1 into parts with the given fractions, class by class: within each class (in label
 * order) the indices are shuffled with one RNG seeded by `seed`, then part k gets round(n_class * f_k) of them
 * (the first part takes the remainder). Each part is returned sorted, so the result depends only on the labels
 * in input order, the fractions and the seed.
 */
export function stratifiedSplit(
  labels: readonly number[],
  fractions: readonly number[],
  seed: number,
): number[][] {
  const total = fractions.reduce((a, b) => a + b, 0);
  if (fractions.some((f) => f < 0) || Math.abs(total - 1) > 1e-9) {
    throw new Error(`split fractions must be non-negative and sum to 1, got ${fractions.join(', ')}`);
  }
  const rng = createRng(seed);
  const parts: number[][] = fractions.map(() => []);
  for (const members of groupByLabel(labels).values()) {
    const order = shuffled(members, rng);
    const sizes = fractions.map((f) => Math.round(members.length * f));
    sizes[0] = members.length - sizes.slice(1).reduce((a, b) => a + b, 0);
    let start = 0;
    sizes.forEach((size, k) => {
      parts[k].push(...order.slice(start, start + size));
      start += size;
    });
  }
  return parts.map((p) => p.sort((a, b) => a - b));
}

/**
 * At most `limit` indices, drawn per class in proportion to the class sizes (rounding by largest remainder)
 * with a seeded shuffle; returned sorted. Returns all indices when
 * `limit` is undefined or not smaller than the count.
 */
export function stratifiedSubsample(
  labels: readonly number[],
  limit: number | undefined,
  seed: number,
): number[] {
  const n = labels.length;
  if (limit === undefined || limit >= n) return [...Array(n).keys()];
  if (!Number.isInteger(limit) || limit < 1)
    throw new Error(`limit must be a positive integer, got ${limit}`);
  const groups = [...groupByLabel(labels).values()];
  const quotas = groups.map((g) => (g.length * limit) / n);
  const sizes = quotas.map(Math.floor);
  const byRemainder = quotas.map((q, k) => [q - Math.floor(q), k]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let r = 0, left = limit - sizes.reduce((a, b) => a + b, 0); left > 0; r++, left--)
    sizes[byRemainder[r][1]]++;
  const rng = createRng(seed);
  return groups.flatMap((g, k) => shuffled(g, rng).slice(0, sizes[k])).sort((a, b) => a - b);
}
