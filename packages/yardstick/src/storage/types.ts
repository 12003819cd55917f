// The storage interface behind which every run, trial, rung decision and metric is kept. SQLite is the
// embedded default; the shape mirrors Optuna's RDB storage so that a PostgreSQL backend can later let many
// worker machines share one search (all methods are row-level and transactional, no in-memory state).

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
  /** True when the trial was in the ledger already (replayed after an interruption). */
  replay: boolean;
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

/** One backend-neutral interface; implementations must make each method atomic. */
export interface Storage {
  createRun(run: Omit<RunRecord, 'status' | 'finishedAt' | 'result'>): RunRecord;
  getRun(id: string): RunRecord | undefined;
  listRuns(filter?: { workflow?: string; task?: string; status?: RunStatus }): RunRecord[];
  /** Marks a run finished and stores its result in one transaction. */
  finishRun(id: string, status: Exclude<RunStatus, 'running'>, result: Record<string, unknown> | null): void;
  updateRunResult(id: string, result: Record<string, unknown>): void;
  /** Marks running runs whose process is gone (or, on another host, whose heartbeat is stale) as interrupted. */
  reapInterruptedRuns(): string[];

  upsertTrial(trial: TrialRecord): void;
  listTrials(runId: string): TrialRecord[];
  recordRung(rung: RungRecord): void;
  listRungs(runId: string): RungRecord[];

  /**
   * Claims the next trial of an ASHA search for one worker, in one write transaction (BEGIN IMMEDIATE on
   * SQLite, SELECT ... FOR UPDATE on PostgreSQL): the lowest-numbered trial left 'paused' or 'pending' by an
   * interrupted search, else the lowest trial id below `numSamples` not yet in the ledger, which is inserted
   * 'running' with `params(trialId)`. Null when every trial is taken. Many workers call it concurrently.
   */
  claimNextTrial(
    runId: string,
    numSamples: number,
    params: (trialId: number) => Record<string, unknown>,
  ): TrialClaim | null;
  /**
   * Judges one report against the rung decisions recorded so far, in one write transaction: `decide` gets
   * the run's rung records in commit order and returns the record to add (or null), which is stored before
   * the transaction ends, so concurrent workers see each other's decisions exactly as a sequential search.
   */
  judgeRung(runId: string, decide: (rungs: readonly RungRecord[]) => RungRecord | null): RungRecord | null;

  logMetrics(metrics: MetricRecord[]): void;
  listMetrics(
    runId: string,
    filter?: { stage?: string; name?: string; trialId?: number | null },
  ): MetricRecord[];

  close(): void;
}
