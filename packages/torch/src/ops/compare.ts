// Comparisons and logical ops (bool results), NaN/infinity tests, and closeness checks.
import { native } from '../native.js';
import { wrap, type Tensor } from '../tensor.js';
import { binary, installMethods, unary, type Operand } from './install.js';

export const eq = binary('eq');
export const ne = binary('ne');
export const lt = binary('lt');
export const le = binary('le');
export const gt = binary('gt');
export const ge = binary('ge');
export const logicalAnd = binary('logicalAnd');
export const logicalOr = binary('logicalOr');
export const logicalXor = binary('logicalXor');
export const logicalNot = unary('logicalNot');
export const isnan = unary('isnan');
export const isinf = unary('isinf');
export const isfinite = unary('isfinite');

export interface CloseOptions {
  rtol?: number;
  atol?: number;
  equalNan?: boolean;
}
/** |a - b| <= atol + rtol * |b| elementwise (bool tensor); defaults rtol 1e-5, atol 1e-8 as in PyTorch. */
export function isclose(a: Tensor, b: Tensor, opts: CloseOptions = {}): Tensor {
  return wrap(native.isclose(a._h, b._h, opts.rtol ?? 1e-5, opts.atol ?? 1e-8, opts.equalNan ?? false));
}
/** True when isclose holds everywhere (shapes broadcast). */
export function allclose(a: Tensor, b: Tensor, opts: CloseOptions = {}): boolean {
  return native.allclose(a._h, b._h, opts.rtol ?? 1e-5, opts.atol ?? 1e-8, opts.equalNan ?? false);
}
/** True when the shapes and all values are equal. */
export function equal(a: Tensor, b: Tensor): boolean {
  return native.equal(a._h, b._h);
}

declare module '../tensor.js' {
  interface Tensor {
    eq(other: Operand): Tensor;
    ne(other: Operand): Tensor;
    lt(other: Operand): Tensor;
    le(other: Operand): Tensor;
    gt(other: Operand): Tensor;
    ge(other: Operand): Tensor;
    logicalAnd(other: Operand): Tensor;
    logicalOr(other: Operand): Tensor;
    logicalXor(other: Operand): Tensor;
    logicalNot(): Tensor;
    isnan(): Tensor;
    isinf(): Tensor;
    isfinite(): Tensor;
    isclose(other: Tensor, opts?: CloseOptions): Tensor;
    allclose(other: Tensor, opts?: CloseOptions): boolean;
    equal(other: Tensor): boolean;
  }
}

installMethods({
  eq,
  ne,
  lt,
  le,
  gt,
  ge,
  logicalAnd,
  logicalOr,
  logicalXor,
  logicalNot,
  isnan,
  isinf,
  isfinite,
  isclose,
  allclose,
  equal,
});
