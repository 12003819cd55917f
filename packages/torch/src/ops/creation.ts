// Tensor factories: from JS data, and PyTorch's constructors (zeros, ones, full, arange, ..., *Like).
// JS numbers do not say whether they are ints, so number-filled factories default to float32
// (PyTorch's default dtype); arange follows PyTorch: int64 when start, end and step are whole numbers.
import { native, type LikeOp, type OpName, type SizedOp } from '../native.js';
import { wrap, Tensor, type DType, type Device, type NestedArray, type TypedArray } from '../tensor.js';

export interface TensorOptions {
  dtype?: DType;
  device?: Device;
  requiresGrad?: boolean;
}

function withGrad(t: Tensor, opts: TensorOptions): Tensor {
  if (opts.requiresGrad) t.requiresGrad_(true);
  return t;
}

function toDevice(t: Tensor, opts: TensorOptions): Tensor {
  if (!opts.device || opts.device === 'cpu') return withGrad(t, opts);
  const moved = t.to(opts.device);
  t.dispose();
  return withGrad(moved, opts);
}

function flatten(data: NestedArray, shape: number[], out: number[], depth = 0): void {
  if (Array.isArray(data)) {
    if (shape.length <= depth) shape.push(data.length);
    else if (shape[depth] !== data.length) {
      throw new RangeError(
        `tensor(): ragged nested array: expected ${shape[depth]} elements at depth ${depth}, got ${data.length}`,
      );
    }
    for (const d of data) flatten(d, shape, out, depth + 1);
  } else {
    if (depth !== shape.length) throw new RangeError('tensor(): ragged nested array');
    out.push(typeof data === 'boolean' ? Number(data) : data);
  }
}

function typedArrayFor(flat: number[], dtype: DType): TypedArray {
  if (dtype === 'float64') return Float64Array.from(flat);
  if (dtype === 'int64') return BigInt64Array.from(flat, (v) => BigInt(Math.trunc(v)));
  if (dtype === 'int32') return Int32Array.from(flat);
  if (dtype === 'uint8' || dtype === 'bool') return Uint8Array.from(flat);
  return Float32Array.from(flat);
}

/**
 * Creates a tensor from nested arrays, a scalar, or a typed array (with an optional shape; the data is copied).
 * Nested numbers default to float32 (PyTorch's default dtype); booleans to bool; a typed array keeps its
 * element type (Float64Array -> float64, BigInt64Array -> int64, ...) unless dtype converts it.
 */
export function tensor(
  data: NestedArray | TypedArray,
  opts: TensorOptions & { shape?: number[] } = {},
): Tensor {
  if (ArrayBuffer.isView(data)) {
    return toDevice(wrap(native.fromTypedArray(data, opts.shape ?? [data.length], opts.dtype)), opts);
  }
  const shape: number[] = [];
  const flat: number[] = [];
  flatten(data, shape, flat);
  const isBool =
    typeof data === 'boolean' || (Array.isArray(data) && typeof data.flat(Infinity as 1)[0] === 'boolean');
  const dtype = opts.dtype ?? (isBool ? 'bool' : 'float32');
  return toDevice(wrap(native.fromTypedArray(typedArrayFor(flat, dtype), opts.shape ?? shape, dtype)), opts);
}

/** Alias of tensor() for typed arrays, like torch.from_numpy: `from(new Float64Array(n * k), { shape: [n, k] })`. */
export function from(data: TypedArray, opts: TensorOptions & { shape?: number[] } = {}): Tensor {
  return tensor(data, opts);
}

function sized(name: OpName<SizedOp>) {
  return (shape: number[], opts: TensorOptions = {}): Tensor =>
    withGrad(wrap(native[name](shape, opts.dtype, opts.device)), opts);
}
export const zeros = sized('zeros');
export const ones = sized('ones');
/** Uninitialised memory: contents are arbitrary until written. */
export const empty = sized('empty');
/** Uniform on [0, 1). */
export const rand = sized('rand');
/** Standard normal. */
export const randn = sized('randn');

/** A tensor filled with value (bool for a boolean value, float32 for a number unless dtype says otherwise). */
export function full(shape: number[], value: number | boolean, opts: TensorOptions = {}): Tensor {
  const dtype = opts.dtype ?? (typeof value === 'boolean' ? 'bool' : 'float32');
  return withGrad(wrap(native.full(shape, value, dtype, opts.device)), opts);
}

/** Values from start (inclusive) to end (exclusive) by step: arange(end) or arange(start, end, step?). */
export function arange(end: number, opts?: TensorOptions): Tensor;
export function arange(start: number, end: number, opts?: TensorOptions): Tensor;
export function arange(start: number, end: number, step?: number, opts?: TensorOptions): Tensor;
export function arange(
  a: number,
  b?: number | TensorOptions,
  c?: number | TensorOptions,
  d?: TensorOptions,
): Tensor {
  const [start, end, step, opts] =
    typeof b === 'number'
      ? [a, b, typeof c === 'number' ? c : 1, (typeof c === 'object' ? c : d) ?? {}]
      : [0, a, 1, b ?? {}];
  return withGrad(wrap(native.arange(start, end, step, opts.dtype, opts.device)), opts);
}

/** steps evenly spaced values from start to end, both included. */
export function linspace(start: number, end: number, steps: number, opts: TensorOptions = {}): Tensor {
  return withGrad(wrap(native.linspace(start, end, steps, opts.dtype, opts.device)), opts);
}

/** n x m identity (m defaults to n). */
export function eye(n: number, m?: number, opts: TensorOptions = {}): Tensor {
  return withGrad(wrap(native.eye(n, m, opts.dtype, opts.device)), opts);
}

/** Uniform integers in [low, high): randint(high, shape) or randint(low, high, shape); int64 by default. */
export function randint(high: number, shape: number[], opts?: TensorOptions): Tensor;
export function randint(low: number, high: number, shape: number[], opts?: TensorOptions): Tensor;
export function randint(
  a: number,
  b: number | number[],
  c?: number[] | TensorOptions,
  d?: TensorOptions,
): Tensor {
  const [low, high, shape, opts] =
    typeof b === 'number' ? [a, b, c as number[], d ?? {}] : [0, a, b, (c as TensorOptions) ?? {}];
  return withGrad(wrap(native.randint(low, high, shape, opts.dtype, opts.device)), opts);
}

/** A random permutation of 0..n-1 (int64 by default). */
export function randperm(n: number, opts: TensorOptions = {}): Tensor {
  return withGrad(wrap(native.randperm(n, opts.dtype, opts.device)), opts);
}

function like(name: OpName<LikeOp>) {
  return (t: Tensor, opts: TensorOptions = {}): Tensor =>
    withGrad(wrap(native[name](t._h, opts.dtype, opts.device)), opts);
}
/** Same shape (and, unless overridden, dtype and device) as t. */
export const zerosLike = like('zerosLike');
export const onesLike = like('onesLike');
export const emptyLike = like('emptyLike');
export const randLike = like('randLike');
export const randnLike = like('randnLike');
export function fullLike(t: Tensor, value: number | boolean, opts: TensorOptions = {}): Tensor {
  return withGrad(wrap(native.fullLike(t._h, value, opts.dtype, opts.device)), opts);
}
