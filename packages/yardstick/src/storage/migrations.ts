// Versioned schema migrations shared by both backends: one list, each step written once with the same tables
// and columns in both dialects, the column types that differ named by placeholder. SQLite tracks the version in `PRAGMA user_version`, PostgreSQL in the one-row
// table `yardstick_schema`. Each step runs in its own transaction; append new steps, never edit a released one.
import type Database from 'better-sqlite3';

export type Dialect = 'sqlite' | 'postgresql';

/**
 * The column types that differ between the dialects, written {NAME} in a step. SQLite's INTEGER is 64 bits and
 * its INTEGER PRIMARY KEY is the rowid (which also orders runs); PostgreSQL keeps JSON as JSONB and trial
 * heartbeats on the database's clock, so that hosts whose clocks differ stay comparable.
 */
const TYPES: Record<Dialect, Record<string, string>> = {
  sqlite: { JSON: 'TEXT', REAL: 'REAL', BIGINT: 'INTEGER', SEQ: 'INTEGER', RUN_SEQ: '', CLOCK: 'TEXT' },
  postgresql: {
    JSON: 'JSONB',
    REAL: 'DOUBLE PRECISION',
    BIGINT: 'BIGINT',
    SEQ: 'BIGSERIAL',
    RUN_SEQ: 'seq BIGSERIAL UNIQUE,',
    CLOCK: 'TIMESTAMPTZ',
  },
};

export interface Migration {
  version: number;
  description: string;
  /** The step once, with {NAME} for each dialect's type (TYPES). */
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'runs, trials, rungs, metrics',
    sql: `
      CREATE TABLE runs (
        {RUN_SEQ}
        id TEXT PRIMARY KEY,
        workflow TEXT NOT NULL,
        task TEXT NOT NULL,
        mode TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('running', 'complete', 'failed', 'interrupted')),
        config {JSON} NOT NULL,
        machine {JSON} NOT NULL,
        seed {BIGINT},
        budget_seconds {REAL},
        started_at TEXT NOT NULL,
        finished_at TEXT,
        result {JSON},
        artifact_dir TEXT,
        heartbeat_at TEXT,
        owner_pid INTEGER,
        owner_host TEXT,
        -- a finished run always carries its finish time; 'complete' always carries a result
        CHECK (status = 'running' OR finished_at IS NOT NULL),
        CHECK (status <> 'complete' OR result IS NOT NULL)
      );
      CREATE INDEX runs_by_task ON runs (task, status);
      CREATE TABLE trials (
        run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        trial_id INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'running', 'paused', 'stopped', 'complete', 'failed')),
        params {JSON} NOT NULL,
        last_epoch INTEGER NOT NULL,
        best_value {REAL},
        init_weights_path TEXT,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (run_id, trial_id)
      );
      CREATE TABLE rungs (
        seq {SEQ} PRIMARY KEY,
        run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        rung {REAL} NOT NULL,
        trial_id INTEGER NOT NULL,
        value {REAL},
        decision TEXT NOT NULL CHECK (decision IN ('promote', 'stop', 'complete')),
        UNIQUE (run_id, rung, trial_id)
      );
      CREATE TABLE metrics (
        seq {SEQ} PRIMARY KEY,
        run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        trial_id INTEGER,
        stage TEXT NOT NULL,
        step INTEGER NOT NULL,
        name TEXT NOT NULL,
        value {REAL},
        at TEXT NOT NULL
      );
      CREATE INDEX metrics_by_run ON metrics (run_id, stage, name);
    `,
  },
  {
    version: 2,
    description: 'trial ownership: worker, heartbeat, attempts (workers on many machines)',
    sql: `
      ALTER TABLE trials ADD COLUMN worker_id TEXT;
      ALTER TABLE trials ADD COLUMN heartbeat_at {CLOCK};
      ALTER TABLE trials ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX trials_open ON trials (run_id, status);
    `,
  },
];

/** A step in one dialect. */
export function migrationSql(m: Migration, dialect: Dialect): string {
  return m.sql.replace(/\{(\w+)\}/g, (_, name: string) => {
    const type = TYPES[dialect][name];
    if (type === undefined) throw new Error(`migration ${m.version}: no ${dialect} type for {${name}}`);
    return type;
  });
}

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** Refuses a database written by a newer yardstick (both backends). */
export function checkNotNewer(current: number, where: string): void {
  if (current > SCHEMA_VERSION)
    throw new Error(
      `database ${where} has schema version ${current}, newer than this yardstick supports (${SCHEMA_VERSION}); upgrade yardstick`,
    );
}

/** Brings an SQLite database up to the latest schema; refuses one written by a newer yardstick. */
export function migrateSqlite(db: Database.Database, file: string): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  checkNotNewer(current, file);
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    // re-read inside the write lock: another process may have migrated while this one waited
    db.transaction(() => {
      if ((db.pragma('user_version', { simple: true }) as number) >= m.version) return;
      db.exec(migrationSql(m, 'sqlite'));
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return SCHEMA_VERSION;
}
