// Shape manipulation: views and reshapes, joins and splits, flips and rolls. Views share storage with
// their source, as in PyTorch. Methods taking sizes accept them spread (`x.reshape(2, 3)`) or as an array.
import { native } from '../native.js';
import { wrap, wrapAll, Tensor } from '../tensor.js';
import { installMethods } from './install.js';

type Sizes = number[] | [number[]];
function sizes(args: Sizes): number[] {
  return Array.isArray(args[0]) ? args[0] : (args as number[]);
}

export function reshape(t: Tensor, shape: number[]): Tensor {
  return wrap(native.reshape(t._h, shape));
}
/** Like reshape, but always a view: fails if the strides do not allow one. */
export function view(t: Tensor, shape: number[]): Tensor {
  return wrap(native.view(t._h, shape));
}
export function flatten(t: Tensor, startDim = 0, endDim = -1): Tensor {
  return wrap(native.flatten(t._h, startDim, endDim));
}
export function unflatten(t: Tensor, dim: number, sizes: number[]): Tensor {
  return wrap(native.unflatten(t._h, dim, sizes));
}
/** Removes size-1 dimensions (all, or only dim). */
export function squeeze(t: Tensor, dim?: number): Tensor {
  return wrap(native.squeeze(t._h, dim));
}
export function unsqueeze(t: Tensor, dim: number): Tensor {
  return wrap(native.unsqueeze(t._h, dim));
}
export function permute(t: Tensor, dims: number[]): Tensor {
  return wrap(native.permute(t._h, dims));
}
export function transpose(t: Tensor, dim0: number, dim1: number): Tensor {
  return wrap(native.transpose(t._h, dim0, dim1));
}
/** Transpose of a matrix (0-D and 1-D tensors are returned as is). */
export function t(x: Tensor): Tensor {
  return wrap(native.t(x._h));
}
export function movedim(t: Tensor, source: number | number[], destination: number | number[]): Tensor {
  return wrap(native.movedim(t._h, source, destination));
}
/** A broadcast view; -1 keeps a dimension's size. */
export function expand(t: Tensor, shape: number[]): Tensor {
  return wrap(native.expand(t._h, shape));
}
export function expandAs(t: Tensor, other: Tensor): Tensor {
  return expand(t, other.shape);
}
export function broadcastTo(t: Tensor, shape: number[]): Tensor {
  return wrap(native.broadcastTo(t._h, shape));
}
/** Tiles the data (copies), like PyTorch's Tensor.repeat. */
export function repeat(t: Tensor, repeats: number[]): Tensor {
  return wrap(native.repeat(t._h, repeats));
}
/** A view of length elements along dim starting at start. */
export function narrow(t: Tensor, dim: number, start: number, length: number): Tensor {
  return wrap(native.narrow(t._h, dim, start, length));
}
/** A view t[..., start:end:step, ...] along dim, with Python's slice semantics for negative and out-of-range bounds; step > 0. */
export function slice(t: Tensor, dim: number, start?: number | null, end?: number | null, step = 1): Tensor {
  return wrap(native.slice(t._h, dim, start ?? undefined, end ?? undefined, step));
}
/** A view t[..., index, ...] along dim, which is removed; a negative index counts from the end. */
export function select(t: Tensor, dim: number, index: number): Tensor {
  return wrap(native.select(t._h, dim, index));
}
export function flip(t: Tensor, dims: number | number[]): Tensor {
  return wrap(native.flip(t._h, dims));
}
/** Circular shift; without dims the flattened tensor is rolled. */
export function roll(t: Tensor, shifts: number | number[], dims?: number | number[]): Tensor {
  return wrap(native.roll(t._h, shifts, dims));
}
/** Lower triangle (elements below or on the diagonal-th diagonal), others zero. */
export function tril(t: Tensor, diagonal = 0): Tensor {
  return wrap(native.tril(t._h, diagonal));
}
export function triu(t: Tensor, diagonal = 0): Tensor {
  return wrap(native.triu(t._h, diagonal));
}
/** A vector's diagonal matrix, or a matrix's diagonal as a vector. */
export function diag(t: Tensor, diagonal = 0): Tensor {
  return wrap(native.diag(t._h, diagonal));
}
export function diagonal(t: Tensor, offset = 0, dim1 = 0, dim2 = 1): Tensor {
  return wrap(native.diagonal(t._h, offset, dim1, dim2));
}

