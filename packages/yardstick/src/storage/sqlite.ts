// The embedded run database: SQLite through better-sqlite3, in WAL mode so the dashboard and report readers
// never block the search that writes. Every method is one transaction (BEGIN IMMEDIATE for writes), so a
// crash leaves each run either as it was before a call or as it is after it; a run only becomes 'complete'
// in the single statement that also stores its result.
//
// Sharing one search across machines (PostgreSQL, later): the tables map one to one (TEXT JSON columns →
// JSONB, `seq INTEGER PRIMARY KEY` → BIGSERIAL), each method keeps its single transaction, and workers on
// several hosts claim trials with `UPDATE trials SET status='running' ... WHERE status='pending' ... RETURNING`
// under `SELECT ... FOR UPDATE SKIP LOCKED`. Nothing here keeps state in memory between calls, so a
// PgStorage implementing the same interface needs no change in the workflows, compare, report or serve.
import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { migrate } from './migrations.js';
import { trackOpenRun, untrackRun } from './open-runs.js';
import type {
  MetricRecord,
  RunRecord,
  RunStatus,
  RungRecord,
  Storage,
  TrialClaim,
  TrialRecord,
} from './types.js';

interface RunRow {
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

interface TrialRow {
  run_id: string;
  trial_id: number;
  status: TrialRecord['status'];
  params: string;
  last_epoch: number;
  best_value: number | null;
  init_weights_path: string | null;
  updated_at: string;
}

interface MetricRow {
  run_id: string;
  trial_id: number | null;
  stage: string;
  step: number;
  name: string;
  value: number | null;
  at: string;
}

/** SQLite stores NaN as NULL; a diverged loss must come back as NaN, not vanish. */
const toReal = (v: number): number | null => (Number.isNaN(v) ? null : v);
const fromReal = (v: number | null): number => (v === null ? Number.NaN : v);

function toRun(r: RunRow): RunRecord {
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

export interface SqliteStorageOptions {
  readonly?: boolean;
  /** How long a writer waits for another process's write lock before failing (ms). */
  busyTimeoutMs?: number;
  /** Refuse to create the file (commands that only read or tidy runs: a mistyped --db must not make a new one). */
  mustExist?: boolean;
}

/** A running run on another host whose last write is older than this is taken as dead (its host cannot tell us). */
export const STALE_HEARTBEAT_SECONDS = 3600;

export class SqliteStorage implements Storage {
  readonly db: Database.Database;

  constructor(
    readonly file: string,
    opts: SqliteStorageOptions = {},
  ) {
    const mustExist = opts.readonly || opts.mustExist;
    if (file !== ':memory:' && mustExist && !existsSync(file))
      throw new Error(
        `run database ${file} does not exist (no runs yet? pass --db <file> or set YARDSTICK_DB)`,
      );
    if (file !== ':memory:' && !mustExist) mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    checkDatabaseFile(file);
    try {
      this.db = new Database(file, {
        readonly: opts.readonly ?? false,
        fileMustExist: mustExist ?? false,
        timeout: opts.busyTimeoutMs ?? 10_000,
      });
    } catch (e) {
      throw new Error(`cannot open run database ${file}: ${(e as Error).message}`);
    }
    try {
      // the first read: a file that is not SQLite fails here ("file is not a database")
      const tables = this.db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .pluck()
        .all() as string[];
      const version = this.db.pragma('user_version', { simple: true }) as number;
      if (version === 0 && tables.length > 0)
        throw new Error(
          `an SQLite database with other tables (${tables.slice(0, 5).join(', ')}), not a yardstick run database`,
        );
      if (!opts.readonly) {
        this.db.pragma('journal_mode = WAL');
        // NORMAL in WAL mode is durable against process crashes (the case here); FULL would add an fsync per commit
        this.db.pragma('synchronous = NORMAL');
        this.db.pragma('foreign_keys = ON');
        migrate(this.db, file);
      }
    } catch (e) {
      this.db.close();
      const msg = (e as Error).message;
      throw new Error(msg.includes(file) ? msg : `run database ${file}: ${msg}`);
    }
  }

  /** Runs `fn` as one write transaction (nested calls become savepoints). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  createRun(run: Omit<RunRecord, 'status' | 'finishedAt' | 'result'>): RunRecord {
    const now = new Date().toISOString();
    const rec: RunRecord = {
      ...run,
      status: 'running',
      finishedAt: null,
      result: null,
      heartbeatAt: now,
      ownerPid: run.ownerPid ?? process.pid,
      ownerHost: run.ownerHost ?? hostname(),
    };
    this.transaction(() =>
      this.db
        .prepare(
          `INSERT INTO runs (id, workflow, task, mode, status, config, machine, seed, budget_seconds, started_at,
             finished_at, result, artifact_dir, heartbeat_at, owner_pid, owner_host)
           VALUES (?, ?, ?, ?, 'running', ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?)`,
        )
        .run(
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
          rec.heartbeatAt,
          rec.ownerPid,
          rec.ownerHost,
        ),
    );
    if (this.file !== ':memory:' && rec.ownerPid === process.pid)
      trackOpenRun(rec.id, (error) => this.markFailed(rec.id, error));
    return rec;
  }

  getRun(id: string): RunRecord | undefined {
    const row = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
    return row && toRun(row);
  }

  listRuns(filter: { workflow?: string; task?: string; status?: RunStatus } = {}): RunRecord[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM runs WHERE (@workflow IS NULL OR workflow = @workflow) AND (@task IS NULL OR task = @task)
           AND (@status IS NULL OR status = @status) ORDER BY started_at, rowid`,
      )
      .all({
        workflow: filter.workflow ?? null,
        task: filter.task ?? null,
        status: filter.status ?? null,
      }) as RunRow[];
    return rows.map(toRun);
  }

  finishRun(id: string, status: Exclude<RunStatus, 'running'>, result: Record<string, unknown> | null): void {
    if (status === 'complete' && result === null)
      throw new Error(`run ${id}: a complete run needs its result`);
    this.transaction(() => {
      const row = this.db.prepare('SELECT status FROM runs WHERE id = ?').get(id) as
        { status: RunStatus } | undefined;
      if (!row) throw new Error(`run ${id} does not exist`);
      if (row.status !== 'running')
        throw new Error(`run ${id} is already ${row.status}; finished runs are immutable`);
      const now = new Date().toISOString();
      this.db
        .prepare(
          'UPDATE runs SET status = ?, result = COALESCE(?, result), finished_at = ?, heartbeat_at = ? WHERE id = ?',
        )
        .run(status, result === null ? null : JSON.stringify(result), now, now, id);
    });
    untrackRun(id);
  }

  /**
   * Marks a run that is still running as failed with `error`, keeping what its result held so far; a run that
   * already finished is left as it is. Works after close() too (it reopens the file): it runs on the way out.
   */
  markFailed(id: string, error: string): boolean {
    const storage = this.db.open ? this : new SqliteStorage(this.file, { mustExist: true });
    try {
      return storage.transaction(() => {
        const row = storage.db.prepare('SELECT status, result FROM runs WHERE id = ?').get(id) as
          { status: RunStatus; result: string | null } | undefined;
        if (row?.status !== 'running') return false;
        const result = { ...(row.result === null ? {} : JSON.parse(row.result)), error };
        const now = new Date().toISOString();
        storage.db
          .prepare(
            "UPDATE runs SET status = 'failed', result = ?, finished_at = ?, heartbeat_at = ? WHERE id = ?",
          )
          .run(JSON.stringify(result), now, now, id);
        untrackRun(id);
        return true;
      });
    } finally {
      if (storage !== this) storage.close();
    }
  }

  updateRunResult(id: string, result: Record<string, unknown>): void {
    this.transaction(() => {
      const changed = this.db
        .prepare('UPDATE runs SET result = ?, heartbeat_at = ? WHERE id = ?')
        .run(JSON.stringify(result), new Date().toISOString(), id);
      if (changed.changes === 0) throw new Error(`run ${id} does not exist`);
    });
  }

  /**
   * Marks running runs that are dead as 'interrupted' (Optuna's zombie trials) and returns their ids: on this host,
   * those whose owning process is gone; on another host (which alone could check its process), those whose last
   * write is older than `staleAfterSeconds`.
   */
  reapInterruptedRuns(
    isAlive: (pid: number) => boolean = processAlive,
    staleAfterSeconds = STALE_HEARTBEAT_SECONDS,
    now = Date.now(),
  ): string[] {
    const host = hostname();
    return this.transaction(() => {
      const rows = this.db
        .prepare(
          "SELECT id, owner_pid, owner_host, heartbeat_at, started_at FROM runs WHERE status = 'running'",
        )
        .all() as {
        id: string;
        owner_pid: number | null;
        owner_host: string | null;
        heartbeat_at: string | null;
        started_at: string;
      }[];
      const dead = rows
        .filter((r) =>
          r.owner_host === host
            ? r.owner_pid === null || !isAlive(r.owner_pid)
            : now - Date.parse(r.heartbeat_at ?? r.started_at) > staleAfterSeconds * 1000,
        )
        .map((r) => r.id);
      const at = new Date(now).toISOString();
      const mark = this.db.prepare("UPDATE runs SET status = 'interrupted', finished_at = ? WHERE id = ?");
      for (const id of dead) mark.run(at, id);
      return dead;
    });
  }

  upsertTrial(t: TrialRecord): void {
    this.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO trials (run_id, trial_id, status, params, last_epoch, best_value, init_weights_path, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (run_id, trial_id) DO UPDATE SET status = excluded.status, params = excluded.params,
             last_epoch = excluded.last_epoch, best_value = excluded.best_value,
             init_weights_path = excluded.init_weights_path, updated_at = excluded.updated_at`,
        )
        .run(
          t.runId,
          t.trialId,
          t.status,
          JSON.stringify(t.params),
          t.lastEpoch,
          t.bestValue === null ? null : toReal(t.bestValue),
          t.initWeightsPath,
          t.updatedAt,
        );
      this.beat(t.runId);
    });
  }

  listTrials(runId: string): TrialRecord[] {
    const rows = this.db
      .prepare('SELECT * FROM trials WHERE run_id = ? ORDER BY trial_id')
      .all(runId) as TrialRow[];
    return rows.map((r) => ({
      runId: r.run_id,
      trialId: r.trial_id,
      status: r.status,
      params: JSON.parse(r.params),
      lastEpoch: r.last_epoch,
      bestValue: r.best_value,
      initWeightsPath: r.init_weights_path,
      updatedAt: r.updated_at,
    }));
  }

  /** One decision per (rung, trial): a replayed trial re-recording its rung replaces the earlier row. */
  recordRung(r: RungRecord): void {
    this.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO rungs (run_id, rung, trial_id, value, decision) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (run_id, rung, trial_id) DO UPDATE SET value = excluded.value, decision = excluded.decision`,
        )
        .run(r.runId, r.rung, r.trialId, toReal(r.value), r.decision);
      this.beat(r.runId);
    });
  }

