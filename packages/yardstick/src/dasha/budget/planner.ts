// The time-budget planner: from step times measured on this machine, choose the width, search length,
// number of ASHA trials, trial epochs, ASHA subsample and retrain epochs so that the run fits the budget.
// Pure: the probe that measures lives elsewhere; each stage also gets a deadline the loops obey, so the plan
// only has to be about right, never exact.

export interface ProbeResult {
  /** Seconds per training sample of the search supernet (forward + backward + step). */
  searchSecPerSample: number;
  /** Seconds per multiply-accumulate of a training step of the plain network (time / (MACs x samples)). */
  trainSecPerMac: number;
  /** Same for evaluation (forward only). */
  evalSecPerMac: number;
}

export interface PlanInput {
  budgetSeconds: number;
  nTrain: number;
  nVal: number;
  batchSize: number;
  /** Widths allowed, any order; MACs per sample of the retrain network at each width. */
  widths: readonly number[];
  macsPerSample: (width: number) => number;
  probe: ProbeResult;
  /** Seconds already spent (data loading, probing) before the plan starts. */
  spentSeconds?: number;
}

export interface StagePlan {
  seconds: number;
}

export interface Plan {
  width: number;
  search: StagePlan & { epochs: number; batchesPerEpoch: number };
  asha: StagePlan & { numTrials: number; maxT: number; subsample: number };
  retrain: StagePlan & { epochs: number };
  /** Kept for the final test pass and writing results. */
  reserveSeconds: number;
  notes: string[];
}

/** Share of the usable budget per stage (search, ASHA, retrain). */
export const STAGE_SHARES = { search: 0.2, asha: 0.45, retrain: 0.35 } as const;
const MIN_RETRAIN_EPOCHS = 4;
/** Trials wanted before the per-epoch subsample and the trial length are cut (random search needs numbers). */
const TARGET_TRIALS = 12;
const MIN_TRIAL_EPOCHS = 4;
const MIN_SUBSAMPLE = 1000;

/**
 * Expected epochs a trial runs under sequential ASHA with reduction factor 2 and grace period 1: about half
 * the trials survive each rung. The first trials meet empty rungs and run to maxT, so add their share.
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

export function planBudget(p: PlanInput): Plan {
  const notes: string[] = [];
  const usable = p.budgetSeconds - (p.spentSeconds ?? 0);
  const reserveSeconds = Math.max(10, 0.05 * usable);
  const avail = usable - reserveSeconds;
  if (!(avail > 0)) throw new Error(`budget: ${p.budgetSeconds}s leaves no time after start-up (${Math.round(p.spentSeconds ?? 0)}s spent)`);

  const epochCost = (width: number, n: number): number => n * p.macsPerSample(width) * p.probe.trainSecPerMac;
  const evalCost = (width: number, n: number): number => n * p.macsPerSample(width) * p.probe.evalSecPerMac;

  // width: the widest whose retrain still gets MIN_RETRAIN_EPOCHS full passes (with validation each epoch)
  const retrainSeconds = STAGE_SHARES.retrain * avail;
  const widths = [...p.widths].sort((a, b) => b - a);
  const fits = (w: number): boolean => MIN_RETRAIN_EPOCHS * (epochCost(w, p.nTrain) + evalCost(w, p.nVal)) <= retrainSeconds;
  const width = widths.find(fits) ?? widths[widths.length - 1];
  if (!fits(width)) notes.push(`even width ${width} gets fewer than ${MIN_RETRAIN_EPOCHS} retrain epochs`);
  const retrainEpoch = epochCost(width, p.nTrain) + evalCost(width, p.nVal);
  const retrainEpochs = Math.max(1, Math.min(200, Math.floor(retrainSeconds / retrainEpoch)));

  // search: the reference's quick_search shape (20 % of batches per epoch + 1), as many epochs as fit (<= 100)
  const searchSeconds = STAGE_SHARES.search * avail;
  const fullBatches = Math.max(1, Math.floor(p.nTrain / p.batchSize));
  let batchesPerEpoch = Math.floor(0.2 * fullBatches) + 1;
  const batchCost = p.batchSize * p.probe.searchSecPerSample;
  let searchEpochs = Math.min(100, Math.floor(searchSeconds / (batchesPerEpoch * batchCost)));
  if (searchEpochs < 1) {
    batchesPerEpoch = Math.max(1, Math.floor(searchSeconds / batchCost));
    searchEpochs = 1;
    notes.push(`search shortened to one epoch of ${batchesPerEpoch} batches`);
  }

  // ASHA: as many trials as fit at maxT <= retrain epochs, shrinking the per-epoch subsample before the trials
  const ashaSeconds = STAGE_SHARES.asha * avail;
  let maxT = Math.max(1, Math.min(20, retrainEpochs));
  let subsample = p.nTrain;
  const trialsFor = (n: number, t: number): number => {
    let trials = 120;
    while (trials > 1 && trials * expectedTrialEpochs(t, trials) * (epochCost(width, n) + evalCost(width, p.nVal)) > ashaSeconds) trials--;
    return trials;
  };
  let numTrials = trialsFor(subsample, maxT);
  while (numTrials < TARGET_TRIALS && subsample > MIN_SUBSAMPLE) {
    subsample = Math.max(MIN_SUBSAMPLE, Math.floor(subsample / 2));
    numTrials = trialsFor(subsample, maxT);
  }
  while (numTrials < TARGET_TRIALS && maxT > MIN_TRIAL_EPOCHS) {
    maxT = Math.max(MIN_TRIAL_EPOCHS, Math.floor(maxT / 2));
    numTrials = trialsFor(subsample, maxT);
  }
  if (subsample < p.nTrain) notes.push(`ASHA trials train on a seeded subsample of ${subsample} of ${p.nTrain} examples per epoch`);
  if (numTrials < 120) notes.push(`${numTrials} ASHA trials instead of the paper's 120`);

  return {
    width,
    search: { seconds: searchSeconds, epochs: searchEpochs, batchesPerEpoch },
    asha: { seconds: ashaSeconds, numTrials, maxT, subsample },
    retrain: { seconds: retrainSeconds, epochs: retrainEpochs },
    reserveSeconds,
    notes,
  };
}
