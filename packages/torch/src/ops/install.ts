// Internal helpers of the op families: wrappers for native ops of a common signature, and installation of
// free functions as Tensor methods (`x.name(...args)` calls `name(x, ...args)`; the method types are declared
// next to each family by declaration merging).
import { native, type BinaryOp, type OpName, type UnaryOp } from '../native.js';
import { handleOrScalar, wrap, Tensor, type Scalar } from '../tensor.js';

/** A tensor or a JS number/boolean. Whole numbers act like Python ints: `intTensor.add(1)` stays int64. */
export type Operand = Tensor | Scalar;

/** A native op of two operands, tensors or numbers (broadcast, with Python-scalar type promotion). */
export function binary(name: OpName<BinaryOp>) {
  return (a: Operand, b: Operand): Tensor => wrap(native[name](handleOrScalar(a), handleOrScalar(b)));
}
/** A native op of one tensor. */
export function unary(name: OpName<UnaryOp>) {
  return (t: Tensor): Tensor => wrap(native[name](t._h));
}

/** A free function of the tensor first; its other arguments are checked where the method type is declared. */
type Op = (self: Tensor, ...args: never[]) => unknown;

export function installMethods(methods: Record<string, Op>): void {
  for (const [name, op] of Object.entries(methods)) {
    const fn = op as (self: Tensor, ...args: unknown[]) => unknown;
    Object.defineProperty(Tensor.prototype, name, {
      value: function (this: Tensor, ...args: unknown[]) {
        return fn(this, ...args);
      },
      writable: true,
      configurable: true,
    });
  }
}
