// Pooling layers wrapping nn.functional.
import * as F from '../functional.js';
import type { Tensor } from '../../tensor.js';
import { Module } from '../module.js';

type Size = number | number[];

/** A window pooling layer: a kernel size and the functional's options; subclasses name the functional. */
abstract class WindowPool<O extends object> extends Module {
  constructor(
    readonly kernelSize: Size,
    readonly options: O = {} as O,
  ) {
    super();
  }
}

export class MaxPool1d extends WindowPool<F.MaxPoolOptions> {
  forward(x: Tensor): Tensor {
    return F.maxPool1d(x, this.kernelSize, this.options);
  }
}

export class MaxPool2d extends WindowPool<F.MaxPoolOptions> {
  forward(x: Tensor): Tensor {
    return F.maxPool2d(x, this.kernelSize, this.options);
  }
}

export class AvgPool1d extends WindowPool<F.AvgPoolOptions> {
  forward(x: Tensor): Tensor {
    return F.avgPool1d(x, this.kernelSize, this.options);
  }
}

export class AvgPool2d extends WindowPool<F.AvgPoolOptions & { divisorOverride?: number }> {
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
