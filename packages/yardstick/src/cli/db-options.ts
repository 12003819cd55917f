// Options shared by the commands that read the run database and the results registry.
import type { Command } from 'commander';
import type { CompareContext } from '../compare/task.js';
import { loadRegistry } from '../registry/index.js';
import { defaultDatabasePath, SqliteStorage } from '../storage/index.js';
import { isPostgresUrl } from '../storage/paths.js';

export interface DbOptions {
  db?: string;
  fmResults?: string[];
}

export function addDbOptions(cmd: Command, { registry = true } = {}): Command {
  cmd.option(
    '--db <file|url>',
    'run database: a file or postgresql://… (default: $YARDSTICK_DB, else $YARDSTICK_HOME/yardstick.db, else .yardstick/yardstick.db)',
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

/** Where local outputs (reports) go beside the database: the SQLite file, or for PostgreSQL the default file. */
export function localDatabasePath(opts: DbOptions): string {
  const db = databaseFile(opts);
  return isPostgresUrl(db) ? defaultDatabasePath({ ...process.env, YARDSTICK_DB: '' }) : db;
}

export type OpenedContext = CompareContext & { readonly storage: SqliteStorage; close(): Promise<void> };

/**
 * The run database and the registry; only a command that writes runs may create the database (`create`).
 * A PostgreSQL database is read through an in-memory copy (storage/snapshot.ts), refreshed every
 * `liveSeconds` when given (the dashboard); commands that write runs need an SQLite file.
 */
export async function openContext(
  opts: DbOptions,
  { create = false, liveSeconds }: { create?: boolean; liveSeconds?: number } = {},
): Promise<OpenedContext> {
  const db = databaseFile(opts);
  if (!isPostgresUrl(db)) {
    const storage = new SqliteStorage(db, { mustExist: !create });
    try {
      const registry = loadRegistry({ extraFiles: opts.fmResults });
      return { storage, registry, close: async () => storage.close() };
    } catch (e) {
      storage.close();
      throw e;
    }
  }
  if (create)
    throw new Error(
      'this command writes runs to an SQLite file; a PostgreSQL database holds DASHA searches shared by workers (yardstick dasha --db postgresql://…)',
    );
  const registry = loadRegistry({ extraFiles: opts.fmResults });
  const { PostgresStorage } = await import('../storage/postgres.js');
  const { snapshotOf } = await import('../storage/snapshot.js');
  const source = await PostgresStorage.open(db, { mustExist: true });
  let current: SqliteStorage;
  try {
    current = await snapshotOf(source);
  } catch (e) {
    await source.close();
    throw e;
  }
  if (liveSeconds === undefined) await source.close();
  let refreshing = false;
  const timer =
    liveSeconds === undefined
      ? null
      : setInterval(() => {
          if (refreshing) return;
          refreshing = true;
          snapshotOf(source)
            .then((next) => {
              const old = current;
              current = next;
              old.close();
            })
            // the database is unreachable for now: the dashboard keeps showing the last copy
            .catch(() => {})
            .finally(() => (refreshing = false));
        }, liveSeconds * 1000);
  return {
    registry,
    get storage() {
      return current;
    },
    async close() {
      if (timer) clearInterval(timer);
      current.close();
      if (liveSeconds !== undefined) await source.close();
    },
  };
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
