// torch.nn.functional: convolution, normalisation, activations, pooling, resampling and losses.
// PyTorch's names in camelCase and its argument semantics; required arguments are positional, keyword
// arguments go in an options object. All computation runs in libtorch, so every function is differentiable.
import { native, type NativeHandle } from '../native.js';
import { Tensor, wrap, type DType } from '../tensor.js';
import { unary } from '../ops/install.js';

export type Reduction = 'none' | 'mean' | 'sum';
/** One size for every spatial dimension, or one per dimension. */
export type Size = number | number[];

function handle(t: Tensor | null | undefined): NativeHandle | undefined {
  return t ? t._h : undefined;
}

// ---- convolution and linear ----

export interface ConvOptions {
  stride?: Size;
  /** Zero padding per side, or 'valid' (none) / 'same' (output length = input length; stride must be 1). */
  padding?: Size | 'same' | 'valid';
  dilation?: Size;
  groups?: number;
}

/** 1-D convolution: input [N, Cin, L] (or [Cin, L]), weight [Cout, Cin/groups, K]. */
export function conv1d(input: Tensor, weight: Tensor, bias?: Tensor | null, opts: ConvOptions = {}): Tensor {
  const { stride = 1, padding = 0, dilation = 1, groups = 1 } = opts;
  return wrap(native.nnConv1d(input._h, weight._h, handle(bias), stride, padding, dilation, groups));
}

/** 2-D convolution: input [N, Cin, H, W] (or [Cin, H, W]), weight [Cout, Cin/groups, kH, kW]. */
export function conv2d(input: Tensor, weight: Tensor, bias?: Tensor | null, opts: ConvOptions = {}): Tensor {
  const { stride = 1, padding = 0, dilation = 1, groups = 1 } = opts;
  return wrap(native.nnConv2d(input._h, weight._h, handle(bias), stride, padding, dilation, groups));
}

export interface ConvTransposeOptions {
  stride?: Size;
  padding?: Size;
  /** Extra size added to one side of the output, to pick among the sizes a strided convolution maps to the input's. */
  outputPadding?: Size;
  groups?: number;
  dilation?: Size;
}

/** Transposed 2-D convolution (the gradient of conv2d): weight [Cin, Cout/groups, kH, kW]. */
export function convTranspose2d(
  input: Tensor,
  weight: Tensor,
  bias?: Tensor | null,
  opts: ConvTransposeOptions = {},
): Tensor {
  const { stride = 1, padding = 0, outputPadding = 0, groups = 1, dilation = 1 } = opts;
  return wrap(
    native.nnConvTranspose2d(
      input._h,
      weight._h,
      handle(bias),
      stride,
      padding,
      outputPadding,
      groups,
      dilation,
    ),
  );
}

/** y = x W^T + b, weight [out, in]. */
export function linear(input: Tensor, weight: Tensor, bias?: Tensor | null): Tensor {
  return wrap(native.nnLinear(input._h, weight._h, handle(bias)));
}

// ---- normalisation and dropout ----

export interface BatchNormOptions {
  weight?: Tensor | null;
  bias?: Tensor | null;
  /** Normalise with the batch's statistics (and update the running ones) instead of the running ones. */
  training?: boolean;
  /** running = (1 - momentum) * running + momentum * batch statistic (unbiased variance). */
  momentum?: number;
  eps?: number;
}

/**
 * Batch normalisation over dimension 1 (channels) of [N, C, ...]. In training, runningMean and runningVar
 * (when given) are updated in place; in evaluation they are required and used for normalising.
 */
export function batchNorm(
  input: Tensor,
  runningMean: Tensor | null | undefined,
  runningVar: Tensor | null | undefined,
  opts: BatchNormOptions = {},
): Tensor {
  const { weight, bias, training = false, momentum = 0.1, eps = 1e-5 } = opts;
  return wrap(
    native.nnBatchNorm(
      input._h,
      handle(runningMean),
      handle(runningVar),
      handle(weight),
      handle(bias),
      training,
      momentum,
      eps,
    ),
  );
}

export interface AffineNormOptions {
  weight?: Tensor | null;
  bias?: Tensor | null;
  eps?: number;
}

