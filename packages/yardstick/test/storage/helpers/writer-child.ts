// A writer process for the crash and concurrency tests. Modes:
//   hold <db>   finish a run inside a transaction, then block before commit (the parent kills it there)
//   loop <db>   create, fill and finish runs forever, each finish stating how many metrics it wrote
//   batches <db> append metric batches of 100 rows forever (for concurrent readers)
import { SqliteStorage } from '../../../src/storage/index.js';
import { testRun } from './fixtures.js';

const [mode, file] = process.argv.slice(2);
const storage = new SqliteStorage(file);
const metrics = (runId: string, n: number, step: number) =>
  Array.from({ length: n }, (_, i) => ({
    runId,
    trialId: null,
    stage: 'test',
    step,
    name: `m${i}`,
    value: i,
    at: new Date().toISOString(),
  }));
const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

if (mode === 'hold') {
  storage.createRun(testRun('held'));
  storage.transaction(() => {
    storage.logMetrics(metrics('held', 500, 0));
    storage.finishRun('held', 'complete', { metricCount: 500 });
    process.stdout.write('inside\n');
    sleep(60_000);
  });
} else if (mode === 'loop') {
  for (let i = 0; ; i++) {
    const id = `loop-${i}`;
    storage.createRun(testRun(id));
    const n = 200 + (i % 7) * 100;
    storage.logMetrics(metrics(id, n, 0));
    storage.finishRun(id, 'complete', { metricCount: n });
    process.stdout.write(`${id}\n`);
  }
} else if (mode === 'batches') {
  storage.createRun(testRun('batches'));
  for (let step = 0; ; step++) storage.logMetrics(metrics('batches', 100, step));
}
