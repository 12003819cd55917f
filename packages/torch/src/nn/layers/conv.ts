// Convolution layers with PyTorch's default initialisation.
import { empty } from '../../ops/creation.js';
import * as F from '../functional.js';
import type { Tensor } from '../../tensor.js';
import { Module } from '../module.js';
import { Parameter } from '../parameter.js';
import { resetLinearLike } from './reset.js';

export interface ConvLayerOptions {
  stride?: number | number[];
  /** Zero padding per side, or 'same' / 'valid'. */
  padding?: number | number[] | 'same' | 'valid';
  dilation?: number | number[];
  groups?: number;
  /** Learnable bias (default true). */
  bias?: boolean;
}

function expand(v: number | number[], n: number, what: string): number[] {
  const out = typeof v === 'number' ? Array<number>(n).fill(v) : v;
  if (out.length !== n || out.some((x) => !Number.isInteger(x) || x < 1)) {
    throw new RangeError(`${what} must be a positive integer or ${n} of them, got ${JSON.stringify(v)}`);
  }
  return out;
}

/** Shared by Conv1d and Conv2d: weight [out, in/groups, ...kernel], bias [out]. */
abstract class ConvNd extends Module {
  weight: Parameter;
  bias: Parameter | null;
  readonly kernelSize: number[];
  readonly options: Required<Omit<ConvLayerOptions, 'bias'>>;

  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    kernelSize: number | number[],
    dims: number,
    opts: ConvLayerOptions,
  ) {
    super();
    const { stride = 1, padding = 0, dilation = 1, groups = 1, bias = true } = opts;
    if (inChannels % groups !== 0 || outChannels % groups !== 0) {
      throw new RangeError(
        `in (${inChannels}) and out (${outChannels}) channels must be divisible by groups (${groups})`,
      );
    }
    this.kernelSize = expand(kernelSize, dims, 'kernelSize');
    this.options = { stride, padding, dilation, groups };
    this.weight = new Parameter(empty([outChannels, inChannels / groups, ...this.kernelSize]));
    this.bias = bias ? new Parameter(empty([outChannels])) : null;
    this.resetParameters();
  }

  /** kaiming_uniform(a=sqrt(5)) weights and U(±1/sqrt(fan_in)) bias, as PyTorch. */
  resetParameters(): void {
    resetLinearLike(this.weight, this.bias);
  }

  override extraRepr(): string {
    const { stride, padding, dilation, groups } = this.options;
    return `${this.inChannels}, ${this.outChannels}, kernelSize=[${this.kernelSize}], stride=${stride}, padding=${padding}, dilation=${dilation}, groups=${groups}, bias=${this.bias !== null}`;
  }
}

export class Conv1d extends ConvNd {
  constructor(inChannels: number, outChannels: number, kernelSize: number, opts: ConvLayerOptions = {}) {
    super(inChannels, outChannels, kernelSize, 1, opts);
  }

  forward(x: Tensor): Tensor {
    return F.conv1d(x, this.weight, this.bias, this.options);
  }
}

export class Conv2d extends ConvNd {
  constructor(
    inChannels: number,
    outChannels: number,
    kernelSize: number | [number, number],
    opts: ConvLayerOptions = {},
  ) {
    super(inChannels, outChannels, kernelSize, 2, opts);
  }

  forward(x: Tensor): Tensor {
    return F.conv2d(x, this.weight, this.bias, this.options);
  }
}

export interface ConvTransposeLayerOptions {
  stride?: number | number[];
  padding?: number | number[];
  outputPadding?: number | number[];
  dilation?: number | number[];
  groups?: number;
  bias?: boolean;
}

/** Transposed 2-D convolution: weight [in, out/groups, kH, kW]. */
export class ConvTranspose2d extends Module {
  weight: Parameter;
  bias: Parameter | null;
  readonly kernelSize: number[];
  readonly options: Required<Omit<ConvTransposeLayerOptions, 'bias'>>;

  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    kernelSize: number | [number, number],
    opts: ConvTransposeLayerOptions = {},
  ) {
    super();
    const { stride = 1, padding = 0, outputPadding = 0, dilation = 1, groups = 1, bias = true } = opts;
    if (inChannels % groups !== 0 || outChannels % groups !== 0) {
      throw new RangeError(
        `in (${inChannels}) and out (${outChannels}) channels must be divisible by groups (${groups})`,
      );
    }
    this.kernelSize = expand(kernelSize, 2, 'kernelSize');
    this.options = { stride, padding, outputPadding, dilation, groups };
    this.weight = new Parameter(empty([inChannels, outChannels / groups, ...this.kernelSize]));
    this.bias = bias ? new Parameter(empty([outChannels])) : null;
    this.resetParameters();
  }

  resetParameters(): void {
    resetLinearLike(this.weight, this.bias);
  }

  forward(x: Tensor): Tensor {
    return F.convTranspose2d(x, this.weight, this.bias, this.options);
  }

  override extraRepr(): string {
    return `${this.inChannels}, ${this.outChannels}, kernelSize=[${this.kernelSize}], stride=${this.options.stride}, padding=${this.options.padding}`;
  }
}
