// The run database and the registry, opened for the commands that compare (the registry loads zod and 1.4 MB of
// published results: commands that only list runs do without it).
import type { CompareContext } from '../compare/task.js';
import { loadRegistry } from '../registry/index.js';
import { SqliteStorage } from '../storage/index.js';
import { databaseFile, type DbOptions } from './db-options.js';

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