  claimNextTrial(
    runId: string,
    numSamples: number,
    params: (trialId: number) => Record<string, unknown>,
  ): TrialClaim | null {
    return this.transaction(() => {
      const now = new Date().toISOString();
      const open = this.db
        .prepare(
          "SELECT trial_id, params FROM trials WHERE run_id = ? AND status IN ('paused', 'pending') ORDER BY trial_id LIMIT 1",
        )
        .get(runId) as { trial_id: number; params: string } | undefined;
      if (open) {
        this.db
          .prepare("UPDATE trials SET status = 'running', updated_at = ? WHERE run_id = ? AND trial_id = ?")
          .run(now, runId, open.trial_id);
        return {
          trialId: open.trial_id,
          params: JSON.parse(open.params) as Record<string, unknown>,
          replay: true,
        };
      }
      const rows = this.db.prepare('SELECT trial_id FROM trials WHERE run_id = ?').all(runId) as {
        trial_id: number;
      }[];
      const taken = new Set(rows.map((r) => r.trial_id));
      let trialId = 0;
      while (taken.has(trialId)) trialId++;
      if (trialId >= numSamples) return null;
      const p = params(trialId);
      this.upsertTrial({
        runId,
        trialId,
        status: 'running',
        params: p,
        lastEpoch: 0,
        bestValue: null,
        initWeightsPath: null,
        updatedAt: now,
      });
      return { trialId, params: p, replay: false };
    });
  }