/** Normalises over the trailing dimensions given by normalizedShape. */
export function layerNorm(input: Tensor, normalizedShape: number[], opts: AffineNormOptions = {}): Tensor {
  const { weight, bias, eps = 1e-5 } = opts;
  return wrap(native.nnLayerNorm(input._h, normalizedShape, handle(weight), handle(bias), eps));
}

/** Normalises each of numGroups channel groups of [N, C, ...]; weight and bias are per channel. */
export function groupNorm(input: Tensor, numGroups: number, opts: AffineNormOptions = {}): Tensor {
  const { weight, bias, eps = 1e-5 } = opts;
  return wrap(native.nnGroupNorm(input._h, numGroups, handle(weight), handle(bias), eps));
}

/** Zeroes each element with probability p and scales the rest by 1/(1-p); identity when not training. */
export function dropout(input: Tensor, opts: { p?: number; training?: boolean } = {}): Tensor {
  const { p = 0.5, training = true } = opts;
  return wrap(native.nnDropout(input._h, p, training));
}

// ---- activations ----

export const relu = unary('nnRelu');

/** GELU; approximate 'tanh' uses the tanh approximation. */
export function gelu(input: Tensor, opts: { approximate?: 'none' | 'tanh' } = {}): Tensor {
  return wrap(native.nnGelu(input._h, opts.approximate ?? 'none'));
}

export const silu = unary('nnSilu');

export const sigmoid = unary('nnSigmoid');

export const tanh = unary('nnTanh');

export function leakyRelu(input: Tensor, negativeSlope = 0.01): Tensor {
  return wrap(native.nnLeakyRelu(input._h, negativeSlope));
}

/** Softmax along dim; dtype casts the input first (e.g. float64 for accuracy). */
export function softmax(input: Tensor, dim: number, opts: { dtype?: DType } = {}): Tensor {
  return wrap(native.nnSoftmax(input._h, dim, opts.dtype));
}

export function logSoftmax(input: Tensor, dim: number, opts: { dtype?: DType } = {}): Tensor {
  return wrap(native.nnLogSoftmax(input._h, dim, opts.dtype));
}

// ---- pooling ----

export interface AvgPoolOptions {
  /** Defaults to the kernel size. */
  stride?: Size;
  padding?: Size;
  ceilMode?: boolean;
  /** Count the zero padding in the averaging denominator. */
  countIncludePad?: boolean;
}

export function avgPool1d(input: Tensor, kernelSize: Size, opts: AvgPoolOptions = {}): Tensor {
  const { stride, padding = 0, ceilMode = false, countIncludePad = true } = opts;
  return wrap(native.nnAvgPool1d(input._h, kernelSize, stride, padding, ceilMode, countIncludePad));
}

export function avgPool2d(
  input: Tensor,
  kernelSize: Size,
  opts: AvgPoolOptions & { divisorOverride?: number } = {},
): Tensor {
  const { stride, padding = 0, ceilMode = false, countIncludePad = true, divisorOverride } = opts;
  return wrap(
    native.nnAvgPool2d(input._h, kernelSize, stride, padding, ceilMode, countIncludePad, divisorOverride),
  );
}

export interface MaxPoolOptions {
  /** Defaults to the kernel size. */
  stride?: Size;
  padding?: Size;
  dilation?: Size;
  ceilMode?: boolean;
}

type Pair = [Tensor, Tensor];

/** The native max-pool arguments before returnIndices. */
function maxPoolArgs(input: Tensor, kernelSize: Size, opts: MaxPoolOptions) {
  const { stride, padding = 0, dilation = 1, ceilMode = false } = opts;
  return [input._h, kernelSize, stride, padding, dilation, ceilMode] as const;
}

function withIndices([values, indices]: [NativeHandle, NativeHandle]): Pair {
  return [wrap(values), wrap(indices)];
}

export function maxPool1d(input: Tensor, kernelSize: Size, opts: MaxPoolOptions = {}): Tensor {
  return wrap(native.nnMaxPool1d(...maxPoolArgs(input, kernelSize, opts), false));
}

/** Max pooling that also returns the flat (per-plane) int64 index of each maximum. */
export function maxPool1dWithIndices(input: Tensor, kernelSize: Size, opts: MaxPoolOptions = {}): Pair {
  return withIndices(native.nnMaxPool1d(...maxPoolArgs(input, kernelSize, opts), true));
}

