// Elementwise arithmetic (broadcasting, Python-scalar promotion), in-place updates and matrix products,
// as free functions and Tensor methods. In-place functions (trailing `_`) modify and return their first argument.
import { native, type InplaceOp, type NativeHandle, type OpName } from '../native.js';
import { handleOrScalar, wrap, Tensor } from '../tensor.js';
import { binary, installMethods, unary, type Operand } from './install.js';

export type { Operand };

const h = handleOrScalar;

function product(name: OpName<(a: NativeHandle, b: NativeHandle) => NativeHandle>) {
  return (a: Tensor, b: Tensor): Tensor => wrap(native[name](a._h, b._h));
}
/** `A` types the Tensor-level arguments; NativeModule types the native call they become (tensors as handles). */
function inplace<A extends unknown[]>(name: OpName<InplaceOp>) {
  const op = native[name] as (t: NativeHandle, ...args: unknown[]) => void;
  return <T extends Tensor>(t: T, ...args: A): T => {
    op(t._h, ...args.map((a) => (a instanceof Tensor ? a._h : a)));
    return t;
  };
}

// ---- arithmetic ----
/** a + alpha * b */
export function add(a: Operand, b: Operand, alpha?: number): Tensor {
  return wrap(native.add(h(a), h(b), alpha));
}
/** a - alpha * b */
export function sub(a: Operand, b: Operand, alpha?: number): Tensor {
  return wrap(native.sub(h(a), h(b), alpha));
}
export type RoundingMode = 'trunc' | 'floor';
/** True division (integers give floats), or rounded with roundingMode. */
export function div(a: Operand, b: Operand, roundingMode?: RoundingMode): Tensor {
  return wrap(native.div(h(a), h(b), roundingMode));
}
export const mul = binary('mul');
export const pow = binary('pow');
export const maximum = binary('maximum');
export const minimum = binary('minimum');
export const remainder = binary('remainder');
export const fmod = binary('fmod');
export const atan2 = binary('atan2');

/** Clamps into [min, max]; either bound may be omitted (null/undefined), numbers or broadcast tensors. */
export function clamp(t: Tensor, min?: Operand | null, max?: Operand | null): Tensor {
  return wrap(native.clamp(t._h, min == null ? undefined : h(min), max == null ? undefined : h(max)));
}
/** t + value * t1 * t2 */
export function addcmul(t: Tensor, t1: Tensor, t2: Tensor, value = 1): Tensor {
  return wrap(native.addcmul(t._h, t1._h, t2._h, value));
}
/** t + value * t1 / t2 */
export function addcdiv(t: Tensor, t1: Tensor, t2: Tensor, value = 1): Tensor {
  return wrap(native.addcdiv(t._h, t1._h, t2._h, value));
}
/** start + weight * (end - start) */
export function lerp(start: Tensor, end: Tensor, weight: Operand): Tensor {
  return wrap(native.lerp(start._h, end._h, h(weight)));
}

export const neg = unary('neg');
export const exp = unary('exp');
export const exp2 = unary('exp2');
export const expm1 = unary('expm1');
export const log = unary('log');
export const log2 = unary('log2');
export const log10 = unary('log10');
export const log1p = unary('log1p');
export const sqrt = unary('sqrt');
export const rsqrt = unary('rsqrt');
export const abs = unary('abs');
export const sign = unary('sign');
export const floor = unary('floor');
export const ceil = unary('ceil');
export const round = unary('round');
export const trunc = unary('trunc');
export const frac = unary('frac');
export const sin = unary('sin');
export const cos = unary('cos');
export const tan = unary('tan');
export const asin = unary('asin');
export const acos = unary('acos');
export const atan = unary('atan');
export const sinh = unary('sinh');
export const cosh = unary('cosh');
export const tanh = unary('tanh');
export const sigmoid = unary('sigmoid');
export const relu = unary('relu');
export const erf = unary('erf');
export const erfc = unary('erfc');
export const reciprocal = unary('reciprocal');
export const square = unary('square');

