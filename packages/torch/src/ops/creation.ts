// Tensor factories: from JS data and the PyTorch constructors (zeros, ones, randn, ...).
import { native } from '../native.js';
import { wrap, Tensor, type DType, type Device, type NestedArray, type TypedArray } from '../tensor.js';

export interface TensorOptions {
  dtype?: DType;
  device?: Device;
  requiresGrad?: boolean;
}

function finish(t: Tensor, opts: TensorOptions): Tensor {
  let out = t;
  if (opts.device && opts.device !== 'cpu') {
    out = t.to(opts.device);
    t.dispose();
  }
  if (opts.requiresGrad) out.requiresGrad_(true);
  return out;
}

function flatten(data: NestedArray, shape: number[], out: number[], depth = 0): void {
  if (Array.isArray(data)) {
    if (shape.length <= depth) shape.push(data.length);
    else if (shape[depth] !== data.length) {
      throw new RangeError(`tensor(): ragged nested array: expected ${shape[depth]} elements at depth ${depth}, got ${data.length}`);
    }
    for (const d of data) flatten(d, shape, out, depth + 1);
  } else {
    if (depth !== shape.length) throw new RangeError('tensor(): ragged nested array');
    out.push(typeof data === 'boolean' ? Number(data) : data);
  }
}

/**
 * Creates a tensor from nested arrays, a scalar, or a typed array (with an optional shape).
 * Nested numbers default to float32 (PyTorch's default dtype); booleans to bool.
 */
export function tensor(data: NestedArray | TypedArray, opts: TensorOptions & { shape?: number[] } = {}): Tensor {
  if (ArrayBuffer.isView(data)) {
    return finish(wrap(native.fromTypedArray(data, opts.shape ?? [data.length], opts.dtype)), opts);
  }
  const shape: number[] = [];
  const flat: number[] = [];
  flatten(data, shape, flat);
  const isBool = typeof data === 'boolean' || (Array.isArray(data) && typeof data.flat(Infinity as 1)[0] === 'boolean');
  const dtype = opts.dtype ?? (isBool ? 'bool' : 'float32');
  let buf: TypedArray;
  if (dtype === 'float64') buf = Float64Array.from(flat);
  else if (dtype === 'int64') buf = BigInt64Array.from(flat, (v) => BigInt(Math.trunc(v)));
  else if (dtype === 'int32') buf = Int32Array.from(flat);
  else if (dtype === 'uint8' || dtype === 'bool') buf = Uint8Array.from(flat);
  else buf = Float32Array.from(flat);
  return finish(wrap(native.fromTypedArray(buf, opts.shape ?? shape, dtype)), opts);
}

export function zeros(shape: number[], opts: TensorOptions = {}): Tensor {
  return finish(wrap(native.zeros(shape, opts.dtype, undefined)), opts);
}

export function ones(shape: number[], opts: TensorOptions = {}): Tensor {
  return finish(wrap(native.ones(shape, opts.dtype, undefined)), opts);
}

export function randn(shape: number[], opts: TensorOptions = {}): Tensor {
  return finish(wrap(native.randn(shape, opts.dtype, undefined)), opts);
}
