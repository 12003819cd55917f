// Parameter: a tensor that a Module trains. It owns its own native handle and outlives every tidy scope.
import { native } from '../native.js';
import { keep } from '../scope.js';
import { Tensor } from '../tensor.js';

export class Parameter extends Tensor {
  /**
   * Wraps `data` as a trainable leaf tensor sharing its storage (like `nn.Parameter(data)`).
   * The parameter is kept out of tidy scopes: a Module releases it with `dispose()`, or the GC does.
   */
  constructor(data: Tensor, requiresGrad = true) {
    super(native.detach(data._h));
    keep(this);
    this.requiresGrad_(requiresGrad);
  }

  override toString(): string {
    return `parameter(shape=[${this.shape.join(', ')}], dtype=${this.dtype}, device=${this.device})`;
  }
}
