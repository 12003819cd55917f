// The DASH supernet search (spec 1.5): single-level, one loss per training mini-batch updates both the
// candidate weights and the architecture logits; alpha gradients are normalised per conv and pushed
// against large receptive fields, then all gradients are clipped to global norm 1; SGD (Nesterov) for both,
// step schedule 0.2^(milestones {30,60,80} passed) - AdamW with warm-up for the UNet. Each epoch sees
// int(0.2 x batches) + 1 shuffled batches. The result is the argmax (k, d) per searchable conv.
import * as torch from '@yardstick/torch';
import type { Dataset } from '../../data/types.js';
import { buildBackbone, type BackboneSpec, type NetworkShape } from '../backbones/index.js';
import { hashSeed, streamRng } from '../../common/random.js';
import type { TargetKind } from '../train/batches.js';
import { trainEpoch } from '../train/epoch.js';
import {
  SEARCH_MILESTONES,
  rescaleMilestones,
  stepMultiplier,
  warmupLinearMultiplier,
} from '../train/schedule.js';
import { MixedConv, type MixtureEvaluation } from './mixed-conv.js';
import type { ConvChoice, SearchSpace } from './space.js';

const { nn, optim } = torch;

export interface DashSearchOptions {
  backbone: BackboneSpec;
  shape: NetworkShape;
  space: SearchSpace;
  train: Dataset;
  kind: TargetKind;
  loss: (logits: torch.Tensor, target: torch.Tensor) => torch.Tensor;
  batchSize: number;
  epochs: number;
  batchesPerEpoch: number;
  gradScale: number;
  seed: number;
  device: torch.Device;
  /** Paper epochs the schedule was written for (100; 60 for the UNet): a shorter search keeps its shape. */
  scheduleEpochs?: number;
  evaluation?: MixtureEvaluation;
  shouldStop?: () => boolean;
  onEpoch?: (e: { epoch: number; loss: number; choices: ConvChoice[] }) => void;
}

export interface DashSearchResult {
  choices: ConvChoice[];
  /** Raw architecture logits per searchable conv, for the record. */
  alphas: number[][];
  epochsDone: number;
  stopped: boolean;
}

export function mixedConvs(model: torch.nn.Module): MixedConv[] {
  return [...model.modules()].filter((m): m is MixedConv => m instanceof MixedConv);
}

export async function runDashSearch(o: DashSearchOptions): Promise<DashSearchResult> {
  torch.manualSeed(o.seed);
  const model = buildBackbone(
    o.backbone,
    o.shape,
    { dropRate: 0, faithful: false },
    (slot) =>
      new MixedConv({
        dims: slot.dims,
        inChannels: slot.inChannels,
        outChannels: slot.outChannels,
        stride: slot.stride,
        bias: slot.bias,
        biasFanIn: slot.inChannels * slot.defaultKernel ** slot.dims,
        space: o.space,
        separable: true,
        noiseSeed: hashSeed(o.seed, slot.index, 0x9b),
        evaluation: o.evaluation,
      }),
  ).to(o.device);
  try {
    const convs = mixedConvs(model);
    const alphas = new Set<torch.Tensor>(convs.map((c) => c.alpha));
    const weights = model.parameters().filter((p) => !alphas.has(p));
    const unet = o.backbone.kind === 'unet';
    const [wOpt, aOpt] = unet
      ? [
          new optim.AdamW(weights, { lr: 2e-4, weightDecay: 0.05 }),
          new optim.AdamW([...alphas], { lr: 1e-4, weightDecay: 0.05 }),
        ]
      : [
          new optim.SGD(weights, { lr: 0.1, momentum: 0.9, nesterov: true, weightDecay: 5e-4 }),
          new optim.SGD([...alphas], { lr: 0.05, momentum: 0.9, nesterov: true, weightDecay: 5e-4 }),
        ];
    const baseLr = [wOpt.paramGroups[0].lr, aOpt.paramGroups[0].lr];
    const paperEpochs = o.scheduleEpochs ?? (unet ? 60 : 100);
    const multiplier = (epoch: number): number =>
      unet
        ? warmupLinearMultiplier(epoch, 5, Math.round((65 * o.epochs) / paperEpochs))
        : stepMultiplier(epoch, rescaleMilestones(SEARCH_MILESTONES, paperEpochs, o.epochs));
    const n = o.train.shape[0];
    let epoch = 0;
    let stopped = false;
    for (; epoch < o.epochs && !stopped; epoch++) {
      const f = multiplier(epoch);
      wOpt.setLr(baseLr[0] * f);
      aOpt.setLr(baseLr[1] * f);
      const order = streamRng(hashSeed(o.seed, epoch, 0x5e)).permutation(n);
      const stats = await trainEpoch(
        {
          model,
          optimizers: [wOpt, aOpt],
          loss: o.loss,
          kind: o.kind,
          batchSize: o.batchSize,
          dropLast: true,
          device: o.device,
          afterBackward: () => {
            for (const c of convs) c.rescaleAlphaGrad(o.gradScale);
            nn.utils.clipGradNorm_(model.parameters(), 1.0);
          },
          shouldStop: o.shouldStop,
        },
        o.train,
        order,
        hashSeed(o.seed, epoch, 0xa6),
        o.batchesPerEpoch,
      );
      stopped = stats.stopped;
      if (stats.batches > 0)
        o.onEpoch?.({ epoch, loss: stats.meanLoss, choices: convs.map((c) => c.choice()) });
    }
    return {
      choices: convs.map((c) => c.choice()),
      alphas: convs.map((c) => c.alpha.toArray()),
      epochsDone: epoch,
      stopped,
    };
  } finally {
    model.dispose();
  }
}
