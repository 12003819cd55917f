// A whole ridge path from one eigendecomposition. With the centred feature Gram F = V diag(e) V' and C = V' X'Y,
// beta(lambda) = V diag(1 / (e + lambda)) C, and the squared error of beta on any other window set (validation
// Gram A, cross B, both centred at the training means) is tr(Y'Y) - 2 sum_i D_i (C o V'B)_i. + D' (V'AV o CC') D:
// after O(P^3) once per (lookback, fold), each ridge value costs O(P^2). The intercept is never penalised.
import * as torch from '@yardstick/torch';
import { zeros } from './dense.js';
import type { WindowStats } from './window-stats.js';

/** Eigenvalues at or below this fraction of the largest are null directions (the pseudo-inverse drops them). */
const NULL_FRACTION = 1e-11;

export interface RidgePath {
  features: number;
  targets: number;
  eigenvalues: Float64Array;
  /** Ridge strengths are relative to the mean eigenvalue (trace / features), so they are scale-free. */
  scale: number;
  /** P x P eigenvectors (columns), row-major. */
  vectors: Float64Array;
  /** P x h: V' X'Y, centred. */
  projected: Float64Array;
  featureMeans: Float64Array;
  targetMeans: Float64Array;
}

function block(stats: WindowStats, r0: number, r1: number, c0: number, c1: number): Float64Array {
  const M = stats.before + stats.after;
  const out = zeros((r1 - r0) * (c1 - c0));
  for (let r = r0; r < r1; r++) out.set(stats.gram.subarray(r * M + c0, r * M + c1), (r - r0) * (c1 - c0));
  return out;
}

const t2 = (a: Float64Array, rows: number, cols: number) =>
  torch.tensor(a, { shape: [rows, cols], dtype: 'float64' });

/** Eigendecomposition of the centred training Gram of mapped stats (features = before, targets = after). */
export function ridgePath(stats: WindowStats): RidgePath {
  const P = stats.before;
  const h = stats.after;
  const n = stats.count;
  const mu = stats.sums.slice(0, P).map((v) => v / n);
  const nu = stats.sums.slice(P).map((v) => v / n);
  const F = block(stats, 0, P, 0, P);
  const XY = block(stats, 0, P, P, P + h);
  for (let i = 0; i < P; i++) {
    for (let j = 0; j < P; j++) F[i * P + j] -= n * mu[i] * mu[j];
    for (let j = 0; j < h; j++) XY[i * h + j] -= n * mu[i] * nu[j];
  }
  const { eigenvalues, vectors, projected } = torch.tidy(() => {
    const { eigenvalues: e, eigenvectors: V } = torch.linalg.eigh(t2(F, P, P));
    return {
      eigenvalues: e.dataSync() as Float64Array,
      vectors: V.dataSync() as Float64Array,
      projected: torch.mm(V.t(), t2(XY, P, h)).dataSync() as Float64Array,
    };
  });
  let trace = 0;
  for (const e of eigenvalues) trace += Math.max(e, 0);
  return {
    features: P,
    targets: h,
    eigenvalues,
    scale: trace / Math.max(P, 1),
    vectors,
    projected,
    featureMeans: mu,
    targetMeans: nu,
  };
}

/** D_i(ridge) = 1 / (e_i + ridge * scale), 0 on null directions. */
function shrinkage(path: RidgePath, ridge: number): Float64Array {
  const { eigenvalues: e } = path;
  const tol = NULL_FRACTION * Math.max(e[e.length - 1] ?? 0, 0);
  return e.map((v) => (v > tol ? 1 / (v + ridge * path.scale) : 0));
}

/** Effective degrees of freedom per target: sum_i e_i / (e_i + lambda). */
export function degreesOfFreedom(path: RidgePath, ridge: number): number {
  const D = shrinkage(path, ridge);
  return path.eigenvalues.reduce((acc, e, i) => acc + e * D[i], 0);
}

/** Coefficients (features x targets, row-major; the first `targets` columns) and intercepts at one ridge. */
export function solvePath(
  path: RidgePath,
  ridge: number,
  targets = path.targets,
): { beta: Float64Array; bias: Float64Array } {
  const { features: P, targets: h } = path;
  const D = shrinkage(path, ridge);
  const scaled = zeros(P * targets);
  for (let i = 0; i < P; i++)
    for (let j = 0; j < targets; j++) scaled[i * targets + j] = D[i] * path.projected[i * h + j];
  const beta =
    P === 0
      ? new Float64Array(0)
      : torch.tidy(() => torch.mm(t2(path.vectors, P, P), t2(scaled, P, targets)).dataSync() as Float64Array);
  const bias = new Float64Array(targets);
  for (let j = 0; j < targets; j++) {
    let v = path.targetMeans[j];
    for (let i = 0; i < P; i++) v -= beta[i * targets + j] * path.featureMeans[i];
    bias[j] = v;
  }
  return { beta, bias };
}

/** Summed squared error over the windows of `val` (mapped like the path's stats) for every ridge value. */
export function pathSse(path: RidgePath, val: WindowStats, ridges: readonly number[]): Float64Array {
  const { features: P, targets: h, featureMeans: mu, targetMeans: nu } = path;
  const nv = val.count;
  const sx = val.sums.subarray(0, P);
  const sy = val.sums.subarray(P);
  const M = P + h;
  let trY = 0;
  for (let j = 0; j < h; j++) trY += val.gram[(P + j) * M + P + j] - 2 * nu[j] * sy[j] + nv * nu[j] * nu[j];
  const out = new Float64Array(ridges.length).fill(trY);
  if (P === 0) return out;
  const A = block(val, 0, P, 0, P);
  const Bx = block(val, 0, P, P, M);
  for (let i = 0; i < P; i++) {
    for (let k = 0; k < P; k++) A[i * P + k] += -mu[i] * sx[k] - sx[i] * mu[k] + nv * mu[i] * mu[k];
    for (let j = 0; j < h; j++) Bx[i * h + j] += -mu[i] * sy[j] - sx[i] * nu[j] + nv * mu[i] * nu[j];
  }
  const R = ridges.length;
  const Dm = zeros(P * R);
  ridges.forEach((r, c) => shrinkage(path, r).forEach((v, i) => (Dm[i * R + c] = v)));
  const [lin, quad] = torch.tidy(() => {
    const V = t2(path.vectors, P, P);
    const C = t2(path.projected, P, h);
    const VAV = torch.mm(torch.mm(V.t(), t2(A, P, P)), V);
    const VB = torch.mm(V.t(), t2(Bx, P, h));
    const H = torch.mul(VAV, torch.mm(C, C.t()));
    const g = torch.sum(torch.mul(C, VB), 1, true);
    const D = t2(Dm, P, R);
    return [
      torch.sum(torch.mul(D, g), 0).dataSync() as Float64Array,
      torch.sum(torch.mul(D, torch.mm(H, D)), 0).dataSync() as Float64Array,
    ];
  });
  for (let c = 0; c < R; c++) out[c] += -2 * lin[c] + quad[c];
  return out;
}
