// Child process for the parallel-ASHA test: one worker of a fake search on a shared SQLite run database.
// Prints `ready`, waits for a line on stdin, then prints the trial ids it claimed, one JSON line at the end.
import { setTimeout as sleep } from 'node:timers/promises';
import { RandomSampler } from '../../../src/dasha/asha/sampler.js';
import { runAshaWorker } from '../../../src/dasha/asha/search.js';
import { fakeCurve, fakeSearchStorage } from './fake-search.js';

const [dbFile, numSamples, maxT] = process.argv.slice(2);
const storage = fakeSearchStorage(dbFile, 'run');
// every worker is up before any claims (the parent sends `go` once all printed `ready`)
console.log('ready');
await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
const claimed: number[] = [];
await runAshaWorker({
  storage,
  runId: 'run',
  scheduler: { gracePeriod: 1, maxT: Number(maxT), reductionFactor: 2, mode: 'max' },
  sampler: new RandomSampler(7),
  numSamples: Number(numSamples),
  reporting: 'running-max',
  startTrial: async (trialId, p) => {
    claimed.push(trialId);
    return {
      initWeightsPath: null,
      trainEpoch: async (epoch) => {
        await sleep(3 + (trialId % 3)); // uneven trial speeds, so the workers' reports interleave
        return fakeCurve(p.lr, p.momentum, p.randomSeed, epoch);
      },
      close: () => {},
    };
  },
});
storage.close();
console.log(JSON.stringify({ claimed }));
