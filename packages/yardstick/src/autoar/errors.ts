// Forecast errors of a linear forecaster over many windows: exactly from window statistics (squared error only),
// or by forecasting the windows in chunks as matrix products (squared and absolute error).
import * as torch from '@yardstick/torch';
import { matmul } from './dense.js';
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
  const xx = new Float64Array(p * p);
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

/** Rows of windows per GEMM chunk. */
const CHUNK_ROWS = 8192;

/**
 * Forecasts every (channel, origin) window and sums squared and absolute errors; one chunk of windows at a time,
 * so memory stays O(chunk x (p + h)).
 */
export function forecastErrors(
  channels: readonly Float64Array[],
  origins: OriginBlock,
  f: LinearForecaster,
): ErrorSums {
  const { inputs: p, horizon: h } = f;
  const cols = p + 1;
  // (p + 1) x h: the weights transposed with inputs in chronological order (so each window row is one copy of
  // z[t-p..t-1]), and the bias as the last row (the inputs carry a trailing 1).
  const wt = new Float64Array(cols * h);
  for (let j = 0; j < h; j++) {
    for (let m = 0; m < p; m++) wt[(p - 1 - m) * h + j] = f.weights[j * p + m];
    wt[p * h + j] = f.bias[j];
  }
  const pairs = channels.length * origins.count;
  let sse = 0;
  let sae = 0;
  const perWindow = { sse: new Float64Array(origins.count), sae: new Float64Array(origins.count) };
  torch.tidy(() => {
    const weights = torch.tensor(wt, { shape: [cols, h], dtype: 'float64' });
    // one buffer pair for every chunk: a fresh 50 MB per chunk cost as much system time (page faults) as the GEMM
    const xBuffer = new Float64Array(Math.min(CHUNK_ROWS, pairs) * cols);
    const yBuffer = new Float64Array(Math.min(CHUNK_ROWS, pairs) * h);
    for (let start = 0; start < pairs; start += CHUNK_ROWS) {
      const rows = Math.min(CHUNK_ROWS, pairs - start);
      const x = xBuffer.subarray(0, rows * cols);
      const y = yBuffer.subarray(0, rows * h);
      for (let r = 0; r < rows; r++) {
        const pair = start + r;
        const z = channels[Math.floor(pair / origins.count)];
        const t = origins.first + (pair % origins.count);
        x.set(z.subarray(t - p, t), r * cols);
        x[r * cols + p] = 1;
        y.set(z.subarray(t, t + h), r * h);
      }
      const forecast = torch.tidy(
        () =>
          torch
            .mm(torch.tensor(x, { shape: [rows, cols], dtype: 'float64' }), weights)
            .dataSync() as Float64Array,
      );
      for (let r = 0; r < rows; r++) {
        const origin = (start + r) % origins.count;
        for (let i = r * h; i < (r + 1) * h; i++) {
          const e = forecast[i] - y[i];
          perWindow.sse[origin] += e * e;
          perWindow.sae[origin] += Math.abs(e);
        }
      }
    }
  });
  for (let o = 0; o < origins.count; o++) {
    sse += perWindow.sse[o];
    sae += perWindow.sae[o];
  }
  return { sse, sae, count: pairs * h, perWindow };
}
