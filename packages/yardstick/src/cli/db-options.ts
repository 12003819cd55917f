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

/** The run database and the registry; only a command that writes runs may create the database (`create`). */
export function openContext(
  opts: DbOptions,
  { create = false }: { create?: boolean } = {},
): CompareContext & { storage: SqliteStorage } {
  const storage = new SqliteStorage(databaseFile(opts), { mustExist: !create });
  try {
    return { storage, registry: loadRegistry({ extraFiles: opts.fmResults }) };
  } catch (e) {
    storage.close();
    throw e;
  }
}

/**
 * Was the per-command error wrapper; errors now all leave through cli/main.ts (one line, exit 1 or 2). Kept as
 * the identity so that call sites on other branches merge; remove it with them.
 */
export function guarded<A extends unknown[]>(
  action: (...args: A) => void | Promise<void>,
): (...args: A) => void | Promise<void> {
  return action;
}
