// Opens the run database named by --db / YARDSTICK_DB as the storage contract: a postgresql:// URL selects
// PostgreSQL (loaded only then), anything else is an SQLite file. Both bring the schema to the same version.
import { defaultDatabasePath } from './paths.js';
import { SqliteStorage } from './sqlite.js';
import type { AsyncStorage } from './contract.js';

export const isPostgresUrl = (s: string): boolean => /^postgres(ql)?:\/\//i.test(s);

export interface OpenOptions {
  /** Refuse to create a database (commands that only read or join: a mistyped --db must not make one). */
  mustExist?: boolean;
}

export async function openAsyncStorage(db?: string, opts: OpenOptions = {}): Promise<AsyncStorage> {
  const where = db ?? defaultDatabasePath();
  if (isPostgresUrl(where)) {
    const { PostgresStorage } = await import('./postgres.js');
    return PostgresStorage.open(where, opts);
  }
  return new SqliteStorage(where, opts).async();
}
