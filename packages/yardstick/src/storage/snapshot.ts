// A database of any backend copied into an in-memory SQLite one, so the synchronous readers (reports,
// compare, the dashboard) read PostgreSQL exactly as they read a local file. Each list is read whole in one
// call (each write seen whole or not at all); a run that finishes during the copy shows its state at the moment
// its own rows were read. The dashboard keeps a live copy by taking a fresh one every few seconds.
import type { AsyncStorage } from './contract.js';
import { SqliteStorage } from './sqlite.js';

export async function snapshotOf(source: AsyncStorage): Promise<SqliteStorage> {
  const copy = new SqliteStorage(':memory:');
  try {
    for (const run of await source.listRuns()) {
      const [trials, rungs, metrics] = await Promise.all([
        source.listTrials(run.id),
        source.listRungs(run.id),
        source.listMetrics(run.id),
      ]);
      copy.restoreRun(run, { trials, rungs, metrics });
    }
    return copy;
  } catch (e) {
    copy.close();
    throw e;
  }
}
