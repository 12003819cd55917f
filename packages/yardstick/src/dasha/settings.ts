// Resolved DASHA settings per task family: `paper` follows the spec's tables exactly; `budget` starts from
// them and lets the planner shrink width, lengths and trial counts to fit the time budget.
import type { BackboneSpec } from './backbones/index.js';
import { GENOMICS_SPACE, SATELLITE_SPACE, SATELLITE_WIDE_SPACE, type SearchSpace } from './dash/space.js';
import type { Modality } from './train/loss.js';

export type DashaMode = 'paper' | 'budget';

export interface DashaSettings {
  searchBackbone: BackboneSpec;
  retrainBackbone: BackboneSpec;
  space: SearchSpace;
  batchSize: number;
  gradScale: number;
  search: { epochs: number; batchesPerEpoch: number | 'quick'; scheduleEpochs: number };
  asha: {
    numTrials: number;
    maxT: number;
    gracePeriod: number;
    reductionFactor: number;
    subsample: number | null;
  };
  retrain: { epochs: number; scheduleEpochs: number };
  /** Reproduce the reference's quirks (architecture and reporting); evaluation stays honest in both modes. */
  faithful: boolean;
  reporting: 'running-max' | 'last';
}

/** Spec 2.5 per task family; `taskId` picks the satellite space and grad scale (eurosat/so2sat: wide, 1000/500). */
export function paperSettings(modality: Modality, taskId: string): DashaSettings {
  const common = {
    asha: { numTrials: 120, maxT: 20, gracePeriod: 1, reductionFactor: 2, subsample: null },
    faithful: true,
    reporting: 'running-max' as const,
  };
  if (modality === 'dna')
    return { ...common, ...oneBackbone({ kind: 'resnet1d', width: 128 }, GENOMICS_SPACE, 128, 100, 200) };
  if (modality === 'segmentation')
    return {
      ...common,
      ...oneBackbone({ kind: 'unet', base: 64, head: 'segment' }, SATELLITE_SPACE, 16, 60, 100),
    };
  const wide = /eurosat|so2sat|bigearthnet/i.test(taskId);
  return {
    ...common,
    searchBackbone: { kind: 'wrn', depth: 22, widen: 1 },
    retrainBackbone: { kind: 'wrn', depth: 22, widen: 8 },
    space: wide ? SATELLITE_WIDE_SPACE : SATELLITE_SPACE,
    batchSize: 16,
    gradScale: /eurosat/i.test(taskId) ? 1000 : /bigearthnet/i.test(taskId) ? 100 : 500,
    search: { epochs: 100, batchesPerEpoch: 'quick', scheduleEpochs: 100 },
    retrain: { epochs: 200, scheduleEpochs: 200 },
  };
}

/** A family that searches and retrains one backbone at grad scale 100, each schedule as long as its epochs. */
function oneBackbone(
  net: BackboneSpec,
  space: SearchSpace,
  batchSize: number,
  searchEpochs: number,
  retrainEpochs: number,
): Omit<DashaSettings, 'asha' | 'faithful' | 'reporting'> {
  return {
    searchBackbone: net,
    retrainBackbone: net,
    space,
    batchSize,
    gradScale: 100,
    search: { epochs: searchEpochs, batchesPerEpoch: 'quick', scheduleEpochs: searchEpochs },
    retrain: { epochs: retrainEpochs, scheduleEpochs: retrainEpochs },
  };
}

/** Widths the budget planner may choose from, widest first, and the narrow width the budgeted search runs at. */
export function budgetWidths(modality: Modality): {
  widths: number[];
  searchBackbone: BackboneSpec;
  withWidth: (w: number) => BackboneSpec;
} {
  if (modality === 'dna')
    return {
      widths: [128, 64, 32, 16],
      searchBackbone: { kind: 'resnet1d', width: 16 },
      withWidth: (w) => ({ kind: 'resnet1d', width: w }),
    };
  if (modality === 'segmentation')
    return {
      widths: [64, 32, 16, 8],
      searchBackbone: { kind: 'unet', base: 8, head: 'segment' },
      withWidth: (w) => ({ kind: 'unet', base: w, head: 'segment' }),
    };
  return {
    widths: [8, 4, 2, 1],
    searchBackbone: { kind: 'wrn', depth: 10, widen: 1 },
    withWidth: (w) => ({ kind: 'wrn', depth: 10, widen: w }),
  };
}
