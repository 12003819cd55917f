// Options shared by the commands that read the run database and the results registry (light: `runs`, `tasks` and
// --help import it; cli/context.ts opens the database and loads the registry).
import type { Command } from 'commander';
import { defaultDatabasePath } from '../storage/paths.js';

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

/**
 * Was the per-command error wrapper; errors now all leave through cli/main.ts (one line, exit 1 or 2). Kept as
 * the identity so that call sites on other branches merge; remove it with them.
 */
export function guarded<A extends unknown[]>(
  action: (...args: A) => void | Promise<void>,
): (...args: A) => void | Promise<void> {
  return action;
}
