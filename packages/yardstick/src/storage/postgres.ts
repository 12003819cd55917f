// The run database on PostgreSQL (the `pg` client), for one search shared by workers on many machines. Same
// tables, columns and migrations as SQLite (migrations.ts), same contract (contract.ts), checked by the same
// conformance suite. Each method is one transaction on one pooled connection. Claims take requeued or paused
// trials with SELECT ... FOR UPDATE SKIP LOCKED, so concurrent workers never wait on each other's rows; new
// trial ids and rung judgements lock the run's row, which serialises exactly those decisions and nothing else.
// Trial heartbeats use the server's clock, so hosts with skewed clocks still agree on who is stale.
import pg from 'pg';
import {
  checkTrialTransition,
  OwnershipLostError,
  type AsyncStorage,
  type ClaimOptions,
  type EpochReport,
  type TrialUpdate,
} from './contract.js';
import { checkNotNewer, migrationSql, MIGRATIONS } from './migrations.js';
import { trackOpenRun, untrackRun } from './open-runs.js';
import { redactUrl } from './paths.js';
import * as rows from './rows.js';
import type { MetricRecord, RunRecord, RunStatus, RungRecord, TrialClaim, TrialRecord } from './types.js';

// JSONB columns come back as text so both backends decode identical rows (rows.ts)
const RUN_COLUMNS = `id, workflow, task, mode, status, config::text AS config, machine::text AS machine, seed,
  budget_seconds, started_at, finished_at, result::text AS result, artifact_dir, heartbeat_at, owner_pid, owner_host`;
const TRIAL_COLUMNS = `run_id, trial_id, status, params::text AS params, last_epoch, best_value, init_weights_path,
  updated_at, worker_id, attempts`;

// BIGINT (seeds) as a JS number rather than pg's default string
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === 20
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

type Q = pg.PoolClient;

/** A statement shared with SQLite (rows.ts); parameter types follow the target columns (JSONB from text). */
const exec = (c: Q | pg.Pool, s: rows.Statement) => c.query(rows.numbered(s.sql), s.values);

export interface PostgresStorageOptions {
  /** Connections in the pool (a worker needs two: its heartbeat runs while it reports). */
  maxConnections?: number;
  /** Refuse a database without yardstick's tables (commands that only read). */
  mustExist?: boolean;
}

export class PostgresStorage implements AsyncStorage {
  readonly backend = 'postgresql' as const;
  readonly location: string;
  private closed = false;

  private constructor(
    private readonly pool: pg.Pool,
    readonly spec: string,
  ) {
    this.location = redactUrl(spec);
  }

  /** Connects and brings the schema up to date (under an advisory lock: many workers may start at once). */
  static async open(url: string, opts: PostgresStorageOptions = {}): Promise<PostgresStorage> {
    const pool = new pg.Pool({ connectionString: url, max: opts.maxConnections ?? 4, types });
    // an idle client's error (server restart) must not crash the process; the next query reports it
    pool.on('error', () => {});
    const storage = new PostgresStorage(pool, url);
    try {
      await storage.migrate(opts.mustExist ?? false);
    } catch (e) {
      await pool.end();
      throw new Error(`run database ${storage.location}: ${(e as Error).message}`);
    }
    return storage;
  }

  private async migrate(mustExist: boolean): Promise<void> {
    await this.tx(async (c) => {
      await c.query("SELECT pg_advisory_xact_lock(hashtext('yardstick schema'))");
      const has = async (t: string): Promise<boolean> =>
        (await c.query('SELECT to_regclass($1) IS NOT NULL AS ok', [t])).rows[0].ok as boolean;
      if (!(await has('yardstick_schema'))) {
        if (await has('runs'))
          throw new Error('a database with other tables (runs), not a yardstick run database');
        if (mustExist) throw new Error('no yardstick runs in this database (no runs yet?)');
        await c.query('CREATE TABLE yardstick_schema (version INTEGER NOT NULL)');
        await c.query('INSERT INTO yardstick_schema VALUES (0)');
      }
      const current = (await c.query('SELECT version FROM yardstick_schema')).rows[0].version as number;
      checkNotNewer(current, this.location);
      for (const m of MIGRATIONS) {
        if (m.version <= current) continue;
        await c.query(migrationSql(m, 'postgresql'));
        await c.query('UPDATE yardstick_schema SET version = $1', [m.version]);
      }
    });
  }

