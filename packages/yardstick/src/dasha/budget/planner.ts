// The time-budget planner (budget mode, default first): the first stage trains the backbone's standard
// network with the known-good recipe, at the widest width whose default meets the recipe's floors in the
// whole budget (width before tuning, see planBudget); DASH search, ASHA tuning and the retrain of their
// winner are planned only when the budget affords each a meaningful run (FLOORS); otherwise they are skipped
// with the reason recorded and the default gets the time. Pure: costs come in as a CostModel measured on this machine
// (probe.ts); the loops re-plan from what they measure (epoch by epoch, and after the search picks), and every
// stage also has a deadline, so the plan is kept within a few per cent, not only about right.

import { batchCount } from '../train/batch-index.js';

export interface CostModel {
  /** Seconds of one training epoch over `nTrain` samples plus one validation pass, at `width`. */
  epochSeconds(width: number, nTrain: number): number;
  /** Seconds of scoring `n` samples once (no gradients) at `width`: the test stage. */
  evalSeconds(width: number, n: number): number;
  /** Seconds per supernet training batch; null when the search cannot be run (no searchable space). */
  searchBatchSeconds: number | null;
  /**
   * ASHA's trials run in parallel worker processes of one thread each: their epoch throughput over one
   * process at the chosen thread count (workers x cost at the chosen threads / cost at one thread). Planning
   * the stage as if sequential had it finish in 54% of its plan (prom_core_all, 30m, 2 workers).
   */
  trialSpeedup: number;
}

export interface PlanInput {
  budgetSeconds: number;
  /** Seconds already spent (data loading, probing) before the plan starts. */
  spentSeconds?: number;
  nTrain: number;
  /** Samples the test stage scores once (validation and test splits). */
  nScore: number;
  batchSize: number;
  /** Widths allowed, any order. */
  widths: readonly number[];
  cost: CostModel;
  /** Fewest epochs for the default network (the recipe's minEpochs): the planner narrows the net first. */
  minDefaultEpochs: number;
  /** Fewest optimiser steps for the default network (the recipe's minSteps), at batchSize, last batch dropped. */
  minDefaultSteps: number;
}

export interface StagePlan {
  seconds: number;
  /** Why the stage does not run (below a floor); absent when it runs. */
  skipped?: string;
}

export interface AshaPlan extends StagePlan {
  numTrials: number;
  maxT: number;
  subsample: number;
}

export interface Plan {
  width: number;
  default: StagePlan & { epochs: number };
  search: StagePlan & { epochs: number; batchesPerEpoch: number };
  asha: AshaPlan;
  retrain: StagePlan & { epochs: number };
  /** The final scoring of the chosen network (at the default's width and kernels). */
  test: StagePlan;
  /**
   * Kept back from the training stages: the choice among the trained models on validation, the test pass,
   * writing results, and the overrun of a stage's last step past its deadline: twice the scoring of every
   * model the layout trains (the default; with tuning also the retrain and the best trial) at the chosen
   * width (re-planned for a searched network), at least RESERVE_FLOOR. Twice the widest width's test pass
   * instead kept 114 s of a 10-minute run idle.
   */
  reserveSeconds: number;
  /** CostModel.trialSpeedup, as planned. */
  trialSpeedup: number;
  floors: Record<keyof typeof FLOORS, number>;
  notes: string[];
}

/**
 * Below these a stage is noise, not an improvement, and is skipped. The search floor: at one epoch of 16
 * batches (a 10-minute EuroSAT run) the supernet's choice was arbitrary and slowed every later epoch; the
 * reference protocol is about 20 passes, we ask for 5 and 100 steps. ASHA: random search over lr in
 * [1e-5, 0.5] needs at least 8 trials; and trials of up to 4-6 epochs (prom_core_all in 10 minutes on 2
 * cores) gave a tuned retrain worse on validation than the default in 4 of 5 runs (-1.3 to -10 points),
 * while trials of up to 14 epochs (30 minutes) gave +1 point, so trials get at least 8. The retrain must get
 * at least the default's epochs, or its validation score is no fair contest.
 */
