// The one seeded random source (mulberry32) of the toolkit: data splits, subsamples, augmentations, DASHA's
// hyperparameter samples, shuffles and Gumbel noise, bootstrap resamples. A run is reproduced from its seeds.
// createRng(seed) starts the generator at the seed itself; the recorded data splits (e.g. EuroSAT's) are this
// stream, so it must not change.

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number;
  /** Log-uniform in [lo, hi). */
  logUniform(lo: number, hi: number): number;
  choice<T>(items: readonly T[]): T;
  /** A permutation of 0..n-1 (Fisher-Yates). */
  permutation(n: number): Int32Array;
  /** Fills `out` with the next out.length values of next(), in one tight loop (bootstrap resamples). */
  fill(out: Float64Array): Float64Array;
  /**
   * One bootstrap resample of `xs`, in one tight loop: draws xs.length indices into `idx` as int(xs.length)
   * would, and returns the sum of xs at them (other columns scored on the same examples read `idx`).
   */
  resampleSum(xs: Float64Array, idx: Int32Array): number;
}

/** mulberry32: a small, fast 32-bit generator with good statistical quality for sampling. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    return mix(state);
  };
  const int = (n: number): number => Math.floor(next() * n);
  const uniform = (lo: number, hi: number): number => lo + next() * (hi - lo);
  return {
    next,
    int,
    uniform,
    logUniform: (lo, hi) => Math.exp(uniform(Math.log(lo), Math.log(hi))),
    choice: (items) => items[int(items.length)],
    permutation(n) {
      const p = new Int32Array(n);
      for (let i = 0; i < n; i++) p[i] = i;
      for (let i = n - 1; i > 0; i--) {
        const j = int(i + 1);
        const t = p[i];
        p[i] = p[j];
        p[j] = t;
      }
      return p;
    },
    fill(out) {
      let st = state;
      for (let i = 0; i < out.length; i++) {
        st = (st + 0x6d2b79f5) >>> 0;
        out[i] = mix(st);
      }
      state = st;
      return out;
    },
    resampleSum(xs, idx) {
      const n = xs.length;
      let st = state;
      let sum = 0;
      for (let i = 0; i < n; i++) {
        st = (st + 0x6d2b79f5) >>> 0;
        const j = Math.floor(mix(st) * n);
        idx[i] = j;
        sum += xs[j];
      }
      state = st;
      return sum;
    },
  };
}

function mix(state: number): number {
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** A generator for a stream named by integers (seed, trial, epoch, a tag per purpose): createRng(hashSeed(...)). */
export function streamRng(...parts: number[]): Rng {
  return createRng(hashSeed(...parts));
}

/** Mixes any number of integers into one 32-bit seed (for per-trial / per-epoch streams). */
export function hashSeed(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) {
    let x = Math.floor(p) >>> 0;
    for (let i = 0; i < 4; i++) {
      h ^= x & 0xff;
      h = Math.imul(h, 0x01000193);
      x >>>= 8;
    }
  }
  // final avalanche so nearby seeds give unrelated streams
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Fisher-Yates shuffle of a copy. */
export function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
