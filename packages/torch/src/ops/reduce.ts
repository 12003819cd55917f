// Reductions: sum/mean/prod, var/std, max/min (with indices), arg*, cumulative ops, logsumexp, norms, sort/topk.
import { native } from '../native.js';
import { wrap, Tensor, type DType } from '../tensor.js';
import { installMethods } from './install.js';

/** Dimensions to reduce; omitted (or null) reduces over all of them. */
export type Dims = number | number[] | null;
/** Values with their int64 positions along the reduced dimension. */
export interface ValuesIndices {
  values: Tensor;
  indices: Tensor;
}

function pair(r: { values: unknown; indices: unknown }): ValuesIndices {
  return { values: wrap(r.values as never), indices: wrap(r.indices as never) };
}

export function sum(t: Tensor, dim?: Dims, keepdim = false, dtype?: DType): Tensor {
  return wrap(native.sum(t._h, dim ?? undefined, keepdim, dtype));
}
/** Floating-point (or complex) input, or a floating dtype to accumulate in. */
export function mean(t: Tensor, dim?: Dims, keepdim = false, dtype?: DType): Tensor {
  return wrap(native.mean(t._h, dim ?? undefined, keepdim, dtype));
}
/** Product over everything, or over one dim. */
export function prod(t: Tensor, dim?: number | null, keepdim = false, dtype?: DType): Tensor {
  return wrap(native.prod(t._h, dim ?? undefined, keepdim, dtype));
}

export interface VarianceOptions {
  /** Divisor is N - correction; default 1 (Bessel's unbiased estimate). */
  correction?: number;
  /** PyTorch's older flag: true is correction 1, false correction 0. */
  unbiased?: boolean;
  keepdim?: boolean;
}
function correctionOf(opts: VarianceOptions): number {
  if (opts.correction !== undefined && opts.unbiased !== undefined) {
    throw new TypeError('var/std: pass either correction or unbiased, not both');
  }
  return opts.correction ?? (opts.unbiased === false ? 0 : 1);
}
function variance(t: Tensor, dim?: Dims, opts: VarianceOptions = {}): Tensor {
  return wrap(native.var(t._h, dim ?? undefined, correctionOf(opts), opts.keepdim ?? false));
}
/** Standard deviation, with the same options as var. */
export function std(t: Tensor, dim?: Dims, opts: VarianceOptions = {}): Tensor {
  return wrap(native.std(t._h, dim ?? undefined, correctionOf(opts), opts.keepdim ?? false));
}
// `var` is a reserved word, so the function is exported under that name without being declared by it.
export { variance as var };

