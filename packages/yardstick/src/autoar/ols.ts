// Pooled least squares on window statistics: one coefficient vector (plus intercept) shared by all channels,
// from the normal equations assembled out of a WindowStats Gram matrix (never from a design matrix).
import * as torch from '@yardstick/torch';
import { zeros } from './dense.js';
import type { WindowStats } from './window-stats.js';

export interface NormalEquations {
  /** (L+1) x (L+1): lag features in chronological order (u[t-L] .. u[t-1]) then the constant. */
  xtx: Float64Array;
  /** (L+1) x targets. */
  xty: Float64Array;
  lags: number;
  targets: number;
}

/**
 * X'X and X'Y for regressing targets on the last `lags` values of the differenced series plus a constant, where
 * target column j is the (d-fold cumulative) sum of the future differences u[t..t+j] (`cumulate` = d; with
 * d = 0 it is u[t+j] itself). The stats must have before = lags and after >= targets.
 */
export function normalEquations(stats: WindowStats, targets: number, cumulate: number): NormalEquations {
  const L = stats.before;
  const K = L + stats.after;
  const P = L + 1;
  const { gram: Q, sums: s } = stats;
  const xtx = zeros(P * P);
  for (let i = 0; i < L; i++) {
    for (let j = 0; j < L; j++) xtx[i * P + j] = Q[i * K + j];
    xtx[i * P + L] = xtx[L * P + i] = s[i];
  }
  xtx[L * P + L] = stats.count;
  const xty = zeros(P * targets);
  for (let i = 0; i < L; i++) for (let j = 0; j < targets; j++) xty[i * targets + j] = Q[i * K + L + j];
  for (let j = 0; j < targets; j++) xty[L * targets + j] = s[L + j];
  for (let k = 0; k < cumulate; k++) {
    for (let i = 0; i <= L; i++)
      for (let j = 1; j < targets; j++) xty[i * targets + j] += xty[i * targets + j - 1];
  }
  return { xtx, xty, lags: L, targets };
}

/**
 * The reference's solve: beta = inv(X'X) X'y with an explicit inverse (float64), kept for paper mode.
 * Returns (L+1) x targets.
 */
export function solveByInverse(eq: NormalEquations): Float64Array {
  const P = eq.lags + 1;
  return torch.tidy(() => {
    const inv = torch.linalg.inv(torch.tensor(eq.xtx, { shape: [P, P], dtype: 'float64' }));
    return torch
      .mm(inv, torch.tensor(eq.xty, { shape: [P, eq.targets], dtype: 'float64' }))
      .dataSync() as Float64Array;
  });
}

/**
 * Ridge solution by Cholesky: (X'X + lambda D) beta = X'Y with D the identity on the lag features and 0 on the
 * intercept, lambda = ridge x mean diagonal of the lag block (so the strength is scale-free).
 */
export function solveRidge(eq: NormalEquations, ridge: number): Float64Array {
  const P = eq.lags + 1;
  const a = Float64Array.from(eq.xtx);
  let meanDiag = 0;
  for (let i = 0; i < eq.lags; i++) meanDiag += a[i * P + i] / eq.lags;
  for (let i = 0; i < eq.lags; i++) a[i * P + i] += ridge * meanDiag;
  return torch.tidy(() => {
    const l = torch.linalg.cholesky(torch.tensor(a, { shape: [P, P], dtype: 'float64' }));
    return torch
      .choleskySolve(torch.tensor(eq.xty, { shape: [P, eq.targets], dtype: 'float64' }), l)
      .dataSync() as Float64Array;
  });
}

/** One column of a solution as AR form: ar[k-1] = coefficient of lag k (the statsmodels order), plus the intercept. */
export function arCoefficients(
  beta: Float64Array,
  lags: number,
  targets: number,
  column = 0,
): { ar: Float64Array; intercept: number } {
  const ar = new Float64Array(lags);
  for (let k = 1; k <= lags; k++) ar[k - 1] = beta[(lags - k) * targets + column];
  return { ar, intercept: beta[lags * targets + column] };
}
