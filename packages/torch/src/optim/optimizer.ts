// The Optimizer base: parameter groups with per-group hyperparameters, per-parameter state, zeroGrad,
// and state dicts that identify parameters by their position (so they survive a process restart).
import { zeroGradOf } from '../nn/module.js';
import { noGrad } from '../runtime.js';
import { keep, tidy } from '../scope.js';
import { Tensor, type Device } from '../tensor.js';

/** Per-parameter optimiser state: tensors (momentum buffers, moments) and numbers (step counts). */
export type ParamState = Record<string, Tensor | number>;

/** A parameter group: its parameters plus the hyperparameters they use (missing ones take the defaults). */
export type ParamGroup<H> = H & { params: Tensor[] };
export type ParamGroupInput<H> = Partial<H> & { params: Iterable<Tensor> };

export interface OptimizerStateDict<H> {
  /** State by parameter index (counting through the groups in order). */
  state: Record<number, ParamState>;
  /** Hyperparameters of each group, with parameter indices instead of tensors. */
  paramGroups: (H & { params: number[] })[];
}

/** Stores a state tensor: kept out of the step's tidy scope, replacing (and freeing) an older one. */
export function setState(state: ParamState, key: string, t: Tensor): Tensor {
  const old = state[key];
  if (old instanceof Tensor && old !== t) old.dispose();
  state[key] = keep(t);
  return t;
}

export abstract class Optimizer<H extends { lr: number }> {
  readonly paramGroups: ParamGroup<H>[] = [];
  readonly state = new Map<Tensor, ParamState>();

  constructor(
    params: Iterable<Tensor> | ParamGroupInput<H>[],
    readonly defaults: H,
  ) {
    const list = Array.from(params as Iterable<Tensor | ParamGroupInput<H>>);
    if (list.length === 0) throw new Error(`${this.constructor.name}: got an empty parameter list`);
    const groups =
      list[0] instanceof Tensor
        ? [{ params: list } as unknown as ParamGroupInput<H>]
        : (list as ParamGroupInput<H>[]);
    for (const g of groups) this.addParamGroup(g);
  }

  /** Adds a group; hyperparameters it does not set come from the defaults. */
  addParamGroup(group: ParamGroupInput<H>): void {
    const params = Array.from(group.params);
    const seen = new Set(this.paramGroups.flatMap((g) => g.params));
    for (const p of params) {
      if (!(p instanceof Tensor))
        throw new TypeError(`${this.constructor.name}: parameter groups must contain Tensors`);
      if (!p.isLeaf) throw new Error(`${this.constructor.name}: can't optimize a non-leaf Tensor`);
      if (seen.has(p))
        throw new Error(`${this.constructor.name}: a parameter appears in more than one group`);
      seen.add(p);
    }
    this.paramGroups.push({ ...this.defaults, ...group, params });
  }

  /** Clears the gradients of every optimised parameter (to null by default, or zeroes them in place). */
  zeroGrad(setToNone = true): void {
    for (const g of this.paramGroups) for (const p of g.params) zeroGradOf(p, setToNone);
  }

  /**
   * Performs one update from the current gradients. Runs without autograd and inside a tidy scope,
   * so the update leaves no temporaries behind; parameters without a gradient are skipped.
   */
  step(): void {
    noGrad(() =>
      tidy(() => {
        for (const group of this.paramGroups) {
          for (const p of group.params) {
            const grad = p.grad;
            if (grad) this.update(p, grad, group, this.stateOf(p));
          }
        }
      }),
    );
  }

  /** Updates one parameter in place. `state` persists between steps; store tensors with `keep`. */
  protected abstract update(param: Tensor, grad: Tensor, group: ParamGroup<H>, state: ParamState): void;

  private stateOf(p: Tensor): ParamState {
    let s = this.state.get(p);
    if (!s) this.state.set(p, (s = {}));
    return s;
  }

  /** Sets the learning rate of every group. */
  setLr(lr: number): void {
    for (const g of this.paramGroups) g.lr = lr;
  }

  /** State and hyperparameters with parameters numbered by position; tensors are copies. */
  stateDict(): OptimizerStateDict<H> {
    const index = new Map<Tensor, number>();
    const paramGroups = this.paramGroups.map((g) => {
      const { params, ...hyper } = g;
      const positions = params.map((p) => {
        index.set(p, index.size);
        return index.size - 1;
      });
      return { ...(hyper as unknown as H), params: positions };
    });
    const state: Record<number, ParamState> = {};
    for (const [p, s] of this.state) {
      const i = index.get(p);
      if (i === undefined) continue;
      state[i] = Object.fromEntries(
        Object.entries(s).map(([k, v]) => [k, v instanceof Tensor ? v.clone() : v]),
      );
    }
    return { state, paramGroups };
  }

  /**
   * Restores state saved by stateDict() into an optimiser built over the same parameters in the same order.
   * The saved hyperparameters replace the groups' (a checkpoint holds them untyped, as JSON).
   */
  loadStateDict(sd: OptimizerStateDict<Partial<H>>): void {
    const name = this.constructor.name;
    if (sd.paramGroups.length !== this.paramGroups.length) {
      throw new Error(
        `${name}.loadStateDict: the state has ${sd.paramGroups.length} parameter groups, the optimizer ${this.paramGroups.length}`,
      );
    }
    const params = this.paramGroups.flatMap((g) => g.params);
    sd.paramGroups.forEach((saved, i) => {
      if (saved.params.length !== this.paramGroups[i].params.length) {
        throw new Error(
          `${name}.loadStateDict: group ${i} has ${saved.params.length} parameters in the state, ${this.paramGroups[i].params.length} in the optimizer`,
        );
      }
    });
    for (const [i, s] of Object.entries(sd.state)) {
      const p = params[Number(i)];
      if (!p)
        throw new Error(
          `${name}.loadStateDict: state for parameter ${i}, but the optimizer has ${params.length}`,
        );
      for (const [k, v] of Object.entries(s)) {
        if (v instanceof Tensor && v.shape.join() !== p.shape.join()) {
          throw new Error(
            `${name}.loadStateDict: state '${k}' of parameter ${i} has shape [${v.shape}], the parameter [${p.shape}]`,
          );
        }
      }
    }
    for (const s of this.state.values())
      for (const v of Object.values(s)) if (v instanceof Tensor) v.dispose();
    this.state.clear();
    sd.paramGroups.forEach((saved, i) => {
      const { params: _indices, ...hyper } = saved;
      Object.assign(this.paramGroups[i], hyper);
    });
    for (const [i, s] of Object.entries(sd.state)) {
      const p = params[Number(i)];
      const copy = (v: Tensor) =>
        keep(tidy(() => v.to({ device: p.device as Device, dtype: p.dtype }).clone()));
      this.state.set(
        p,
        Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v instanceof Tensor ? copy(v) : v])),
      );
    }
  }
}
