// The ASHA trial ledger: every trial state change, rung decision and reported value goes through the
// storage contract as it happens, so an interrupted search is rebuilt with its scheduler state intact
// (the gap Ray Tune leaves: its restored ASHA forgets the rungs).
import type { AsyncStorage } from '../../storage/contract.js';
import type { MetricRecord, RungRecord, TrialRecord } from '../../storage/types.js';

export const ASHA_STAGE = 'asha';
/** Metric name of the value handed to the scheduler each epoch (running max or last, by reporting rule). */
export const REPORTED = 'reported';
export const VAL_SCORE = 'val_score';

export interface LedgerState {
  trials: Map<number, TrialRecord>;
  rungs: RungRecord[];
  /** Last value reported to the scheduler, per trial. */
  lastReported: Map<number, number>;
}

export class TrialLedger {
  constructor(
    readonly storage: AsyncStorage,
    readonly runId: string,
  ) {}

  async load(): Promise<LedgerState> {
    const trials = new Map((await this.storage.listTrials(this.runId)).map((t) => [t.trialId, t]));
    const rungs = await this.storage.listRungs(this.runId);
    const lastReported = new Map<number, number>();
    // metrics come back in commit order; a rerun trial logs its epochs again, so the newest row wins
    for (const m of await this.storage.listMetrics(this.runId, { stage: ASHA_STAGE, name: REPORTED })) {
      if (m.trialId !== null) lastReported.set(m.trialId, m.value);
    }
    return { trials, rungs, lastReported };
  }

  /** The metric rows of one epoch's report (written with its rung judgement, in one transaction). */
  epochMetrics(trialId: number, epoch: number, valScore: number, reported: number): MetricRecord[] {
    const at = new Date().toISOString();
    return [
      { runId: this.runId, trialId, stage: ASHA_STAGE, step: epoch, name: VAL_SCORE, value: valScore, at },
      { runId: this.runId, trialId, stage: ASHA_STAGE, step: epoch, name: REPORTED, value: reported, at },
    ];
  }
}
