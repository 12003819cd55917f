// The Module base class: discovers parameters and submodules from its own properties (as PyTorch's
// __setattr__ does), holds buffers by name, and provides train/eval, to(), state dicts and zeroGrad.
import { keep, tidy } from '../scope.js';
import { noGrad } from '../runtime.js';
import { Tensor, type DType, type Device } from '../tensor.js';
import { Parameter } from './parameter.js';

export type StateDict = Record<string, Tensor>;

export interface LoadResult {
  missingKeys: string[];
  unexpectedKeys: string[];
}

const FLOATING: ReadonlySet<DType> = new Set(['float32', 'float64']);

function checkName(kind: string, name: string): void {
  if (name === '' || name.includes('.')) {
    throw new TypeError(`${kind} name must be non-empty and contain no '.', got '${name}'`);
  }
}

/**
 * Base class of every layer and network. Subclasses assign `Parameter`s and child `Module`s to their
 * own properties (they are found by walking the properties in definition order, so replacing a child
 * is a plain assignment) and register non-trainable state with `registerBuffer`.
 *
 * Memory: parameters and buffers are kept out of `tidy` scopes and live until `dispose()` (or GC).
 * Run each training step inside `torch.tidy(() => { ... })` so that activations and gradients'
 * temporaries are released at the end of the step. Long loops should also yield to the event loop now
 * and then (e.g. `await new Promise(setImmediate)` every 100 steps or once per epoch): Node frees the
 * small native wrapper of each released tensor (about 200 bytes) from there.
 */
export abstract class Module {
  /** True in training mode (dropout active, batch norm uses and updates batch statistics). */
  training = true;
  readonly #buffers = new Map<string, Tensor | null>();
  readonly #nonPersistent = new Set<string>();

  constructor() {
    // Every forward runs in its own tidy scope: the temporaries it creates are released when it returns
    // (autograd keeps what backward needs), like PyTorch's reference counting frees them. Without this,
    // all activations of a step would live until the step's scope ends, costing memory and cache reuse.
    // Tensors a forward stores on the module must therefore be kept with torch.keep().
    const forward = this.forward;
    Object.defineProperty(this, 'forward', {
      value: (...args: Tensor[]) => tidy(() => forward.apply(this, args)),
      enumerable: false,
      writable: true,
      configurable: true,
    });
  }

  abstract forward(...args: Tensor[]): Tensor;

  // ---- registration ----

  /** Adds (or replaces) a parameter under `name`; same as assigning a Parameter to the property. */
  registerParameter(name: string, param: Parameter | null): Parameter | null {
    checkName('parameter', name);
    if (param !== null && !(param instanceof Parameter)) {
      throw new TypeError(`registerParameter('${name}'): expected a Parameter or null`);
    }
    Reflect.set(this, name, param);
    return param;
  }

  /** Adds (or replaces) a child module under `name`; same as assigning it to the property. */
  registerModule<M extends Module | null>(name: string, module: M): M {
    checkName('module', name);
    if (module !== null && !(module instanceof Module)) {
      throw new TypeError(`registerModule('${name}'): expected a Module or null`);
    }
    Reflect.set(this, name, module);
    return module;
  }

  /**
   * Adds non-trainable state (e.g. batch norm's running statistics). Persistent buffers are part of
   * the state dict. The tensor is kept alive across tidy scopes.
   */
  registerBuffer(name: string, tensor: Tensor | null, persistent = true): Tensor | null {
    checkName('buffer', name);
    if (tensor !== null && !(tensor instanceof Tensor))
      throw new TypeError(`registerBuffer('${name}'): expected a Tensor or null`);
    if (tensor) keep(tensor);
    this.#buffers.set(name, tensor);
    if (persistent) this.#nonPersistent.delete(name);
    else this.#nonPersistent.add(name);
    return tensor;
  }

