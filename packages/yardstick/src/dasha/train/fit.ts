// Training the plain (retrain) network: the ASHA trial session (spec 2.2) and the final retrain (spec 2.3).
// Both build the network fresh from the searched (k, d) list; the retrain starts from the winning trial's
// saved initial weights. Checkpoints are selected on validation only.
import * as torch from '@yardstick/torch';
import type { Dataset } from '../../data/types.js';
import { buildBackbone, type BackboneSpec, type NetworkShape } from '../backbones/index.js';
import { plainConvFactory } from '../backbones/conv.js';
import type { ConvChoice } from '../dash/space.js';
import type { HyperParams } from '../asha/sampler.js';
import type { TrialSession } from '../asha/search.js';
import { hashSeed, streamRng } from '../../common/random.js';
import { trainEpoch, predict } from './epoch.js';
import type { Augment, TargetKind } from './batches.js';
import { loadWeights, saveWeights } from './checkpoint.js';

const { optim } = torch;

export interface NetSetup {
  backbone: BackboneSpec;
  shape: NetworkShape;
  choices: readonly ConvChoice[];
  faithful: boolean;
  device: torch.Device;
}

export interface DataSetup {
  kind: TargetKind;
  loss: (logits: torch.Tensor, target: torch.Tensor) => torch.Tensor;
  /** Scores logits of `data` (higher is better). */
  score: (logits: Float32Array, data: Dataset) => number;
  batchSize: number;
  /** Drop the last partial training batch (images, as the reference). */
  dropLast: boolean;
  augment?: Augment;
}

/** Seeds libtorch's generator and builds the plain network (so a seed fixes the initial weights and dropout). */
export function buildPlainNet(net: NetSetup, dropRate: number, seed: number): torch.nn.Module {
  torch.manualSeed(seed);
  return buildBackbone(
    net.backbone,
    net.shape,
    { dropRate, faithful: net.faithful },
    plainConvFactory(net.choices),
  ).to(net.device);
}

/** SGD with the sampled momentum (Nesterov when momentum > 0) and weight decay; AdamW for the UNet. */
export function hpoOptimizer(
  model: torch.nn.Module,
  p: HyperParams,
  backbone: BackboneSpec,
): { setLr(lr: number): void; zeroGrad(): void; step(): void } {
  if (backbone.kind === 'unet')
    return new optim.AdamW(model.parameters(), { lr: p.lr, weightDecay: p.weightDecay });
  return new optim.SGD(model.parameters(), {
    lr: p.lr,
    momentum: p.momentum,
    nesterov: p.momentum > 0,
    weightDecay: p.weightDecay,
  });
}

export interface FitOptions {
  net: NetSetup;
  data: DataSetup;
  params: HyperParams;
  train: Dataset;
  val: Dataset;
  /** LR multiplier for a 0-indexed epoch. */
  lrMultiplier: (epoch: number) => number;
  /** Per-step multiplier instead (epoch 1-based, batch index, batches in the epoch): warm-up + cosine. */
  lrAtStep?: (epoch: number, batch: number, batches: number) => number;
  shouldStop?: () => boolean;
}

/** One model being trained epoch by epoch: used as an ASHA trial session and for the final retrain. */
export class FitSession implements TrialSession {
  readonly model: torch.nn.Module;
  private readonly opt: ReturnType<typeof hpoOptimizer>;
  stopped = false;
  lastLoss = NaN;

  constructor(
    private readonly o: FitOptions,
    readonly initWeightsPath: string | null,
    /** Start from these saved initial weights instead of fresh ones (the retrain). */
    initFrom?: string,
  ) {
    this.model = buildPlainNet(o.net, o.params.dropRate, o.params.randomSeed);
    if (initFrom) loadWeights(this.model, initFrom);
    else if (initWeightsPath) saveWeights(this.model, initWeightsPath);
    this.opt = hpoOptimizer(this.model, o.params, o.net.backbone);
  }

  /** Trains epoch `epoch` (1-based, as ASHA counts), or its first `maxBatches`, and returns the validation score. */
  async trainEpoch(epoch: number, maxBatches = Infinity): Promise<number> {
    const { o } = this;
    this.opt.setLr(o.params.lr * o.lrMultiplier(epoch - 1));
    const n = o.train.shape[0];
    const order = streamRng(hashSeed(o.params.randomSeed, epoch, 0x0d)).permutation(n);
    const stats = await trainEpoch(
      {
        model: this.model,
        optimizers: [this.opt],
        loss: o.data.loss,
        kind: o.data.kind,
        batchSize: o.data.batchSize,
        dropLast: o.data.dropLast,
        device: o.net.device,
        augment: o.data.augment,
        shouldStop: o.shouldStop,
        beforeBatch: o.lrAtStep
          ? (b, nb) => this.opt.setLr(o.params.lr * o.lrAtStep!(epoch, b, nb))
          : undefined,
      },
      o.train,
      order,
      hashSeed(o.params.randomSeed, epoch, 0xa7),
      maxBatches,
    );
    this.stopped = stats.stopped;
    this.lastLoss = stats.meanLoss;
    return this.evaluate(o.val);
  }

  evaluate(ds: Dataset): number {
    const logits = predict(
      this.model,
      ds,
      this.o.data.kind,
      Math.max(this.o.data.batchSize, 64),
      this.o.net.device,
    );
    const s = this.o.data.score(logits, ds);
    return Number.isFinite(s) ? s : -Infinity;
  }

  /** Where saveSnapshot() writes the weights (the run's best-so-far model). */
  snapshotPath: string | null = null;

  saveSnapshot(): void {
    if (this.snapshotPath) saveWeights(this.model, this.snapshotPath);
  }

  close(): void {
    this.model.dispose();
  }
}
