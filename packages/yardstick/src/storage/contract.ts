// The storage contract: what every run-database backend promises, written once, in the style of Optuna's
// BaseStorage. `AsyncStorage` below is the interface every backend implements (SQLite embedded, PostgreSQL
// for many machines); test/storage/conformance.ts checks each clause against each backend.
//
// Layering. Every reader and writer of runs (DASHA and its ASHA workers, `yardstick worker`, Auto-AR records,
// the suite pipeline, compare, reports, the dashboard) goes through AsyncStorage, so each runs the same code on
// an SQLite file and on PostgreSQL. The embedded SQLite class keeps its synchronous methods (`Storage` in
// types.ts), which its AsyncStorage view (`SqliteStorage.async()`, embedded.ts) settles as promises and test
// fixtures call directly.
//
// Runs. A run is created `running`, owned by (owner_host, owner_pid); every write on its behalf refreshes its
// heartbeat. It leaves `running` once, to `complete` (which needs its result, stored in the same statement),
// `failed` (its error kept in the result) or `interrupted` (reaped: its process is gone, or on another host its
// heartbeat is older than the staleness limit). A finished run is immutable: finishRun on it throws.
//
// Trials (one ASHA configuration of a run). States and the only legal transitions:
//
//   (absent) ──claim──▶ running ──finish──▶ complete | stopped | failed     (terminal: immutable)
//   pending  ──claim──▶ running ──pause───▶ paused ──claim──▶ running
//                       running ──requeue─▶ pending   (its owner's heartbeat went stale, or a coordinator
//                                                      restarting a dead local search releases its orphans)
//
// Ownership. A running trial belongs to exactly one worker (worker_id) that heartbeats it (heartbeat_at, the
// database's clock on PostgreSQL so that hosts' clocks do not matter). Only the owner may update, judge or
// finish it; a write from a worker that lost the trial (it was requeued while the worker stalled) is refused
// with OwnershipLostError and changes nothing, so a zombie cannot duplicate or overwrite a rerun's result.
// Each claim increments the trial's attempt count. A requeued trial keeps its params and its saved initial
// weights (init_weights_path), so the rerun starts from exactly the weights the first attempt started from.
//
// Rungs. One ASHA decision per (run, rung, trial), in commit order. judgeRung runs the caller's pure rule on
// the rung records as committed, and stores its verdict, in one transaction that excludes every other judge
// of the same run (the run row is locked), so concurrent workers decide exactly as a sequential scheduler
// fed the same reports in commit order. A rerun reaching a rung its earlier attempt already passed finds its
// own record there and is not judged again (the rule skips recorded trials).
//
// Readers. Every method is one transaction; a reader sees each write whole or not at all (SQLite WAL
// snapshots, PostgreSQL READ COMMITTED statements). Lists come back in a stable order: runs by start then
// insertion, trials by id, rungs and metrics by commit order. NaN values survive a round trip.
import type {
  MetricRecord,
  RunRecord,
  RunStatus,
  RungRecord,
  TrialClaim,
  TrialRecord,
  TrialStatus,
} from './types.js';

export const TERMINAL_TRIAL_STATES: readonly TrialStatus[] = ['complete', 'stopped', 'failed'];

/** A worker wrote to a trial it no longer owns (requeued after its heartbeat went stale, or finished). */
export class OwnershipLostError extends Error {
  constructor(runId: string, trialId: number, workerId: string) {
    super(`run ${runId} trial ${trialId}: worker ${workerId} no longer owns it (requeued or finished)`);
    this.name = 'OwnershipLostError';
  }
}

export interface ClaimOptions {
  /** The claiming worker (host:pid:random, see workerId()). */
  workerId: string;
  /**
   * Running trials whose heartbeat is older than this are requeued (pending, no owner) in the same transaction,
   * before the claim. Omit to requeue none.
   */
  staleAfterMs?: number;
}

/** What the owner of a running trial may change. */
export interface TrialUpdate {
  status: TrialStatus;
  lastEpoch: number;
  bestValue: number | null;
  initWeightsPath: string | null;
}

/** What the owner writes with a judgement, in the same transaction (one transaction per epoch). */
export interface EpochReport {
  metrics: MetricRecord[];
  /** The trial's progress after the verdict (a terminal status finishes it and releases ownership). */
  update: (verdict: RungRecord | null) => TrialUpdate;
}

/** The run-database contract every backend implements (see the header for the semantics). */
export interface AsyncStorage {
  readonly backend: 'sqlite' | 'postgresql';
  /** Where it lives, for messages: a file path or the URL without its password. */
  readonly location: string;
  /** What opens this same database from another process (--db value; null: in-memory, this process only). */
  readonly spec: string | null;

