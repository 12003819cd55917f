// Settings for a DASHA run small enough for a test on real data: one backbone for search and retrain, a 2 x 2
// search space (the paper's 121-wide mixture is minutes per batch on CPU), one search batch, two one-epoch ASHA
// trials and a short retrain.
import type { BackboneSpec } from '../../../src/dasha/backbones/index.js';
import type { DashaOptions } from '../../../src/dasha/run.js';

export function tinyOverrides(
  net: BackboneSpec,
  batchSize: number,
  retrainEpochs: number,
): NonNullable<DashaOptions['overrides']> {
  return {
    batchSize,
    space: { kernels: [3, 5], dilations: [1, 2] },
    searchBackbone: net,
    retrainBackbone: net,
    search: { epochs: 1, batchesPerEpoch: 1 },
    asha: { numTrials: 2, maxT: 1 },
    retrain: { epochs: retrainEpochs, scheduleEpochs: retrainEpochs },
  };
}
