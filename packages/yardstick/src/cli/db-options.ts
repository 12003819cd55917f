// Options shared by the commands that read the run database and the results registry (light: `runs`, `tasks` and
// --help import it; cli/context.ts opens the database and loads the registry).
import type { Command } from 'commander';
import { defaultDatabasePath, isPostgresUrl } from '../storage/paths.js';

export interface DbOptions {
  db?: string;
  fmResults?: string[];
  artifacts?: string;
}

export function addDbOptions(cmd: Command, { registry = true, artifacts = false } = {}): Command {
  cmd.option(
    '--db <file|url>',
    'run database: a file or postgresql://… (default: $YARDSTICK_DB, else $YARDSTICK_HOME/yardstick.db, else .yardstick/yardstick.db)',
  );
  if (registry)
    cmd.option(
      '--fm-results <files...>',
      'extra published results (CSV or JSON, same columns as the curated registry)',
    );
  if (artifacts)
    cmd.option(
      '--artifacts <dir>',
      "where this machine mounts the shared folder of the runs' artefacts (default: each run's recorded path)",
    );
  return cmd;
}

export function databaseFile(opts: DbOptions): string {
  return opts.db ?? defaultDatabasePath();
}

/** Where local outputs (reports) go beside the database: the SQLite file, or for PostgreSQL the default file. */
export function localDatabasePath(opts: DbOptions): string {
  const db = databaseFile(opts);
  return isPostgresUrl(db) ? defaultDatabasePath({ ...process.env, YARDSTICK_DB: '' }) : db;
}
