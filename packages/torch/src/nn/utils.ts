// torch.nn.utils: gradient clipping.
import { noGrad } from '../runtime.js';
import { tidy } from '../scope.js';
import { stack } from '../ops/shape.js';
import type { Tensor } from '../tensor.js';

function gradsOf(params: Iterable<Tensor>): Tensor[] {
  return Array.from(params, (p) => p.grad).filter((g): g is Tensor => g !== null);
}

/**
 * Scales all gradients together so that their joint norm (the norm of the per-parameter norms) is at
 * most maxNorm, as PyTorch's clip_grad_norm_ (coefficient maxNorm / (norm + 1e-6)). Returns the norm
 * before clipping. normType may be Infinity.
 */
export function clipGradNorm_(params: Iterable<Tensor>, maxNorm: number, normType = 2): number {
  return noGrad(() =>
    tidy(() => {
      const grads = gradsOf(params);
      if (grads.length === 0) return 0;
      const total = stack(grads.map((g) => g.norm(normType)))
        .norm(normType)
        .item();
      if (!Number.isFinite(total)) {
        throw new Error(
          `clipGradNorm_: the total gradient norm is ${total}; gradients contain NaN or infinity`,
        );
      }
      const coef = maxNorm / (total + 1e-6);
      if (coef < 1) for (const g of grads) g.mul_(coef);
      return total;
    }),
  );
}

/** Clamps every gradient element to [-clipValue, clipValue]. */
export function clipGradValue_(params: Iterable<Tensor>, clipValue: number): void {
  noGrad(() =>
    tidy(() => {
      for (const g of gradsOf(params)) g.clamp_(-clipValue, clipValue);
    }),
  );
}
