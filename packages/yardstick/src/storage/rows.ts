// Row shapes shared by the SQLite and PostgreSQL backends (PostgreSQL selects its JSONB columns as text, so
// both decode the same rows), the writes both run as written, and the liveness rule for runs.
import { hostname } from 'node:os';
import type { MetricRecord, RunRecord, RunStatus, RungRecord, TrialClaim, TrialRecord } from './types.js';

/** A statement both backends run as written, in SQLite's `?` parameters (numbered() for PostgreSQL). */
export interface Statement {
  sql: string;
  values: (string | number | null)[];
}

/** `?` parameters as PostgreSQL's $1, $2, ... (the shared statements hold no `?` in a literal). */
export const numbered = (sql: string): string => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

export interface RunRow {
  id: string;
  workflow: string;
  task: string;
  mode: string;
  status: RunStatus;
  config: string;
  machine: string;
  seed: number | null;
  budget_seconds: number | null;
  started_at: string;
  finished_at: string | null;
  result: string | null;
  artifact_dir: string | null;
  heartbeat_at: string | null;
  owner_pid: number | null;
  owner_host: string | null;
}

export interface TrialRow {
  run_id: string;
  trial_id: number;
  status: TrialRecord['status'];
  params: string;
  last_epoch: number;
  best_value: number | null;
  init_weights_path: string | null;
  updated_at: string;
  worker_id: string | null;
  attempts: number;
}

export interface MetricRow {
  run_id: string;
  trial_id: number | null;
  stage: string;
  step: number;
  name: string;
  value: number | null;
  at: string;
}

/** SQLite stores NaN as NULL; a diverged loss must come back as NaN, not vanish. */
export const toReal = (v: number): number | null => (Number.isNaN(v) ? null : v);
export const fromReal = (v: number | null): number => (v === null ? Number.NaN : v);

export function toRun(r: RunRow): RunRecord {
  return {
    id: r.id,
    workflow: r.workflow,
    task: r.task,
    mode: r.mode,
    status: r.status,
    config: JSON.parse(r.config),
    machine: JSON.parse(r.machine),
    seed: r.seed,
    budgetSeconds: r.budget_seconds,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    result: r.result === null ? null : JSON.parse(r.result),
    artifactDir: r.artifact_dir,
    heartbeatAt: r.heartbeat_at,
    ownerPid: r.owner_pid,
    ownerHost: r.owner_host,
  };
}

