// Elementwise arithmetic, matrix products and reductions, as free functions and Tensor methods.
import { native } from '../native.js';
import { handleOrScalar, wrap, Tensor, type Scalar } from '../tensor.js';

export function add(a: Tensor, b: Tensor | Scalar, alpha?: number): Tensor {
  return wrap(native.add(a._h, handleOrScalar(b), alpha));
}

export function mm(a: Tensor, b: Tensor): Tensor {
  return wrap(native.mm(a._h, b._h));
}

export function sum(a: Tensor, dim?: number | number[], keepdim = false): Tensor {
  return wrap(native.sum(a._h, dim, keepdim));
}

declare module '../tensor.js' {
  interface Tensor {
    add(other: Tensor | Scalar, alpha?: number): Tensor;
    mm(other: Tensor): Tensor;
    sum(dim?: number | number[], keepdim?: boolean): Tensor;
  }
}

Tensor.prototype.add = function (this: Tensor, other: Tensor | Scalar, alpha?: number) {
  return add(this, other, alpha);
};
Tensor.prototype.mm = function (this: Tensor, other: Tensor) {
  return mm(this, other);
};
Tensor.prototype.sum = function (this: Tensor, dim?: number | number[], keepdim?: boolean) {
  return sum(this, dim, keepdim);
};
