// The ASHA search loop. A worker claims the next trial from the run's ledger (claimNextTrial, one
// transaction), heartbeats it while it trains, and reports each epoch with its rung judgement (judgeRung: the
// metrics, the decision and the trial's progress in one transaction that excludes every other judge), so one
// worker is the sequential search of the reference's single GPU, and workers in several processes or on
// several machines sharing the run database take exactly the asynchronous rule's decisions in commit order.
// A kill loses at most the epoch in progress: the dead worker's trial stops heartbeating, another worker's
// claim requeues it, and it is rerun from its first epoch from the same saved initial weights; the rungs it
// had already passed keep their recorded values, so the scheduler takes the decisions it would have taken.
// A worker that lost its trial (it stalled past the staleness limit) has every write refused and moves on.
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { AshaScheduler, validateAshaConfig, type AshaConfig, type AshaDecision } from './scheduler.js';
import { TrialLedger } from './ledger.js';
import { parseHyperParams, type HyperParams, type RandomSampler } from './sampler.js';
import { OwnershipLostError, workerId as newWorkerId } from '../../storage/contract.js';
import { asAsync, type StorageHandle } from '../../storage/open.js';
import type { RungRecord, TrialStatus } from '../../storage/types.js';

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

/** How a claimed trial starts: `initWeightsPath` is set when an earlier attempt saved its initial weights. */
export interface TrialStart {
  attempt: number;
  initWeightsPath: string | null;
}

export type StartTrial = (trialId: number, params: HyperParams, start: TrialStart) => Promise<TrialSession>;

/** Heartbeat period and the silence after which a running trial is taken as its worker's death. */
export const HEARTBEAT_MS = 5_000;
export const STALE_AFTER_MS = 60_000;

export interface AshaSearchOptions {
  storage: StorageHandle;
  runId: string;
  scheduler: AshaConfig;
  sampler: RandomSampler;
  numSamples: number;
  reporting: Reporting;
  startTrial: StartTrial;
  /** Polled between epochs; true stops the search (budget exhausted, SIGINT). */
  shouldStop?: () => boolean;
  onEvent?: (e: AshaEvent) => void;
  /** This worker's id (default: host:pid:random). */
  workerId?: string;
  heartbeatMs?: number;
  /** Running trials silent for longer are requeued by the next claim (must exceed the longest epoch's pauses). */
  staleAfterMs?: number;
  /**
   * Budget mode (Ray Tune's num_samples=-1 with time_budget_s): once the `numSamples` planned trials are all
   * taken, more are sampled while a new one can still reach its first rung by this time (Date.now()
   * milliseconds), judged by this worker's measured epoch time. Trials that ASHA stops at their first rungs
   * otherwise end the stage early (122 of a planned 172 s, prom_core_tata in 10 minutes).
   */
  fillUntil?: number | null;
  /** Milliseconds clock for `fillUntil` (tests script it). */
  now?: () => number;
}

export type AshaEvent =
  | {
      kind: 'trial-start';
      trialId: number;
      params: HyperParams;
      replay: boolean;
      attempt: number;
      worker: string;
    }
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
  | { kind: 'trial-failed'; trialId: number; error: string }
  | { kind: 'trial-lost'; trialId: number };

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

/** Trials a dead local search left 'running' are requeued (call before this machine's workers start). */
export async function releaseOrphans(storage: StorageHandle, runId: string): Promise<number[]> {
  return asAsync(storage).requeueStaleTrials(runId, 0);
}

export interface WorkerOutcome {
  interrupted: boolean;
  failures: string[];
}

/**
 * One worker: claims trials until none is left open (it waits while other workers still run trials, so
 * that it can take over those whose worker dies), or it must stop.
 */