  /** Runs `fn` in one transaction on one connection; rolls back on any error. */
  private async tx<T>(fn: (c: Q) => Promise<T>): Promise<T> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      const out = await fn(c);
      await c.query('COMMIT');
      return out;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      c.release();
    }
  }

  private async beat(c: Q, runId: string): Promise<void> {
    await c.query('UPDATE runs SET heartbeat_at = $1 WHERE id = $2', [new Date().toISOString(), runId]);
  }

  async createRun(run: Omit<RunRecord, 'status' | 'finishedAt' | 'result'>): Promise<RunRecord> {
    const { rec, insert } = rows.newRun(run);
    await exec(this.pool, insert);
    if (rec.ownerPid === process.pid) trackOpenRun(rec.id, (error) => this.failOnTheWayOut(rec.id, error));
    return rec;
  }

  /** markFailed for the CLI's error path, which may run after close(): then on a connection of its own. */
  private async failOnTheWayOut(id: string, error: string): Promise<boolean> {
    if (!this.closed) return this.markFailed(id, error);
    const again = await PostgresStorage.open(this.spec, { mustExist: true, maxConnections: 1 });
    try {
      return await again.markFailed(id, error);
    } finally {
      await again.close();
    }
  }

  async getRun(id: string): Promise<RunRecord | undefined> {
    const r = await this.pool.query<rows.RunRow>(`SELECT ${RUN_COLUMNS} FROM runs WHERE id = $1`, [id]);
    return r.rows[0] && rows.toRun(r.rows[0]);
  }

  async listRuns(
    filter: { workflow?: string; task?: string; status?: RunStatus } = {},
  ): Promise<RunRecord[]> {
    const r = await this.pool.query<rows.RunRow>(
      `SELECT ${RUN_COLUMNS} FROM runs WHERE ($1::text IS NULL OR workflow = $1) AND ($2::text IS NULL OR task = $2)
         AND ($3::text IS NULL OR status = $3) ORDER BY started_at, seq`,
      [filter.workflow ?? null, filter.task ?? null, filter.status ?? null],
    );
    return r.rows.map(rows.toRun);
  }

  async finishRun(
    id: string,
    status: Exclude<RunStatus, 'running'>,
    result: Record<string, unknown> | null,
  ): Promise<void> {
    if (status === 'complete' && result === null)
      throw new Error(`run ${id}: a complete run needs its result`);
    await this.tx(async (c) => {
      const row = (await c.query('SELECT status FROM runs WHERE id = $1 FOR UPDATE', [id])).rows[0] as
        { status: RunStatus } | undefined;
      if (!row) throw new Error(`run ${id} does not exist`);
      if (row.status !== 'running')
        throw new Error(`run ${id} is already ${row.status}; finished runs are immutable`);
      const now = new Date().toISOString();
      await c.query(
        'UPDATE runs SET status = $1, result = COALESCE($2::jsonb, result), finished_at = $3, heartbeat_at = $3 WHERE id = $4',
        [status, result === null ? null : JSON.stringify(result), now, id],
      );
    });
    untrackRun(id);
  }

  async markFailed(id: string, error: string): Promise<boolean> {
    const marked = await this.tx(async (c) => {
      const row = (
        await c.query('SELECT status, result::text AS result FROM runs WHERE id = $1 FOR UPDATE', [id])
      ).rows[0] as { status: RunStatus; result: string | null } | undefined;
      if (row?.status !== 'running') return false;
      const result = { ...(row.result === null ? {} : JSON.parse(row.result)), error };
      const now = new Date().toISOString();
      await c.query(
        "UPDATE runs SET status = 'failed', result = $1::jsonb, finished_at = $2, heartbeat_at = $2 WHERE id = $3",
        [JSON.stringify(result), now, id],
      );
      return true;
    });
    untrackRun(id);
    return marked;
  }

  async updateRunResult(id: string, result: Record<string, unknown>): Promise<void> {
    const r = await this.pool.query('UPDATE runs SET result = $1::jsonb, heartbeat_at = $2 WHERE id = $3', [
      JSON.stringify(result),
      new Date().toISOString(),
      id,
    ]);
    if (r.rowCount === 0) throw new Error(`run ${id} does not exist`);
  }

  async reapInterruptedRuns(staleAfterSeconds?: number): Promise<string[]> {
    return this.tx(async (c) => {
      const running = (
        await c.query(
          "SELECT id, owner_pid, owner_host, heartbeat_at, started_at FROM runs WHERE status = 'running' FOR UPDATE",
        )
      ).rows as Parameters<typeof rows.deadRuns>[0];
      const dead = rows.deadRuns(running, undefined, staleAfterSeconds);
      if (dead.length)
        await c.query("UPDATE runs SET status = 'interrupted', finished_at = $1 WHERE id = ANY($2)", [
          new Date().toISOString(),
          dead,
        ]);
      return dead;
    });
  }

  async upsertTrial(t: TrialRecord): Promise<void> {
    await this.tx(async (c) => {
      const prior = (
        await c.query('SELECT status FROM trials WHERE run_id = $1 AND trial_id = $2 FOR UPDATE', [
          t.runId,
          t.trialId,
        ])
      ).rows[0] as { status: TrialRecord['status'] } | undefined;
      checkTrialTransition(`run ${t.runId} trial ${t.trialId}`, prior?.status, t.status, 'import');
      await exec(c, rows.upsertTrial(t));
      await this.beat(c, t.runId);
    });
  }

  async listTrials(runId: string): Promise<TrialRecord[]> {
    const r = await this.pool.query<rows.TrialRow>(
      `SELECT ${TRIAL_COLUMNS} FROM trials WHERE run_id = $1 ORDER BY trial_id`,
      [runId],
    );
    return r.rows.map(rows.toTrial);
  }

  private async insertRung(c: Q, r: RungRecord, beat = true): Promise<void> {
    await exec(c, rows.upsertRung(r));
    if (beat) await this.beat(c, r.runId);
  }

  async recordRung(r: RungRecord): Promise<void> {
    await this.tx((c) => this.insertRung(c, r));
  }

  private async rungs(c: Q | pg.Pool, runId: string): Promise<RungRecord[]> {
    const r = await c.query(
      'SELECT run_id, rung, trial_id, value, decision FROM rungs WHERE run_id = $1 ORDER BY seq',
      [runId],
    );
    return r.rows.map((x) => ({
      runId: x.run_id as string,
      rung: x.rung as number,
      trialId: x.trial_id as number,
      value: rows.fromReal(x.value as number | null),
      decision: x.decision as RungRecord['decision'],
    }));
  }

  listRungs(runId: string): Promise<RungRecord[]> {
    return this.rungs(this.pool, runId);
  }

  private async requeue(c: Q, runId: string, staleAfterMs: number): Promise<number[]> {
    const r = await c.query(
      `UPDATE trials SET status = 'pending', worker_id = NULL, updated_at = $1
       WHERE run_id = $2 AND status = 'running'
         AND (heartbeat_at IS NULL OR heartbeat_at <= now() - $3 * interval '1 millisecond')
       RETURNING trial_id`,
      [new Date().toISOString(), runId, staleAfterMs],
    );
    return r.rows.map((x) => x.trial_id as number).sort((a, b) => a - b);
  }

  requeueStaleTrials(runId: string, staleAfterMs: number): Promise<number[]> {
    return this.tx((c) => this.requeue(c, runId, staleAfterMs));
  }

  async claimNextTrial(
    runId: string,
    numSamples: number,
    params: (trialId: number) => Record<string, unknown>,
    opts: ClaimOptions,
  ): Promise<TrialClaim | null> {
    return this.tx(async (c) => {
      const run = (await c.query('SELECT status FROM runs WHERE id = $1', [runId])).rows[0] as
        { status: RunStatus } | undefined;
      if (!run) throw new Error(`run ${runId} does not exist`);
      if (run.status !== 'running') return null; // a finished run takes no more work
      if (opts.staleAfterMs !== undefined) await this.requeue(c, runId, opts.staleAfterMs);
      const now = new Date().toISOString();
      const open = (
        await c.query(
          `SELECT trial_id, params::text AS params, init_weights_path, attempts FROM trials
           WHERE run_id = $1 AND status IN ('paused', 'pending') ORDER BY trial_id LIMIT 1 FOR UPDATE SKIP LOCKED`,
          [runId],
        )
      ).rows[0] as rows.OpenTrialRow | undefined;
      if (open) {
        await c.query(
          `UPDATE trials SET status = 'running', worker_id = $1, heartbeat_at = now(), attempts = attempts + 1,
             updated_at = $2 WHERE run_id = $3 AND trial_id = $4`,
          [opts.workerId, now, runId, open.trial_id],
        );
        await this.beat(c, runId);
        return rows.replayClaim(open);
      }
      // a new trial id: the run row's lock makes allocation one at a time (the ids are dense and ordered)
      await c.query('SELECT 1 FROM runs WHERE id = $1 FOR UPDATE', [runId]);
      const taken = (await c.query('SELECT trial_id FROM trials WHERE run_id = $1', [runId])).rows.map(
        (x) => x.trial_id as number,
      );
      const trialId = rows.nextTrialId(taken, numSamples);
      if (trialId === null) return null;
      const p = params(trialId);
      await c.query(
        `INSERT INTO trials (run_id, trial_id, status, params, last_epoch, best_value, init_weights_path, updated_at,
           worker_id, heartbeat_at, attempts)
         VALUES ($1, $2, 'running', $3::jsonb, 0, NULL, NULL, $4, $5, now(), 1)`,
        [runId, trialId, JSON.stringify(p), now, opts.workerId],
      );
      await this.beat(c, runId);
      return rows.newClaim(trialId, p);
    });
  }

  async heartbeatTrial(runId: string, trialId: number, workerId: string): Promise<boolean> {
    const r = await this.pool.query(
      `UPDATE trials SET heartbeat_at = now() WHERE run_id = $1 AND trial_id = $2 AND status = 'running'
         AND worker_id = $3`,
      [runId, trialId, workerId],
    );
    return (r.rowCount ?? 0) > 0;
  }

  private async checkOwner(c: Q, runId: string, trialId: number, workerId: string): Promise<void> {
    const row = (
      await c.query('SELECT status, worker_id FROM trials WHERE run_id = $1 AND trial_id = $2 FOR UPDATE', [
        runId,
        trialId,
      ])
    ).rows[0] as { status: string; worker_id: string | null } | undefined;
    if (row?.status !== 'running' || row.worker_id !== workerId)
      throw new OwnershipLostError(runId, trialId, workerId);
  }

  private async writeUpdate(
    c: Q,
    runId: string,
    trialId: number,
    workerId: string,
    u: TrialUpdate,
    inJudgement = false, // judgeRung has checked the owner and beaten the run already
  ): Promise<void> {
    if (!inJudgement) await this.checkOwner(c, runId, trialId, workerId);
    checkTrialTransition(`run ${runId} trial ${trialId}`, 'running', u.status, 'owner');
    const keep = u.status === 'running';
    await c.query(
      `UPDATE trials SET status = $1, last_epoch = $2, best_value = $3, init_weights_path = $4, updated_at = $5,
         heartbeat_at = CASE WHEN $6 THEN now() END, worker_id = CASE WHEN $6 THEN worker_id END
       WHERE run_id = $7 AND trial_id = $8`,
      [
        u.status,
        u.lastEpoch,
        u.bestValue === null ? null : rows.toReal(u.bestValue),
        u.initWeightsPath,
        new Date().toISOString(),
        keep,
        runId,
        trialId,
      ],
    );
    if (!inJudgement) await this.beat(c, runId);
  }

  async updateTrial(runId: string, trialId: number, workerId: string, u: TrialUpdate): Promise<void> {
    await this.tx((c) => this.writeUpdate(c, runId, trialId, workerId, u));
  }

  async judgeRung(
    runId: string,
    decide: (rungs: readonly RungRecord[]) => RungRecord | null,
    owner: { trialId: number; workerId: string },
    report?: EpochReport,
  ): Promise<RungRecord | null> {
    return this.tx(async (c) => {
      // the run row's lock (taken by its heartbeat) orders every judge of this run: each sees all decisions
      // committed before it; one round trip per statement, so nothing is written twice
      await this.beat(c, runId);
      await this.checkOwner(c, runId, owner.trialId, owner.workerId);
      const r = decide(await this.rungs(c, runId));
      if (r) await this.insertRung(c, r, false);
      if (report) {
        await this.insertMetrics(c, report.metrics, false);
        await this.writeUpdate(c, runId, owner.trialId, owner.workerId, report.update(r), true);
      }
      return r;
    });
  }

  async logMetrics(metrics: MetricRecord[]): Promise<void> {
    if (metrics.length === 0) return;
    await this.tx((c) => this.insertMetrics(c, metrics));
  }

  private async insertMetrics(c: Q, metrics: MetricRecord[], beat = true): Promise<void> {
    if (metrics.length === 0) return;
    await c.query(
      `INSERT INTO metrics (run_id, trial_id, stage, step, name, value, at)
         SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::int[], $5::text[], $6::float8[], $7::text[])`,
      [
        metrics.map((m) => m.runId),
        metrics.map((m) => m.trialId),
        metrics.map((m) => m.stage),
        metrics.map((m) => m.step),
        metrics.map((m) => m.name),
        metrics.map((m) => rows.toReal(m.value)),
        metrics.map((m) => m.at),
      ],
    );
    if (beat) for (const runId of new Set(metrics.map((m) => m.runId))) await this.beat(c, runId);
  }

  async listMetrics(
    runId: string,
    filter: { stage?: string; name?: string; trialId?: number | null } = {},
  ): Promise<MetricRecord[]> {
    const byTrial = rows.trialFilter(filter.trialId, '$4');
    const args: unknown[] = [runId, filter.stage ?? null, filter.name ?? null];
    if (typeof filter.trialId === 'number') args.push(filter.trialId);
    const r = await this.pool.query<rows.MetricRow>(
      `SELECT run_id, trial_id, stage, step, name, value, at FROM metrics
       WHERE run_id = $1 AND ($2::text IS NULL OR stage = $2) AND ($3::text IS NULL OR name = $3) ${byTrial}
       ORDER BY seq`,
      args,
    );
    return r.rows.map(rows.toMetric);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}