export function maxPool2d(input: Tensor, kernelSize: Size, opts: MaxPoolOptions = {}): Tensor {
  return wrap(native.nnMaxPool2d(...maxPoolArgs(input, kernelSize, opts), false));
}

export function maxPool2dWithIndices(input: Tensor, kernelSize: Size, opts: MaxPoolOptions = {}): Pair {
  return withIndices(native.nnMaxPool2d(...maxPoolArgs(input, kernelSize, opts), true));
}

/** A null entry keeps that dimension's input size, as None does in PyTorch. */
function adaptiveSize(input: Tensor, outputSize: number | (number | null)[], dims: number): number[] {
  const sizes = typeof outputSize === 'number' ? Array<number>(dims).fill(outputSize) : outputSize;
  const spatial = input.shape.slice(-dims);
  return sizes.map((s, i) => s ?? spatial[i]);
}

export function adaptiveAvgPool1d(input: Tensor, outputSize: number | [number]): Tensor {
  return wrap(native.nnAdaptiveAvgPool1d(input._h, outputSize));
}

export function adaptiveAvgPool2d(input: Tensor, outputSize: number | (number | null)[]): Tensor {
  return wrap(native.nnAdaptiveAvgPool2d(input._h, adaptiveSize(input, outputSize, 2)));
}

// ---- padding and resampling ----

export type PadMode = 'constant' | 'reflect' | 'replicate' | 'circular';

/**
 * Pads the trailing dimensions: pad = [left, right] for the last one, then [top, bottom] for the one before, ...
 * Negative amounts crop (constant mode).
 */
export function pad(input: Tensor, padding: number[], opts: { mode?: PadMode; value?: number } = {}): Tensor {
  return wrap(native.nnPad(input._h, padding, opts.mode ?? 'constant', opts.value));
}

export type InterpolateMode = 'nearest' | 'nearest-exact' | 'linear' | 'bilinear' | 'bicubic' | 'trilinear';

export interface InterpolateOptions {
  size?: Size;
  scaleFactor?: Size;
  mode?: InterpolateMode;
  /** Linear modes only: map the corner pixels' centres onto each other instead of their outer edges. */
  alignCorners?: boolean;
  /** Compute the output size from scaleFactor, then resample as if that size had been asked for. */
  recomputeScaleFactor?: boolean;
}

const LINEAR_MODES: ReadonlySet<InterpolateMode> = new Set(['linear', 'bilinear', 'bicubic', 'trilinear']);

function perDim(v: Size, dims: number, name: string): number[] {
  const out = typeof v === 'number' ? Array<number>(dims).fill(v) : v;
  if (out.length !== dims) {
    throw new RangeError(
      `interpolate: ${name} has ${out.length} entries but the input has ${dims} spatial dimensions`,
    );
  }
  return out;
}

/** Resizes [N, C, ...spatial] to a given size or by a scale factor. */
export function interpolate(input: Tensor, opts: InterpolateOptions): Tensor {
  const { mode = 'nearest', alignCorners, recomputeScaleFactor = false } = opts;
  if ((opts.size === undefined) === (opts.scaleFactor === undefined)) {
    throw new TypeError('interpolate: give exactly one of size or scaleFactor');
  }
  if (alignCorners !== undefined && !LINEAR_MODES.has(mode)) {
    throw new TypeError(
      'interpolate: alignCorners can only be set with the interpolating modes linear | bilinear | bicubic | trilinear',
    );
  }
  const dims = input.ndim - 2;
  if (dims < 1)
    throw new RangeError(
      `interpolate: expected an input of shape [N, C, ...spatial], got [${input.shape.join(', ')}]`,
    );
  let size = opts.size === undefined ? undefined : perDim(opts.size, dims, 'size');
  let scale = opts.scaleFactor === undefined ? undefined : perDim(opts.scaleFactor, dims, 'scaleFactor');
  if (scale && recomputeScaleFactor) {
    const spatial = input.shape.slice(2);
    size = scale.map((s, i) => Math.floor(spatial[i] * s));
    scale = undefined;
  }
  return wrap(native.nnInterpolate(input._h, mode, size, scale, alignCorners ?? false));
}

// ---- losses ----