export const FLOORS = {
  searchPasses: 5,
  searchSteps: 100,
  trials: 8,
  trialEpochs: 8,
  trialSubsample: 1000,
  retrainOfDefaultEpochs: 1,
} as const;
/** Trials wanted before the per-epoch subsample is cut. */
const TARGET_TRIALS = 12;

/** Shares of the usable budget per stage, richest layout first; the first whose floors all hold is used. */
export const LAYOUTS = [
  { name: 'search+tune', default: 0.3, search: 0.1, asha: 0.3, retrain: 0.3 },
  { name: 'tune', default: 0.35, search: 0, asha: 0.3, retrain: 0.35 },
  { name: 'default', default: 1, search: 0, asha: 0, retrain: 0 },
] as const;

/**
 * Expected epochs a trial runs under ASHA with reduction factor 2 and grace period 1: about half the trials
 * survive each rung. The first trials meet empty rungs and run to maxT, so add their share.
 */
export function expectedTrialEpochs(maxT: number, numTrials: number): number {
  const rungs: number[] = [];
  for (let r = 1; r < maxT; r *= 2) rungs.push(r);
  let e = 0;
  let prev = 0;
  let survive = 1;
  for (const r of rungs) {
    e += survive * (r - prev);
    prev = r;
    survive /= 2;
  }
  e += survive * (maxT - prev);
  const earlyFull = Math.min(numTrials, rungs.length);
  return (e * (numTrials - earlyFull) + maxT * earlyFull) / Math.max(numTrials, 1);
}

const skippedAsha = (seconds: number, why: string): AshaPlan => ({
  seconds,
  numTrials: 0,
  maxT: 0,
  subsample: 0,
  skipped: why,
});

/**
 * ASHA and the retrain of its winner in `ashaSeconds` + `retrainSeconds`, given the epoch cost of the network
 * they train (`epochSeconds(n)` on n samples): also the re-plan after the search has picked its kernels.
 */
export function planImprovement(p: {
  ashaSeconds: number;
  retrainSeconds: number;
  nTrain: number;
  defaultEpochs: number;
  epochSeconds: (n: number) => number;
  /** CostModel.trialSpeedup. */
  trialSpeedup: number;
}): { asha: AshaPlan; retrain: StagePlan & { epochs: number } } {
  const full = p.epochSeconds(p.nTrain);
  const trialEpochSeconds = (n: number): number => p.epochSeconds(n) / p.trialSpeedup;
  const retrainEpochs = Math.min(200, Math.floor(p.retrainSeconds / full));
  const retrainFloor = Math.max(1, Math.ceil(FLOORS.retrainOfDefaultEpochs * p.defaultEpochs));
  if (retrainEpochs < retrainFloor) {
    const why = `the retrain would get ${retrainEpochs} epochs, below the default's ${retrainFloor}`;
    return {
      asha: skippedAsha(p.ashaSeconds, why),
      retrain: { seconds: p.retrainSeconds, epochs: 0, skipped: why },
    };
  }
  const maxT = Math.min(20, retrainEpochs);
  const trialsFor = (n: number): number => {
    let trials = 120;
    while (trials > 0 && trials * expectedTrialEpochs(maxT, trials) * trialEpochSeconds(n) > p.ashaSeconds)
      trials--;
    return trials;
  };
  let subsample = p.nTrain;
  let numTrials = trialsFor(subsample);
  const minSub = Math.min(p.nTrain, FLOORS.trialSubsample);
  while (numTrials < TARGET_TRIALS && subsample > minSub) {
    subsample = Math.max(minSub, Math.floor(subsample / 2));
    numTrials = trialsFor(subsample);
  }
  // a stage capped by the epoch or trial limits is planned at what it will take, not at its share
  const retrain = {
    seconds: retrainEpochs < 200 ? p.retrainSeconds : retrainEpochs * full,
    epochs: retrainEpochs,
  };
  const ashaSeconds = Math.min(
    p.ashaSeconds,
    numTrials * expectedTrialEpochs(maxT, numTrials) * trialEpochSeconds(subsample),
  );
  if (maxT < FLOORS.trialEpochs)
    return {
      asha: skippedAsha(
        p.ashaSeconds,
        `trials would get ${maxT} epochs, below the floor of ${FLOORS.trialEpochs}`,
      ),
      retrain: { ...retrain, epochs: 0, skipped: 'no ASHA winner to retrain' },
    };
  if (numTrials < FLOORS.trials)
    return {
      asha: skippedAsha(
        p.ashaSeconds,
        `${numTrials} trials of up to ${maxT} epochs fit, below the floor of ${FLOORS.trials}`,
      ),
      retrain: { ...retrain, epochs: 0, skipped: 'no ASHA winner to retrain' },
    };
  return { asha: { seconds: ashaSeconds, numTrials, maxT, subsample }, retrain };
}

