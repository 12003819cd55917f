// A short measurement of step times on this machine, for the planner: two supernet batches, two training
// batches and one evaluation pass of the plain network at a probe width, each timed after a warm-up batch.
import * as torch from '@yardstick/torch';
import type { Dataset } from '../../data/types.js';
import { buildBackbone, macsPerSample, type BackboneSpec, type NetworkShape } from '../backbones/index.js';
import { plainConvFactory } from '../backbones/conv.js';
import { runDashSearch } from '../dash/search.js';
import type { SearchSpace } from '../dash/space.js';
import { trainEpoch, predict } from '../train/epoch.js';
import type { TargetKind } from '../train/batches.js';
import { subsetDataset } from '../train/subset.js';
import type { ProbeResult } from './planner.js';

const { optim } = torch;

export interface ProbeOptions {
  searchBackbone: BackboneSpec;
  probeBackbone: BackboneSpec;
  shape: NetworkShape;
  space: SearchSpace;
  train: Dataset;
  kind: TargetKind;
  loss: (l: torch.Tensor, t: torch.Tensor) => torch.Tensor;
  batchSize: number;
  device: torch.Device;
}

function seconds(fn: () => void): number {
  const t = performance.now();
  fn();
  return (performance.now() - t) / 1000;
}

export function probeStepTimes(o: ProbeOptions): ProbeResult {
  const b = Math.min(o.batchSize, o.train.shape[0]);
  const sample = subsetDataset(o.train, Array.from({ length: Math.min(3 * b, o.train.shape[0]) }, (_, i) => i));
  const searchRun = (batches: number) =>
    seconds(() => runDashSearch({ backbone: o.searchBackbone, shape: o.shape, space: o.space, train: sample, kind: o.kind, loss: o.loss, batchSize: b, epochs: 1, batchesPerEpoch: batches, gradScale: 100, seed: 0, device: o.device }));
  // the difference of a 3-batch and a 1-batch search is the cost of two batches, without set-up
  const searchSecPerSample = Math.max(1e-6, (searchRun(3) - searchRun(1)) / (2 * b));

  torch.manualSeed(0);
  const model = buildBackbone(o.probeBackbone, o.shape, { dropRate: 0, faithful: false }, plainConvFactory()).to(o.device);
  try {
    const opt = new optim.SGD(model.parameters(), { lr: 1e-3, momentum: 0.9 });
    const ctx = { model, optimizers: [opt], loss: o.loss, kind: o.kind, batchSize: b, dropLast: true, device: o.device };
    const order = Int32Array.from({ length: sample.shape[0] }, (_, i) => i);
    trainEpoch(ctx, sample, order, 0, 1); // warm-up
    const train = seconds(() => trainEpoch(ctx, sample, order, 1, 2)) / (2 * b);
    const evalT = seconds(() => predict(model, sample, o.kind, b, o.device)) / sample.shape[0];
    const macs = macsPerSample(o.probeBackbone, o.shape);
    return { searchSecPerSample, trainSecPerMac: train / macs, evalSecPerMac: evalT / macs };
  } finally {
    model.dispose();
  }
}
