// The embedded run database: SQLite through better-sqlite3, in WAL mode so the dashboard and report readers
// never block the search that writes. Every method is one transaction (BEGIN IMMEDIATE for writes), so a
// crash leaves each run either as it was before a call or as it is after it; a run only becomes 'complete'
// in the single statement that also stores its result.
//
// The semantics (trial states, ownership, what each call does in its transaction) are the contract in
// contract.ts, shared with the PostgreSQL backend (postgres.ts); `async()` is this database as that contract.
import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  checkTrialTransition,
  OwnershipLostError,
  type ClaimOptions,
  type EpochReport,
  type TrialUpdate,
} from './contract.js';
import { EmbeddedStorage } from './embedded.js';
import { migrateSqlite } from './migrations.js';
import { isPostgresUrl, redactUrl } from './paths.js';
import {
  deadRuns,
  fromReal,
  toMetric,
  toReal,
  toRun,
  newClaim,
  newRun,
  nextTrialId,
  replayClaim,
  toTrial,
  trialFilter,
  type OpenTrialRow,
  upsertRung,
  upsertTrial,
  type Statement,
  type MetricRow,
  type RunRow,
  type TrialRow,
} from './rows.js';
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

export interface SqliteStorageOptions {
  readonly?: boolean;
  /** How long a writer waits for another process's write lock before failing (ms). */
  busyTimeoutMs?: number;
  /** Refuse to create the file (commands that only read or tidy runs: a mistyped --db must not make a new one). */
  mustExist?: boolean;
}

export class SqliteStorage implements Storage {
  readonly db: Database.Database;
  private asyncView?: EmbeddedStorage;