/**
 * The reserve's floor: writing results and a stage's last step past its deadline. Measured at 10 and 30
 * minutes on 2 cores, every stage ended within 5 s of its deadline, so 10 s or 1.5% of the budget.
 */
export const RESERVE_FLOOR = { seconds: 10, share: 0.015 } as const;

/** The reserve for a run whose models take `scoringSeconds` to score on validation and test: Plan.reserveSeconds. */
export function reserveFor(usableSeconds: number, scoringSeconds: number): number {
  return Math.max(RESERVE_FLOOR.seconds, RESERVE_FLOOR.share * usableSeconds, 2 * scoringSeconds);
}

/** Models trained to completion per layout, each scored when choosing the tested model (ensemble.ts). */
const MODELS_SCORED = { default: 1, improved: 3 } as const;

/**
 * Width before tuning: the default network is the widest whose default-only training meets the recipe's floors
 * (epochs and optimiser steps), and the richest layout whose floors all hold at that width is used. On
 * prom_core_all (2 cores) resnet1d-128 as the default alone beat every tuned narrower net: test MCC 0.646 at
 * 30 minutes against 0.635 tuned at width 32, and at 10 minutes width 32 alone beat width 16 tuned
 * (0.651 against 0.618-0.642). Choosing the layout first narrowed the net to make room for tuning that then
 * lost to the default on validation.
 */
