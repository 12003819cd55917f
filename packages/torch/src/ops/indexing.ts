// Indexing: Python-style t[...] (index / indexPut_), gather/scatter, index_select, masks and where.
import { native, type NativeIndex } from '../native.js';
import { handleOrScalar, wrap, Tensor, type Scalar } from '../tensor.js';
import { installMethods } from './install.js';

/** A Python slice start:end:step; omitted parts take Python's defaults. As in PyTorch, step must be positive (use flip). */
export interface Slice {
  start?: number | null;
  end?: number | null;
  step?: number | null;
}

/**
 * One entry of t[...]: a number (selects, removing the dimension), a slice as a string ('1:3', '::2', ':', '-1:')
 * or a Slice object, null (inserts a new axis, Python's None), '...' (ellipsis), a boolean, or a Tensor
 * (advanced indexing with an int64 or bool tensor).
 */
export type IndexSpec = number | string | Slice | null | boolean | Tensor;

function parseSliceString(s: string): (number | null)[] {
  const parts = s.split(':');
  if (parts.length < 2 || parts.length > 3)
    throw new TypeError(`index: '${s}' is not a slice (expected 'start:end' or 'start:end:step') or '...'`);
  return parts.map((p) => {
    const v = p.trim();
    if (v === '') return null;
    if (!/^-?\d+$/.test(v)) throw new TypeError(`index: slice '${s}' has a non-integer bound '${v}'`);
    return Number(v);
  });
}

function encode(spec: IndexSpec): NativeIndex {
  if (spec instanceof Tensor) return spec._h;
  if (typeof spec === 'string') return spec === '...' ? spec : parseSliceString(spec);
  if (spec !== null && typeof spec === 'object')
    return [spec.start ?? null, spec.end ?? null, spec.step ?? null];
  return spec;
}

/** t[...specs] with PyTorch's semantics: basic indexing gives a view, tensor indices a copy. */
export function index(t: Tensor, ...specs: IndexSpec[]): Tensor {
  return wrap(native.index(t._h, specs.map(encode)));
}
/** t[...specs] = value in place (value broadcasts to the indexed shape). Returns t. */
export function indexPut_<T extends Tensor>(t: T, specs: IndexSpec[], value: Tensor | Scalar): T {
  native.indexPut_(t._h, specs.map(encode), handleOrScalar(value));
  return t;
}

export function indexSelect(t: Tensor, dim: number, index: Tensor): Tensor {
  return wrap(native.indexSelect(t._h, dim, index._h));
}
/** out[i][j] = t[index[i][j]][j] for dim 0 (and likewise for other dims); index is int64. */
export function gather(t: Tensor, dim: number, index: Tensor): Tensor {
  return wrap(native.gather(t._h, dim, index._h));
}
/** A copy of t with src (a tensor or a number) written at index along dim; the inverse of gather. */
export function scatter(t: Tensor, dim: number, index: Tensor, src: Tensor | Scalar): Tensor {
  return wrap(native.scatter(t._h, dim, index._h, handleOrScalar(src)));
}
export function scatter_<T extends Tensor>(t: T, dim: number, index: Tensor, src: Tensor | Scalar): T {
  native.scatter_(t._h, dim, index._h, handleOrScalar(src));
  return t;
}
/** Like scatter, but adds into the positions (repeated indices accumulate). */
export function scatterAdd(t: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  return wrap(native.scatterAdd(t._h, dim, index._h, src._h));
}
/** Adds source's slices into t's slices at index along dim (repeated indices accumulate). */
export function indexAdd(t: Tensor, dim: number, index: Tensor, source: Tensor): Tensor {
  return wrap(native.indexAdd(t._h, dim, index._h, source._h));
}
/** Replaces elements where mask (bool, broadcast) is true. */
export function maskedFill(t: Tensor, mask: Tensor, value: Tensor | Scalar): Tensor {
  return wrap(native.maskedFill(t._h, mask._h, handleOrScalar(value)));
}
export function maskedFill_<T extends Tensor>(t: T, mask: Tensor, value: Tensor | Scalar): T {
  native.maskedFill_(t._h, mask._h, handleOrScalar(value));
  return t;
}
/** The elements where mask is true, as a 1-D tensor. */
export function maskedSelect(t: Tensor, mask: Tensor): Tensor {
  return wrap(native.maskedSelect(t._h, mask._h));
}
/** Elementwise condition ? a : b, broadcasting all three; a and b may be numbers. */
export function where(condition: Tensor, a: Tensor | Scalar, b: Tensor | Scalar): Tensor {
  return wrap(native.where(condition._h, handleOrScalar(a), handleOrScalar(b)));
}
/** Indices of the non-zero elements, one row per element (n x ndim, int64). */
export function nonzero(t: Tensor): Tensor {
  return wrap(native.nonzero(t._h));
}

declare module '../tensor.js' {
  interface Tensor {
    index(...specs: IndexSpec[]): Tensor;
    indexPut_(specs: IndexSpec[], value: Tensor | Scalar): this;
    indexSelect(dim: number, index: Tensor): Tensor;
    gather(dim: number, index: Tensor): Tensor;
    scatter(dim: number, index: Tensor, src: Tensor | Scalar): Tensor;
    scatter_(dim: number, index: Tensor, src: Tensor | Scalar): this;
    scatterAdd(dim: number, index: Tensor, src: Tensor): Tensor;
    indexAdd(dim: number, index: Tensor, source: Tensor): Tensor;
    maskedFill(mask: Tensor, value: Tensor | Scalar): Tensor;
    maskedFill_(mask: Tensor, value: Tensor | Scalar): this;
    maskedSelect(mask: Tensor): Tensor;
    /** condition ? this : other (PyTorch's Tensor.where). */
    where(condition: Tensor, other: Tensor | Scalar): Tensor;
    nonzero(): Tensor;
  }
}

installMethods({
  index,
  indexPut_,
  indexSelect,
  gather,
  scatter,
  scatter_,
  scatterAdd,
  indexAdd,
  maskedFill,
  maskedFill_,
  maskedSelect,
  where: (x: Tensor, condition: Tensor, other: Tensor | Scalar) => where(condition, x, other),
  nonzero,
});
