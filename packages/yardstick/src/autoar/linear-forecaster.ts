// Every Auto-AR forecaster -- a recursive AR on d-th differences, un-differenced, or a direct multi-horizon
// regression -- is an affine map from the last p = L + d observed levels to the h future levels:
// yhat[t+j] = bias[j] + sum_m weights[j][m] x[t-1-m]. Building that map once per model turns forecasting every window
// into one matrix product and the summed squared error over all windows into a quadratic form of window statistics.
import { matmul, zeros } from './dense.js';

export interface LinearForecaster {
  horizon: number;
  /** Number of past levels read: x[t-1], ..., x[t-inputs]. */
  inputs: number;
  /** horizon x inputs, row-major: weights[j * inputs + m] multiplies x[t-1-m]. */
  weights: Float64Array;
  /** horizon: the constant part of each step. */
  bias: Float64Array;
}

/** Binomial coefficients of the d-th difference: delta^d x[t] = sum_r coef[r] x[t-r]. */
function differenceCoefficients(d: number): number[] {
  let coef = [1];
  for (let k = 0; k < d; k++) coef = [...coef, 0].map((v, r) => v - (r > 0 ? coef[r - 1] : 0));
  return coef;
}

/** In-place cumulative sum over steps j of an h x cols row-major matrix (or a vector when cols = 1). */
function cumsumRows(m: Float64Array, h: number, cols: number): void {
  for (let j = 1; j < h; j++) for (let k = 0; k < cols; k++) m[j * cols + k] += m[(j - 1) * cols + k];
}

/**
 * The level map of a model of the cumulative future change on d-th differences: with r[j] = (d-fold cumulative sum
 * of future d-th differences)[j], the model says r[j] = r0[j] + sum_k R[j][k-1] delta^d x[t-k], k = 1..L, and the level
 * forecast is the naive continuation (0, last value, or linear extrapolation for d = 0, 1, 2) plus r.
 */
export function fromDifferenceModel(
  R: Float64Array,
  r0: Float64Array,
  lags: number,
  d: number,
  h: number,
): LinearForecaster {
  const p = lags + d;
  const coef = differenceCoefficients(d);
  const weights = zeros(h * p);
  for (let j = 0; j < h; j++) {
    for (let k = 1; k <= lags; k++) {
      const v = R[j * lags + k - 1];
      if (v === 0) continue;
      for (let r = 0; r <= d; r++) weights[j * p + k - 1 + r] += coef[r] * v;
    }
    // naive continuation: x[t-1] for d >= 1, plus (j+1)(x[t-1] - x[t-2]) for d = 2
    if (d >= 1) weights[j * p] += 1;
    if (d === 2) {
      weights[j * p] += j + 1;
      weights[j * p + 1] -= j + 1;
    }
  }
  return { horizon: h, inputs: p, weights, bias: Float64Array.from(r0) };
}

/**
 * The recursive forecaster of an AR(L) with intercept on d-th differences (reference section 3.8), with
 * ar[k-1] the coefficient of lag k. With psi the AR's impulse response, the j-step difference forecast is
 * sum_i psi[j-i] (c + sum_{k>i} a_k delta[t+i-k]), so its weights on observed differences are Psi A with Psi the
 * lower-triangular Toeplitz matrix of psi and A[i][k-1] = a_{k+i}: one GEMM instead of h sequential steps.
 */
export function recursiveForecaster(
  ar: Float64Array,
  intercept: number,
  d: number,
  h: number,
): LinearForecaster {
  const L = ar.length;
  const psi = new Float64Array(h);
  psi[0] = 1;
  for (let n = 1; n < h; n++) {
    let v = 0;
    for (let m = 1; m <= Math.min(n, L); m++) v += ar[m - 1] * psi[n - m];
    psi[n] = v;
  }
  const toeplitz = zeros(h * h);
  for (let j = 0; j < h; j++) for (let i = 0; i <= j; i++) toeplitz[j * h + i] = psi[j - i];
  const hankel = zeros(h * L);
  for (let i = 0; i < h; i++) for (let k = 1; k + i <= L; k++) hankel[i * L + k - 1] = ar[k + i - 1];
  const R = L === 0 ? new Float64Array(0) : matmul(toeplitz, h, h, hankel, L);
  const r0 = new Float64Array(h);
  let acc = 0;
  for (let j = 0; j < h; j++) r0[j] = intercept * (acc += psi[j]);
  for (let k = 0; k < d; k++) {
    cumsumRows(R, h, L);
    cumsumRows(r0, h, 1);
  }
  return fromDifferenceModel(R, r0, L, d, h);
}

/** The forecast of one window: inputs[m] = x[t-1-m]. */
export function applyForecaster(f: LinearForecaster, inputs: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(f.bias);
  for (let j = 0; j < f.horizon; j++) {
    let v = 0;
    for (let m = 0; m < f.inputs; m++) v += f.weights[j * f.inputs + m] * inputs[m];
    out[j] += v;
  }
  return out;
}