export function planBudget(p: PlanInput): Plan {
  const usable = p.budgetSeconds - (p.spentSeconds ?? 0);
  const widths = [...p.widths].sort((a, b) => b - a);
  const testAt = (w: number): number => p.cost.evalSeconds(w, p.nScore);
  const reserveAt = (w: number, models: number): number => reserveFor(usable, models * testAt(w));
  if (!(usable - reserveAt(widths[widths.length - 1], MODELS_SCORED.default) > 0))
    throw new Error(
      `budget: ${p.budgetSeconds}s leaves no time after start-up (${Math.round(p.spentSeconds ?? 0)}s spent)`,
    );
  const stepsPerEpoch = batchCount(p.nTrain, p.batchSize, true);
  const epochsAt = (share: number, w: number, models: number): number =>
    Math.floor((share * (usable - reserveAt(w, models))) / p.cost.epochSeconds(w, p.nTrain));
  /** Why `epochs` of the default at width `w` fall short of the recipe; null when they meet its floors. */
  const shortfall = (epochs: number, w: number): string | null => {
    const steps = epochs * stepsPerEpoch;
    const below = [
      epochs < p.minDefaultEpochs ? `${p.minDefaultEpochs} epochs` : null,
      steps < p.minDefaultSteps ? `${p.minDefaultSteps} steps` : null,
    ].filter((b) => b !== null);
    return below.length === 0
      ? null
      : `the default would get ${epochs} epochs (${steps} steps) at width ${w}, below the recipe's ${below.join(' and ')}`;
  };
  const width =
    widths.find((w) => shortfall(epochsAt(1, w, MODELS_SCORED.default), w) === null) ??
    widths[widths.length - 1];
  const reasons: string[] = [];

  for (const layout of LAYOUTS) {
    const notes: string[] = [];
    const models = layout.name === 'default' ? MODELS_SCORED.default : MODELS_SCORED.improved;
    const reserveSeconds = reserveAt(width, models);
    const avail = usable - reserveSeconds;
    const defaultSeconds = layout.default * avail;
    const defaultEpochs = Math.min(200, epochsAt(layout.default, width, models));
    const short = shortfall(defaultEpochs, width);
    if (short !== null) {
      // default first: no time goes to improving a default that is not yet trained to its recipe
      if (layout.name !== 'default') {
        reasons.push(`${layout.name}: ${short}`);
        continue;
      }
      notes.push(`${short} (the narrowest allowed)`);
    }
    const plan: Plan = {
      width,
      default: {
        seconds: defaultEpochs < 200 ? defaultSeconds : defaultEpochs * p.cost.epochSeconds(width, p.nTrain),
        epochs: Math.max(1, defaultEpochs),
      },
      search: { seconds: 0, epochs: 0, batchesPerEpoch: 0, skipped: 'no time left after the default' },
      asha: skippedAsha(0, 'no time left after the default'),
      retrain: { seconds: 0, epochs: 0, skipped: 'no time left after the default' },
      test: { seconds: testAt(width) },
      reserveSeconds,
      trialSpeedup: p.cost.trialSpeedup,
      floors: FLOORS,
      notes,
    };
    if (layout.name === 'default') {
      plan.search.skipped =
        plan.asha.skipped =
        plan.retrain.skipped =
          reasons.join('; ') || plan.search.skipped;
      return plan;
    }
    const improvement = planImprovement({
      ashaSeconds: layout.asha * avail,
      retrainSeconds: layout.retrain * avail,
      nTrain: p.nTrain,
      defaultEpochs,
      epochSeconds: (n) => p.cost.epochSeconds(width, n),
      trialSpeedup: p.cost.trialSpeedup,
    });
    if (improvement.asha.skipped) {
      reasons.push(`${layout.name}: ${improvement.asha.skipped}`);
      continue;
    }
    plan.asha = improvement.asha;
    plan.retrain = improvement.retrain;
    if (layout.search > 0) {
      const searchSeconds = layout.search * avail;
      const fullBatches = Math.max(1, Math.floor(p.nTrain / p.batchSize));
      const batchesPerEpoch = Math.floor(0.2 * fullBatches) + 1;
      const steps =
        p.cost.searchBatchSeconds === null ? 0 : Math.floor(searchSeconds / p.cost.searchBatchSeconds);
      const passes = (steps * p.batchSize) / p.nTrain;
      if (steps < FLOORS.searchSteps || passes < FLOORS.searchPasses) {
        reasons.push(
          `search+tune: the search would get ${steps} supernet steps (${passes.toFixed(1)} passes), below the floor of ${FLOORS.searchSteps} steps and ${FLOORS.searchPasses} passes`,
        );
        continue;
      }
      const epochs = Math.min(100, Math.floor(steps / batchesPerEpoch));
      plan.search = {
        seconds: epochs * batchesPerEpoch * p.cost.searchBatchSeconds!,
        epochs,
        batchesPerEpoch,
      };
    } else {
      plan.search.skipped = reasons.join('; ');
    }
    notes.push("ASHA's first trial is the recipe's settings (enqueued), the others are drawn at random");
    if (improvement.asha.subsample < p.nTrain)
      notes.push(
        `ASHA trials train on a seeded subsample of ${improvement.asha.subsample} of ${p.nTrain} examples per epoch`,
      );
    return plan;
  }
  throw new Error('planner: no layout'); // unreachable: the default layout always returns
}