export function cat(tensors: Tensor[], dim = 0): Tensor {
  return wrap(
    native.cat(
      tensors.map((x) => x._h),
      dim,
    ),
  );
}
/** Joins along a new dimension. */
export function stack(tensors: Tensor[], dim = 0): Tensor {
  return wrap(
    native.stack(
      tensors.map((x) => x._h),
      dim,
    ),
  );
}
/** Views of equal size (a number; the last may be smaller) or of the given sizes. */
export function split(t: Tensor, sizeOrSizes: number | number[], dim = 0): Tensor[] {
  return wrapAll(native.split(t._h, sizeOrSizes, dim));
}
/** At most `chunks` views of (nearly) equal size. */
export function chunk(t: Tensor, chunks: number, dim = 0): Tensor[] {
  return wrapAll(native.chunk(t._h, chunks, dim));
}
/** The slices along dim, with dim removed. */
export function unbind(t: Tensor, dim = 0): Tensor[] {
  return wrapAll(native.unbind(t._h, dim));
}

declare module '../tensor.js' {
  interface Tensor {
    reshape(...shape: Sizes): Tensor;
    view(...shape: Sizes): Tensor;
    flatten(startDim?: number, endDim?: number): Tensor;
    unflatten(dim: number, sizes: number[]): Tensor;
    squeeze(dim?: number): Tensor;
    unsqueeze(dim: number): Tensor;
    permute(...dims: Sizes): Tensor;
    transpose(dim0: number, dim1: number): Tensor;
    t(): Tensor;
    /** Matrix transpose, like PyTorch's `x.T` for 2-D tensors. */
    readonly T: Tensor;
    movedim(source: number | number[], destination: number | number[]): Tensor;
    expand(...shape: Sizes): Tensor;
    expandAs(other: Tensor): Tensor;
    broadcastTo(shape: number[]): Tensor;
    repeat(...repeats: Sizes): Tensor;
    narrow(dim: number, start: number, length: number): Tensor;
    slice(dim: number, start?: number | null, end?: number | null, step?: number): Tensor;
    select(dim: number, index: number): Tensor;
    flip(dims: number | number[]): Tensor;
    roll(shifts: number | number[], dims?: number | number[]): Tensor;
    tril(diagonal?: number): Tensor;
    triu(diagonal?: number): Tensor;
    diag(diagonal?: number): Tensor;
    diagonal(offset?: number, dim1?: number, dim2?: number): Tensor;
    split(sizeOrSizes: number | number[], dim?: number): Tensor[];
    chunk(chunks: number, dim?: number): Tensor[];
    unbind(dim?: number): Tensor[];
  }
}

installMethods({
  reshape: (x: Tensor, ...s: Sizes) => reshape(x, sizes(s)),
  view: (x: Tensor, ...s: Sizes) => view(x, sizes(s)),
  permute: (x: Tensor, ...s: Sizes) => permute(x, sizes(s)),
  expand: (x: Tensor, ...s: Sizes) => expand(x, sizes(s)),
  repeat: (x: Tensor, ...s: Sizes) => repeat(x, sizes(s)),
  flatten,
  unflatten,
  squeeze,
  unsqueeze,
  transpose,
  t,
  movedim,
  expandAs,
  broadcastTo,
  narrow,
  slice,
  select,
  flip,
  roll,
  tril,
  triu,
  diag,
  diagonal,
  split,
  chunk,
  unbind,
});
Object.defineProperty(Tensor.prototype, 'T', {
  get(this: Tensor) {
    return t(this);
  },
  configurable: true,
});
