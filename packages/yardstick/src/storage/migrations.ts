// Versioned schema migrations shared by both backends: one list, each step written in each dialect with the
// same tables and columns. SQLite tracks the version in `PRAGMA user_version`, PostgreSQL in the one-row
// table `yardstick_schema`. Each step runs in its own transaction; append new steps, never edit a released one.
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  description: string;
  sqlite: string;
  postgresql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'runs, trials, rungs, metrics',
    sqlite: `
      CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        workflow TEXT NOT NULL,
        task TEXT NOT NULL,
        mode TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('running', 'complete', 'failed', 'interrupted')),
        config TEXT NOT NULL,
        machine TEXT NOT NULL,
        seed INTEGER,
        budget_seconds REAL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        result TEXT,
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
        params TEXT NOT NULL,
        last_epoch INTEGER NOT NULL,
        best_value REAL,
        init_weights_path TEXT,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (run_id, trial_id)
      );
      CREATE TABLE rungs (
        seq INTEGER PRIMARY KEY,
        run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        rung INTEGER NOT NULL,
        trial_id INTEGER NOT NULL,
        value REAL,
        decision TEXT NOT NULL CHECK (decision IN ('promote', 'stop', 'complete')),
        UNIQUE (run_id, rung, trial_id)
      );
      CREATE TABLE metrics (
        seq INTEGER PRIMARY KEY,
        run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        trial_id INTEGER,
        stage TEXT NOT NULL,
        step INTEGER NOT NULL,
        name TEXT NOT NULL,
        value REAL,
        at TEXT NOT NULL
      );
      CREATE INDEX metrics_by_run ON metrics (run_id, stage, name);
    `,
    postgresql: `
      CREATE TABLE runs (
        seq BIGSERIAL UNIQUE,
        id TEXT PRIMARY KEY,
        workflow TEXT NOT NULL,
        task TEXT NOT NULL,
        mode TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('running', 'complete', 'failed', 'interrupted')),
        config JSONB NOT NULL,
        machine JSONB NOT NULL,
        seed BIGINT,
        budget_seconds DOUBLE PRECISION,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        result JSONB,
        artifact_dir TEXT,
        heartbeat_at TEXT,
        owner_pid INTEGER,
        owner_host TEXT,
        CHECK (status = 'running' OR finished_at IS NOT NULL),
        CHECK (status <> 'complete' OR result IS NOT NULL)
      );
      CREATE INDEX runs_by_task ON runs (task, status);
      CREATE TABLE trials (
        run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        trial_id INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'running', 'paused', 'stopped', 'complete', 'failed')),
        params JSONB NOT NULL,
        last_epoch INTEGER NOT NULL,
        best_value DOUBLE PRECISION,
        init_weights_path TEXT,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (run_id, trial_id)
      );
      CREATE TABLE rungs (
        seq BIGSERIAL PRIMARY KEY,
        run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        rung DOUBLE PRECISION NOT NULL,
        trial_id INTEGER NOT NULL,
        value DOUBLE PRECISION,
        decision TEXT NOT NULL CHECK (decision IN ('promote', 'stop', 'complete')),
        UNIQUE (run_id, rung, trial_id)
      );
      CREATE TABLE metrics (
        seq BIGSERIAL PRIMARY KEY,
        run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        trial_id INTEGER,
        stage TEXT NOT NULL,
        step INTEGER NOT NULL,
        name TEXT NOT NULL,
        value DOUBLE PRECISION,
        at TEXT NOT NULL
      );
      CREATE INDEX metrics_by_run ON metrics (run_id, stage, name);
    `,
  },
  {
    version: 2,
    description: 'trial ownership: worker, heartbeat, attempts (workers on many machines)',
    sqlite: `
      ALTER TABLE trials ADD COLUMN worker_id TEXT;
      ALTER TABLE trials ADD COLUMN heartbeat_at TEXT;
      ALTER TABLE trials ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX trials_open ON trials (run_id, status);
    `,
    // the database's clock: heartbeats from hosts whose clocks differ stay comparable
    postgresql: `
      ALTER TABLE trials ADD COLUMN worker_id TEXT;
      ALTER TABLE trials ADD COLUMN heartbeat_at TIMESTAMPTZ;
      ALTER TABLE trials ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX trials_open ON trials (run_id, status);
    `,
  },
];

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
      db.exec(m.sqlite);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return SCHEMA_VERSION;
}
