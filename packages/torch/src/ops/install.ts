// Installs free functions as Tensor methods: `x.name(...args)` calls `name(x, ...args)`.
// The matching method types are declared next to each family by declaration merging.
import { Tensor } from '../tensor.js';

type Op = (self: Tensor, ...args: any[]) => unknown;

export function installMethods(methods: Record<string, Op>): void {
  for (const [name, fn] of Object.entries(methods)) {
    Object.defineProperty(Tensor.prototype, name, {
      value: function (this: Tensor, ...args: unknown[]) {
        return fn(this, ...args);
      },
      writable: true,
      configurable: true,
    });
  }
}