  judgeRung(runId: string, decide: (rungs: readonly RungRecord[]) => RungRecord | null): RungRecord | null {
    return this.transaction(() => {
      const r = decide(this.listRungs(runId));
      if (r) this.recordRung(r);
      return r;
    });
  }

  listRungs(runId: string): RungRecord[] {
    const rows = this.db
      .prepare('SELECT run_id, rung, trial_id, value, decision FROM rungs WHERE run_id = ? ORDER BY seq')
      .all(runId) as {
      run_id: string;
      rung: number;
      trial_id: number;
      value: number | null;
      decision: RungRecord['decision'];
    }[];
    return rows.map((r) => ({
      runId: r.run_id,
      rung: r.rung,
      trialId: r.trial_id,
      value: fromReal(r.value),
      decision: r.decision,
    }));
  }

  logMetrics(metrics: MetricRecord[]): void {
    if (metrics.length === 0) return;
    const insert = this.db.prepare(
      'INSERT INTO metrics (run_id, trial_id, stage, step, name, value, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.transaction(() => {
      for (const m of metrics) insert.run(m.runId, m.trialId, m.stage, m.step, m.name, toReal(m.value), m.at);
      for (const runId of new Set(metrics.map((m) => m.runId))) this.beat(runId);
    });
  }

  listMetrics(
    runId: string,
    filter: { stage?: string; name?: string; trialId?: number | null } = {},
  ): MetricRecord[] {
    const byTrial =
      filter.trialId === undefined
        ? ''
        : filter.trialId === null
          ? 'AND trial_id IS NULL'
          : 'AND trial_id = @trialId';
    const rows = this.db
      .prepare(
        `SELECT run_id, trial_id, stage, step, name, value, at FROM metrics
         WHERE run_id = @runId AND (@stage IS NULL OR stage = @stage) AND (@name IS NULL OR name = @name) ${byTrial} ORDER BY seq`,
      )
      .all({
        runId,
        stage: filter.stage ?? null,
        name: filter.name ?? null,
        ...(typeof filter.trialId === 'number' ? { trialId: filter.trialId } : {}),
      }) as MetricRow[];
    return rows.map((r) => ({
      runId: r.run_id,
      trialId: r.trial_id,
      stage: r.stage,
      step: r.step,
      name: r.name,
      value: fromReal(r.value),
      at: r.at,
    }));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private beat(runId: string): void {
    this.db.prepare('UPDATE runs SET heartbeat_at = ? WHERE id = ?').run(new Date().toISOString(), runId);
  }
}

/**
 * Refuses a path that is a folder or a file that is neither empty nor SQLite: SQLite would take a file shorter
 * than its header for an empty database and overwrite it.
 */
function checkDatabaseFile(file: string): void {
  if (file === ':memory:' || !existsSync(file)) return;
  if (statSync(file).isDirectory()) throw new Error(`run database ${file} is a folder, not a file`);
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(16);
    const n = readSync(fd, head, 0, 16, 0);
    if (n > 0 && !(n === 16 && head.toString('latin1') === 'SQLite format 3\u0000'))
      throw new Error(`run database ${file}: file is not an SQLite database`);
  } finally {
    closeSync(fd);
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
