// Opens the run database named by --db / YARDSTICK_DB as the storage contract: a postgresql:// URL selects
// PostgreSQL (loaded only then), anything else is an SQLite file. Both bring the schema to the same version.
import { defaultDatabasePath, isPostgresUrl } from './paths.js';
import { SqliteStorage } from './sqlite.js';
import type { AsyncStorage } from './contract.js';

export { isPostgresUrl };

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

/** A database as the contract, or SQLite's synchronous class (which gives its async() view). */
export type StorageHandle = AsyncStorage | { async(): AsyncStorage };

/** The contract view of a storage handle. */
export function asAsync(s: StorageHandle): AsyncStorage {
  return 'async' in s ? s.async() : s;
}
