// The embedded SQLite database as the storage contract (AsyncStorage): each call is the synchronous
// transaction of SqliteStorage, settled as a promise, so the same worker code runs on SQLite and PostgreSQL.
import path from 'node:path';
import type { AsyncStorage, ClaimOptions, EpochReport, TrialUpdate } from './contract.js';
import type { SqliteStorage } from './sqlite.js';
import type { MetricRecord, RunRecord, RunStatus, RungRecord, TrialRecord } from './types.js';

/** Runs a synchronous call so that its error becomes a rejection, as a networked backend's would. */
const settle = <T>(fn: () => T): Promise<T> => new Promise((resolve) => resolve(fn()));

export class EmbeddedStorage implements AsyncStorage {
  readonly backend = 'sqlite' as const;

  constructor(readonly sync: SqliteStorage) {}

  get location(): string {
    return this.sync.file;
  }

  get spec(): string | null {
    return this.sync.file === ':memory:' ? null : path.resolve(this.sync.file);
  }

  createRun(run: Omit<RunRecord, 'status' | 'finishedAt' | 'result'>): Promise<RunRecord> {
    return settle(() => this.sync.createRun(run));
  }
  getRun(id: string): Promise<RunRecord | undefined> {
    return settle(() => this.sync.getRun(id));
  }
  listRuns(filter?: { workflow?: string; task?: string; status?: RunStatus }): Promise<RunRecord[]> {
    return settle(() => this.sync.listRuns(filter));
  }
  finishRun(
    id: string,
    status: Exclude<RunStatus, 'running'>,
    result: Record<string, unknown> | null,
  ): Promise<void> {
    return settle(() => this.sync.finishRun(id, status, result));
  }
  markFailed(id: string, error: string): Promise<boolean> {
    return settle(() => this.sync.markFailed(id, error));
  }
  updateRunResult(id: string, result: Record<string, unknown>): Promise<void> {
    return settle(() => this.sync.updateRunResult(id, result));
  }
  reapInterruptedRuns(staleAfterSeconds?: number): Promise<string[]> {
    return settle(() => this.sync.reapInterruptedRuns(undefined, staleAfterSeconds));
  }
  upsertTrial(trial: TrialRecord): Promise<void> {
    return settle(() => this.sync.upsertTrial(trial));
  }
  listTrials(runId: string): Promise<TrialRecord[]> {
    return settle(() => this.sync.listTrials(runId));
  }
  recordRung(rung: RungRecord): Promise<void> {
    return settle(() => this.sync.recordRung(rung));
  }
  listRungs(runId: string): Promise<RungRecord[]> {
    return settle(() => this.sync.listRungs(runId));
  }
  claimNextTrial(
    runId: string,
    numSamples: number,
    params: (trialId: number) => Record<string, unknown>,
    opts: ClaimOptions,
  ) {
    return settle(() => this.sync.claimNextTrial(runId, numSamples, params, opts));
  }
  heartbeatTrial(runId: string, trialId: number, workerId: string): Promise<boolean> {
    return settle(() => this.sync.heartbeatTrial(runId, trialId, workerId));
  }
  updateTrial(runId: string, trialId: number, workerId: string, update: TrialUpdate): Promise<void> {
    return settle(() => this.sync.updateTrial(runId, trialId, workerId, update));
  }
  requeueStaleTrials(runId: string, staleAfterMs: number): Promise<number[]> {
    return settle(() => this.sync.requeueStaleTrials(runId, staleAfterMs));
  }
  judgeRung(
    runId: string,
    decide: (rungs: readonly RungRecord[]) => RungRecord | null,
    owner: { trialId: number; workerId: string },
    report?: EpochReport,
  ): Promise<RungRecord | null> {
    return settle(() => this.sync.judgeRung(runId, decide, owner, report));
  }
  logMetrics(metrics: MetricRecord[]): Promise<void> {
    return settle(() => this.sync.logMetrics(metrics));
  }
  listMetrics(
    runId: string,
    filter?: { stage?: string; name?: string; trialId?: number | null },
  ): Promise<MetricRecord[]> {
    return settle(() => this.sync.listMetrics(runId, filter));
  }
  close(): Promise<void> {
    return settle(() => this.sync.close());
  }
}