  createRun(run: Omit<RunRecord, 'status' | 'finishedAt' | 'result'>): Promise<RunRecord>;
  getRun(id: string): Promise<RunRecord | undefined>;
  listRuns(filter?: { workflow?: string; task?: string; status?: RunStatus }): Promise<RunRecord[]>;
  /** Leaves `running` once, storing the result in the same statement; throws on a finished run. */
  finishRun(
    id: string,
    status: Exclude<RunStatus, 'running'>,
    result: Record<string, unknown> | null,
  ): Promise<void>;
  /** Marks a still-running run failed with `error`, keeping its partial result; false if it had finished. */
  markFailed(id: string, error: string): Promise<boolean>;
  updateRunResult(id: string, result: Record<string, unknown>): Promise<void>;
  /** Marks running runs whose process is gone (this host) or whose heartbeat is stale (others) interrupted. */
  reapInterruptedRuns(staleAfterSeconds?: number): Promise<string[]>;

  /** Writes a trial as given, with no owner (ledger import, fixtures); refused on a terminal trial. */
  upsertTrial(trial: TrialRecord): Promise<void>;
  listTrials(runId: string): Promise<TrialRecord[]>;
  /** Writes a rung record as given (ledger import); one per (rung, trial), a later one replaces it. */
  recordRung(rung: RungRecord): Promise<void>;
  listRungs(runId: string): Promise<RungRecord[]>;

  /**
   * Claims the next trial for one worker in one transaction: requeues stale trials (opts.staleAfterMs), then
   * takes the lowest-numbered pending or paused trial (SELECT ... FOR UPDATE SKIP LOCKED on PostgreSQL), else
   * inserts the lowest trial id below `numSamples` (Infinity: no limit) not yet in the ledger with `params(trialId)`. The trial is
   * then running, owned by opts.workerId, heartbeat now. Null when every trial is taken or finished, or the run
   * itself has finished (it takes no more work).
   */
  claimNextTrial(
    runId: string,
    numSamples: number,
    params: (trialId: number) => Record<string, unknown>,
    opts: ClaimOptions,
  ): Promise<TrialClaim | null>;
  /** Refreshes the owner's heartbeat; false when the worker no longer owns the trial. */
  heartbeatTrial(runId: string, trialId: number, workerId: string): Promise<boolean>;
  /** The owner's progress or finish (a terminal or paused status also releases ownership); OwnershipLostError otherwise. */
  updateTrial(runId: string, trialId: number, workerId: string, update: TrialUpdate): Promise<void>;
  /** Requeues running trials whose heartbeat is older than `staleAfterMs` (0: every running trial); their ids. */
  requeueStaleTrials(runId: string, staleAfterMs: number): Promise<number[]>;
  /**
   * Judges one report of `owner`'s trial in one transaction that excludes every other judge of the run:
   * `decide` gets the rung records in commit order and returns the record to add (or null). OwnershipLostError
   * (and nothing stored) when the worker no longer owns the trial. With `report`, the epoch's metrics and the
   * trial's progress are written in the same transaction, so a trial's ledger never runs ahead of its rungs.
   */
  judgeRung(
    runId: string,
    decide: (rungs: readonly RungRecord[]) => RungRecord | null,
    owner: { trialId: number; workerId: string },
    report?: EpochReport,
  ): Promise<RungRecord | null>;

  logMetrics(metrics: MetricRecord[]): Promise<void>;
  listMetrics(
    runId: string,
    filter?: { stage?: string; name?: string; trialId?: number | null },
  ): Promise<MetricRecord[]>;

  close(): Promise<void>;
}

/** Throws unless `from -> to` is a legal trial transition (same-state progress on a running trial is legal). */
export function checkTrialTransition(
  where: string,
  from: TrialStatus | undefined,
  to: TrialStatus,
  by: 'claim' | 'owner' | 'import' | 'requeue',
): void {
  const legal =
    by === 'claim'
      ? (from === undefined || from === 'pending' || from === 'paused') && to === 'running'
      : by === 'owner'
        ? from === 'running'
        : by === 'requeue'
          ? from === 'running' && to === 'pending'
          : from === undefined || !TERMINAL_TRIAL_STATES.includes(from);
  if (!legal)
    throw new Error(
      from !== undefined && TERMINAL_TRIAL_STATES.includes(from)
        ? `${where} is already ${from}; finished trials are immutable`
        : `${where}: illegal transition ${from ?? '(new)'} -> ${to} by ${by}`,
    );
}

let counter = 0;
/** A worker id unique across hosts and processes: host:pid:random:n. */
export function workerId(host: string, pid: number): string {
  return `${host}:${pid}:${Math.random().toString(36).slice(2, 8)}:${counter++}`;
}
