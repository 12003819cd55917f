// Random search over DASHA's training hyperparameters (spec 2.1). Each trial's configuration depends only
// on (search seed, trial index), so a resumed search regenerates exactly the configurations it would have
// drawn, whatever ran before.
import { hashSeed, streamRng } from '../../common/random.js';

export interface HyperParams {
  /** Seed for the trial's initial weights, data order and dropout. */
  randomSeed: number;
  lr: number;
  dropRate: number;
  weightDecay: number;
  momentum: number;
}

export interface HyperSpace {
  randomSeed: { low: number; high: number }; // integer, [low, high)
  lr: { low: number; high: number }; // log-uniform
  dropRate: readonly number[]; // categorical
  weightDecay: { low: number; high: number }; // log-uniform
  momentum: { low: number; high: number }; // uniform
}

/** The space of the reference, identical for every dataset. */
export const DASHA_SPACE: HyperSpace = {
  randomSeed: { low: 0, high: 500 },
  lr: { low: 1e-5, high: 5e-1 },
  dropRate: [0, 0.05, 0.1],
  weightDecay: { low: 5e-7, high: 5e-3 },
  momentum: { low: 0.9, high: 1.0 },
};

export class RandomSampler {
  constructor(
    readonly seed: number,
    readonly space: HyperSpace = DASHA_SPACE,
  ) {}

  sample(trialId: number): HyperParams {
    const r = streamRng(hashSeed(this.seed, trialId, 0x5a11));
    const s = this.space;
    return {
      randomSeed: s.randomSeed.low + r.int(s.randomSeed.high - s.randomSeed.low),
      lr: r.logUniform(s.lr.low, s.lr.high),
      dropRate: r.choice(s.dropRate),
      weightDecay: r.logUniform(s.weightDecay.low, s.weightDecay.high),
      momentum: r.uniform(s.momentum.low, s.momentum.high),
    };
  }
}

/** Reads hyperparameters back from a ledger record, with a clear error for a damaged one. */
export function parseHyperParams(raw: Record<string, unknown>, where: string): HyperParams {
  const num = (k: keyof HyperParams): number => {
    const v = raw[k];
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new Error(`${where}: hyperparameter '${k}' is missing or not a number`);
    return v;
  };
  return {
    randomSeed: num('randomSeed'),
    lr: num('lr'),
    dropRate: num('dropRate'),
    weightDecay: num('weightDecay'),
    momentum: num('momentum'),
  };
}
