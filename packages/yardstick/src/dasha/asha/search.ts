// The ASHA search loop. A worker claims the next trial from the run's ledger (Storage.claimNextTrial, one
// transaction) and judges each epoch's report against the rung decisions recorded so far (Storage.judgeRung,
// one transaction), so one worker is the sequential search of the reference's single GPU, and several worker
// processes sharing the run database take exactly the asynchronous rule's decisions in commit order. Every
// report is written before the next epoch, so a kill loses at most the epoch in progress. A trial that was
// running when the process died is replayed from its first epoch (same seed, same initial weights); the rungs
// it had already passed keep their recorded values, so the scheduler takes the decisions it would have taken.
import { AshaScheduler, validateAshaConfig, type AshaConfig, type AshaDecision } from './scheduler.js';
import { TrialLedger } from './ledger.js';
import { parseHyperParams, type HyperParams, type RandomSampler } from './sampler.js';
import type { RungRecord, Storage, TrialStatus } from '../../storage/types.js';

/** How a trial's per-epoch validation scores become the value ASHA sees. */
export type Reporting = 'running-max' | 'last';

export interface TrialSession {
  /** Where the trial's initial weights were saved (the retrain starts from them). */
  readonly initWeightsPath: string | null;
  /** Trains one more epoch and returns the validation score after it. */
  trainEpoch(epoch: number): Promise<number>;
  /** Saves the current weights (called when this trial holds the best validation score of the search so far). */
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
  | {
      kind: 'epoch';
      trialId: number;
      epoch: number;
      valScore: number;
      reported: number;
      decision?: string;
      bestSoFar: number;
    }
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

/** Decision for one report, from the rung records as they stand (the pure rule, replayed from the ledger). */
export function judgeFromLedger(
  config: AshaConfig,
  rungs: readonly RungRecord[],
  trialId: number,
  epoch: number,
  reported: number,
): AshaDecision {
  const scheduler = new AshaScheduler(config);
  for (const r of rungs) if (r.decision !== 'complete') scheduler.restore(r.trialId, r.rung, r.value);
  return scheduler.onResult(trialId, epoch, reported);
}

/** Trials a dead process left 'running' are paused, so the next claim replays them (call before workers start). */
export function pauseOrphans(storage: Storage, runId: string): void {
  for (const t of storage.listTrials(runId))
    if (t.status === 'running')
      storage.upsertTrial({ ...t, status: 'paused', updatedAt: new Date().toISOString() });
}

export interface WorkerOutcome {
  interrupted: boolean;
  failures: string[];
}

/** One worker: claims trials until none is left (or it must stop), each trained and judged epoch by epoch. */
export async function runAshaWorker(o: AshaSearchOptions): Promise<WorkerOutcome> {
  validateAshaConfig(o.scheduler);
  const ledger = new TrialLedger(o.storage, o.runId);
  const sign = o.scheduler.mode === 'max' ? 1 : -1;
  const failures: string[] = [];
  const bestOfSearch = (): number =>
    Math.max(
      -Infinity,
      ...o.storage.listTrials(o.runId).map((t) => (t.bestValue === null ? -Infinity : sign * t.bestValue)),
    );
  for (;;) {
    if (o.shouldStop?.()) return { interrupted: true, failures };
    const claim = o.storage.claimNextTrial(o.runId, o.numSamples, (id) => ({ ...o.sampler.sample(id) }));
    if (!claim) return { interrupted: false, failures };
    const { trialId } = claim;
    const params = parseHyperParams(claim.params, `trial ${trialId} of run ${o.runId}`);
    o.onEvent?.({ kind: 'trial-start', trialId, params, replay: claim.replay });
    const record = {
      trialId,
      params: { ...params },
      initWeightsPath: null as string | null,
      bestValue: null as number | null,
      lastEpoch: 0,
    };
    let status: TrialStatus = 'running';
    let session: TrialSession | null = null;
    try {
      session = await o.startTrial(trialId, params);
      record.initWeightsPath = session.initWeightsPath;
      ledger.saveTrial({ ...record, status: 'running' });
      let running = -Infinity;
      for (let epoch = 1; ; epoch++) {
        if (o.shouldStop?.()) {
          status = 'paused';
          break;
        }
        const score = await session.trainEpoch(epoch);
        if (o.shouldStop?.()) {
          status = 'paused'; // a partial epoch is not reported
          break;
        }
        running = Math.max(running, sign * score);
        const reported = o.reporting === 'running-max' ? sign * running : score;
        ledger.recordEpoch(trialId, epoch, score, reported);
        let d: AshaDecision = { action: 'continue' };
        o.storage.judgeRung(o.runId, (rungs) => {
          d = judgeFromLedger(o.scheduler, rungs, trialId, epoch, reported);
          return d.decision
            ? { runId: o.runId, trialId, rung: d.rung!, value: reported, decision: d.decision }
            : null;
        });
        const best = bestOfSearch();
        record.lastEpoch = epoch;
        record.bestValue = sign * running;
        if (sign * score > best) await session.saveSnapshot?.();
        o.onEvent?.({
          kind: 'epoch',
          trialId,
          epoch,
          valScore: score,
          reported,
          decision: d.decision,
          bestSoFar: sign * Math.max(best, sign * score),
        });
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
      session?.close();
    }
    ledger.saveTrial({ ...record, status });
    o.onEvent?.({ kind: 'trial-end', trialId, status, epochs: record.lastEpoch });
    if (status === 'paused') return { interrupted: true, failures };
  }
}

/** The search's outcome from its ledger: trials, and Ray's get_best_trial(scope='last'), ties to the earlier. */
export function summarizeAsha(
  storage: Storage,
  runId: string,
  mode: AshaConfig['mode'],
  outcome: WorkerOutcome,
): AshaSearchResult {
  const sign = mode === 'max' ? 1 : -1;
  const state = new TrialLedger(storage, runId).load();
  const trials: TrialSummary[] = [...state.trials.values()]
    .sort((a, b) => a.trialId - b.trialId)
    .map((t) => ({
      trialId: t.trialId,
      params: parseHyperParams(t.params, `trial ${t.trialId} of run ${runId}`),
      status: t.status,
      epochs: t.lastEpoch,
      lastReported: state.lastReported.get(t.trialId) ?? null,
      initWeightsPath: t.initWeightsPath,
    }));
  if (trials.length > 0 && trials.every((t) => t.status === 'failed')) {
    throw new Error(`ASHA: every trial failed; first error: ${outcome.failures[0] ?? 'see the ledger'}`);
  }
  let best: TrialSummary | null = null;
  for (const t of trials) {
    if (t.lastReported === null || !Number.isFinite(t.lastReported)) continue;
    if (best === null || sign * t.lastReported > sign * best.lastReported!) best = t;
  }
  return { trials, best, interrupted: outcome.interrupted, failures: outcome.failures };
}

/** The search in this process, one trial after another (the reference's single device). */
export async function runAshaSearch(o: AshaSearchOptions): Promise<AshaSearchResult> {
  pauseOrphans(o.storage, o.runId);
  return summarizeAsha(o.storage, o.runId, o.scheduler.mode, await runAshaWorker(o));
}
