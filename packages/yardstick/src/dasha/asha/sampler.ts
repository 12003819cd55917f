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

/** A configuration enqueued as trial 0 (its seed is still drawn, so its model differs from the default's). */
export type EnqueuedParams = Omit<HyperParams, 'randomSeed'>;

export const withoutSeed = (p: HyperParams): EnqueuedParams => ({
  lr: p.lr,
  dropRate: p.dropRate,
  weightDecay: p.weightDecay,
  momentum: p.momentum,
});

export class RandomSampler {
  constructor(
    readonly seed: number,
    readonly space: HyperSpace = DASHA_SPACE,
    /**
     * Budget mode: the recipe's known-good settings as the first trial (Optuna's enqueue_trial; AutoGluon's
     * HPO also starts from its defaults), so the search has a strong configuration among its few trials.
     */
    readonly first: EnqueuedParams | null = null,
  ) {}

  sample(trialId: number): HyperParams {
    const r = streamRng(hashSeed(this.seed, trialId, 0x5a11));
    const s = this.space;
    const drawn = {
      randomSeed: s.randomSeed.low + r.int(s.randomSeed.high - s.randomSeed.low),
      lr: r.logUniform(s.lr.low, s.lr.high),
      dropRate: r.choice(s.dropRate),
      weightDecay: r.logUniform(s.weightDecay.low, s.weightDecay.high),
      momentum: r.uniform(s.momentum.low, s.momentum.high),
    };
    return trialId === 0 && this.first ? { ...this.first, randomSeed: drawn.randomSeed } : drawn;
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