/** Largest element (0-dim), or { values, indices } along dim. */
export function max(t: Tensor): Tensor;
export function max(t: Tensor, dim: number, keepdim?: boolean): ValuesIndices;
export function max(t: Tensor, dim?: number, keepdim = false): Tensor | ValuesIndices {
  return dim === undefined ? wrap(native.max(t._h)) : pair(native.max(t._h, dim, keepdim));
}
export function min(t: Tensor): Tensor;
export function min(t: Tensor, dim: number, keepdim?: boolean): ValuesIndices;
export function min(t: Tensor, dim?: number, keepdim = false): Tensor | ValuesIndices {
  return dim === undefined ? wrap(native.min(t._h)) : pair(native.min(t._h, dim, keepdim));
}
/** Lower median (for an even count, the smaller of the two middle values), as in PyTorch. */
export function median(t: Tensor): Tensor;
export function median(t: Tensor, dim: number, keepdim?: boolean): ValuesIndices;
export function median(t: Tensor, dim?: number, keepdim = false): Tensor | ValuesIndices {
  return dim === undefined ? wrap(native.median(t._h)) : pair(native.median(t._h, dim, keepdim));
}
/** Maximum values over dims (no indices). */
export function amax(t: Tensor, dim?: Dims, keepdim = false): Tensor {
  return wrap(native.amax(t._h, dim ?? undefined, keepdim));
}
export function amin(t: Tensor, dim?: Dims, keepdim = false): Tensor {
  return wrap(native.amin(t._h, dim ?? undefined, keepdim));
}
/** Index of the largest element: into the flattened tensor, or along dim. */
export function argmax(t: Tensor, dim?: number | null, keepdim = false): Tensor {
  return wrap(native.argmax(t._h, dim ?? undefined, keepdim));
}
export function argmin(t: Tensor, dim?: number | null, keepdim = false): Tensor {
  return wrap(native.argmin(t._h, dim ?? undefined, keepdim));
}
export function cumsum(t: Tensor, dim: number, dtype?: DType): Tensor {
  return wrap(native.cumsum(t._h, dim, dtype));
}
export function cumprod(t: Tensor, dim: number, dtype?: DType): Tensor {
  return wrap(native.cumprod(t._h, dim, dtype));
}
/** log(sum(exp(t))) over dim, computed stably. */
export function logsumexp(t: Tensor, dim: number | number[], keepdim = false): Tensor {
  return wrap(native.logsumexp(t._h, dim, keepdim));
}
/** True where every element is non-zero (bool). */
export function all(t: Tensor, dim?: number | null, keepdim = false): Tensor {
  return wrap(native.all(t._h, dim ?? undefined, keepdim));
}
export function any(t: Tensor, dim?: number | null, keepdim = false): Tensor {
  return wrap(native.any(t._h, dim ?? undefined, keepdim));
}
/** Vector p-norm over dims (all by default); p may be Infinity or -Infinity. Matrix norms: linalg.matrixNorm. */
export function norm(t: Tensor, p = 2, dim?: Dims, keepdim = false): Tensor {
  return wrap(native.vectorNorm(t._h, p, dim ?? undefined, keepdim));
}
export function sort(t: Tensor, dim = -1, descending = false): ValuesIndices {
  return pair(native.sort(t._h, dim, descending));
}
export function argsort(t: Tensor, dim = -1, descending = false): Tensor {
  return wrap(native.argsort(t._h, dim, descending));
}
/** The k largest (or smallest) elements along dim. */
export function topk(t: Tensor, k: number, dim = -1, largest = true, sorted = true): ValuesIndices {
  return pair(native.topk(t._h, k, dim, largest, sorted));
}

declare module '../tensor.js' {
  interface Tensor {
    sum(dim?: Dims, keepdim?: boolean, dtype?: DType): Tensor;
    mean(dim?: Dims, keepdim?: boolean, dtype?: DType): Tensor;
    prod(dim?: number | null, keepdim?: boolean, dtype?: DType): Tensor;
    var(dim?: Dims, opts?: VarianceOptions): Tensor;
    std(dim?: Dims, opts?: VarianceOptions): Tensor;
    max(): Tensor;
    max(dim: number, keepdim?: boolean): ValuesIndices;
    min(): Tensor;
    min(dim: number, keepdim?: boolean): ValuesIndices;
    median(): Tensor;
    median(dim: number, keepdim?: boolean): ValuesIndices;
    amax(dim?: Dims, keepdim?: boolean): Tensor;
    amin(dim?: Dims, keepdim?: boolean): Tensor;
    argmax(dim?: number | null, keepdim?: boolean): Tensor;
    argmin(dim?: number | null, keepdim?: boolean): Tensor;
    cumsum(dim: number, dtype?: DType): Tensor;
    cumprod(dim: number, dtype?: DType): Tensor;
    logsumexp(dim: number | number[], keepdim?: boolean): Tensor;
    all(dim?: number | null, keepdim?: boolean): Tensor;
    any(dim?: number | null, keepdim?: boolean): Tensor;
    norm(p?: number, dim?: Dims, keepdim?: boolean): Tensor;
    sort(dim?: number, descending?: boolean): ValuesIndices;
    argsort(dim?: number, descending?: boolean): Tensor;
    topk(k: number, dim?: number, largest?: boolean, sorted?: boolean): ValuesIndices;
  }
}

installMethods({
  sum,
  mean,
  prod,
  var: variance,
  std,
  max,
  min,
  median,
  amax,
  amin,
  argmax,
  argmin,
  cumsum,
  cumprod,
  logsumexp,
  all,
  any,
  norm,
  sort,
  argsort,
  topk,
});