export interface CrossEntropyOptions {
  /** Per-class weight [C]. */
  weight?: Tensor | null;
  /** Targets equal to this class index contribute nothing (and are left out of the mean). */
  ignoreIndex?: number;
  reduction?: Reduction;
  /** Mixes the target with the uniform distribution: (1 - s) * target + s / C. */
  labelSmoothing?: number;
}

/**
 * Cross entropy of logits [N, C, ...] against int64 class indices [N, ...] or class probabilities with the
 * input's shape.
 */
export function crossEntropy(input: Tensor, target: Tensor, opts: CrossEntropyOptions = {}): Tensor {
  const { weight, ignoreIndex = -100, reduction = 'mean', labelSmoothing = 0 } = opts;
  return wrap(
    native.nnCrossEntropy(input._h, target._h, handle(weight), reduction, ignoreIndex, labelSmoothing),
  );
}

/** Negative log-likelihood of log-probabilities [N, C, ...] against int64 class indices [N, ...]. */
export function nllLoss(
  input: Tensor,
  target: Tensor,
  opts: Omit<CrossEntropyOptions, 'labelSmoothing'> = {},
): Tensor {
  const { weight, ignoreIndex = -100, reduction = 'mean' } = opts;
  return wrap(native.nnNllLoss(input._h, target._h, handle(weight), reduction, ignoreIndex));
}

export interface WeightedLossOptions {
  /** Rescales each element's loss; broadcast against the input. */
  weight?: Tensor | null;
  reduction?: Reduction;
}

/**
 * Binary cross entropy of logits against targets in [0, 1] (numerically stable). posWeight, broadcast over the
 * last (class) dimension, multiplies the positive term.
 */
export function binaryCrossEntropyWithLogits(
  input: Tensor,
  target: Tensor,
  opts: WeightedLossOptions & { posWeight?: Tensor | null } = {},
): Tensor {
  const { weight, posWeight, reduction = 'mean' } = opts;
  return wrap(
    native.nnBinaryCrossEntropyWithLogits(input._h, target._h, handle(weight), handle(posWeight), reduction),
  );
}

/** Binary cross entropy of probabilities in (0, 1) against targets in [0, 1]. */
export function binaryCrossEntropy(input: Tensor, target: Tensor, opts: WeightedLossOptions = {}): Tensor {
  const { weight, reduction = 'mean' } = opts;
  return wrap(native.nnBinaryCrossEntropy(input._h, target._h, handle(weight), reduction));
}

/** Per-sample mean over classes of the logistic loss, for multi-label targets in {0, 1}; weight is per class. */
export function multilabelSoftMarginLoss(
  input: Tensor,
  target: Tensor,
  opts: WeightedLossOptions = {},
): Tensor {
  const { weight, reduction = 'mean' } = opts;
  return wrap(native.nnMultilabelSoftMarginLoss(input._h, target._h, handle(weight), reduction));
}

export function mseLoss(input: Tensor, target: Tensor, opts: { reduction?: Reduction } = {}): Tensor {
  return wrap(native.nnMseLoss(input._h, target._h, opts.reduction ?? 'mean'));
}

export function l1Loss(input: Tensor, target: Tensor, opts: { reduction?: Reduction } = {}): Tensor {
  return wrap(native.nnL1Loss(input._h, target._h, opts.reduction ?? 'mean'));
}

/** 0.5 d^2 / beta where |d| < beta, else |d| - 0.5 beta. */
export function smoothL1Loss(
  input: Tensor,
  target: Tensor,
  opts: { reduction?: Reduction; beta?: number } = {},
): Tensor {
  return wrap(native.nnSmoothL1Loss(input._h, target._h, opts.reduction ?? 'mean', opts.beta ?? 1));
}

/** 0.5 d^2 where |d| < delta, else delta (|d| - 0.5 delta): smoothL1Loss scaled by delta. */
export function huberLoss(
  input: Tensor,
  target: Tensor,
  opts: { reduction?: Reduction; delta?: number } = {},
): Tensor {
  return wrap(native.nnHuberLoss(input._h, target._h, opts.reduction ?? 'mean', opts.delta ?? 1));
}

/** int64 class indices -> int64 one-hot vectors along a new last dimension; numClasses -1 infers max + 1. */
export function oneHot(tensor: Tensor, numClasses = -1): Tensor {
  return wrap(native.nnOneHot(tensor._h, numClasses));
}