// ---- in place ----
export const add_ = inplace<[other: Operand, alpha?: number]>('add_');
export const sub_ = inplace<[other: Operand, alpha?: number]>('sub_');
export const mul_ = inplace<[other: Operand]>('mul_');
export const div_ = inplace<[other: Operand, roundingMode?: RoundingMode]>('div_');
export const pow_ = inplace<[exponent: Operand]>('pow_');
export const remainder_ = inplace<[other: Operand]>('remainder_');
export const clamp_ = inplace<[min?: Operand | null, max?: Operand | null]>('clamp_');
export const addcmul_ = inplace<[t1: Tensor, t2: Tensor, value?: number]>('addcmul_');
export const addcdiv_ = inplace<[t1: Tensor, t2: Tensor, value?: number]>('addcdiv_');
export const lerp_ = inplace<[end: Tensor, weight: Operand]>('lerp_');
export const zero_ = inplace<[]>('zero_');
/** Fills with a number or the value of a 0-dim tensor. */
export const fill_ = inplace<[value: Operand]>('fill_');
/** Copies src (broadcast, converted to t's dtype and device) into t. */
export const copy_ = inplace<[src: Tensor]>('copy_');
export const neg_ = inplace<[]>('neg_');
export const exp_ = inplace<[]>('exp_');
export const log_ = inplace<[]>('log_');
export const sqrt_ = inplace<[]>('sqrt_');
export const rsqrt_ = inplace<[]>('rsqrt_');
export const abs_ = inplace<[]>('abs_');
export const sign_ = inplace<[]>('sign_');
export const floor_ = inplace<[]>('floor_');
export const ceil_ = inplace<[]>('ceil_');
export const round_ = inplace<[]>('round_');
export const tanh_ = inplace<[]>('tanh_');
export const sigmoid_ = inplace<[]>('sigmoid_');
export const relu_ = inplace<[]>('relu_');
export const reciprocal_ = inplace<[]>('reciprocal_');
export const square_ = inplace<[]>('square_');

// ---- products ----
/** PyTorch's matmul: dot, matrix-vector, matrix-matrix or broadcast batched product by the operands' ranks. */
export const matmul = product('matmul');
export const mm = product('mm');
export const bmm = product('bmm');
export const mv = product('mv');
export const dot = product('dot');
export const outer = product('outer');
export interface ScaleOptions {
  beta?: number;
  alpha?: number;
}
/** beta * input + alpha * (m1 @ m2) */
export function addmm(input: Tensor, m1: Tensor, m2: Tensor, opts: ScaleOptions = {}): Tensor {
  return wrap(native.addmm(input._h, m1._h, m2._h, opts.beta, opts.alpha));
}
/** In place: input = beta * input + alpha * (m1 @ m2), e.g. to accumulate X^T X over row chunks. */
export function addmm_<T extends Tensor>(input: T, m1: Tensor, m2: Tensor, opts: ScaleOptions = {}): T {
  native.addmm_(input._h, m1._h, m2._h, opts.beta, opts.alpha);
  return input;
}
/** beta * input + alpha * (b1 @ b2), batched. */
export function baddbmm(input: Tensor, b1: Tensor, b2: Tensor, opts: ScaleOptions = {}): Tensor {
  return wrap(native.baddbmm(input._h, b1._h, b2._h, opts.beta, opts.alpha));
}
/** Einstein summation, e.g. einsum('ij,jk->ik', a, b). */
export function einsum(equation: string, ...operands: Tensor[]): Tensor {
  return wrap(
    native.einsum(
      equation,
      operands.map((t) => t._h),
    ),
  );
}

