// The one dense product the numerics need outside the engine's tensors (float64 row-major in, row-major out), the
// FFT lengths the convolutions use, the mirroring of symmetric matrices, and zeroed arrays on reused memory.
import * as torch from '@yardstick/torch';

/** a (rows x inner) times b (inner x cols), through the engine's GEMM. */
export function matmul(
  a: Float64Array,
  rows: number,
  inner: number,
  b: Float64Array,
  cols: number,
): Float64Array {
  return torch.tidy(
    () =>
      torch
        .mm(
          torch.tensor(a, { shape: [rows, inner], dtype: 'float64' }),
          torch.tensor(b, { shape: [inner, cols], dtype: 'float64' }),
        )
        .dataSync() as Float64Array,
  );
}

/** The smallest n' >= n with no prime factor above 5 (the FFT's fast sizes). */
export function fastFftSize(n: number): number {
  for (let m = Math.max(1, n); ; m++) {
    let r = m;
    for (const f of [2, 3, 5]) while (r % f === 0) r /= f;
    if (r === 1) return m;
  }
}

/** Copies the upper triangle of an n x n row-major matrix into the lower one, in cache-sized tiles. */
export function mirrorUpper(m: Float64Array, n: number): void {
  const TILE = 32;
  for (let a0 = 0; a0 < n; a0 += TILE)
    for (let b0 = 0; b0 <= a0; b0 += TILE)
      for (let a = a0; a < Math.min(a0 + TILE, n); a++)
        for (let b = b0; b < Math.min(b0 + TILE, a); b++) m[a * n + b] = m[b * n + a];
}

/**
 * A zeroed float64 array whose memory the allocator may reuse: `new Float64Array(n)` asks for calloc'ed memory,
 * which jemalloc (the CLI's allocator) hands out as fresh pages, a page fault per 4 kB on every large array (the
 * per-channel path allocated ~24 GB that way on Weather h720, 12 s of system time); an uninitialised buffer comes
 * from freed memory and is cleared here.
 */
export function zeros(n: number): Float64Array {
  const bytes = Buffer.allocUnsafeSlow(n * 8);
  return new Float64Array(bytes.buffer, bytes.byteOffset, n).fill(0);
}
