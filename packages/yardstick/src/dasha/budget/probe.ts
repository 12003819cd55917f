// Short measurements on this machine, for the planner: the training and evaluation cost per sample of the
// networks actually trained (a warm-up batch, then timed batches), and the intra-op thread count that trains
// fastest here (every thread count up to the cores, measured on the same batches, never assumed).
import { availableParallelism } from 'node:os';
import * as torch from '@yardstick/torch';
import type { Dataset } from '../../data/types.js';
import { buildBackbone, type BackboneSpec, type NetworkShape } from '../backbones/index.js';
import { plainConvFactory } from '../backbones/conv.js';
import { runDashSearch } from '../dash/search.js';
import type { ConvChoice, SearchSpace } from '../dash/space.js';
import { trainEpoch, predict } from '../train/epoch.js';
import type { Augment, TargetKind } from '../train/batches.js';
import { subsetDataset } from '../train/subset.js';

const { optim } = torch;

export interface NetProbe {
  backbone: BackboneSpec;
  shape: NetworkShape;
  choices?: readonly ConvChoice[];
  train: Dataset;
  kind: TargetKind;
  loss: (l: torch.Tensor, t: torch.Tensor) => torch.Tensor;
  batchSize: number;
  device: torch.Device;
  augment?: Augment;
}

export interface NetCost {
  trainSecPerSample: number;
  evalSecPerSample: number;
}

async function seconds(fn: () => unknown): Promise<number> {
  const t = performance.now();
  await fn();
  return (performance.now() - t) / 1000;
}

function sampleOf(train: Dataset, batchSize: number, batches: number): { sample: Dataset; b: number } {
  const b = Math.min(batchSize, train.shape[0]);
  return {
    sample: subsetDataset(
      train,
      Array.from({ length: Math.min(batches * b, train.shape[0]) }, (_, i) => i),
    ),
    b,
  };
}

/** Training (forward, backward, SGD step, augmentation) and evaluation seconds per sample of one network. */
export async function measureNet(o: NetProbe, timedBatches = 2): Promise<NetCost> {
  const { sample, b } = sampleOf(o.train, o.batchSize, timedBatches + 1);
  torch.manualSeed(0);
  const model = buildBackbone(
    o.backbone,
    o.shape,
    { dropRate: 0, faithful: false },
    plainConvFactory(o.choices),
  ).to(o.device);
  try {
    const opt = new optim.SGD(model.parameters(), { lr: 1e-3, momentum: 0.9, nesterov: true });
    const ctx = {
      model,
      optimizers: [opt],
      loss: o.loss,
      kind: o.kind,
      batchSize: b,
      dropLast: true,
      device: o.device,
      augment: o.augment,
    };
    const order = Int32Array.from({ length: sample.shape[0] }, (_, i) => i);
    await trainEpoch(ctx, sample, order, 0, 1); // warm-up (allocator, kernels)
    const timed = order.subarray(b);
    const n = Math.floor(timed.length / b) * b;
    const train = (await seconds(() => trainEpoch(ctx, sample, timed, 1, timedBatches))) / Math.max(1, n);
    const evalT =
      (await seconds(() => predict(model, sample, o.kind, Math.max(b, 64), o.device))) / sample.shape[0];
    return { trainSecPerSample: train, evalSecPerSample: evalT };
  } finally {
    model.dispose();
  }
}

/** Seconds per training batch of the DASH supernet (difference of a 3-batch and a 1-batch search). */
export async function measureSearchBatch(
  o: Omit<NetProbe, 'choices' | 'augment'> & { space: SearchSpace },
): Promise<number> {
  const { sample, b } = sampleOf(o.train, o.batchSize, 3);
  const run = (batches: number) =>
    seconds(() =>
      runDashSearch({
        backbone: o.backbone,
        shape: o.shape,
        space: o.space,
        train: sample,
        kind: o.kind,
        loss: o.loss,
        batchSize: b,
        epochs: 1,
        batchesPerEpoch: batches,
        gradScale: 100,
        seed: 0,
        device: o.device,
      }),
    );
  const one = await run(1);
  return Math.max(1e-6, ((await run(3)) - one) / 2);
}

export interface ThreadChoice {
  threads: number;
  /** 'YARDSTICK_THREADS' when set by the user, else 'measured' (seconds per sample per thread count). */
  source: 'YARDSTICK_THREADS' | 'measured';
  secPerSample: Record<number, number>;
  /** The probe network's cost at the chosen thread count. */
  cost: NetCost;
}

/**
 * The intra-op thread count for single-process stages: YARDSTICK_THREADS when set, else the fastest of
 * 1..cores on a short training measurement of `probe` (the engine's earlier note that 1 beat 2 threads held
 * on a loaded 2-vCPU box; on an idle or larger machine more threads win). Leaves the choice applied.
 */
export async function chooseThreads(probe: NetProbe, cores = availableParallelism()): Promise<ThreadChoice> {
  const env = process.env.YARDSTICK_THREADS;
  if (env !== undefined && env !== '') {
    torch.setNumThreads(Number(env));
    const cost = await measureNet(probe, 2);
    return {
      threads: Number(env),
      source: 'YARDSTICK_THREADS',
      secPerSample: { [Number(env)]: cost.trainSecPerSample },
      cost,
    };
  }
  const counts = [...new Set([1, ...[2, 4, 8, 16, 32, 64].filter((t) => t < cores), cores])];
  const secPerSample: Record<number, number> = {};
  const costs: Record<number, NetCost> = {};
  let best = 1;
  for (const t of counts) {
    torch.setNumThreads(t);
    costs[t] = await measureNet(probe, 2);
    secPerSample[t] = costs[t].trainSecPerSample;
    if (secPerSample[t] < secPerSample[best]) best = t;
  }
  torch.setNumThreads(best);
  return { threads: best, source: 'measured', secPerSample, cost: costs[best] };
}