  /** The buffer registered under `name` (throws if there is none). */
  buffer(name: string): Tensor | null {
    if (!this.#buffers.has(name)) throw new Error(`${this.constructor.name} has no buffer '${name}'`);
    return this.#buffers.get(name)!;
  }

  // ---- traversal ----

  /** Direct parameters of this module (not of its children), in property order. */
  ownParameters(): [string, Parameter][] {
    return Object.entries(this).filter((e): e is [string, Parameter] => e[1] instanceof Parameter);
  }

  *namedChildren(): Generator<[string, Module]> {
    for (const [k, v] of Object.entries(this)) if (v instanceof Module) yield [k, v];
  }

  *children(): Generator<Module> {
    for (const [, m] of this.namedChildren()) yield m;
  }

  /** This module and all descendants, each once, with dotted names ('' for this module). */
  *namedModules(prefix = '', seen = new Set<Module>()): Generator<[string, Module]> {
    if (seen.has(this)) return;
    seen.add(this);
    yield [prefix, this];
    for (const [name, child] of this.namedChildren()) {
      yield* child.namedModules(prefix ? `${prefix}.${name}` : name, seen);
    }
  }

  *modules(): Generator<Module> {
    for (const [, m] of this.namedModules()) yield m;
  }

  /** Every parameter once (shared parameters are reported under their first name). */
  *namedParameters(recurse = true): Generator<[string, Parameter]> {
    const seen = new Set<Parameter>();
    const mods: Iterable<[string, Module]> = recurse ? this.namedModules() : [['', this]];
    for (const [prefix, m] of mods) {
      for (const [name, p] of m.ownParameters()) {
        if (seen.has(p)) continue;
        seen.add(p);
        yield [prefix ? `${prefix}.${name}` : name, p];
      }
    }
  }

  parameters(recurse = true): Parameter[] {
    return Array.from(this.namedParameters(recurse), ([, p]) => p);
  }

  *namedBuffers(recurse = true): Generator<[string, Tensor]> {
    const seen = new Set<Tensor>();
    const mods: Iterable<[string, Module]> = recurse ? this.namedModules() : [['', this]];
    for (const [prefix, m] of mods) {
      for (const [name, b] of m.#buffers) {
        if (!b || seen.has(b)) continue;
        seen.add(b);
        yield [prefix ? `${prefix}.${name}` : name, b];
      }
    }
  }

  buffers(recurse = true): Tensor[] {
    return Array.from(this.namedBuffers(recurse), ([, b]) => b);
  }

  /** Number of scalar parameters (only those with requiresGrad when `trainableOnly`). */
  numParameters(trainableOnly = false): number {
    return this.parameters()
      .filter((p) => !trainableOnly || p.requiresGrad)
      .reduce((n, p) => n + p.numel(), 0);
  }

  /** Calls fn on every descendant and then on this module (PyTorch's order). */
  apply(fn: (m: Module) => void): this {
    for (const child of this.children()) child.apply(fn);
    fn(this);
    return this;
  }

  // ---- modes and devices ----

  train(mode = true): this {
    for (const m of this.modules()) m.training = mode;
    return this;
  }

  eval(): this {
    return this.train(false);
  }

  /**
   * Moves/casts parameters and buffers in place (the same Parameter objects keep their identity, so
   * optimisers built before stay valid). A dtype applies to floating-point tensors only.
   */
  to(target: Device | DType | { device?: Device; dtype?: DType }): this {
    const spec =
      typeof target === 'string'
        ? FLOATING.has(target as DType) || ['int64', 'int32', 'bool', 'uint8'].includes(target)
          ? { dtype: target as DType }
          : { device: target as Device }
        : target;
    if (spec.dtype && !FLOATING.has(spec.dtype))
      throw new TypeError(`Module.to(): dtype must be floating point, got ${spec.dtype}`);
    for (const t of [...this.parameters(), ...this.buffers()]) convertInPlace(t, spec);
    return this;
  }

  /** Clears gradients: sets them to null (default, like PyTorch 2) or zeroes them in place. */
  zeroGrad(setToNone = true): void {
    for (const p of this.parameters()) zeroGradOf(p, setToNone);
  }

  /** Releases the native memory of every parameter and buffer now. The module is unusable afterwards. */
  dispose(): void {
    for (const t of [...this.parameters(), ...this.buffers()]) t.dispose();
  }

  // ---- state dicts ----

  /**
   * Parameters and persistent buffers by dotted name, as detached tensors sharing storage with the
   * module (new handles: they belong to the caller's scope).
   */
  stateDict(): StateDict {
    const out: StateDict = {};
    for (const [prefix, m] of this.namedModules()) {
      const name = (k: string) => (prefix ? `${prefix}.${k}` : k);
      for (const [k, p] of m.ownParameters()) out[name(k)] = p.detach();
      for (const [k, b] of m.#buffers) if (b && !m.#nonPersistent.has(k)) out[name(k)] = b.detach();
    }
    return out;
  }

  /**
   * Copies values from `state` into this module's parameters and persistent buffers. Shapes and
   * dtypes must match exactly. With `strict` (default), missing or unexpected names are errors too;
   * otherwise they are returned. All problems are reported together in one error.
   */
  loadStateDict(state: StateDict, strict = true): LoadResult {
    const own = this.stateDict();
    const problems: string[] = [];
    const missingKeys = Object.keys(own).filter((k) => !(k in state));
    const unexpectedKeys = Object.keys(state).filter((k) => !(k in own));
    for (const [k, dst] of Object.entries(own)) {
      const src = state[k];
      if (!src) continue;
      if (!(src instanceof Tensor)) problems.push(`'${k}' is not a Tensor`);
      else if (src.shape.join() !== dst.shape.join()) {
        problems.push(
          `size mismatch for '${k}': checkpoint has shape [${src.shape}], the module has [${dst.shape}]`,
        );
      } else if (src.dtype !== dst.dtype) {
        problems.push(`dtype mismatch for '${k}': checkpoint has ${src.dtype}, the module has ${dst.dtype}`);
      }
    }
    if (strict) {
      if (missingKeys.length)
        problems.unshift(`missing key(s): ${missingKeys.map((k) => `'${k}'`).join(', ')}`);
      if (unexpectedKeys.length)
        problems.unshift(`unexpected key(s): ${unexpectedKeys.map((k) => `'${k}'`).join(', ')}`);
    }
    if (problems.length) {
      for (const t of Object.values(own)) t.dispose();
      throw new Error(`loadStateDict(${this.constructor.name}): ${problems.join('; ')}`);
    }
    noGrad(() => {
      for (const [k, dst] of Object.entries(own)) if (state[k]) dst.copy_(state[k]);
    });
    for (const t of Object.values(own)) t.dispose();
    return { missingKeys, unexpectedKeys };
  }

  /** A one-line-per-module summary, like PyTorch's repr. */
  toString(): string {
    const lines = [`${this.constructor.name}(${this.extraRepr()}`];
    for (const [name, child] of this.namedChildren()) {
      lines.push(`  (${name}): ${child.toString().split('\n').join('\n  ')}`);
    }
    return lines.length === 1 ? `${lines[0]})` : `${lines.join('\n')}\n)`;
  }

  /** Layer settings shown by toString(). */
  extraRepr(): string {
    return '';
  }
}

/** Replaces t's native handle by a converted one, so every holder of t sees the change. */
function convertInPlace(t: Tensor, spec: { device?: Device; dtype?: DType }): void {
  const dtype = spec.dtype && FLOATING.has(t.dtype) ? spec.dtype : undefined;
  if (!dtype && !spec.device) return;
  const requiresGrad = t.requiresGrad;
  const grad = t.grad;
  const converted = keep(noGrad(() => t.to({ device: spec.device, dtype })));
  const old = t._h;
  t._h = converted._h;
  old.dispose();
  if (requiresGrad) t.requiresGrad_(true);
  if (grad) {
    const convertedGrad = noGrad(() => grad.to({ device: spec.device, dtype }));
    t.grad = convertedGrad;
    convertedGrad.dispose();
    grad.dispose();
  }
}

/** @internal Shared by Module.zeroGrad and Optimizer.zeroGrad. */
export function zeroGradOf(p: Tensor, setToNone: boolean): void {
  const g = p.grad;
  if (!g) return;
  if (setToNone) p.grad = null;
  else g.zero_();
  g.dispose();
}
