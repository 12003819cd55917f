// The run database: the storage contract, its backends (SQLite embedded, PostgreSQL) and the SQLite class. (describeMachine lives in machine.ts,
// imported directly by the workflows: it reads the engine's version, and reading runs must not load libtorch.)
import { SqliteStorage, type SqliteStorageOptions } from './sqlite.js';
import { defaultDatabasePath } from './paths.js';

export { SqliteStorage, type SqliteStorageOptions } from './sqlite.js';
export { STALE_HEARTBEAT_SECONDS } from './rows.js';
export { defaultDatabasePath } from './paths.js';
export { failOpenRuns } from './open-runs.js';
export { asAsync, isPostgresUrl, openAsyncStorage, type StorageHandle } from './open.js';
export { OwnershipLostError, workerId, type AsyncStorage } from './contract.js';
export { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';
export type * from './types.js';

/** Opens (creating and migrating if needed) the run database at `file`, or at the default path. */
export function openStorage(file?: string, opts?: SqliteStorageOptions): SqliteStorage {
  return new SqliteStorage(file ?? defaultDatabasePath(), opts);
}
