// Sufficient statistics of all sliding windows, without materialising them.
//
// Every quantity Auto-AR needs -- the OLS normal equations (X'X, X'y), direct multi-horizon targets, and the summed
// squared error of any linear forecaster over every window -- is a quadratic form in the window vectors
// v_t = (z[t-B], ..., z[t+A-1]) summed over forecast origins t and channels. Their Gram matrix Q = sum v v' is
// Toeplitz up to edge terms: Q[a+1][b+1] = Q[a][b] - (products at the first window) + (products one past the last),
// so Q follows from its first row (one GEMM over the series, through the engine) and two small edge GEMMs,
// in O(C n K) instead of the O(C n K^2) of accumulating X'X window by window.
import * as torch from '@yardstick/torch';
import { fastFftSize, mirrorUpper, zeros } from './dense.js';
import type { OriginBlock } from './protocol.js';

export interface WindowStats {
  /** Offsets -before .. after-1 around each origin; K = before + after values per window. */
  before: number;
  after: number;
  /** K x K, row-major: sum over channels and origins of v v'. */
  gram: Float64Array;
  /** K: sum over channels and origins of v. */
  sums: Float64Array;
  /** Number of (channel, origin) windows. */
  count: number;
}

/** Elements of one GEMM operand chunk (16 MB of float64): bounds memory for panels with many channels. */
const CHUNK_ELEMENTS = 2_000_000;
/** Up to this many products, plain loops beat a GEMM whose output is larger than its inputs. */
const DIRECT_PRODUCTS = 60_000_000;

function toTensor(data: Float64Array, shape: number[]): torch.Tensor {
  return torch.tensor(data, { shape, dtype: 'float64' });
}

/** From this many lags on, the first row of few channels comes from FFTs rather than loops. */
const FFT_LAGS = 64;

/**
 * sum_c sum_{i<n} z_c[s+i] z_c[s+i+b] for b < K as circular cross-correlations of x = z_c[s, s+n) with
 * y = z_c[s, s+n+K-1): irfft(conj(X) Y) at lag b, with no wrap-around once the length holds y.
 */
function correlationByFft(channels: readonly Float64Array[], s: number, n: number, K: number): Float64Array {
  const N = fastFftSize(n + K - 1);
  const C = channels.length;
  const x = zeros(C * n);
  const y = zeros(C * (n + K - 1));
  channels.forEach((z, c) => {
    x.set(z.subarray(s, s + n), c * n);
    y.set(z.subarray(s, s + n + K - 1), c * (n + K - 1));
  });
  return torch.tidy(() => {
    const X = torch.fft.rfft(toTensor(x, [C, n]), { n: N });
    const Y = torch.fft.rfft(toTensor(y, [C, n + K - 1]), { n: N });
    const r = torch.fft.irfft(torch.mul(torch.conj(X), Y), { n: N });
    return torch.sum(torch.narrow(r, 1, 0, K), 0).dataSync() as Float64Array;
  });
}

/**
 * firstRow[b] = sum_c sum_{i<n} z_c[s+i] z_c[s+i+b], b = 0..K-1, as one GEMM per channel chunk: cut i into blocks
 * of K; with A[r][(c,q)] = z_c[s+qK+r] (zero past n) and B[(c,q)][r'] = z_c[s+qK+r'], r' < 2K, the sum is the
 * b-th diagonal of A B.
 */
function firstRow(channels: readonly Float64Array[], s: number, n: number, K: number): Float64Array {
  // Few channels (per-channel fits): the GEMM's K x 2K output costs more than the products themselves; long lags
  // come from FFTs (one Weather channel, n = 36k, K = 1441: 52M products, 75 ms in loops).
  if (channels.length * n * K <= DIRECT_PRODUCTS && K >= FFT_LAGS) return correlationByFft(channels, s, n, K);
  if (channels.length * n * K <= DIRECT_PRODUCTS) {
    const row = new Float64Array(K);
    for (const z of channels) {
      for (let b = 0; b < K; b++) {
        let v = 0;
        for (let i = s, j = s + b, end = s + n; i < end; i++, j++) v += z[i] * z[j];
        row[b] += v;
      }
    }
    return row;
  }
  const blocks = Math.ceil(n / K);
  const perChannel = blocks * 3 * K;
  const groupSize = Math.max(1, Math.floor(CHUNK_ELEMENTS / perChannel));
  const maxRows = Math.min(groupSize, channels.length) * blocks;
  // One pair of operand buffers for every group, and the product accumulated in the engine: per-group K x 2K copies
  // were garbage the collector freed late (hundreds of MB at K = 1441 on a Traffic-shaped panel).
  const a = zeros(K * maxRows);
  const b = zeros(maxRows * 2 * K);
  return torch.tidy(() => {
    // The K x 2K product lives in the first 2K^2 of 2K^2 + K zeros, so that read as K rows of 2K + 1 its diagonals
    // are columns: element (r, r + d) sits at r (2K + 1) + d. Only the K sums leave the engine.
    const flat = torch.zeros([2 * K * K + K], { dtype: 'float64' });
    const acc = torch.view(torch.narrow(flat, 0, 0, 2 * K * K), [K, 2 * K]);
    for (let g0 = 0; g0 < channels.length; g0 += groupSize) {
      const group = channels.slice(g0, g0 + groupSize);
      const rows = group.length * blocks;
      const ga = a.subarray(0, K * rows).fill(0);
      const gb = b.subarray(0, rows * 2 * K).fill(0);
      group.forEach((z, c) => {
        for (let q = 0; q < blocks; q++) {
          const col = c * blocks + q;
          const base = s + q * K;
          for (let r = 0; r < K && q * K + r < n; r++) ga[r * rows + col] = z[base + r];
          const lim = Math.min(2 * K, z.length - base);
          gb.set(z.subarray(base, base + lim), col * 2 * K);
        }
      });
      torch.tidy(() => {
        torch.addmm_(acc, toTensor(ga, [K, rows]), toTensor(gb, [rows, 2 * K]));
      });
    }
    return torch.sum(torch.narrow(torch.view(flat, [K, 2 * K + 1]), 1, 0, K), 0).dataSync() as Float64Array;
  });
}

