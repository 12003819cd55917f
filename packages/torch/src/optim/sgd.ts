// Stochastic gradient descent with momentum, dampening, Nesterov momentum and L2 weight decay
// (PyTorch's algorithm: the first momentum buffer is the gradient itself).
import type { Tensor } from '../tensor.js';
import { Optimizer, setState, type ParamGroup, type ParamGroupInput, type ParamState } from './optimizer.js';

export interface SGDOptions {
  lr: number;
  momentum: number;
  dampening: number;
  weightDecay: number;
  nesterov: boolean;
  /** Ascend instead of descend. */
  maximize: boolean;
}

export class SGD extends Optimizer<SGDOptions> {
  constructor(
    params: Iterable<Tensor> | ParamGroupInput<SGDOptions>[],
    opts: Partial<SGDOptions> & { lr: number },
  ) {
    const defaults: SGDOptions = {
      momentum: 0,
      dampening: 0,
      weightDecay: 0,
      nesterov: false,
      maximize: false,
      ...opts,
    };
    if (!(defaults.lr >= 0)) throw new RangeError(`SGD: invalid learning rate ${defaults.lr}`);
    if (!(defaults.momentum >= 0)) throw new RangeError(`SGD: invalid momentum ${defaults.momentum}`);
    if (!(defaults.weightDecay >= 0))
      throw new RangeError(`SGD: invalid weight decay ${defaults.weightDecay}`);
    if (defaults.nesterov && (defaults.momentum <= 0 || defaults.dampening !== 0)) {
      throw new RangeError('SGD: Nesterov momentum requires a momentum and zero dampening');
    }
    super(params, defaults);
  }

  protected update(p: Tensor, grad: Tensor, g: ParamGroup<SGDOptions>, state: ParamState): void {
    let d = g.maximize ? grad.neg() : grad;
    if (g.weightDecay !== 0) d = d.add(p, g.weightDecay);
    if (g.momentum !== 0) {
      let buf = state.momentumBuffer as Tensor | undefined;
      if (!buf) buf = setState(state, 'momentumBuffer', d.clone());
      else buf.mul_(g.momentum).add_(d, 1 - g.dampening);
      d = g.nesterov ? d.add(buf, g.momentum) : buf;
    }
    p.add_(d, -g.lr);
  }
}
