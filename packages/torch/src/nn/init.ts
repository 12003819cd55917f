// torch.nn.init: in-place initialisers with PyTorch's formulas (fans, gains, bounds).
// Random values come from libtorch's generator, so torch.manualSeed makes them reproducible.
import { noGrad } from '../runtime.js';
import { tidy } from '../scope.js';
import { rand, randn } from '../ops/creation.js';
import type { Tensor } from '../tensor.js';

export type Nonlinearity =
  | 'linear'
  | 'conv1d'
  | 'conv2d'
  | 'conv3d'
  | 'conv_transpose1d'
  | 'conv_transpose2d'
  | 'sigmoid'
  | 'tanh'
  | 'relu'
  | 'leaky_relu'
  | 'selu';
export type FanMode = 'fan_in' | 'fan_out';

/** The recommended gain for a nonlinearity (param = negative slope for leaky_relu, default 0.01). */
export function calculateGain(nonlinearity: Nonlinearity, param?: number): number {
  switch (nonlinearity) {
    case 'tanh':
      return 5 / 3;
    case 'relu':
      return Math.SQRT2;
    case 'leaky_relu': {
      const slope = param ?? 0.01;
      return Math.sqrt(2 / (1 + slope * slope));
    }
    case 'selu':
      return 3 / 4;
    default:
      return 1;
  }
}

/** fan_in = size(1) * receptive field, fan_out = size(0) * receptive field (PyTorch's definition). */
export function calculateFanInAndFanOut(t: Tensor): { fanIn: number; fanOut: number } {
  const shape = t.shape;
  if (shape.length < 2) {
    throw new RangeError(
      `fan in/out cannot be computed for a tensor with fewer than 2 dimensions (shape [${shape}])`,
    );
  }
  const receptive = shape.slice(2).reduce((a, b) => a * b, 1);
  return { fanIn: shape[1] * receptive, fanOut: shape[0] * receptive };
}

function fan(t: Tensor, mode: FanMode): number {
  const { fanIn, fanOut } = calculateFanInAndFanOut(t);
  return mode === 'fan_in' ? fanIn : fanOut;
}

/** Overwrites t (in place, without recording gradients) with values made by fill. */
function overwrite(t: Tensor, fill: () => Tensor): Tensor {
  noGrad(() =>
    tidy(() => {
      t.copy_(fill());
    }),
  );
  return t;
}

/** Fills t with U(a, b). */
export function uniform_(t: Tensor, a = 0, b = 1): Tensor {
  return overwrite(t, () =>
    rand(t.shape, { dtype: t.dtype })
      .mul(b - a)
      .add(a),
  );
}

/** Fills t with N(mean, std^2). */
export function normal_(t: Tensor, mean = 0, std = 1): Tensor {
  return overwrite(t, () => randn(t.shape, { dtype: t.dtype }).mul(std).add(mean));
}

export function constant_(t: Tensor, value: number): Tensor {
  noGrad(() => t.fill_(value));
  return t;
}

export function zeros_(t: Tensor): Tensor {
  return constant_(t, 0);
}

export function ones_(t: Tensor): Tensor {
  return constant_(t, 1);
}

/** Glorot uniform: U(-a, a) with a = gain * sqrt(6 / (fan_in + fan_out)). */
export function xavierUniform_(t: Tensor, gain = 1): Tensor {
  const { fanIn, fanOut } = calculateFanInAndFanOut(t);
  const a = gain * Math.sqrt(6 / (fanIn + fanOut));
  return uniform_(t, -a, a);
}

/** Glorot normal: N(0, std^2) with std = gain * sqrt(2 / (fan_in + fan_out)). */
export function xavierNormal_(t: Tensor, gain = 1): Tensor {
  const { fanIn, fanOut } = calculateFanInAndFanOut(t);
  return normal_(t, 0, gain * Math.sqrt(2 / (fanIn + fanOut)));
}

export interface KaimingOptions {
  /** Negative slope of the rectifier after this layer (leaky_relu only). */
  a?: number;
  mode?: FanMode;
  nonlinearity?: Nonlinearity;
}

/** He uniform: U(-b, b) with b = gain * sqrt(3 / fan); defaults as PyTorch (a=0, fan_in, leaky_relu). */
export function kaimingUniform_(t: Tensor, opts: KaimingOptions = {}): Tensor {
  const { a = 0, mode = 'fan_in', nonlinearity = 'leaky_relu' } = opts;
  const bound = calculateGain(nonlinearity, a) * Math.sqrt(3 / fan(t, mode));
  return uniform_(t, -bound, bound);
}

/** He normal: N(0, std^2) with std = gain / sqrt(fan). */
export function kaimingNormal_(t: Tensor, opts: KaimingOptions = {}): Tensor {
  const { a = 0, mode = 'fan_in', nonlinearity = 'leaky_relu' } = opts;
  return normal_(t, 0, calculateGain(nonlinearity, a) / Math.sqrt(fan(t, mode)));
}
