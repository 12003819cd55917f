// Deterministic release of native memory: tensors created inside a scope are disposed when it ends,
// except those returned from it or explicitly kept (like tfjs's tidy).
import type { Tensor } from './tensor.js';

const stack: Set<Tensor>[] = [];

/** @internal Called by every Tensor constructor. */
export function track(t: Tensor): void {
  stack[stack.length - 1]?.add(t);
}

/** Removes a tensor from every open scope so that it outlives them. Returns it for chaining. */
export function keep<T extends Tensor>(t: T): T {
  for (const s of stack) s.delete(t);
  return t;
}

function collect(value: unknown, out: Set<Tensor>, seen = new Set<unknown>()): void {
  if (value === null || typeof value !== 'object' || seen.has(value)) return;
  seen.add(value);
  if ((value as { _isTensor?: boolean })._isTensor) {
    out.add(value as Tensor);
    return;
  }
  if (Array.isArray(value)) for (const v of value) collect(v, out, seen);
  else if (value instanceof Map) for (const v of value.values()) collect(v, out, seen);
  else if (Object.getPrototypeOf(value) === Object.prototype)
    for (const v of Object.values(value)) collect(v, out, seen);
}

/**
 * Runs `fn` and disposes every tensor created during it, except the tensors found in its result
 * (a Tensor, or arrays / plain objects / Maps containing tensors), which move to the enclosing scope.
 */
export function tidy<R>(fn: () => R): R {
  const scope = new Set<Tensor>();
  stack.push(scope);
  let result: R;
  try {
    result = fn();
  } catch (e) {
    stack.pop();
    for (const t of scope) t.dispose();
    throw e;
  }
  stack.pop();
  if (result instanceof Promise) {
    throw new Error(
      'tidy(): the function returned a Promise; use tidyAsync-free code or dispose tensors explicitly',
    );
  }
  const kept = new Set<Tensor>();
  collect(result, kept);
  const parent = stack[stack.length - 1];
  for (const t of scope) {
    if (kept.has(t)) parent?.add(t);
    else t.dispose();
  }
  return result;
}

/** Number of open tidy scopes (for diagnostics and tests). */
export function scopeDepth(): number {
  return stack.length;
}
