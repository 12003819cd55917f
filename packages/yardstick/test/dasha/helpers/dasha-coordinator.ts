// Child process for the worker fault test: one DASHA run (paper mode, tiny nets) on a synthetic motif task,
// on the run database given (a postgresql:// URL or an SQLite file). It publishes its ASHA search for
// `yardstick worker` processes to join, trains trials itself too, then retrains and tests the winner.
// Prints the result as one JSON line.
import { hashSeed, streamRng } from '../../../src/common/random.js';
import type { Dataset } from '../../../src/data/types.js';
import { runDasha } from '../../../src/dasha/run.js';
import { openAsyncStorage } from '../../../src/storage/open.js';

const [db, outDir, numTrials] = process.argv.slice(2);

/** One-hot DNA of length L; class 1 carries the motif ACGTAC at a random place (learnable in a few epochs). */
function motifSet(n: number, seed: number): Dataset {
  const L = 48;
  const r = streamRng(hashSeed(seed, 0x70));
  const x = new Float32Array(n * 4 * L);
  const y = new Int32Array(n);
  const motif = [0, 1, 2, 3, 0, 1];
  for (let i = 0; i < n; i++) {
    const bases = Array.from({ length: L }, () => r.int(4));
    y[i] = i % 2;
    if (y[i] === 1) {
      const at = r.int(L - motif.length);
      motif.forEach((b, k) => (bases[at + k] = b));
    }
    bases.forEach((b, l) => (x[i * 4 * L + b * L + l] = 1));
  }
  return { x, shape: [n, 4, L], y };
}

const storage = await openAsyncStorage(db);
try {
  const result = await runDasha({
    task: {
      id: 'synthetic/motif',
      modality: 'dna',
      metric: 'mcc',
      data: { train: motifSet(480, 1), test: motifSet(160, 2), numClasses: 2 },
      split: 'synthetic',
      usage: 'format-test',
    },
    mode: 'paper',
    seed: 3,
    device: 'cpu',
    storage,
    outDir,
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
