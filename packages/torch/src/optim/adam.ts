// Adam and AdamW (decoupled weight decay), with bias correction and optional AMSGrad, following
// PyTorch's update order exactly.
import type { Tensor } from '../tensor.js';
import { zerosLike } from '../ops/creation.js';
import { Optimizer, setState, type ParamGroup, type ParamGroupInput, type ParamState } from './optimizer.js';

export interface AdamOptions {
  lr: number;
  betas: [number, number];
  eps: number;
  weightDecay: number;
  amsgrad: boolean;
  maximize: boolean;
}

type AdamInput = Iterable<Tensor> | ParamGroupInput<AdamOptions>[];

/** PyTorch's defaults (fresh each time: a group's betas may be changed in place); Adam and AdamW differ only in
 * their default weight decay. */
const defaults = (weightDecay: number): AdamOptions => ({
  lr: 1e-3,
  betas: [0.9, 0.999],
  eps: 1e-8,
  weightDecay,
  amsgrad: false,
  maximize: false,
});

function validated(name: string, o: AdamOptions): AdamOptions {
  if (!(o.lr >= 0)) throw new RangeError(`${name}: invalid learning rate ${o.lr}`);
  if (!(o.eps >= 0)) throw new RangeError(`${name}: invalid epsilon ${o.eps}`);
  o.betas.forEach((b, i) => {
    if (!(b >= 0 && b < 1)) throw new RangeError(`${name}: invalid beta parameter at index ${i}: ${b}`);
  });
  if (!(o.weightDecay >= 0)) throw new RangeError(`${name}: invalid weight decay ${o.weightDecay}`);
  return o;
}

/**
 * One Adam step on p: moments m, v (and the running max of v for AMSGrad), then
 * p -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps).
 */
function adamStep(p: Tensor, grad: Tensor, g: ParamGroup<AdamOptions>, state: ParamState, l2: number): void {
  const [b1, b2] = g.betas;
  const step = ((state.step as number | undefined) ?? 0) + 1;
  state.step = step;
  const m = (state.expAvg as Tensor | undefined) ?? setState(state, 'expAvg', zerosLike(p));
  const v = (state.expAvgSq as Tensor | undefined) ?? setState(state, 'expAvgSq', zerosLike(p));
  let d = g.maximize ? grad.neg() : grad;
  if (l2 !== 0) d = d.add(p, l2);
  m.mul_(b1).add_(d, 1 - b1);
  v.mul_(b2).addcmul_(d, d, 1 - b2);
  let second = v;
  if (g.amsgrad) {
    const prevMax = state.maxExpAvgSq as Tensor | undefined;
    second = setState(state, 'maxExpAvgSq', prevMax ? prevMax.maximum(v) : v.clone());
  }
  const denom = second
    .sqrt()
    .div(Math.sqrt(1 - b2 ** step))
    .add_(g.eps);
  p.addcdiv_(m, denom, -g.lr / (1 - b1 ** step));
}

/** Adam; weightDecay is an L2 penalty added to the gradient. */
export class Adam extends Optimizer<AdamOptions> {
  constructor(params: AdamInput, opts: Partial<AdamOptions> = {}) {
    super(params, validated('Adam', { ...defaults(0), ...opts }));
  }

  protected update(p: Tensor, grad: Tensor, g: ParamGroup<AdamOptions>, state: ParamState): void {
    adamStep(p, grad, g, state, g.weightDecay);
  }
}

/** AdamW: weight decay shrinks the parameters directly (p *= 1 - lr * weightDecay) before the Adam step. */
export class AdamW extends Optimizer<AdamOptions> {
  constructor(params: AdamInput, opts: Partial<AdamOptions> = {}) {
    super(params, validated('AdamW', { ...defaults(1e-2), ...opts }));
  }

  protected update(p: Tensor, grad: Tensor, g: ParamGroup<AdamOptions>, state: ParamState): void {
    if (g.weightDecay !== 0) p.mul_(1 - g.lr * g.weightDecay);
    adamStep(p, grad, g, state, 0);
  }
}
