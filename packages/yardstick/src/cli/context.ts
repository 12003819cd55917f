// The run database and the registry, opened for the commands that compare (the registry loads zod and 1.4 MB of
// published results: commands that only list runs do without it).
import type { CompareContext } from '../compare/task.js';
import { loadRegistry } from '../registry/index.js';
import { SqliteStorage } from '../storage/index.js';
import { isPostgresUrl } from '../storage/paths.js';
import { databaseFile, type DbOptions } from './db-options.js';

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
