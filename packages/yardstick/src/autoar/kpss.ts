// The KPSS stationarity test as statsmodels computes it (`kpss(x, regression='ct', nlags='auto')`):
// residuals of an OLS fit on a constant and a linear trend, Hobijn et al. (1998) automatic bandwidth,
// Newey-West long-run variance, p-value interpolated linearly in the critical-value table and clamped.
import * as torch from '@yardstick/torch';

/** Trend-stationarity critical values for p = 0.10, 0.05, 0.025, 0.01 (Kwiatkowski et al. 1992, table 1). */
const CRITICAL = [0.119, 0.146, 0.176, 0.216];
const P_VALUES = [0.1, 0.05, 0.025, 0.01];

export interface KpssResult {
  stat: number;
  pValue: number;
  lags: number;
}

/** Residuals of x on [1, t], t = 1..n (closed form with a centred trend). */
export function detrend(x: Float64Array): Float64Array {
  const n = x.length;
  const tMean = (n + 1) / 2;
  let xMean = 0;
  for (let i = 0; i < n; i++) xMean += x[i];
  xMean /= n;
  let sxt = 0;
  let stt = 0;
  for (let i = 0; i < n; i++) {
    const dt = i + 1 - tMean;
    sxt += dt * (x[i] - xMean);
    stt += dt * dt;
  }
  const slope = sxt / stt;
  return x.map((v, i) => v - xMean - slope * (i + 1 - tMean));
}

function lagDot(r: Float64Array, lag: number): number {
  let s = 0;
  for (let i = lag; i < r.length; i++) s += r[i] * r[i - lag];
  return s;
}

/** Up to this many products the lag sums are direct dot products: an FFT of 2n points (allocations included) costs
 * more than n x lags products below it (2-4 ms against 1 ms for n = 12k, 100 lags, on the 2-core machine). */
const DIRECT_LAG_PRODUCTS = 3e7;

/** sum_i r[i] r[i-k] for k = 0..maxLag, through the engine's FFT (O(n log n) instead of O(n maxLag)). */
export function autocovarianceSums(r: Float64Array, maxLag: number): Float64Array {
  let size = 1;
  while (size < 2 * r.length) size <<= 1;
  return torch.tidy(() => {
    const spectrum = torch.fft.rfft(torch.tensor(r, { dtype: 'float64' }), { n: size });
    const power = torch.square(torch.abs(spectrum));
    return (torch.fft.irfft(power, { n: size }).dataSync() as Float64Array).slice(0, maxLag + 1);
  });
}

/** Hobijn et al.'s data-dependent bandwidth, statsmodels' `_kpss_autolag`. */
function autolag(r: Float64Array): number {
  const n = r.length;
  const covlags = Math.trunc(Math.pow(n, 2 / 9));
  let s0 = lagDot(r, 0) / n;
  let s1 = 0;
  for (let i = 1; i <= covlags; i++) {
    const p = lagDot(r, i) / (n / 2);
    s0 += p;
    s1 += i * p;
  }
  const sHat = s1 / s0;
  const gamma = 1.1447 * Math.pow(sHat * sHat, 1 / 3);
  return Math.min(Math.trunc(gamma * Math.pow(n, 1 / 3)), n - 1);
}

/** np.interp(stat, CRITICAL, P_VALUES): linear inside the table, clamped to [0.01, 0.10] outside. */
export function kpssPValue(stat: number): number {
  if (stat <= CRITICAL[0]) return P_VALUES[0];
  if (stat >= CRITICAL[CRITICAL.length - 1]) return P_VALUES[P_VALUES.length - 1];
  let k = 0;
  while (stat > CRITICAL[k + 1]) k++;
  const f = (stat - CRITICAL[k]) / (CRITICAL[k + 1] - CRITICAL[k]);
  return P_VALUES[k] + f * (P_VALUES[k + 1] - P_VALUES[k]);
}

/** KPSS test for trend stationarity (null: stationary around a linear trend). */
export function kpss(x: Float64Array): KpssResult {
  const n = x.length;
  if (n < 3) throw new Error(`kpss: need at least 3 observations, got ${n}`);
  const r = detrend(x);
  const lags = autolag(r);
  let cum = 0;
  let eta = 0;
  for (let i = 0; i < n; i++) {
    cum += r[i];
    eta += cum * cum;
  }
  eta /= n * n;
  // statsmodels' own loop of dot products while it is cheap; the FFT for long series with many lags
  const acov =
    (lags + 1) * n <= DIRECT_LAG_PRODUCTS
      ? Float64Array.from({ length: lags + 1 }, (_, i) => lagDot(r, i))
      : autocovarianceSums(r, lags);
  let sHat = acov[0];
  for (let i = 1; i <= lags; i++) sHat += 2 * acov[i] * (1 - i / (lags + 1));
  sHat /= n;
  const stat = eta / sHat;
  return { stat, pValue: kpssPValue(stat), lags };
}

/** d-th order difference (np.diff(x, n=d)). */
export function difference(x: Float64Array, d: number): Float64Array {
  let y = x;
  for (let k = 0; k < d; k++) y = y.subarray(1).map((v, i) => v - y[i]);
  return y;
}

export interface DifferencingChoice {
  d: number;
  /** Per tested order, the channels whose p-value is <= 0.05. */
  failures: { d: number; channels: number[] }[];
}

/**
 * The reference's order rule: the first d at which every channel passes KPSS at 5 % (p > 0.05), capped at
 * `maxOrder`. The reference keeps testing higher orders before applying the cap; stopping at the cap gives
 * the same d (if no order up to the cap passes, the capped result is the cap either way).
 */
export function chooseDifferencing(channels: readonly Float64Array[], maxOrder = 2): DifferencingChoice {
  return chooseDifferencingOf(channels.length, (c) => channels[c], maxOrder);
}

/** chooseDifferencing over `count` channels made on demand (one at a time in memory). */
export function chooseDifferencingOf(
  count: number,
  channel: (c: number) => Float64Array,
  maxOrder = 2,
): DifferencingChoice {
  const failures: { d: number; channels: number[] }[] = [];
  for (let d = 0; d <= maxOrder; d++) {
    const failing: number[] = [];
    for (let c = 0; c < count; c++) if (kpss(difference(channel(c), d)).pValue <= 0.05) failing.push(c);
    failures.push({ d, channels: failing });
    if (failing.length === 0) return { d, failures };
  }
  return { d: maxOrder, failures };
}

/**
 * chooseDifferencing's d without the failure lists: each order stops at its first failing channel (the default mode
 * needs d alone, and a Traffic-shaped panel has 862 channels to test per order).
 */
export function differencingOrder(channels: readonly Float64Array[], maxOrder = 2): number {
  for (let d = 0; d < maxOrder; d++) {
    if (channels.every((x) => kpss(difference(x, d)).pValue > 0.05)) return d;
  }
  return maxOrder;
}
