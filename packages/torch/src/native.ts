// Loads the compiled libtorch addon; every other module reaches libtorch through `native`, typed by NativeModule.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Device, DType, Scalar, TypedArray } from './tensor.js';

/** Opaque handle to a native tensor. */
export type NativeHandle = { dispose(): void; isDisposed(): boolean };

/** Sizes, dims or strides: one integer or a list (the addon accepts both). */
type Ints = number | readonly number[];
/** An optional argument before a required one: absent is undefined or null. */
type Opt<T> = T | null | undefined;
type Reduction = 'none' | 'mean' | 'sum';
type RoundingMode = 'trunc' | 'floor';
type ValuesIndices = { values: NativeHandle; indices: NativeHandle };
/** One entry of t[...] as the addon takes it: a slice is [start, end, step] with null for a default. */
export type NativeIndex = number | boolean | null | '...' | NativeHandle | (number | null)[];

export type UnaryOp = (t: NativeHandle) => NativeHandle;
/** Either operand may be a number (Python-scalar promotion). */
export type BinaryOp = (a: NativeHandle | Scalar, b: NativeHandle | Scalar) => NativeHandle;
export type InplaceUnaryOp = (t: NativeHandle) => void;
export type InplaceBinaryOp = (t: NativeHandle, other: NativeHandle | Scalar) => void;
/** An op that modifies its first argument in place, whatever else it takes. */
export type InplaceOp = (t: NativeHandle, ...args: never[]) => void;
/** maxPool1d/2d(input, kernelSize, stride?, padding, dilation, ceilMode, returnIndices) */
type MaxPoolArgs = [
  input: NativeHandle,
  kernelSize: Ints,
  stride: Opt<Ints>,
  padding: Ints,
  dilation: Ints,
  ceilMode: Opt<boolean>,
];
export interface MaxPoolOp {
  (...args: [...MaxPoolArgs, returnIndices: false]): NativeHandle;
  (...args: [...MaxPoolArgs, returnIndices: true]): [NativeHandle, NativeHandle];
}
/** name(shape, dtype?, device?) */
export type SizedOp = (shape: Ints, dtype?: DType | null, device?: Device | null) => NativeHandle;
/** name(t, dtype?, device?): dtype and device default to t's. */
export type LikeOp = (t: NativeHandle, dtype?: DType | null, device?: Device | null) => NativeHandle;
/** name(n, d, dtype?, device?): the sample frequencies of an FFT's bins. */
export type FreqOp = (n: number, d: number, dtype?: DType | null, device?: Device | null) => NativeHandle;
/** name(t, dims?) */
export type ShiftOp = (t: NativeHandle, dims?: Ints | null) => NativeHandle;
/** conv1d/conv2d(input, weight, bias?, stride, padding (ints | 'same' | 'valid'), dilation, groups) */
export type ConvOp = (
  input: NativeHandle,
  weight: NativeHandle,
  bias: Opt<NativeHandle>,
  stride: Ints,
  padding: Ints | string,
  dilation: Ints,
  groups: number,
) => NativeHandle;
/** linalg pinv / matrixRank(A, atol?, rtol?, hermitian?) */
export type ToleranceOp = (
  A: NativeHandle,
  atol?: number | null,
  rtol?: number | null,
  hermitian?: boolean | null,
) => NativeHandle;
/** binaryCrossEntropy / multilabelSoftMarginLoss(input, target, weight?, reduction?) */
export type WeightedLossOp = (
  input: NativeHandle,
  target: NativeHandle,
  weight?: NativeHandle | null,
  reduction?: Reduction | null,
) => NativeHandle;
/** smoothL1Loss(input, target, reduction, beta) / huberLoss(..., delta) */
export type ThresholdLossOp = (
  input: NativeHandle,
  target: NativeHandle,
  reduction: Opt<Reduction>,
  threshold: number,
) => NativeHandle;
/** addmm / baddbmm (and addmm_ in place): beta * t + alpha * (a @ b) */
export type AddProductOp<R> = (
  t: NativeHandle,
  a: NativeHandle,
  b: NativeHandle,
  beta?: Scalar | null,
  alpha?: Scalar | null,
) => R;
/** A creation op (zeros, ones, empty, rand, randn) and its `*Like` form, which takes the shape from a tensor. */
export type Factory = (shape: Ints, dtype?: DType | null, device?: Device | null) => NativeHandle;
export type LikeFactory = (t: NativeHandle, dtype?: DType | null, device?: Device | null) => NativeHandle;
export type Fft1dOp = (x: NativeHandle, n: Opt<number>, dim: number, norm?: string | null) => NativeHandle;
export type Fft2dOp = (x: NativeHandle, s: Opt<Ints>, dim: Ints, norm?: string | null) => NativeHandle;