declare module '../tensor.js' {
  interface Tensor {
    add(other: Operand, alpha?: number): Tensor;
    sub(other: Operand, alpha?: number): Tensor;
    mul(other: Operand): Tensor;
    div(other: Operand, roundingMode?: RoundingMode): Tensor;
    pow(exponent: Operand): Tensor;
    maximum(other: Operand): Tensor;
    minimum(other: Operand): Tensor;
    remainder(other: Operand): Tensor;
    fmod(other: Operand): Tensor;
    atan2(other: Operand): Tensor;
    clamp(min?: Operand | null, max?: Operand | null): Tensor;
    addcmul(t1: Tensor, t2: Tensor, value?: number): Tensor;
    addcdiv(t1: Tensor, t2: Tensor, value?: number): Tensor;
    lerp(end: Tensor, weight: Operand): Tensor;
    neg(): Tensor;
    exp(): Tensor;
    exp2(): Tensor;
    expm1(): Tensor;
    log(): Tensor;
    log2(): Tensor;
    log10(): Tensor;
    log1p(): Tensor;
    sqrt(): Tensor;
    rsqrt(): Tensor;
    abs(): Tensor;
    sign(): Tensor;
    floor(): Tensor;
    ceil(): Tensor;
    round(): Tensor;
    trunc(): Tensor;
    frac(): Tensor;
    sin(): Tensor;
    cos(): Tensor;
    tan(): Tensor;
    asin(): Tensor;
    acos(): Tensor;
    atan(): Tensor;
    sinh(): Tensor;
    cosh(): Tensor;
    tanh(): Tensor;
    sigmoid(): Tensor;
    relu(): Tensor;
    erf(): Tensor;
    erfc(): Tensor;
    reciprocal(): Tensor;
    square(): Tensor;
    add_(other: Operand, alpha?: number): this;
    sub_(other: Operand, alpha?: number): this;
    mul_(other: Operand): this;
    div_(other: Operand, roundingMode?: RoundingMode): this;
    pow_(exponent: Operand): this;
    remainder_(other: Operand): this;
    clamp_(min?: Operand | null, max?: Operand | null): this;
    addcmul_(t1: Tensor, t2: Tensor, value?: number): this;
    addcdiv_(t1: Tensor, t2: Tensor, value?: number): this;
    lerp_(end: Tensor, weight: Operand): this;
    zero_(): this;
    fill_(value: Operand): this;
    copy_(src: Tensor): this;
    neg_(): this;
    exp_(): this;
    log_(): this;
    sqrt_(): this;
    rsqrt_(): this;
    abs_(): this;
    sign_(): this;
    floor_(): this;
    ceil_(): this;
    round_(): this;
    tanh_(): this;
    sigmoid_(): this;
    relu_(): this;
    reciprocal_(): this;
    square_(): this;
    matmul(other: Tensor): Tensor;
    mm(other: Tensor): Tensor;
    bmm(other: Tensor): Tensor;
    mv(vec: Tensor): Tensor;
    dot(other: Tensor): Tensor;
    outer(other: Tensor): Tensor;
    addmm(m1: Tensor, m2: Tensor, opts?: ScaleOptions): Tensor;
    addmm_(m1: Tensor, m2: Tensor, opts?: ScaleOptions): this;
    baddbmm(b1: Tensor, b2: Tensor, opts?: ScaleOptions): Tensor;
  }
}

installMethods({
  add,
  sub,
  mul,
  div,
  pow,
  maximum,
  minimum,
  remainder,
  fmod,
  atan2,
  clamp,
  addcmul,
  addcdiv,
  lerp,
  neg,
  exp,
  exp2,
  expm1,
  log,
  log2,
  log10,
  log1p,
  sqrt,
  rsqrt,
  abs,
  sign,
  floor,
  ceil,
  round,
  trunc,
  frac,
  sin,
  cos,
  tan,
  asin,
  acos,
  atan,
  sinh,
  cosh,
  tanh,
  sigmoid,
  relu,
  erf,
  erfc,
  reciprocal,
  square,
  add_,
  sub_,
  mul_,
  div_,
  pow_,
  remainder_,
  clamp_,
  addcmul_,
  addcdiv_,
  lerp_,
  zero_,
  fill_,
  copy_,
  neg_,
  exp_,
  log_,
  sqrt_,
  rsqrt_,
  abs_,
  sign_,
  floor_,
  ceil_,
  round_,
  tanh_,
  sigmoid_,
  relu_,
  reciprocal_,
  square_,
  matmul,
  mm,
  bmm,
  mv,
  dot,
  outer,
  addmm,
  addmm_,
  baddbmm,
});
