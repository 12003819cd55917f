// Stateless layers wrapping nn.functional: activations and dropout.
import * as F from '../functional.js';
import type { Tensor } from '../../tensor.js';
import { Module } from '../module.js';

export class ReLU extends Module {
  forward(x: Tensor): Tensor {
    return F.relu(x);
  }
}

export class GELU extends Module {
  constructor(readonly approximate: 'none' | 'tanh' = 'none') {
    super();
  }

  forward(x: Tensor): Tensor {
    return F.gelu(x, { approximate: this.approximate });
  }
}

export class SiLU extends Module {
  forward(x: Tensor): Tensor {
    return F.silu(x);
  }
}

export class Sigmoid extends Module {
  forward(x: Tensor): Tensor {
    return F.sigmoid(x);
  }
}

export class Tanh extends Module {
  forward(x: Tensor): Tensor {
    return F.tanh(x);
  }
}

/** Zeroes elements with probability p in training mode (scaling the rest by 1/(1-p)); identity in eval. */
export class Dropout extends Module {
  constructor(readonly p = 0.5) {
    super();
    if (!(p >= 0 && p <= 1)) throw new RangeError(`Dropout: p must be in [0, 1], got ${p}`);
  }

  forward(x: Tensor): Tensor {
    return F.dropout(x, { p: this.p, training: this.training });
  }

  override extraRepr(): string {
    return `p=${this.p}`;
  }
}
