// A DASHA integration test on the shared real data: skipped, naming what is missing, where the data is absent.
// The body gets the task, a temporary folder and a run database (in memory, or runs.db in the folder when worker
// processes share it), all removed afterwards, and `run`: runDasha with the tests' defaults (paper mode, seed 0,
// CPU, that database and folder), each overridable.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { resolveDataDir } from '../../../src/data/data-dir.js';
import { runDasha, type DashaOptions, type DashaResult, type DashaTask } from '../../../src/dasha/run.js';
import { loadDashaTask } from '../../../src/dasha/task.js';
import { SqliteStorage } from '../../../src/storage/sqlite.js';
import { needsSharedData } from '../../helpers/shared-data.js';

export interface OnSharedData {
  t: TestContext;
  task: DashaTask;
  /** The temporary folder: runs' artefacts, and runs.db with `database: 'file'`. */
  out: string;
  storage: SqliteStorage;
  run(o?: Partial<DashaOptions>): Promise<DashaResult>;
}

export function testOnSharedData(
  name: string,
  o: {
    /** The data the task reads, relative to the data directory. */
    data: string;
    task: string;
    load?: Parameters<typeof loadDashaTask>[2];
    database?: 'memory' | 'file';
  },
  body: (c: OnSharedData) => Promise<void>,
): void {
  test(name, { skip: needsSharedData(o.data) }, async (t) => {
    const task = await loadDashaTask(o.task, resolveDataDir(), o.load);
    const out = mkdtempSync(path.join(tmpdir(), 'dasha-test-'));
    const storage = new SqliteStorage(o.database === 'file' ? path.join(out, 'runs.db') : ':memory:');
    try {
      await body({
        t,
        task,
        out,
        storage,
        run: (opts = {}) =>
          runDasha({ task, mode: 'paper', seed: 0, device: 'cpu', storage, outDir: out, ...opts }),
      });
    } finally {
      storage.close();
      rmSync(out, { recursive: true, force: true });
    }
  });
}