export async function runAshaWorker(o: AshaSearchOptions): Promise<WorkerOutcome> {
  validateAshaConfig(o.scheduler);
  const storage = asAsync(o.storage);
  const worker = o.workerId ?? newWorkerId(hostname(), process.pid);
  const staleAfterMs = o.staleAfterMs ?? STALE_AFTER_MS;
  const heartbeatMs = o.heartbeatMs ?? Math.min(HEARTBEAT_MS, staleAfterMs / 4);
  const ledger = new TrialLedger(storage, o.runId);
  const sign = o.scheduler.mode === 'max' ? 1 : -1;
  const failures: string[] = [];
  const now = o.now ?? Date.now;
  const epochMs = { total: 0, count: 0 };
  const fillAllows = (): boolean =>
    o.fillUntil != null &&
    epochMs.count > 0 &&
    now() + (o.scheduler.gracePeriod * epochMs.total) / epochMs.count <= o.fillUntil;
  const bestOfSearch = async (): Promise<number> =>
    Math.max(
      -Infinity,
      ...(await storage.listTrials(o.runId)).map((t) =>
        t.bestValue === null ? -Infinity : sign * t.bestValue,
      ),
    );
  for (;;) {
    if (o.shouldStop?.()) return { interrupted: true, failures };
    const claim = await storage.claimNextTrial(
      o.runId,
      fillAllows() ? Infinity : o.numSamples,
      (id) => ({ ...o.sampler.sample(id) }),
      { workerId: worker, staleAfterMs },
    );
    if (!claim) {
      // every trial is taken: done once none is still running elsewhere, else wait to take over a dead one
      const open = (await storage.listTrials(o.runId)).some((t) => t.status === 'running');
      if (!open) return { interrupted: false, failures };
      await sleep(Math.min(heartbeatMs, 1000));
      continue;
    }
    const { trialId } = claim;
    const params = parseHyperParams(claim.params, `trial ${trialId} of run ${o.runId}`);
    o.onEvent?.({
      kind: 'trial-start',
      trialId,
      params,
      replay: claim.replay,
      attempt: claim.attempt,
      worker,
    });
    const progress = {
      initWeightsPath: claim.initWeightsPath,
      bestValue: null as number | null,
      lastEpoch: 0,
    };
    let lost = false;
    const beat = setInterval(() => {
      storage.heartbeatTrial(o.runId, trialId, worker).then(
        (ok) => (lost ||= !ok),
        () => {}, // a missed beat is retried at the next one; staleness allows several
      );
    }, heartbeatMs);
    let status: TrialStatus = 'running';
    let session: TrialSession | null = null;
    try {
      session = await o.startTrial(trialId, params, {
        attempt: claim.attempt,
        initWeightsPath: claim.initWeightsPath,
      });
      progress.initWeightsPath = session.initWeightsPath;
      await storage.updateTrial(o.runId, trialId, worker, { ...progress, status: 'running' });
      let running = -Infinity;
      for (let epoch = 1; ; epoch++) {
        if (lost) throw new OwnershipLostError(o.runId, trialId, worker);
        if (o.shouldStop?.()) {
          status = 'paused';
          break;
        }
        const started = now();
        const score = await session.trainEpoch(epoch);
        epochMs.total += now() - started;
        epochMs.count++;
        if (o.shouldStop?.()) {
          status = 'paused'; // a partial epoch is not reported
          break;
        }
        running = Math.max(running, sign * score);
        const reported = o.reporting === 'running-max' ? sign * running : score;
        const best = await bestOfSearch();
        let d: AshaDecision = { action: 'continue' };
        const next = { ...progress, lastEpoch: epoch, bestValue: sign * running };
        await storage.judgeRung(
          o.runId,
          (rungs) => {
            d = judgeFromLedger(o.scheduler, rungs, trialId, epoch, reported);
            return d.decision
              ? { runId: o.runId, trialId, rung: d.rung!, value: reported, decision: d.decision }
              : null;
          },
          { trialId, workerId: worker },
          {
            metrics: ledger.epochMetrics(trialId, epoch, score, reported),
            update: () => ({
              ...next,
              status: d.action === 'stop' ? (d.decision === 'complete' ? 'complete' : 'stopped') : 'running',
            }),
          },
        );
        Object.assign(progress, next);
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
      }
      if (status === 'paused') await storage.updateTrial(o.runId, trialId, worker, { ...progress, status });
    } catch (e) {
      if (e instanceof OwnershipLostError) {
        // requeued while this worker stalled: another worker reruns it, this one must not write for it
        status = 'pending';
        o.onEvent?.({ kind: 'trial-lost', trialId });
      } else {
        // one broken configuration must not end the search (Ray's behaviour too); the error is kept
        status = 'failed';
        failures.push(`trial ${trialId}: ${(e as Error).message}`);
        o.onEvent?.({ kind: 'trial-failed', trialId, error: (e as Error).message });
        await storage.updateTrial(o.runId, trialId, worker, { ...progress, status }).catch((err: unknown) => {
          if (!(err instanceof OwnershipLostError)) throw err;
        });
      }
    } finally {
      clearInterval(beat);
      session?.close();
    }
    o.onEvent?.({ kind: 'trial-end', trialId, status, epochs: progress.lastEpoch });
    if (status === 'paused') return { interrupted: true, failures };
  }
}

/** The search's outcome from its ledger: trials, and Ray's get_best_trial(scope='last'), ties to the earlier. */
export async function summarizeAsha(
  handle: StorageHandle,
  runId: string,
  mode: AshaConfig['mode'],
  outcome: WorkerOutcome,
): Promise<AshaSearchResult> {
  const sign = mode === 'max' ? 1 : -1;
  const state = await new TrialLedger(asAsync(handle), runId).load();
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
  await releaseOrphans(o.storage, o.runId);
  return summarizeAsha(o.storage, o.runId, o.scheduler.mode, await runAshaWorker(o));
}
