// The ASHA search loop: trials run one after another (as on the reference's single GPU), each reporting
// once per epoch; every report is judged by the scheduler and written to the ledger before the next epoch,
// so a kill at any point loses at most the epoch in progress. A trial that was running when the process
// died is replayed from its first epoch (same seed, same initial weights); the rungs it had already passed
// keep their recorded values, so the scheduler takes exactly the decisions it would have taken.
import { AshaScheduler, type AshaConfig } from './scheduler.js';
import { isSettled, TrialLedger } from './ledger.js';
import { parseHyperParams, type HyperParams, type RandomSampler } from './sampler.js';
import type { Storage, TrialStatus } from '../../storage/types.js';

/** How a trial's per-epoch validation scores become the value ASHA sees. */
export type Reporting = 'running-max' | 'last';

export interface TrialSession {
  /** Where the trial's initial weights were saved (the retrain starts from them). */
  readonly initWeightsPath: string | null;
  /** Trains one more epoch and returns the validation score after it. */
  trainEpoch(epoch: number): Promise<number>;
  /** Saves the current weights (called when this trial holds the best validation score so far). */
  saveSnapshot?(): Promise<void> | void;
  close(): void;
}

export type StartTrial = (trialId: number, params: HyperParams) => Promise<TrialSession>;

export interface AshaSearchOptions {
  storage: Storage;
  runId: string;
  scheduler: AshaConfig;
  sampler: RandomSampler;
  numSamples: number;
  reporting: Reporting;
  startTrial: StartTrial;
  /** Polled between epochs; true stops the search (budget exhausted, SIGINT). */
  shouldStop?: () => boolean;
  onEvent?: (e: AshaEvent) => void;
}

export type AshaEvent =
  | { kind: 'trial-start'; trialId: number; params: HyperParams; replay: boolean }
  | { kind: 'epoch'; trialId: number; epoch: number; valScore: number; reported: number; decision?: string; bestSoFar: number }
  | { kind: 'trial-end'; trialId: number; status: TrialStatus; epochs: number }
  | { kind: 'trial-failed'; trialId: number; error: string };

export interface TrialSummary {
  trialId: number;
  params: HyperParams;
  status: TrialStatus;
  epochs: number;
  lastReported: number | null;
  initWeightsPath: string | null;
}

export interface AshaSearchResult {
  trials: TrialSummary[];
  /** Ray's get_best_trial(scope='last'): best last-reported value; ties go to the earlier trial. */
  best: TrialSummary | null;
  interrupted: boolean;
  failures: string[];
}

export async function runAshaSearch(o: AshaSearchOptions): Promise<AshaSearchResult> {
  const scheduler = new AshaScheduler(o.scheduler);
  const ledger = new TrialLedger(o.storage, o.runId);
  const state = ledger.load();
  ledger.restoreScheduler(scheduler, state.rungs);
  const sign = o.scheduler.mode === 'max' ? 1 : -1;
  let bestSeen = -Infinity; // best raw validation score of any epoch so far, in "higher is better" form
  for (const t of state.trials.values()) if (t.bestValue !== null) bestSeen = Math.max(bestSeen, sign * t.bestValue);
  let interrupted = false;
  const failures: string[] = [];

  for (let trialId = 0; trialId < o.numSamples && !interrupted; trialId++) {
    const prior = state.trials.get(trialId);
    if (prior && isSettled(prior.status)) continue;
    if (o.shouldStop?.()) {
      interrupted = true;
      break;
    }
    const params = prior ? parseHyperParams(prior.params, `trial ${trialId} of run ${o.runId}`) : o.sampler.sample(trialId);
    o.onEvent?.({ kind: 'trial-start', trialId, params, replay: prior !== undefined });
    const session = await o.startTrial(trialId, params);
    const record = { trialId, params: { ...params }, initWeightsPath: session.initWeightsPath, bestValue: null as number | null, lastEpoch: 0 };
    ledger.saveTrial({ ...record, status: 'running' });
    let running = -Infinity;
    let status: TrialStatus = 'running';
    try {
      for (let epoch = 1; ; epoch++) {
        if (o.shouldStop?.()) {
          interrupted = true;
          status = 'paused';
          break;
        }
        const score = await session.trainEpoch(epoch);
        running = Math.max(running, sign * score);
        const reported = o.reporting === 'running-max' ? sign * running : score;
        ledger.recordEpoch(trialId, epoch, score, reported);
        state.lastReported.set(trialId, reported);
        const d = scheduler.onResult(trialId, epoch, reported);
        if (d.decision) ledger.recordRung(trialId, d.rung!, reported, d.decision);
        record.lastEpoch = epoch;
        record.bestValue = sign * running;
        if (sign * score > bestSeen) {
          bestSeen = sign * score;
          await session.saveSnapshot?.();
        }
        o.onEvent?.({ kind: 'epoch', trialId, epoch, valScore: score, reported, decision: d.decision, bestSoFar: sign * bestSeen });
        if (d.action === 'stop') {
          status = d.decision === 'complete' ? 'complete' : 'stopped';
          break;
        }
        ledger.saveTrial({ ...record, status: 'running' });
      }
    } catch (e) {
      // one broken configuration must not end the search (Ray's behaviour too); the error is kept
      status = 'failed';
      failures.push(`trial ${trialId}: ${(e as Error).message}`);
      o.onEvent?.({ kind: 'trial-failed', trialId, error: (e as Error).message });
    } finally {
      session.close();
    }
    ledger.saveTrial({ ...record, status });
    state.trials.set(trialId, { ...record, status, runId: o.runId, updatedAt: '' });
    o.onEvent?.({ kind: 'trial-end', trialId, status, epochs: record.lastEpoch });
  }

  const trials: TrialSummary[] = [...state.trials.values()]
    .sort((a, b) => a.trialId - b.trialId)
    .map((t) => ({
      trialId: t.trialId,
      params: parseHyperParams(t.params, `trial ${t.trialId} of run ${o.runId}`),
      status: t.status,
      epochs: t.lastEpoch,
      lastReported: state.lastReported.get(t.trialId) ?? null,
      initWeightsPath: t.initWeightsPath,
    }));
  if (trials.length > 0 && trials.every((t) => t.status === 'failed')) {
    throw new Error(`ASHA: every trial failed; first error: ${failures[0] ?? 'see the ledger'}`);
  }
  let best: TrialSummary | null = null;
  for (const t of trials) {
    if (t.lastReported === null || !Number.isFinite(t.lastReported)) continue;
    if (best === null || sign * t.lastReported > sign * best.lastReported!) best = t;
  }
  return { trials, best, interrupted, failures };
}
