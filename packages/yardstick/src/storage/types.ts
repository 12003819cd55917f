// Records of the run database, and `Storage`: the synchronous methods of the embedded SQLite backend (what its
// AsyncStorage view settles as promises; test fixtures call them directly). The contract every backend
// implements, and every reader and writer uses, with trial states, ownership and transactions, is AsyncStorage
// in contract.ts.
import type { AsyncStorage, ClaimOptions, EpochReport, TrialUpdate } from './contract.js';

export type RunStatus = 'running' | 'complete' | 'failed' | 'interrupted';
export type TrialStatus = 'pending' | 'running' | 'paused' | 'stopped' | 'complete' | 'failed';

export interface MachineInfo {
  hostname: string;
  platform: string;
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  device: string; // 'cpu' | 'cuda:0' ...
  torchVersion?: string;
}

export interface RunRecord {
  id: string;
  workflow: 'autoar' | 'dasha' | string;
  task: string; // e.g. 'ltsf/ETTh1', 'gue/prom_core_all'
  mode: string; // 'paper' | 'default' | 'budget'
  status: RunStatus;
  config: Record<string, unknown>; // full resolved configuration (horizon, budget, seeds, ...)
  machine: MachineInfo;
  seed: number | null;
  budgetSeconds: number | null;
  startedAt: string; // ISO 8601
  finishedAt: string | null;
  result: Record<string, unknown> | null; // final scores, chosen architecture/hyperparameters, params, flops
  artifactDir: string | null;
  /** Last write by the owning process (set by the storage); a stale heartbeat on a running run means it died. */
  heartbeatAt?: string | null;
  /** Process and host that own a running run, so a later process can mark it interrupted if that process is gone. */
  ownerPid?: number | null;
  ownerHost?: string | null;
}

export interface TrialRecord {
  runId: string;
  trialId: number;
  status: TrialStatus;
  params: Record<string, unknown>; // sampled hyperparameters (lr, weight_decay, momentum, drop_rate, seed)
  lastEpoch: number; // epochs completed
  bestValue: number | null;
  initWeightsPath: string | null;
  updatedAt: string;
  /** The worker that owns it while running (null otherwise); set by the storage. */
  workerId?: string | null;
  /** Times it was claimed (a requeued trial's rerun is attempt 2); set by the storage. */
  attempts?: number;
}

export interface RungRecord {
  runId: string;
  rung: number; // budget (epochs) of the rung
  trialId: number;
  value: number;
  decision: 'promote' | 'stop' | 'complete';
}

export interface TrialClaim {
  trialId: number;
  params: Record<string, unknown>;
  /** True when the trial was in the ledger already (replayed after an interruption or requeue). */
  replay: boolean;
  /** 1 for the first claim, then one more per requeue or resume. */
  attempt: number;
  /** Initial weights saved by an earlier attempt: a rerun starts from them. */
  initWeightsPath: string | null;
}

export interface MetricRecord {
  runId: string;
  trialId: number | null; // null for run-level metrics (search, retrain)
  stage: string; // 'search' | 'asha' | 'retrain' | 'test' | 'select' ...
  step: number; // epoch or step index
  name: string; // 'train_loss' | 'val_score' | 'test_mcc' ...
  value: number;
  at: string;
}

/** The embedded backend's synchronous view; each method is one transaction (semantics: contract.ts). */
export interface Storage {
  /** This database as the contract every backend implements. */
  async(): AsyncStorage;
  createRun(run: Omit<RunRecord, 'status' | 'finishedAt' | 'result'>): RunRecord;
  getRun(id: string): RunRecord | undefined;
  listRuns(filter?: { workflow?: string; task?: string; status?: RunStatus }): RunRecord[];
  /** Marks a run finished and stores its result in one transaction. */
  finishRun(id: string, status: Exclude<RunStatus, 'running'>, result: Record<string, unknown> | null): void;
  updateRunResult(id: string, result: Record<string, unknown>): void;
  /** Marks running runs whose process is gone (or, on another host, whose heartbeat is stale) as interrupted. */
  reapInterruptedRuns(): string[];
  markFailed(id: string, error: string): boolean;

  upsertTrial(trial: TrialRecord): void;
  listTrials(runId: string): TrialRecord[];
  recordRung(rung: RungRecord): void;
  listRungs(runId: string): RungRecord[];

  /** AsyncStorage.claimNextTrial, synchronously (BEGIN IMMEDIATE); without opts the claim has no owner. */
  claimNextTrial(
    runId: string,
    numSamples: number,
    params: (trialId: number) => Record<string, unknown>,
    opts?: ClaimOptions,
  ): TrialClaim | null;
  heartbeatTrial(runId: string, trialId: number, workerId: string): boolean;
  updateTrial(runId: string, trialId: number, workerId: string, update: TrialUpdate): void;
  requeueStaleTrials(runId: string, staleAfterMs: number): number[];
  /** AsyncStorage.judgeRung; without `owner` (scripted tests) no ownership is checked. */
  judgeRung(
    runId: string,
    decide: (rungs: readonly RungRecord[]) => RungRecord | null,
    owner?: { trialId: number; workerId: string },
    report?: EpochReport,
  ): RungRecord | null;

  logMetrics(metrics: MetricRecord[]): void;
  listMetrics(
    runId: string,
    filter?: { stage?: string; name?: string; trialId?: number | null },
  ): MetricRecord[];

  close(): void;
}
