// The Tensor class: a typed handle on a libtorch tensor with PyTorch-shaped methods.
import { native, type NativeHandle } from './native.js';
import { track } from './scope.js';

export type DType = 'float32' | 'float64' | 'int64' | 'int32' | 'bool' | 'uint8';
export type Device = 'cpu' | 'cuda' | `cuda:${number}`;
export type TypedArray = Float32Array | Float64Array | Int32Array | BigInt64Array | Uint8Array;
export type NestedArray = number | boolean | NestedArray[];
export type Scalar = number | boolean;

const DTYPES: readonly string[] = ['float32', 'float64', 'int64', 'int32', 'bool', 'uint8'] satisfies DType[];
function isDType(s: DType | Device): s is DType {
  return DTYPES.includes(s);
}

export class Tensor {
  /** @internal */ readonly _isTensor = true;
  /** @internal */ _h: NativeHandle;

  /** @internal Use torch.tensor(), torch.zeros() etc. to create tensors. */
  constructor(handle: NativeHandle) {
    this._h = handle;
    track(this);
  }

  // ---- metadata ----
  get shape(): number[] {
    return native.shape(this._h);
  }
  size(dim?: number): number[] | number {
    const s = this.shape;
    return dim === undefined ? s : s[dim < 0 ? s.length + dim : dim];
  }
  get ndim(): number {
    return this.shape.length;
  }
  dim(): number {
    return this.ndim;
  }
  stride(): number[] {
    return native.strides(this._h);
  }
  get dtype(): DType {
    return native.dtype(this._h);
  }
  get device(): string {
    return native.device(this._h);
  }
  numel(): number {
    return native.numel(this._h);
  }
  isContiguous(): boolean {
    return native.isContiguous(this._h);
  }
  get isDisposed(): boolean {
    return this._h.isDisposed();
  }

  // ---- lifetime ----
  /** Frees the native memory now. Using the tensor afterwards throws. */
  dispose(): void {
    this._h.dispose();
  }

  // ---- conversion ----
  /** Copies the data into a new typed array (bool/uint8 -> Uint8Array, int64 -> BigInt64Array). */
  dataSync(): TypedArray {
    return native.toTypedArray(this._h);
  }
  /** Data as plain numbers, flattened in row-major order. */
  toArray(): number[] {
    const d = this.dataSync();
    return d instanceof BigInt64Array ? Array.from(d, Number) : Array.from(d as ArrayLike<number>);
  }
  /** Data as nested arrays following the shape, like PyTorch's tolist(). */
  tolist(): NestedArray {
    const flat = this.toArray();
    const shape = this.shape;
    if (shape.length === 0) return this.dtype === 'bool' ? flat[0] !== 0 : flat[0];
    const build = (dim: number, offset: number): NestedArray[] => {
      const n = shape[dim];
      const stride = shape.slice(dim + 1).reduce((a, b) => a * b, 1);
      const out: NestedArray[] = [];
      for (let i = 0; i < n; i++) {
        out.push(dim === shape.length - 1 ? flat[offset + i] : build(dim + 1, offset + i * stride));
      }
      return out;
    };
    return build(0, 0);
  }
  /** The single value as a number (bool tensors give a boolean at run time, as PyTorch's item() does). */
  item(): number {
    return native.item(this._h) as number;
  }
  to(target: DType | Device | { device?: Device; dtype?: DType }): Tensor {
    if (typeof target === 'string') {
      return isDType(target) ? wrap(native.to(this._h, undefined, target)) : wrap(native.to(this._h, target));
    }
    return wrap(native.to(this._h, target.device, target.dtype));
  }
  float(): Tensor {
    return this.to('float32');
  }
  double(): Tensor {
    return this.to('float64');
  }
  long(): Tensor {
    return this.to('int64');
  }
  int(): Tensor {
    return this.to('int32');
  }
  bool(): Tensor {
    return this.to('bool');
  }
  cpu(): Tensor {
    return this.to('cpu');
  }
  cuda(): Tensor {
    return this.to('cuda');
  }
  clone(): Tensor {
    return wrap(native.clone(this._h));
  }
  contiguous(): Tensor {
    return wrap(native.contiguous(this._h));
  }

  // ---- autograd ----
  get requiresGrad(): boolean {
    return native.requiresGrad(this._h);
  }
  set requiresGrad(v: boolean) {
    native.setRequiresGrad(this._h, v);
  }
  requiresGrad_(v = true): this {
    native.setRequiresGrad(this._h, v);
    return this;
  }
  get isLeaf(): boolean {
    return native.isLeaf(this._h);
  }
  /** The accumulated gradient, or null. Each access returns a new handle sharing the gradient's storage. */
  get grad(): Tensor | null {
    const g = native.grad(this._h);
    return g ? wrap(g) : null;
  }
  set grad(g: Tensor | null) {
    native.setGrad(this._h, g ? g._h : undefined);
  }
  backward(gradient?: Tensor, opts: { retainGraph?: boolean } = {}): void {
    native.backward(this._h, gradient?._h, opts.retainGraph ?? false);
  }
  detach(): Tensor {
    return wrap(native.detach(this._h));
  }

  toString(): string {
    return `tensor(shape=[${this.shape.join(', ')}], dtype=${this.dtype}, device=${this.device})`;
  }
}

/** @internal Wraps a native handle returned by the addon. */
export function wrap(h: NativeHandle): Tensor {
  return new Tensor(h);
}

/** @internal Wraps an array of native handles. */
export function wrapAll(hs: NativeHandle[]): Tensor[] {
  return hs.map(wrap);
}

/** @internal Accepts a Tensor or a scalar where PyTorch does. */
export function handleOrScalar(v: Tensor | Scalar): NativeHandle | Scalar {
  return v instanceof Tensor ? v._h : v;
}
