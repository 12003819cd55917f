// Pooling layers wrapping nn.functional.
import * as F from '../functional.js';
import type { Tensor } from '../../tensor.js';
import { Module } from '../module.js';

type Size = number | number[];

export class MaxPool1d extends Module {
  constructor(
    readonly kernelSize: Size,
    readonly options: F.MaxPoolOptions = {},
  ) {
    super();
  }

  forward(x: Tensor): Tensor {
    return F.maxPool1d(x, this.kernelSize, this.options);
  }
}

export class MaxPool2d extends Module {
  constructor(
    readonly kernelSize: Size,
    readonly options: F.MaxPoolOptions = {},
  ) {
    super();
  }

  forward(x: Tensor): Tensor {
    return F.maxPool2d(x, this.kernelSize, this.options);
  }
}

export class AvgPool1d extends Module {
  constructor(
    readonly kernelSize: Size,
    readonly options: F.AvgPoolOptions = {},
  ) {
    super();
  }

  forward(x: Tensor): Tensor {
    return F.avgPool1d(x, this.kernelSize, this.options);
  }
}

export class AvgPool2d extends Module {
  constructor(
    readonly kernelSize: Size,
    readonly options: F.AvgPoolOptions & { divisorOverride?: number } = {},
  ) {
    super();
  }

  forward(x: Tensor): Tensor {
    return F.avgPool2d(x, this.kernelSize, this.options);
  }
}

export class AdaptiveAvgPool1d extends Module {
  constructor(readonly outputSize: number) {
    super();
  }

  forward(x: Tensor): Tensor {
    return F.adaptiveAvgPool1d(x, this.outputSize);
  }
}

export class AdaptiveAvgPool2d extends Module {
  constructor(readonly outputSize: number | (number | null)[]) {
    super();
  }

  forward(x: Tensor): Tensor {
    return F.adaptiveAvgPool2d(x, this.outputSize);
  }
}
