// Training checkpoints in one safetensors file: model tensors, optimiser state and scheduler position,
// so that an interrupted run (e.g. a hyperparameter-search trial) can resume exactly.
import type { Module, LoadResult, StateDict } from '../nn/module.js';
import type { OptimizerStateDict, ParamState } from '../optim/optimizer.js';
import type { SchedulerState } from '../optim/lr-scheduler.js';
import { Tensor } from '../tensor.js';
import { load, loadMetadata, save } from './safetensors.js';

const FORMAT = 'yardstick-checkpoint/1';

export interface Checkpoint {
  model: StateDict;
  /** Any optimiser's state; its hyperparameters are checked when an optimiser loads them. */
  optimizer?: OptimizerStateDict<object>;
  scheduler?: SchedulerState;
  /** Any JSON-serialisable values (epoch, best score, RNG seed...). */
  extra?: Record<string, unknown>;
}

/** Saves a training checkpoint: tensors under 'model.' and 'optimizer.<param>.<key>', the rest as JSON metadata. */
export function saveCheckpoint(path: string, ckpt: Checkpoint): void {
  const tensors: Record<string, Tensor> = {};
  for (const [k, t] of Object.entries(ckpt.model)) tensors[`model.${k}`] = t;
  const scalars: Record<number, Record<string, number>> = {};
  for (const [i, s] of Object.entries(ckpt.optimizer?.state ?? {})) {
    for (const [k, v] of Object.entries(s)) {
      if (v instanceof Tensor) tensors[`optimizer.${i}.${k}`] = v;
      else (scalars[Number(i)] ??= {})[k] = v;
    }
  }
  const metadata: Record<string, string> = { format: FORMAT };
  if (ckpt.optimizer)
    metadata.optimizer = JSON.stringify({ paramGroups: ckpt.optimizer.paramGroups, scalars });
  if (ckpt.scheduler) metadata.scheduler = JSON.stringify(ckpt.scheduler);
  if (ckpt.extra) metadata.extra = JSON.stringify(ckpt.extra);
  save(tensors, path, metadata);
}

/** Reads a checkpoint written by saveCheckpoint. */
export function loadCheckpoint(path: string): Checkpoint {
  const metadata = loadMetadata(path);
  if (metadata.format !== FORMAT)
    throw new Error(`${path}: not a yardstick checkpoint (format ${JSON.stringify(metadata.format)})`);
  const tensors = load(path);
  const model: StateDict = {};
  const state: Record<number, ParamState> = {};
  for (const [name, t] of Object.entries(tensors)) {
    const [kind, ...rest] = name.split('.');
    if (kind === 'model') model[rest.join('.')] = t;
    else if (kind === 'optimizer' && rest.length === 2) (state[Number(rest[0])] ??= {})[rest[1]] = t;
    else throw new Error(`${path}: unexpected tensor '${name}' in a checkpoint`);
  }
  const ckpt: Checkpoint = { model };
  if (metadata.optimizer) {
    const { paramGroups, scalars } = JSON.parse(metadata.optimizer) as {
      paramGroups: OptimizerStateDict<object>['paramGroups'];
      scalars: Record<number, Record<string, number>>;
    };
    for (const [i, s] of Object.entries(scalars)) Object.assign((state[Number(i)] ??= {}), s);
    ckpt.optimizer = { state, paramGroups };
  }
  if (metadata.scheduler) ckpt.scheduler = JSON.parse(metadata.scheduler) as SchedulerState;
  if (metadata.extra) ckpt.extra = JSON.parse(metadata.extra) as Record<string, unknown>;
  return ckpt;
}

/** Loads a safetensors state dict into a module, checking names, shapes and dtypes; errors name the file. */
export function loadModule(module: Module, path: string, strict = true): LoadResult {
  const state = load(path);
  try {
    return module.loadStateDict(state, strict);
  } catch (e) {
    throw new Error(`${path}: ${(e as Error).message}`);
  } finally {
    for (const t of Object.values(state)) t.dispose();
  }
}