/**
 * The addon's exports, one member per op registered with YS_OP / YS_UNARY / ... in src/native/*.cc (the
 * engine tests check that the two lists are the same). Arguments follow the C++ accessors: `x?: T | null`
 * is optional, an optional argument before a required one is `Opt<T>`.
 */
export interface NativeModule {
  NativeTensor: abstract new (...args: never[]) => NativeHandle;
  // addon.cc
  fromTypedArray(data: TypedArray, shape?: Ints | null, dtype?: DType | null): NativeHandle;
  toTypedArray(t: NativeHandle): TypedArray;
  shape(t: NativeHandle): number[];
  strides(t: NativeHandle): number[];
  dtype(t: NativeHandle): DType;
  device(t: NativeHandle): string;
  numel(t: NativeHandle): number;
  isContiguous(t: NativeHandle): boolean;
  item(t: NativeHandle): number | boolean;
  to(t: NativeHandle, device?: Device | null, dtype?: DType | null): NativeHandle;
  clone(t: NativeHandle): NativeHandle;
  contiguous(t: NativeHandle): NativeHandle;
  requiresGrad(t: NativeHandle): boolean;
  setRequiresGrad(t: NativeHandle, requiresGrad?: boolean | null): void;
  isLeaf(t: NativeHandle): boolean;
  grad(t: NativeHandle): NativeHandle | null;
  setGrad(t: NativeHandle, grad?: NativeHandle | null): void;
  backward(t: NativeHandle, gradient?: NativeHandle | null, retainGraph?: boolean | null): void;
  autogradGrad(
    outputs: NativeHandle[],
    inputs: NativeHandle[],
    gradOutputs?: NativeHandle[] | null,
    retainGraph?: boolean | null,
    createGraph?: boolean | null,
  ): (NativeHandle | null)[];
  detach(t: NativeHandle): NativeHandle;
  setGradEnabled(enabled?: boolean | null): boolean;
  isGradEnabled(): boolean;
  manualSeed(seed: number): void;
  setNumThreads(threads: number): void;
  getNumThreads(): number;
  cudaIsAvailable(): boolean;
  cudaDeviceCount(): number;
  cudaSynchronize(): void;
  configInfo(): { version: string; parallel: string; config: string };
  // ops_tensor.cc
  zeros: Factory;
  ones: Factory;
  empty: Factory;
  rand: Factory;
  randn: Factory;
  full(shape: Ints, fill_value: Scalar, dtype?: DType | null, device?: Device | null): NativeHandle;
  arange(
    start: Scalar,
    end: Scalar,
    step: Scalar,
    dtype?: DType | null,
    device?: Device | null,
  ): NativeHandle;
  linspace(
    start: Scalar,
    end: Scalar,
    steps: number,
    dtype?: DType | null,
    device?: Device | null,
  ): NativeHandle;
  eye(n: number, m?: number | null, dtype?: DType | null, device?: Device | null): NativeHandle;
  randint(low: number, high: number, shape: Ints, dtype?: DType | null, device?: Device | null): NativeHandle;
  randperm(n: number, dtype?: DType | null, device?: Device | null): NativeHandle;
  zerosLike: LikeFactory;
  onesLike: LikeFactory;
  emptyLike: LikeFactory;
  randLike: LikeFactory;
  randnLike: LikeFactory;
  fullLike(t: NativeHandle, fill_value: Scalar, dtype?: DType | null, device?: Device | null): NativeHandle;
  add(input: NativeHandle | Scalar, other: NativeHandle | Scalar, alpha?: Scalar | null): NativeHandle;
  sub(input: NativeHandle | Scalar, other: NativeHandle | Scalar, alpha?: Scalar | null): NativeHandle;
  div(
    input: NativeHandle | Scalar,
    other: NativeHandle | Scalar,
    roundingMode?: RoundingMode | null,
  ): NativeHandle;
  add_(t: NativeHandle, other: NativeHandle | Scalar, alpha?: Scalar | null): void;
  sub_(t: NativeHandle, other: NativeHandle | Scalar, alpha?: Scalar | null): void;
  div_(t: NativeHandle, other: NativeHandle | Scalar, roundingMode?: RoundingMode | null): void;
  clamp(
    t: NativeHandle,
    min?: NativeHandle | Scalar | null,
    max?: NativeHandle | Scalar | null,
  ): NativeHandle;
  clamp_(t: NativeHandle, min?: NativeHandle | Scalar | null, max?: NativeHandle | Scalar | null): void;
  addcmul(t: NativeHandle, tensor1: NativeHandle, tensor2: NativeHandle, value?: Scalar | null): NativeHandle;
  addcdiv(t: NativeHandle, tensor1: NativeHandle, tensor2: NativeHandle, value?: Scalar | null): NativeHandle;
  addcmul_(t: NativeHandle, tensor1: NativeHandle, tensor2: NativeHandle, value?: Scalar | null): void;
  addcdiv_(t: NativeHandle, tensor1: NativeHandle, tensor2: NativeHandle, value?: Scalar | null): void;
  lerp(t: NativeHandle, end: NativeHandle, weight: NativeHandle | Scalar): NativeHandle;
  lerp_(t: NativeHandle, end: NativeHandle, weight: NativeHandle | Scalar): void;
  zero_(t: NativeHandle): void;
  fill_(t: NativeHandle, value: NativeHandle | Scalar): void;
  copy_(t: NativeHandle, src: NativeHandle): void;
  matmul(t: NativeHandle, other: NativeHandle): NativeHandle;
  mm(t: NativeHandle, mat2: NativeHandle): NativeHandle;
  bmm(t: NativeHandle, mat2: NativeHandle): NativeHandle;
  mv(t: NativeHandle, vec: NativeHandle): NativeHandle;
  dot(t: NativeHandle, other: NativeHandle): NativeHandle;
  outer(t: NativeHandle, vec2: NativeHandle): NativeHandle;
  addmm: AddProductOp<NativeHandle>;
  addmm_: AddProductOp<void>;
  baddbmm: AddProductOp<NativeHandle>;
  einsum(equation: string, operands: NativeHandle[]): NativeHandle;
  mul: BinaryOp;
  pow: BinaryOp;
  maximum: BinaryOp;
  minimum: BinaryOp;
  remainder: BinaryOp;
  fmod: BinaryOp;
  atan2: BinaryOp;
  mul_: InplaceBinaryOp;
  pow_: InplaceBinaryOp;
  remainder_: InplaceBinaryOp;
  neg: UnaryOp;
  neg_: InplaceUnaryOp;
  exp: UnaryOp;
  exp_: InplaceUnaryOp;
  exp2: UnaryOp;
  exp2_: InplaceUnaryOp;
  expm1: UnaryOp;
  expm1_: InplaceUnaryOp;
  log: UnaryOp;
  log_: InplaceUnaryOp;
  log2: UnaryOp;
  log2_: InplaceUnaryOp;
  log10: UnaryOp;
  log10_: InplaceUnaryOp;
  log1p: UnaryOp;
  log1p_: InplaceUnaryOp;
  sqrt: UnaryOp;
  sqrt_: InplaceUnaryOp;
  rsqrt: UnaryOp;
  rsqrt_: InplaceUnaryOp;
  abs: UnaryOp;
  abs_: InplaceUnaryOp;
  sign: UnaryOp;
  sign_: InplaceUnaryOp;
  floor: UnaryOp;
  floor_: InplaceUnaryOp;
  ceil: UnaryOp;
  ceil_: InplaceUnaryOp;
  round: UnaryOp;
  round_: InplaceUnaryOp;
  trunc: UnaryOp;
  trunc_: InplaceUnaryOp;
  frac: UnaryOp;
  frac_: InplaceUnaryOp;
  sin: UnaryOp;
  sin_: InplaceUnaryOp;
  cos: UnaryOp;
  cos_: InplaceUnaryOp;
  tan: UnaryOp;
  tan_: InplaceUnaryOp;
  asin: UnaryOp;
  asin_: InplaceUnaryOp;
  acos: UnaryOp;
  acos_: InplaceUnaryOp;
  atan: UnaryOp;
  atan_: InplaceUnaryOp;
  sinh: UnaryOp;
  sinh_: InplaceUnaryOp;
  cosh: UnaryOp;
  cosh_: InplaceUnaryOp;
  tanh: UnaryOp;
  tanh_: InplaceUnaryOp;
  sigmoid: UnaryOp;
  sigmoid_: InplaceUnaryOp;
  relu: UnaryOp;
  relu_: InplaceUnaryOp;
  erf: UnaryOp;
  erf_: InplaceUnaryOp;
  erfc: UnaryOp;
  erfc_: InplaceUnaryOp;
  reciprocal: UnaryOp;
  reciprocal_: InplaceUnaryOp;
  square: UnaryOp;
  square_: InplaceUnaryOp;
  // ops_shape.cc
  reshape(t: NativeHandle, shape: Ints): NativeHandle;
  view(t: NativeHandle, shape: Ints): NativeHandle;
  flatten(t: NativeHandle, start_dim: number, end_dim: number): NativeHandle;
  unflatten(t: NativeHandle, dim: number, sizes: Ints): NativeHandle;
  squeeze(t: NativeHandle, dim?: number | null): NativeHandle;
  unsqueeze(t: NativeHandle, dim: number): NativeHandle;
  permute(t: NativeHandle, dims: Ints): NativeHandle;
  transpose(t: NativeHandle, dim0: number, dim1: number): NativeHandle;
  t(t: NativeHandle): NativeHandle;
  movedim(t: NativeHandle, source: Ints, destination: Ints): NativeHandle;
  expand(t: NativeHandle, sizes: Ints): NativeHandle;
  broadcastTo(t: NativeHandle, shape: Ints): NativeHandle;
  repeat(t: NativeHandle, repeats: Ints): NativeHandle;
  narrow(t: NativeHandle, dim: number, start: number, length: number): NativeHandle;
  slice(
    t: NativeHandle,
    dim: number,
    start?: number | null,
    end?: number | null,
    step?: number | null,
  ): NativeHandle;
  select(t: NativeHandle, dim: number, index: number): NativeHandle;
  flip(t: NativeHandle, dims: Ints): NativeHandle;
  roll(t: NativeHandle, shifts: Ints, dims?: Ints | null): NativeHandle;
  tril(t: NativeHandle, diagonal?: number | null): NativeHandle;
  triu(t: NativeHandle, diagonal?: number | null): NativeHandle;
  diag(t: NativeHandle, diagonal?: number | null): NativeHandle;
  diagonal(t: NativeHandle, offset?: number | null, dim1?: number | null, dim2?: number | null): NativeHandle;
  cat(tensors: NativeHandle[], dim?: number | null): NativeHandle;
  stack(tensors: NativeHandle[], dim?: number | null): NativeHandle;
  split(t: NativeHandle, split_size: Ints, dim: number): NativeHandle[];
  chunk(t: NativeHandle, chunks: number, dim: number): NativeHandle[];
  unbind(t: NativeHandle, dim: number): NativeHandle[];
  indexSelect(t: NativeHandle, dim: number, index: NativeHandle): NativeHandle;
  gather(t: NativeHandle, dim: number, index: NativeHandle): NativeHandle;
  scatter(t: NativeHandle, dim: number, index: NativeHandle, src: NativeHandle | Scalar): NativeHandle;
  scatter_(t: NativeHandle, dim: number, index: NativeHandle, src: NativeHandle | Scalar): void;
  scatterAdd(t: NativeHandle, dim: number, index: NativeHandle, src: NativeHandle): NativeHandle;
  indexAdd(t: NativeHandle, dim: number, index: NativeHandle, source: NativeHandle): NativeHandle;
  maskedFill(t: NativeHandle, mask: NativeHandle, value: NativeHandle | Scalar): NativeHandle;
  maskedFill_(t: NativeHandle, mask: NativeHandle, value: NativeHandle | Scalar): void;
  maskedSelect(t: NativeHandle, mask: NativeHandle): NativeHandle;
  where(condition: NativeHandle, input: NativeHandle | Scalar, other: NativeHandle | Scalar): NativeHandle;
  nonzero(t: NativeHandle): NativeHandle;
  index(t: NativeHandle, indices: NativeIndex[]): NativeHandle;
  indexPut_(t: NativeHandle, indices: NativeIndex[], value: NativeHandle | Scalar): void;
  // ops_reduce.cc
  sum(t: NativeHandle, dims?: Ints | null, keepdim?: boolean | null, dtype?: DType | null): NativeHandle;
  mean(t: NativeHandle, dims?: Ints | null, keepdim?: boolean | null, dtype?: DType | null): NativeHandle;
  prod(t: NativeHandle, dim?: number | null, keepdim?: boolean | null, dtype?: DType | null): NativeHandle;
  var(t: NativeHandle, dims: Opt<Ints>, correction: number, keepdim?: boolean | null): NativeHandle;
  std(t: NativeHandle, dims: Opt<Ints>, correction: number, keepdim?: boolean | null): NativeHandle;
  max(t: NativeHandle): NativeHandle;
  max(t: NativeHandle, dim: number, keepdim?: boolean | null): ValuesIndices;
  min(t: NativeHandle): NativeHandle;
  min(t: NativeHandle, dim: number, keepdim?: boolean | null): ValuesIndices;
  median(t: NativeHandle): NativeHandle;
  median(t: NativeHandle, dim: number, keepdim?: boolean | null): ValuesIndices;
  amax(t: NativeHandle, dims?: Ints | null, keepdim?: boolean | null): NativeHandle;
  amin(t: NativeHandle, dims?: Ints | null, keepdim?: boolean | null): NativeHandle;
  argmax(t: NativeHandle, dim?: number | null, keepdim?: boolean | null): NativeHandle;
  argmin(t: NativeHandle, dim?: number | null, keepdim?: boolean | null): NativeHandle;
  cumsum(t: NativeHandle, dim: number, dtype?: DType | null): NativeHandle;
  cumprod(t: NativeHandle, dim: number, dtype?: DType | null): NativeHandle;
  logsumexp(t: NativeHandle, dim: Ints, keepdim?: boolean | null): NativeHandle;
  all(t: NativeHandle, dim?: number | null, keepdim?: boolean | null): NativeHandle;
  any(t: NativeHandle, dim?: number | null, keepdim?: boolean | null): NativeHandle;
  vectorNorm(t: NativeHandle, ord: Scalar, dims?: Ints | null, keepdim?: boolean | null): NativeHandle;
  sort(t: NativeHandle, dim: number, descending?: boolean | null): ValuesIndices;
  argsort(t: NativeHandle, dim: number, descending?: boolean | null): NativeHandle;
  topk(
    t: NativeHandle,
    k: number,
    dim: number,
    largest?: boolean | null,
    sorted?: boolean | null,
  ): ValuesIndices;
  allclose(
    t: NativeHandle,
    other: NativeHandle,
    rtol: number,
    atol: number,
    equalNan?: boolean | null,
  ): boolean;
  isclose(
    t: NativeHandle,
    other: NativeHandle,
    rtol: number,
    atol: number,
    equalNan?: boolean | null,
  ): NativeHandle;
  equal(t: NativeHandle, other: NativeHandle): boolean;
  eq: BinaryOp;
  ne: BinaryOp;
  lt: BinaryOp;
  le: BinaryOp;
  gt: BinaryOp;
  ge: BinaryOp;
  logicalAnd: BinaryOp;
  logicalOr: BinaryOp;
  logicalXor: BinaryOp;
  logicalNot: UnaryOp;
  isnan: UnaryOp;
  isinf: UnaryOp;
  isfinite: UnaryOp;
  // ops_linalg.cc
  linalgSolve(A: NativeHandle, B: NativeHandle, left?: boolean | null): NativeHandle;
  linalgCholesky(A: NativeHandle, upper?: boolean | null): NativeHandle;
  choleskySolve(B: NativeHandle, L: NativeHandle, upper?: boolean | null): NativeHandle;
  linalgLstsq(
    A: NativeHandle,
    B: NativeHandle,
    rcond?: number | null,
    driver?: string | null,
  ): { solution: NativeHandle; residuals: NativeHandle; rank: NativeHandle; singularValues: NativeHandle };
  linalgQr(A: NativeHandle, mode?: string | null): { Q: NativeHandle; R: NativeHandle };
  linalgInv(A: NativeHandle): NativeHandle;
  linalgDet(A: NativeHandle): NativeHandle;
  linalgSlogdet(A: NativeHandle): { sign: NativeHandle; logabsdet: NativeHandle };
  linalgEigh(
    A: NativeHandle,
    UPLO?: string | null,
  ): { eigenvalues: NativeHandle; eigenvectors: NativeHandle };
  linalgSvd(
    A: NativeHandle,
    fullMatrices?: boolean | null,
  ): { U: NativeHandle; S: NativeHandle; Vh: NativeHandle };
  linalgSvdvals(A: NativeHandle): NativeHandle;
  linalgSolveTriangular(
    A: NativeHandle,
    B: NativeHandle,
    upper?: boolean | null,
    left?: boolean | null,
    unitriangular?: boolean | null,
  ): NativeHandle;
  linalgPinv: ToleranceOp;
  linalgMatrixNorm(A: NativeHandle, ord: Scalar | string, keepdim?: boolean | null): NativeHandle;
  linalgMatrixRank: ToleranceOp;
  fftRfftfreq(n: number, d: number, dtype?: DType | null, device?: Device | null): NativeHandle;
  fftFftfreq(n: number, d: number, dtype?: DType | null, device?: Device | null): NativeHandle;
  fftFftshift(t: NativeHandle, dims?: Ints | null): NativeHandle;
  fftIfftshift(t: NativeHandle, dims?: Ints | null): NativeHandle;
  viewAsReal(t: NativeHandle): NativeHandle;
  viewAsComplex(t: NativeHandle): NativeHandle;
  complex(real: NativeHandle, imag: NativeHandle): NativeHandle;
  polar(abs: NativeHandle, angle: NativeHandle): NativeHandle;
  isComplex(t: NativeHandle): boolean;
  fftFft: Fft1dOp;
  fftIfft: Fft1dOp;
  fftRfft: Fft1dOp;
  fftIrfft: Fft1dOp;
  fftFft2: Fft2dOp;
  fftIfft2: Fft2dOp;
  fftRfft2: Fft2dOp;
  fftIrfft2: Fft2dOp;
  real: UnaryOp;
  imag: UnaryOp;
  angle: UnaryOp;
  conj: UnaryOp;
  // ops_nn.cc
  nnConv1d: ConvOp;
  nnConv2d: ConvOp;
  nnConvTranspose2d(
    input: NativeHandle,
    weight: NativeHandle,
    bias: Opt<NativeHandle>,
    stride: Ints,
    padding: Ints,
    outputPadding: Ints,
    groups: number,
    dilation: Ints,
  ): NativeHandle;
  nnLinear(input: NativeHandle, weight: NativeHandle, bias?: NativeHandle | null): NativeHandle;
  nnBatchNorm(
    input: NativeHandle,
    runningMean: Opt<NativeHandle>,
    runningVar: Opt<NativeHandle>,
    weight: Opt<NativeHandle>,
    bias: Opt<NativeHandle>,
    training: boolean,
    momentum: number,
    eps: number,
  ): NativeHandle;
  nnLayerNorm(
    input: NativeHandle,
    normalizedShape: Ints,
    weight: Opt<NativeHandle>,
    bias: Opt<NativeHandle>,
    eps: number,
  ): NativeHandle;
  nnGroupNorm(
    input: NativeHandle,
    numGroups: number,
    weight: Opt<NativeHandle>,
    bias: Opt<NativeHandle>,
    eps: number,
  ): NativeHandle;
  nnDropout(input: NativeHandle, p: number, training?: boolean | null): NativeHandle;
  nnRelu(input: NativeHandle): NativeHandle;
  nnGelu(input: NativeHandle, approximate?: string | null): NativeHandle;
  nnSilu(input: NativeHandle): NativeHandle;
  nnSigmoid(input: NativeHandle): NativeHandle;
  nnTanh(input: NativeHandle): NativeHandle;
  nnLeakyRelu(input: NativeHandle, negativeSlope: number): NativeHandle;
  nnSoftmax(input: NativeHandle, dim: number, dtype?: DType | null): NativeHandle;
  nnLogSoftmax(input: NativeHandle, dim: number, dtype?: DType | null): NativeHandle;
  // ops_nn_pool.cc
  nnAvgPool1d(
    input: NativeHandle,
    kernelSize: Ints,
    stride: Opt<Ints>,
    padding: Ints,
    ceilMode?: boolean | null,
    countIncludePad?: boolean | null,
  ): NativeHandle;
  nnAvgPool2d(
    input: NativeHandle,
    kernelSize: Ints,
    stride: Opt<Ints>,
    padding: Ints,
    ceilMode?: boolean | null,
    countIncludePad?: boolean | null,
    divisorOverride?: number | null,
  ): NativeHandle;
  nnMaxPool1d: MaxPoolOp;
  nnMaxPool2d: MaxPoolOp;
  nnAdaptiveAvgPool1d(input: NativeHandle, outputSize: Ints): NativeHandle;
  nnAdaptiveAvgPool2d(input: NativeHandle, outputSize: Ints): NativeHandle;
  nnPad(input: NativeHandle, pad: Ints, mode: string, value?: number | null): NativeHandle;
  nnInterpolate(
    input: NativeHandle,
    mode: string,
    size?: Ints | null,
    scaleFactor?: number[] | null,
    alignCorners?: boolean | null,
  ): NativeHandle;
  // ops_nn_loss.cc
  nnCrossEntropy(
    input: NativeHandle,
    target: NativeHandle,
    weight: Opt<NativeHandle>,
    reduction: Opt<Reduction>,
    ignoreIndex: number,
    labelSmoothing: number,
  ): NativeHandle;
  nnNllLoss(
    input: NativeHandle,
    target: NativeHandle,
    weight: Opt<NativeHandle>,
    reduction: Opt<Reduction>,
    ignoreIndex: number,
  ): NativeHandle;
  nnBinaryCrossEntropyWithLogits(
    input: NativeHandle,
    target: NativeHandle,
    weight?: NativeHandle | null,
    posWeight?: NativeHandle | null,
    reduction?: Reduction | null,
  ): NativeHandle;
  nnBinaryCrossEntropy: WeightedLossOp;
  nnMultilabelSoftMarginLoss: WeightedLossOp;
  nnMseLoss(input: NativeHandle, target: NativeHandle, reduction?: Reduction | null): NativeHandle;
  nnL1Loss(input: NativeHandle, target: NativeHandle, reduction?: Reduction | null): NativeHandle;
  nnSmoothL1Loss: ThresholdLossOp;
  nnHuberLoss: ThresholdLossOp;
  nnOneHot(tensor: NativeHandle, numClasses: number): NativeHandle;
}

/** The names of the ops whose type is F, for helpers that wrap a family of ops of one signature. */
export type OpName<F> = {
  [K in keyof NativeModule]: NativeModule[K] extends F ? K : never;
}[keyof NativeModule];

const here = path.dirname(fileURLToPath(import.meta.url));
const pkgRoot = path.resolve(here, '..');
const candidates = [
  process.env.YARDSTICK_TORCH_ADDON,
  path.join(pkgRoot, 'build/Release/yardstick_torch.node'),
  path.join(pkgRoot, 'build/Debug/yardstick_torch.node'),
].filter((p): p is string => !!p);

function load(): NativeModule {
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      `@yardstick/torch: native addon not built (looked in ${candidates.join(', ')}). ` +
        'Run `npm run build:native` (needs Debian packages libtorch-dev and libopenblas-dev).',
    );
  }
  return createRequire(import.meta.url)(found) as NativeModule;
}

/** The N-API module. Internal: use the typed API in tensor.ts and friends. */
export const native: NativeModule = load();
