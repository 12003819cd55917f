// Forecast errors of a linear forecaster over many windows: exactly from window statistics (squared error only),
// or by forecasting every window through FFT convolutions (squared and absolute error).
import * as torch from '@yardstick/torch';
import { fastFftSize, matmul, zeros } from './dense.js';
import type { LinearForecaster } from './linear-forecaster.js';
import type { OriginBlock } from './protocol.js';
import type { WindowStats } from './window-stats.js';

export interface ErrorSums {
  sse: number;
  sae: number;
  /** Number of forecast values (channels x windows x horizon). */
  count: number;
  /** Per origin (window), squared and absolute errors summed over channels and steps. */
  perWindow: { sse: Float64Array; sae: Float64Array };
}

/**
 * Summed squared error over every window of `stats` (levels, before >= f.inputs, after = f.horizon), from the
 * quadratic form sum_j E[(y_j - w_j.x - b_j)^2] expanded in the Gram matrix: O(h p^2), independent of the
 * number of windows.
 */
export function sseFromStats(stats: WindowStats, f: LinearForecaster): number {
  const { before: B, gram: Q, sums: s, count: N } = stats;
  const K = B + stats.after;
  const { inputs: p, horizon: h, weights: W, bias } = f;
  if (p > B || h !== stats.after)
    throw new RangeError(`sseFromStats: forecaster needs ${p}+${h} offsets, stats have ${B}+${stats.after}`);
  const xx = zeros(p * p);
  for (let m = 0; m < p; m++) for (let n = 0; n < p; n++) xx[m * p + n] = Q[(B - 1 - m) * K + (B - 1 - n)];
  const WQ = matmul(W, h, p, xx, p);
  let sse = 0;
  for (let j = 0; j < h; j++) {
    const target = B + j;
    let quad = 0;
    let cross = 0;
    let mean = 0;
    for (let m = 0; m < p; m++) {
      const w = W[j * p + m];
      quad += WQ[j * p + m] * w;
      cross += w * Q[(B - 1 - m) * K + target];
      mean += w * s[B - 1 - m];
    }
    const b = bias[j];
    sse += Q[target * K + target] - 2 * cross + quad - 2 * b * (s[target] - mean) + N * b * b;
  }
  return sse;
}

/** Bytes of one block of forecast rows in the frequency loop: small enough that its tensors stay in cache. */
const BLOCK_BYTES = 1 << 20;

/**
 * Forecasts every (channel, origin) window and sums squared and absolute errors, per origin.
 *
 * Step j of every window is one convolution of the channel with the forecaster's row j, so all windows of a channel
 * come from FFTs instead of a (windows x inputs) x (inputs x horizon) GEMM: with seg[k] = z[first - p + k], the
 * error of step j at origin first + i is b_j + sum_m W[j][m] seg[i + p - 1 - m] - seg[i + p + j], a circular
 * convolution of seg with the filter (W[j][0..p-1], and -1 at lag -(j + 1)) read at i + p - 1, exact when the FFT
 * length holds seg. The bias enters as the zero-frequency term. Cost O(C h N log N) for FFT length N ~ windows + p + h
 * (against O(C windows p h)); memory O(h N) for the filters' spectra, plus one block of rows at a time.
 */
export function forecastErrors(
  channels: readonly Float64Array[],
  origins: OriginBlock,
  f: LinearForecaster,
): ErrorSums {
  const { inputs, horizon: h } = f;
  // at least one input position, so that step j's read offset p - 1 exists (a forecaster of no inputs has p = 0)
  const p = Math.max(inputs, 1);
  const n = origins.count;
  const start = origins.first - p;
  const length = n + p + h - 1;
  if (start < 0 || channels.some((z) => start + length > z.length))
    throw new RangeError(
      `forecastErrors: origins [${origins.first}, ${origins.first + n}) with ${p}+${h} offsets exceed the series`,
    );
  const N = fastFftSize(length);
  const rows = Math.max(1, Math.min(h, Math.floor(BLOCK_BYTES / (8 * N))));
  const perWindow = { sse: new Float64Array(n), sae: new Float64Array(n) };
  torch.tidy(() => {
    // per block of steps: the filters' spectra, and the bias times N (irfft divides by N)
    const blocks: { spectrum: torch.Tensor; bias: torch.Tensor; rows: number }[] = [];
    for (let j0 = 0; j0 < h; j0 += rows) {
      const r = Math.min(rows, h - j0);
      const filters = zeros(r * N);
      for (let k = 0; k < r; k++) {
        const j = j0 + k;
        filters.set(f.weights.subarray(j * inputs, (j + 1) * inputs), k * N);
        filters[k * N + N - (j + 1)] -= 1;
      }
      blocks.push({
        spectrum: torch.fft.rfft(torch.tensor(filters, { shape: [r, N], dtype: 'float64' })),
        bias: torch.tensor(
          f.bias.subarray(j0, j0 + r).map((b) => b * N),
          { shape: [r, 1], dtype: 'float64' },
        ),
        rows: r,
      });
    }
    // squared and absolute errors accumulated per (step in block, origin); summed over steps at the end
    const squares = torch.zeros([rows, n], { dtype: 'float64' });
    const absolutes = torch.zeros([rows, n], { dtype: 'float64' });
    for (const z of channels) {
      torch.tidy(() => {
        const seg = torch.fft.rfft(
          torch.tensor(z.subarray(start, start + length), { shape: [1, length], dtype: 'float64' }),
          { n: N },
        );
        for (const block of blocks) {
          torch.tidy(() => {
            const product = torch.mul(seg, block.spectrum);
            torch.add_(torch.real(torch.narrow(product, 1, 0, 1)), block.bias);
            const e = torch.narrow(torch.fft.irfft(product, { n: N }), 1, p - 1, n);
            const full = block.rows === rows;
            torch.addcmul_(full ? squares : torch.narrow(squares, 0, 0, block.rows), e, e);
            torch.add_(full ? absolutes : torch.narrow(absolutes, 0, 0, block.rows), torch.abs_(e));
          });
        }
      });
    }
    perWindow.sse.set(torch.sum(squares, 0).dataSync() as Float64Array);
    perWindow.sae.set(torch.sum(absolutes, 0).dataSync() as Float64Array);
  });
  let sse = 0;
  let sae = 0;
  for (let o = 0; o < n; o++) {
    sse += perWindow.sse[o];
    sae += perWindow.sae[o];
  }
  return { sse, sae, count: channels.length * n * h, perWindow };
}