/**
 * R'R - L'L for L[c][k] = z_c[left + k] and R[c][k] = z_c[right + k], k < width: how the products summed over channels
 * change between two window positions (on panels with many channels: R'R added and L'L subtracted in place, a group of
 * channels at a time).
 */
function edgeStep(
  channels: readonly Float64Array[],
  left: number,
  right: number,
  width: number,
): Float64Array {
  const C = channels.length;
  if (C * width * width <= DIRECT_PRODUCTS) {
    const out = zeros(width * width);
    for (const z of channels) {
      for (let a = 0; a < width; a++) {
        const ra = z[right + a];
        const la = z[left + a];
        for (let b = a; b < width; b++) out[a * width + b] += ra * z[right + b] - la * z[left + b];
      }
    }
    mirrorUpper(out, width);
    return out;
  }
  // channel groups of at most CHUNK_ELEMENTS edge values, accumulated in the engine
  const groupSize = Math.max(1, Math.floor(CHUNK_ELEMENTS / (2 * width)));
  const edges = zeros(2 * Math.min(groupSize, C) * width);
  return torch.tidy(() => {
    const acc = torch.zeros([width, width], { dtype: 'float64' });
    for (let g0 = 0; g0 < C; g0 += groupSize) {
      const group = channels.slice(g0, g0 + groupSize);
      const G = group.length;
      group.forEach((z, c) => {
        edges.set(z.subarray(right, right + width), c * width);
        edges.set(z.subarray(left, left + width), (G + c) * width);
      });
      torch.tidy(() => {
        const e = toTensor(edges.subarray(0, 2 * G * width), [2 * G, width]);
        const r = torch.narrow(e, 0, 0, G);
        const l = torch.narrow(e, 0, G, G);
        torch.addmm_(torch.addmm_(acc, r.t(), r), l.t(), l, { alpha: -1 });
      });
    }
    return acc.dataSync() as Float64Array;
  });
}

/** Window statistics over origins [first, first + count) with `before` inputs and `after` targets per window. */
export function windowStats(
  channels: readonly Float64Array[],
  origins: OriginBlock,
  before: number,
  after: number,
): WindowStats {
  const { first, count: n } = origins;
  const K = before + after;
  const s = first - before;
  const T = channels[0].length;
  if (s < 0 || first + n + after - 1 > T || n < 1) {
    throw new RangeError(
      `windowStats: origins [${first}, ${first + n}) with ${before}+${after} offsets exceed 0..${T}`,
    );
  }
  const row0 = firstRow(channels, s, n, K);
  // Difference of the edge products, (K-1) x (K-1): what one step down a diagonal adds.
  const w = K - 1;
  const step = w > 0 ? edgeStep(channels, s, s + n, w) : new Float64Array(0);
  // Upper triangle row by row (contiguous; the same sums as walking each diagonal), Q[a][b] = Q[a-1][b-1] +
  // step[a-1][b-1], then mirrored in tiles.
  const gram = zeros(K * K);
  gram.set(row0);
  for (let a = 1; a < K; a++) {
    const row = a * K;
    const prev = row - K - 1;
    const st = (a - 1) * w - 1;
    for (let b = a; b < K; b++) gram[row + b] = gram[prev + b] + step[st + b];
  }
  mirrorUpper(gram, K);
  const sums = new Float64Array(K);
  let acc = 0;
  for (const z of channels) for (let i = 0; i < n; i++) acc += z[s + i];
  sums[0] = acc;
  for (let a = 1; a < K; a++) {
    for (const z of channels) acc += z[s + n + a - 1] - z[s + a - 1];
    sums[a] = acc;
  }
  return { before, after, gram, sums, count: n * channels.length };
}

/** Adds the statistics of more windows (other origins or other channels, same offsets) into `acc`. */
export function addStats(acc: WindowStats, more: WindowStats): void {
  if (acc.before !== more.before || acc.after !== more.after)
    throw new RangeError(`addStats: ${more.before}+${more.after} offsets into ${acc.before}+${acc.after}`);
  for (let i = 0; i < acc.gram.length; i++) acc.gram[i] += more.gram[i];
  for (let i = 0; i < acc.sums.length; i++) acc.sums[i] += more.sums[i];
  acc.count += more.count;
}
