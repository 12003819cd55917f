// Linear, Identity and Flatten.
import { empty } from '../../ops/creation.js';
import * as F from '../functional.js';
import type { Tensor } from '../../tensor.js';
import { Module } from '../module.js';
import { Parameter } from '../parameter.js';
import { resetLinearLike } from './reset.js';

/** y = x W^T + b with W [out, in]. */
export class Linear extends Module {
  weight: Parameter;
  bias: Parameter | null;

  constructor(
    readonly inFeatures: number,
    readonly outFeatures: number,
    opts: { bias?: boolean } = {},
  ) {
    super();
    this.weight = new Parameter(empty([outFeatures, inFeatures]));
    this.bias = (opts.bias ?? true) ? new Parameter(empty([outFeatures])) : null;
    this.resetParameters();
  }

  resetParameters(): void {
    resetLinearLike(this.weight, this.bias);
  }

  forward(x: Tensor): Tensor {
    return F.linear(x, this.weight, this.bias);
  }

  override extraRepr(): string {
    return `inFeatures=${this.inFeatures}, outFeatures=${this.outFeatures}, bias=${this.bias !== null}`;
  }
}

export class Identity extends Module {
  forward(x: Tensor): Tensor {
    return x;
  }
}

/** Flattens dimensions startDim..endDim (default 1..-1, keeping the batch dimension). */
export class Flatten extends Module {
  constructor(
    readonly startDim = 1,
    readonly endDim = -1,
  ) {
    super();
  }

  forward(x: Tensor): Tensor {
    return x.flatten(this.startDim, this.endDim);
  }
}
