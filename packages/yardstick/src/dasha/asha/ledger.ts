// The ASHA trial ledger: every trial state change, rung decision and reported value goes through the
// Storage interface as it happens, so an interrupted search is rebuilt with its scheduler state intact
// (the gap Ray Tune leaves: its restored ASHA forgets the rungs).
import type { RungRecord, Storage, TrialRecord } from '../../storage/types.js';

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
    readonly storage: Storage,
    readonly runId: string,
  ) {}

  load(): LedgerState {
    const trials = new Map(this.storage.listTrials(this.runId).map((t) => [t.trialId, t]));
    const rungs = this.storage.listRungs(this.runId);
    const lastReported = new Map<number, number>();
    // metrics come back in insertion order; a replayed trial logs its epochs again, so the newest row wins
    for (const m of this.storage.listMetrics(this.runId, { stage: ASHA_STAGE, name: REPORTED })) {
      if (m.trialId !== null) lastReported.set(m.trialId, m.value);
    }
    return { trials, rungs, lastReported };
  }

  saveTrial(t: Omit<TrialRecord, 'runId' | 'updatedAt'>): void {
    this.storage.upsertTrial({ ...t, runId: this.runId, updatedAt: new Date().toISOString() });
  }

  recordEpoch(trialId: number, epoch: number, valScore: number, reported: number): void {
    const at = new Date().toISOString();
    this.storage.logMetrics([
      { runId: this.runId, trialId, stage: ASHA_STAGE, step: epoch, name: VAL_SCORE, value: valScore, at },
      { runId: this.runId, trialId, stage: ASHA_STAGE, step: epoch, name: REPORTED, value: reported, at },
    ]);
  }

  recordRung(trialId: number, rung: number, value: number, decision: RungRecord['decision']): void {
    this.storage.recordRung({ runId: this.runId, trialId, rung, value, decision });
  }
}
