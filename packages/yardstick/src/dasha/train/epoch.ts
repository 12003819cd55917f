// One training epoch and one evaluation pass, each batch inside torch.tidy so that activations and
// gradients are released at the end of the step. Training yields to the event loop after every batch, so a
// SIGINT handler runs (and the stop flag it sets is seen) within one batch, not at the end of a stage.
import * as torch from '@yardstick/torch';
import type { Dataset } from '../../data/types.js';
import { streamRng } from '../../common/random.js';
import { gatherBatch, type Augment, type TargetKind } from './batches.js';
import { batchIndices } from './batch-index.js';

export interface TrainContext {
  model: torch.nn.Module;
  /** Optimisers to step after every backward pass (weights, and the architecture logits during search). */
  optimizers: { zeroGrad(): void; step(): void }[];
  loss: (logits: torch.Tensor, target: torch.Tensor) => torch.Tensor;
  kind: TargetKind;
  batchSize: number;
  dropLast: boolean;
  device: torch.Device;
  augment?: Augment;
  /** Between backward and step (DASH: alpha rescaling and clipping). */
  afterBackward?: () => void;
  /** Polled between batches; true ends the epoch early (budget, SIGINT). */
  shouldStop?: () => boolean;
  /** Called before each batch with its index in the epoch and a whole epoch's batch count (per-step LR). */
  beforeBatch?: (batch: number, batches: number) => void;
}

/** Lets pending callbacks (signal handlers, timers) run between two synchronous engine steps. */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export interface EpochStats {
  meanLoss: number;
  batches: number;
  stopped: boolean;
}

/** Trains over `order` (indices into data), or only its first `maxBatches` batches. */
export async function trainEpoch(
  ctx: TrainContext,
  data: Dataset,
  order: ArrayLike<number>,
  seed: number,
  maxBatches = Infinity,
): Promise<EpochStats> {
  ctx.model.train();
  const rng = streamRng(seed);
  let total = 0;
  let batches = 0;
  const all = batchIndices(order, ctx.batchSize, ctx.dropLast);
  for (const idx of all) {
    if (batches >= maxBatches) break;
    await yieldToEventLoop();
    if (ctx.shouldStop?.()) return { meanLoss: batches ? total / batches : NaN, batches, stopped: true };
    if (idx.length < 2) continue; // BatchNorm needs more than one value per channel
    ctx.beforeBatch?.(batches, all.length);
    const loss = torch.tidy(() => {
      const { x, y } = gatherBatch(data, idx, ctx.kind, ctx.device, rng, ctx.augment);
      for (const o of ctx.optimizers) o.zeroGrad();
      const l = ctx.loss(ctx.model.forward(x), y);
      l.backward();
      ctx.afterBackward?.();
      for (const o of ctx.optimizers) o.step();
      return l.item();
    });
    total += loss;
    batches++;
  }
  return { meanLoss: batches ? total / batches : NaN, batches, stopped: false };
}

/** Logits for every sample, in order, as one Float32Array ([N, C] or [N, C, H, W] flattened). */
export function predict(
  model: torch.nn.Module,
  data: Dataset,
  kind: TargetKind,
  batchSize: number,
  device: torch.Device,
): Float32Array {
  model.eval();
  const n = data.shape[0];
  const chunks: Float32Array[] = [];
  torch.noGrad(() => {
    for (const idx of batchIndices(
      Int32Array.from({ length: n }, (_, i) => i),
      batchSize,
      false,
    )) {
      chunks.push(
        torch.tidy(
          () =>
            model
              .forward(gatherBatch(data, idx, kind, device).x)
              .float()
              .cpu()
              .dataSync() as Float32Array,
        ),
      );
    }
  });
  const out = new Float32Array(chunks.reduce((s, c) => s + c.length, 0));
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.length;
  }
  return out;
}
