// Containers: Sequential and ModuleList keep their children under the property names '0', '1', ...,
// which are also their state-dict prefixes, as in PyTorch.
import type { Tensor } from '../tensor.js';
import { Module } from './module.js';

abstract class IndexedModules extends Module implements Iterable<Module> {
  [index: number]: Module;
  #length = 0;

  constructor(modules: Iterable<Module>) {
    super();
    for (const m of modules) this.append(m);
  }

  get length(): number {
    return this.#length;
  }

  append(module: Module): this {
    if (!(module instanceof Module))
      throw new TypeError(`${this.constructor.name}.append: expected a Module`);
    this[this.#length++] = module;
    return this;
  }

  /** The module at index i (negative counts from the end). */
  at(i: number): Module {
    const j = i < 0 ? this.#length + i : i;
    if (!Number.isInteger(j) || j < 0 || j >= this.#length) {
      throw new RangeError(`${this.constructor.name}: index ${i} out of range for length ${this.#length}`);
    }
    return this[j];
  }

  *[Symbol.iterator](): Iterator<Module> {
    for (let i = 0; i < this.#length; i++) yield this[i];
  }
}

/** Applies its modules in order, each to the previous one's output. */
export class Sequential extends IndexedModules {
  constructor(...modules: Module[]) {
    super(modules);
  }

  forward(x: Tensor): Tensor {
    let out = x;
    for (const m of this) out = m.forward(out);
    return out;
  }
}

/** A list of submodules whose parameters are registered; the owner decides how to call them. */
export class ModuleList extends IndexedModules {
  constructor(modules: Iterable<Module> = []) {
    super(modules);
  }

  forward(): never {
    throw new Error('ModuleList has no forward(): iterate over it and call its modules');
  }
}
