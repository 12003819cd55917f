// Per-channel z-scoring fitted on the training rows only (scikit-learn StandardScaler: population std,
// a constant channel keeps scale 1).

export interface ChannelScaler {
  mean: Float64Array;
  std: Float64Array;
}

export function fitScaler(channels: readonly Float64Array[], trainRows: number): ChannelScaler {
  const mean = new Float64Array(channels.length);
  const std = new Float64Array(channels.length);
  channels.forEach((x, c) => {
    let constant = true;
    for (let i = 1; i < trainRows && constant; i++) constant = x[i] === x[0];
    if (constant) {
      // exact, where the rounding of the summed mean would leave a spurious std of ~1e-15 to divide by
      [mean[c], std[c]] = [x[0], 1];
      return;
    }
    // Sums of x / n and of (deviation / largest deviation)^2: no overflow near 1e308, no underflow near 1e-300.
    let m = 0;
    for (let i = 0; i < trainRows; i++) m += x[i] / trainRows;
    let a = 0;
    for (let i = 0; i < trainRows; i++) a = Math.max(a, Math.abs(x[i] - m));
    let v = 0;
    if (a > 0) for (let i = 0; i < trainRows; i++) v += ((x[i] - m) / a) ** 2;
    mean[c] = m;
    std[c] = v > 0 ? a * Math.sqrt(v / trainRows) : 1;
  });
  return { mean, std };
}

export function transform(channels: readonly Float64Array[], scaler: ChannelScaler): Float64Array[] {
  return channels.map((x, c) => x.map((v) => (v - scaler.mean[c]) / scaler.std[c]));
}

export function inverseTransform(values: Float64Array, scaler: ChannelScaler, channel: number): Float64Array {
  return values.map((v) => v * scaler.std[channel] + scaler.mean[channel]);
}
