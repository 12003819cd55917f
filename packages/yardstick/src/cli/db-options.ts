// Options shared by the commands that read the run database and the results registry.
import type { Command } from 'commander';
import type { CompareContext } from '../compare/task.js';
import { loadRegistry } from '../registry/index.js';
import { defaultDatabasePath, SqliteStorage } from '../storage/index.js';

export interface DbOptions {
  db?: string;
  fmResults?: string[];
}

export function addDbOptions(cmd: Command, { registry = true } = {}): Command {
  cmd.option(
    '--db <file>',
    'run database (default: $YARDSTICK_DB, else $YARDSTICK_HOME/yardstick.db, else .yardstick/yardstick.db)',
  );
  if (registry)
    cmd.option(
      '--fm-results <files...>',
      'extra published results (CSV or JSON, same columns as the curated registry)',
    );
  return cmd;
}

export function databaseFile(opts: DbOptions): string {
  return opts.db ?? defaultDatabasePath();
}

export function openContext(opts: DbOptions): CompareContext & { storage: SqliteStorage } {
  return {
    storage: new SqliteStorage(databaseFile(opts)),
    registry: loadRegistry({ extraFiles: opts.fmResults }),
  };
}

/** Runs a command's action, turning an error into one `error: ...` line and exit code 1 (usage is not the problem). */
export function guarded<A extends unknown[]>(
  action: (...args: A) => void | Promise<void>,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await action(...args);
    } catch (e) {
      console.error(`error: ${(e as Error).message}`);
      process.exitCode = 1;
    }
  };
}
