// Child process for the worker fault test and the asha-workers benchmark: one DASHA run (paper mode, tiny nets) on a synthetic motif task,
// on the run database given (a postgresql:// URL or an SQLite file). It publishes its ASHA search for
// `yardstick worker` processes to join, trains trials itself too (or in `workers` local worker processes),
// then retrains and tests the winner.
// Prints the result as one JSON line.
import { runDasha } from '../../../src/dasha/run.js';
import { openAsyncStorage } from '../../../src/storage/open.js';
import { motifTask } from './motif-task.js';

const [db, outDir, numTrials, workers] = process.argv.slice(2);

const storage = await openAsyncStorage(db);
try {
  const result = await runDasha({
    task: motifTask(),
    mode: 'paper',
    seed: 3,
    device: 'cpu',
    storage,
    outDir,
    workers: workers ? Number(workers) : undefined,
    overrides: {
      batchSize: 32,
      searchBackbone: { kind: 'resnet1d', width: 4 },
      retrainBackbone: { kind: 'resnet1d', width: 4 },
      search: { epochs: 1, batchesPerEpoch: 2 },
      asha: { numTrials: Number(numTrials), maxT: 4, gracePeriod: 1 },
      retrain: { epochs: 1, scheduleEpochs: 1 },
    },
  });
  console.log(JSON.stringify(result));
} finally {
  await storage.close();
}
