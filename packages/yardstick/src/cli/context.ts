// The run database, the artefact store and the registry, opened for the commands that compare (the registry
// loads zod and 1.4 MB of published results: commands that only list runs do without it).
import { databaseCacheDir } from '../common/file-cache.js';
import { drawsCache } from '../compare/draws-cache.js';
import type { ReadContext } from '../compare/load.js';
import { loadRegistry } from '../registry/index.js';
import { SharedDirectoryStore } from '../storage/artifacts.js';
import type { AsyncStorage } from '../storage/contract.js';
import { openAsyncStorage } from '../storage/open.js';
import { databaseFile, localDatabasePath, type DbOptions } from './db-options.js';

export type OpenedContext = ReadContext & { readonly storage: AsyncStorage; close(): Promise<void> };

/**
 * The run database (an SQLite file or a postgresql:// URL, read live through the storage contract), the artefact
 * store and the registry; only a command that writes runs may create the database (`create`). The validated
 * curated registry and bootstrap draws are kept beside the database (reports/.cache) for the next command.
 */
export async function openContext(
  opts: DbOptions,
  { create = false }: { create?: boolean } = {},
): Promise<OpenedContext> {
  const storage = await openAsyncStorage(databaseFile(opts), { mustExist: !create });
  try {
    const local = localDatabasePath(opts);
    const registry = loadRegistry({
      extraFiles: opts.fmResults,
      cacheDir: databaseCacheDir(local, 'registry'),
    });
    const artifacts = new SharedDirectoryStore(opts.artifacts ?? null);
    const cache = drawsCache(databaseCacheDir(local, 'bootstrap'));
    const close = () => {
      cache.prune();
      return storage.close();
    };
    return { storage, registry, artifacts, bootstrap: { cache }, close };
  } catch (e) {
    await storage.close();
    throw e;
  }
}
