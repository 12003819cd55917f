// Per-channel standardisation with statistics fitted on the training split only.
import type { Dataset } from '../types.js';

export interface ChannelStats {
  mean: number[];
  std: number[];
}

/** Mean and population standard deviation of each channel over all samples and positions of x [N, C, ...]. */
export function channelStats(ds: Dataset): ChannelStats {
  const [n, c] = ds.shape;
  const plane = ds.shape.slice(2).reduce((a, b) => a * b, 1);
  const mean: number[] = [];
  const std: number[] = [];
  for (let ch = 0; ch < c; ch++) {
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      const base = (i * c + ch) * plane;
      for (let p = 0; p < plane; p++) sum += ds.x[base + p];
    }
    const m = sum / (n * plane);
    for (let i = 0; i < n; i++) {
      const base = (i * c + ch) * plane;
      for (let p = 0; p < plane; p++) sumSq += (ds.x[base + p] - m) ** 2;
    }
    mean.push(m);
    std.push(Math.sqrt(sumSq / (n * plane)));
  }
  return { mean, std };
}

/** A copy of the dataset with (x - mean) / std per channel; a constant channel (std 0) is only centred. */
export function standardize(ds: Dataset, stats: ChannelStats): Dataset {
  const [n, c] = ds.shape;
  const plane = ds.shape.slice(2).reduce((a, b) => a * b, 1);
  const x = new Float32Array(ds.x.length);
  for (let i = 0; i < n; i++) {
    for (let ch = 0; ch < c; ch++) {
      const base = (i * c + ch) * plane;
      const scale = stats.std[ch] > 0 ? 1 / stats.std[ch] : 1;
      for (let p = 0; p < plane; p++) x[base + p] = (ds.x[base + p] - stats.mean[ch]) * scale;
    }
  }
  return { ...ds, x };
}
