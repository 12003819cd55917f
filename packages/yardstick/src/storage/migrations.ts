// Versioned schema migrations, tracked in SQLite's `PRAGMA user_version`. Each step runs in its own
// transaction; append new steps, never edit a released one.
import type Database from 'better-sqlite3';

export const MIGRATIONS: readonly { version: number; description: string; sql: string }[] = [
  {
    version: 1,
    description: 'runs, trials, rungs, metrics',
    sql: `
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
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** Brings the database up to the latest schema; refuses one written by a newer yardstick. */
export function migrate(db: Database.Database, file: string): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new Error(
      `database ${file} has schema version ${current}, newer than this yardstick supports (${SCHEMA_VERSION}); upgrade yardstick`,
    );
  }
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    // re-read inside the write lock: another process may have migrated while this one waited
    db.transaction(() => {
      if ((db.pragma('user_version', { simple: true }) as number) >= m.version) return;
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return SCHEMA_VERSION;
}