/** A new run as every backend stores it: running, owned by this process unless told otherwise, and its insert. */
export function newRun(run: Omit<RunRecord, 'status' | 'finishedAt' | 'result'>): {
  rec: RunRecord;
  insert: Statement;
} {
  const heartbeatAt = new Date().toISOString();
  const ownerPid = run.ownerPid ?? process.pid;
  const ownerHost = run.ownerHost ?? hostname();
  const rec: RunRecord = {
    ...run,
    status: 'running',
    finishedAt: null,
    result: null,
    heartbeatAt,
    ownerPid,
    ownerHost,
  };
  const values = [
    rec.id,
    rec.workflow,
    rec.task,
    rec.mode,
    JSON.stringify(rec.config),
    JSON.stringify(rec.machine),
    rec.seed,
    rec.budgetSeconds,
    rec.startedAt,
    rec.artifactDir,
    heartbeatAt,
    ownerPid,
    ownerHost,
  ];
  const sql = `INSERT INTO runs (id, workflow, task, mode, status, config, machine, seed, budget_seconds, started_at,
      artifact_dir, heartbeat_at, owner_pid, owner_host)
    VALUES (?, ?, ?, ?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
  return { rec, insert: { sql, values } };
}

/** A trial written as given, with no owner (upsertTrial; its transition is checked by the caller). */
export function upsertTrial(t: TrialRecord): Statement {
  return {
    sql: `INSERT INTO trials (run_id, trial_id, status, params, last_epoch, best_value, init_weights_path, updated_at,
        attempts)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (run_id, trial_id) DO UPDATE SET status = excluded.status, params = excluded.params,
        last_epoch = excluded.last_epoch, best_value = excluded.best_value,
        init_weights_path = excluded.init_weights_path, updated_at = excluded.updated_at,
        attempts = excluded.attempts, worker_id = NULL, heartbeat_at = NULL`,
    values: [
      t.runId,
      t.trialId,
      t.status,
      JSON.stringify(t.params),
      t.lastEpoch,
      t.bestValue === null ? null : toReal(t.bestValue),
      t.initWeightsPath,
      t.updatedAt,
      t.attempts ?? 0,
    ],
  };
}

/** One decision per (rung, trial): a replayed trial re-recording its rung replaces the earlier row. */
export function upsertRung(r: RungRecord): Statement {
  return {
    sql: `INSERT INTO rungs (run_id, rung, trial_id, value, decision) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (run_id, rung, trial_id) DO UPDATE SET value = excluded.value, decision = excluded.decision`,
    values: [r.runId, r.rung, r.trialId, toReal(r.value), r.decision],
  };
}

export function toTrial(r: TrialRow): TrialRecord {
  return {
    runId: r.run_id,
    trialId: r.trial_id,
    status: r.status,
    params: JSON.parse(r.params),
    lastEpoch: r.last_epoch,
    bestValue: r.best_value,
    initWeightsPath: r.init_weights_path,
    updatedAt: r.updated_at,
    workerId: r.worker_id,
    attempts: r.attempts,
  };
}

/** What a claim reads of a trial already in the ledger (pending after a requeue, or paused). */
export type OpenTrialRow = Pick<TrialRow, 'trial_id' | 'params' | 'init_weights_path' | 'attempts'>;

/** The claim of a trial already in the ledger: its next attempt, from its saved initial weights. */
export function replayClaim(row: OpenTrialRow): TrialClaim {
  return {
    trialId: row.trial_id,
    params: JSON.parse(row.params) as Record<string, unknown>,
    replay: true,
    attempt: row.attempts + 1,
    initWeightsPath: row.init_weights_path,
  };
}

/** The lowest trial id not in the ledger (ids are dense), or null when all `numSamples` are taken. */
export function nextTrialId(taken: readonly number[], numSamples: number): number | null {
  const used = new Set(taken);
  let id = 0;
  while (used.has(id)) id++;
  return id < numSamples ? id : null;
}

/** The claim of a new trial (first attempt). */
export const newClaim = (trialId: number, params: Record<string, unknown>): TrialClaim => ({
  trialId,
  params,
  replay: false,
  attempt: 1,
  initWeightsPath: null,
});

export function toMetric(r: MetricRow): MetricRecord {
  return {
    runId: r.run_id,
    trialId: r.trial_id,
    stage: r.stage,
    step: r.step,
    name: r.name,
    value: fromReal(r.value),
    at: r.at,
  };
}

/** listMetrics' trial clause: any trial (undefined), run-level metrics only (null), or the one bound to `param`. */
export const trialFilter = (trialId: number | null | undefined, param: string): string =>
  trialId === undefined ? '' : trialId === null ? 'AND trial_id IS NULL' : `AND trial_id = ${param}`;

/** A running run on another host whose last write is older than this is taken as dead (its host cannot tell us). */
export const STALE_HEARTBEAT_SECONDS = 3600;

/**
 * The running runs that are dead (Optuna's zombie trials): on this host, those whose owning process is gone;
 * on another host (which alone could check its process), those whose last write is older than the limit.
 */
export function deadRuns(
  rows: readonly Pick<RunRow, 'id' | 'owner_pid' | 'owner_host' | 'heartbeat_at' | 'started_at'>[],
  isAlive: (pid: number) => boolean = processAlive,
  staleAfterSeconds = STALE_HEARTBEAT_SECONDS,
  now = Date.now(),
): string[] {
  const host = hostname();
  return rows
    .filter((r) =>
      r.owner_host === host
        ? r.owner_pid === null || !isAlive(r.owner_pid)
        : now - Date.parse(r.heartbeat_at ?? r.started_at) > staleAfterSeconds * 1000,
    )
    .map((r) => r.id);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
