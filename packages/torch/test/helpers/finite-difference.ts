// Checks autograd against float64 central finite differences. The output is reduced to a scalar through a
// fixed random projection r, so one backward(r) gives the gradient that the differences estimate.
import assert from 'node:assert/strict';
import * as torch from '@yardstick/torch';

/** A small deterministic PRNG (mulberry32) giving uniform values in [lo, hi). */
export function seededUniform(seed: number, n: number, lo = -1, hi = 1): number[] {
  let s = seed >>> 0;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out.push(lo + (hi - lo) * (((t ^ (t >>> 14)) >>> 0) / 4294967296));
  }
  return out;
}

export interface GradInput {
  data: number[];
  shape: number[];
  /** Inputs with differentiate: false (targets, indices) are passed through unchanged. */
  differentiate?: boolean;
  dtype?: torch.DType;
}

/** A float64 input of `shape` with seeded uniform values in [lo, hi). */
export function seededInput(seed: number, shape: number[], lo = -1, hi = 1): GradInput {
  return {
    data: seededUniform(
      seed,
      shape.reduce((a, b) => a * b, 1),
      lo,
      hi,
    ),
    shape,
  };
}

export interface GradCheckOptions {
  h?: number;
  rtol?: number;
  atol?: number;
}

function build(input: GradInput, data: number[], requiresGrad: boolean): torch.Tensor {
  return torch.tensor(data, { shape: input.shape, dtype: input.dtype ?? 'float64', requiresGrad });
}

/** Asserts that every differentiable input's autograd gradient of f matches (f(x+h) - f(x-h)) / 2h. */
export function checkGradients(
  f: (...xs: torch.Tensor[]) => torch.Tensor,
  inputs: GradInput[],
  opts: GradCheckOptions = {},
): void {
  const { h = 1e-6, rtol = 1e-6, atol = 1e-9 } = opts;
  const differentiable = inputs.map((x) => x.differentiate ?? true);
  torch.tidy(() => {
    const xs = inputs.map((x, i) => build(x, x.data, differentiable[i]));
    const out = f(...xs);
    const r = seededUniform(7, out.numel());
    out.backward(torch.tensor(r, { shape: out.shape, dtype: 'float64' }));
    const projected = (args: torch.Tensor[]): number =>
      torch.tidy(() => {
        const y = torch.noGrad(() => f(...args)).toArray();
        return y.reduce((acc, v, k) => acc + v * r[k], 0);
      });
    inputs.forEach((input, i) => {
      if (!differentiable[i]) return;
      const grad = xs[i].grad;
      assert.ok(grad, `input ${i} received no gradient`);
      const analytic = grad.toArray();
      for (let j = 0; j < input.data.length; j++) {
        const at = (delta: number) =>
          torch.tidy(() => {
            const moved = input.data.slice();
            moved[j] += delta;
            return projected(xs.map((x, k) => (k === i ? build(input, moved, false) : x)));
          });
        const numeric = (at(h) - at(-h)) / (2 * h);
        const err = Math.abs(analytic[j] - numeric);
        assert.ok(
          err <= atol + rtol * Math.abs(numeric),
          `input ${i} element ${j}: autograd ${analytic[j]} vs finite difference ${numeric} (error ${err})`,
        );
      }
    });
  });
}
