// torch.linalg: solves, factorisations, inverses, determinants and norms (batched over leading dimensions).
import { native } from '../native.js';
import { wrap, Tensor } from '../tensor.js';
import type { Dims } from './reduce.js';

/** X with A X = B (left, default) or X A = B. */
function solve(A: Tensor, B: Tensor, opts: { left?: boolean } = {}): Tensor {
  return wrap(native.linalgSolve(A._h, B._h, opts.left ?? true));
}
/** L with A = L L^T (or U with A = U^T U when upper). Fails when A is not positive definite. */
function cholesky(A: Tensor, opts: { upper?: boolean } = {}): Tensor {
  return wrap(native.linalgCholesky(A._h, opts.upper ?? false));
}

export interface LstsqResult {
  solution: Tensor;
  /** Squared residual norms per column of B; empty unless m > n, A has full rank and the driver is not 'gelsy'. */
  residuals: Tensor;
  rank: Tensor;
  singularValues: Tensor;
}
export type LstsqDriver = 'gels' | 'gelsy' | 'gelsd' | 'gelss';
/** Least-squares X minimising ||A X - B||; the CPU default driver is 'gelsy'. */
function lstsq(A: Tensor, B: Tensor, opts: { rcond?: number; driver?: LstsqDriver } = {}): LstsqResult {
  const r = native.linalgLstsq(A._h, B._h, opts.rcond, opts.driver);
  return {
    solution: wrap(r.solution),
    residuals: wrap(r.residuals),
    rank: wrap(r.rank),
    singularValues: wrap(r.singularValues),
  };
}
/** A = Q R; mode 'reduced' (default), 'complete', or 'r' (Q empty). */
function qr(A: Tensor, mode: 'reduced' | 'complete' | 'r' = 'reduced'): { Q: Tensor; R: Tensor } {
  const r = native.linalgQr(A._h, mode);
  return { Q: wrap(r.Q), R: wrap(r.R) };
}
function inv(A: Tensor): Tensor {
  return wrap(native.linalgInv(A._h));
}
function det(A: Tensor): Tensor {
  return wrap(native.linalgDet(A._h));
}
/** det(A) = sign * exp(logabsdet), without overflow. */
function slogdet(A: Tensor): { sign: Tensor; logabsdet: Tensor } {
  const r = native.linalgSlogdet(A._h);
  return { sign: wrap(r.sign), logabsdet: wrap(r.logabsdet) };
}
/** Eigen-decomposition of a symmetric matrix: ascending eigenvalues, eigenvectors as columns. */
function eigh(A: Tensor, UPLO: 'L' | 'U' = 'L'): { eigenvalues: Tensor; eigenvectors: Tensor } {
  const r = native.linalgEigh(A._h, UPLO);
  return { eigenvalues: wrap(r.eigenvalues), eigenvectors: wrap(r.eigenvectors) };
}
/** A = U diag(S) Vh, singular values descending. */
function svd(A: Tensor, opts: { fullMatrices?: boolean } = {}): { U: Tensor; S: Tensor; Vh: Tensor } {
  const r = native.linalgSvd(A._h, opts.fullMatrices ?? true);
  return { U: wrap(r.U), S: wrap(r.S), Vh: wrap(r.Vh) };
}
function svdvals(A: Tensor): Tensor {
  return wrap(native.linalgSvdvals(A._h));
}
/** X with A X = B for triangular A (upper or lower as stated). */
function solveTriangular(
  A: Tensor,
  B: Tensor,
  opts: { upper: boolean; left?: boolean; unitriangular?: boolean },
): Tensor {
  return wrap(
    native.linalgSolveTriangular(A._h, B._h, opts.upper, opts.left ?? true, opts.unitriangular ?? false),
  );
}
/** Moore-Penrose pseudo-inverse; singular values below max(atol, rtol * largest) count as zero. */
function pinv(A: Tensor, opts: { atol?: number; rtol?: number; hermitian?: boolean } = {}): Tensor {
  return wrap(native.linalgPinv(A._h, opts.atol, opts.rtol, opts.hermitian ?? false));
}
function matrixRank(A: Tensor, opts: { atol?: number; rtol?: number; hermitian?: boolean } = {}): Tensor {
  return wrap(native.linalgMatrixRank(A._h, opts.atol, opts.rtol, opts.hermitian ?? false));
}
/** Matrix norm over the last two dimensions: 'fro' (default), 'nuc', or 1, -1, 2, -2, Infinity, -Infinity. */
function matrixNorm(A: Tensor, ord: 'fro' | 'nuc' | number = 'fro', keepdim = false): Tensor {
  return wrap(native.linalgMatrixNorm(A._h, ord, keepdim));
}
/** Vector ord-norm over dims (all by default). */
function vectorNorm(x: Tensor, ord = 2, dim?: Dims, keepdim = false): Tensor {
  return wrap(native.vectorNorm(x._h, ord, dim ?? undefined, keepdim));
}

/** torch.linalg */
export const linalg = {
  solve,
  cholesky,
  lstsq,
  qr,
  inv,
  det,
  slogdet,
  eigh,
  svd,
  svdvals,
  solveTriangular,
  pinv,
  matrixRank,
  matrixNorm,
  vectorNorm,
};

/** X with A X = B given L, A's Cholesky factor (torch.cholesky_solve(B, L, upper)). */
export function choleskySolve(B: Tensor, L: Tensor, upper = false): Tensor {
  return wrap(native.choleskySolve(B._h, L._h, upper));
}