  constructor(
    readonly file: string,
    opts: SqliteStorageOptions = {},
  ) {
    if (isPostgresUrl(file))
      throw new Error(
        `${redactUrl(file)} is a PostgreSQL URL, not an SQLite file (open it with openAsyncStorage)`,
      );
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
        migrateSqlite(this.db, file);
      }
    } catch (e) {
      this.db.close();
      const msg = (e as Error).message;
      throw new Error(msg.includes(file) ? msg : `run database ${file}: ${msg}`);
    }
  }

  /** This database as the contract every backend implements (the ASHA workers and `yardstick worker` use it). */
  async(): EmbeddedStorage {
    return (this.asyncView ??= new EmbeddedStorage(this));
  }

  /** Runs `fn` as one write transaction (nested calls become savepoints). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  createRun(run: Omit<RunRecord, 'status' | 'finishedAt' | 'result'>): RunRecord {
    const { rec, insert } = newRun(run);
    this.transaction(() => this.run(insert));
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

  /** Marks running runs that are dead (rows.ts deadRuns) as 'interrupted' and returns their ids. */
  reapInterruptedRuns(
    isAlive?: (pid: number) => boolean,
    staleAfterSeconds?: number,
    now = Date.now(),
  ): string[] {
    return this.transaction(() => {
      const rows = this.db
        .prepare(
          "SELECT id, owner_pid, owner_host, heartbeat_at, started_at FROM runs WHERE status = 'running'",
        )
        .all() as Parameters<typeof deadRuns>[0];
      const dead = deadRuns(rows, isAlive, staleAfterSeconds, now);
      const at = new Date(now).toISOString();
      const mark = this.db.prepare("UPDATE runs SET status = 'interrupted', finished_at = ? WHERE id = ?");
      for (const id of dead) mark.run(at, id);
      return dead;
    });
  }

  upsertTrial(t: TrialRecord): void {
    this.transaction(() => {
      checkTrialTransition(
        `run ${t.runId} trial ${t.trialId}`,
        this.trialStatus(t.runId, t.trialId),
        t.status,
        'import',
      );
      this.run(upsertTrial(t));
      this.beat(t.runId);
    });
  }

  listTrials(runId: string): TrialRecord[] {
    const rows = this.db
      .prepare('SELECT * FROM trials WHERE run_id = ? ORDER BY trial_id')
      .all(runId) as TrialRow[];
    return rows.map(toTrial);
  }

  recordRung(r: RungRecord): void {
    this.transaction(() => {
      this.run(upsertRung(r));
      this.beat(r.runId);
    });
  }

  claimNextTrial(
    runId: string,
    numSamples: number,
    params: (trialId: number) => Record<string, unknown>,
    opts?: ClaimOptions,
  ): TrialClaim | null {
    return this.transaction(() => {
      const run = this.db.prepare('SELECT status FROM runs WHERE id = ?').pluck().get(runId) as
        RunStatus | undefined;
      if (run === undefined) throw new Error(`run ${runId} does not exist`);
      if (run !== 'running') return null; // a finished run takes no more work
      if (opts?.staleAfterMs !== undefined) this.requeueStaleTrials(runId, opts.staleAfterMs);
      const now = new Date().toISOString();
      const worker = opts?.workerId ?? null;
      const open = this.db
        .prepare(
          `SELECT trial_id, params, init_weights_path, attempts FROM trials
           WHERE run_id = ? AND status IN ('paused', 'pending') ORDER BY trial_id LIMIT 1`,
        )
        .get(runId) as OpenTrialRow | undefined;
      if (open) {
        this.db
          .prepare(
            `UPDATE trials SET status = 'running', worker_id = ?, heartbeat_at = ?, attempts = attempts + 1,
               updated_at = ? WHERE run_id = ? AND trial_id = ?`,
          )
          .run(worker, now, now, runId, open.trial_id);
        this.beat(runId);
        return replayClaim(open);
      }
      const taken = this.db.prepare('SELECT trial_id FROM trials WHERE run_id = ?').pluck().all(runId);
      const trialId = nextTrialId(taken as number[], numSamples);
      if (trialId === null) return null;
      const p = params(trialId);
      this.db
        .prepare(
          `INSERT INTO trials (run_id, trial_id, status, params, last_epoch, best_value, init_weights_path,
             updated_at, worker_id, heartbeat_at, attempts)
           VALUES (?, ?, 'running', ?, 0, NULL, NULL, ?, ?, ?, 1)`,
        )
        .run(runId, trialId, JSON.stringify(p), now, worker, now);
      this.beat(runId);
      return newClaim(trialId, p);
    });
  }

  heartbeatTrial(runId: string, trialId: number, workerId: string): boolean {
    return this.transaction(() => {
      const now = new Date().toISOString();
      const n = this.db
        .prepare(
          `UPDATE trials SET heartbeat_at = ? WHERE run_id = ? AND trial_id = ? AND status = 'running'
             AND worker_id = ?`,
        )
        .run(now, runId, trialId, workerId).changes;
      if (n > 0) this.beat(runId);
      return n > 0;
    });
  }

  updateTrial(runId: string, trialId: number, workerId: string, u: TrialUpdate): void {
    this.transaction(() => {
      this.checkOwner(runId, trialId, workerId);
      checkTrialTransition(`run ${runId} trial ${trialId}`, 'running', u.status, 'owner');
      const now = new Date().toISOString();
      const keep = u.status === 'running';
      this.db
        .prepare(
          `UPDATE trials SET status = ?, last_epoch = ?, best_value = ?, init_weights_path = ?, updated_at = ?,
             heartbeat_at = ?, worker_id = ? WHERE run_id = ? AND trial_id = ?`,
        )
        .run(
          u.status,
          u.lastEpoch,
          u.bestValue === null ? null : toReal(u.bestValue),
          u.initWeightsPath,
          now,
          keep ? now : null,
          keep ? workerId : null,
          runId,
          trialId,
        );
      this.beat(runId);
    });
  }

  requeueStaleTrials(runId: string, staleAfterMs: number): number[] {
    return this.transaction(() => {
      const cutoff = new Date(Date.now() - staleAfterMs).toISOString();
      const ids = this.db
        .prepare(
          `UPDATE trials SET status = 'pending', worker_id = NULL, updated_at = ?
           WHERE run_id = ? AND status = 'running' AND (heartbeat_at IS NULL OR heartbeat_at <= ?)
           RETURNING trial_id`,
        )
        .pluck()
        .all(new Date().toISOString(), runId, cutoff) as number[];
      return ids.sort((x, y) => x - y);
    });
  }

  judgeRung(
    runId: string,
    decide: (rungs: readonly RungRecord[]) => RungRecord | null,
    owner?: { trialId: number; workerId: string },
    report?: EpochReport,
  ): RungRecord | null {
    return this.transaction(() => {
      if (owner) this.checkOwner(runId, owner.trialId, owner.workerId);
      const r = decide(this.listRungs(runId));
      if (r) this.recordRung(r);
      if (report) {
        if (!owner) throw new Error(`run ${runId}: an epoch report needs its trial's owner`);
        this.logMetrics(report.metrics);
        this.updateTrial(runId, owner.trialId, owner.workerId, report.update(r));
      }
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
    const byTrial = trialFilter(filter.trialId, '@trialId');
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
    return rows.map(toMetric);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private trialStatus(runId: string, trialId: number): TrialRecord['status'] | undefined {
    return this.db
      .prepare('SELECT status FROM trials WHERE run_id = ? AND trial_id = ?')
      .pluck()
      .get(runId, trialId) as TrialRecord['status'] | undefined;
  }

  private checkOwner(runId: string, trialId: number, workerId: string): void {
    const row = this.db
      .prepare('SELECT status, worker_id FROM trials WHERE run_id = ? AND trial_id = ?')
      .get(runId, trialId) as { status: string; worker_id: string | null } | undefined;
    if (row?.status !== 'running' || row.worker_id !== workerId)
      throw new OwnershipLostError(runId, trialId, workerId);
  }

  private run(s: Statement): void {
    this.db.prepare(s.sql).run(...s.values);
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
