// PyTorch's default initialisation of conv and linear layers (reset_parameters).
import * as init from '../init.js';
import type { Tensor } from '../../tensor.js';

/** weight: kaiming_uniform(a=sqrt(5)), i.e. U(±1/sqrt(fan_in)); bias: U(±1/sqrt(fan_in)). */
export function resetLinearLike(weight: Tensor, bias: Tensor | null): void {
  init.kaimingUniform_(weight, { a: Math.sqrt(5) });
  if (bias) {
    const { fanIn } = init.calculateFanInAndFanOut(weight);
    const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
    init.uniform_(bias, -bound, bound);
  }
}
