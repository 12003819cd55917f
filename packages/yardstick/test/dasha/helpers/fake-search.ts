// A deterministic stand-in for model training: each configuration has a learning curve that depends only
// on its hyperparameters and the epoch, so ASHA decisions can be checked without an engine.
import { RandomSampler } from '../../../src/dasha/asha/sampler.js';
import { runAshaSearch, type AshaSearchResult, type Reporting } from '../../../src/dasha/asha/search.js';
import { SqliteStorage } from '../../../src/storage/sqlite.js'; // not the index: it loads the engine
import type { Storage } from '../../../src/storage/types.js';

export function fakeCurve(lr: number, momentum: number, seed: number, epoch: number): number {
  const quality = 1 - Math.abs(Math.log10(lr) + 2) / 4; // best near lr = 1e-2
  const wobble = 0.05 * Math.sin(seed * 12.9898 + epoch * 78.233); // epoch-to-epoch noise, deterministic
  return quality * (1 - Math.exp(-epoch / (3 + 10 * (momentum - 0.9)))) + wobble;
}

export interface FakeSearchOptions {
  storage: Storage;
  runId: string;
  numSamples: number;
  maxT: number;
  reporting?: Reporting;
  /** Called after each epoch's training, before it is reported (used to kill the process there). */
  afterEpoch?: (count: number) => void;
}

/** Opens an ASHA database at `file` (':memory:' for none) holding the run the fake search writes under. */
export function fakeSearchStorage(file: string, runId: string): SqliteStorage {
  const storage = new SqliteStorage(file);
  if (!storage.getRun(runId)) {
    storage.createRun({
      id: runId,
      workflow: 'dasha',
      task: 'fake',
      mode: 'paper',
      config: {},
      machine: { hostname: 'test', platform: 'test', cpus: 1, cpuModel: 'none', memoryGb: 1, device: 'cpu' },
      seed: 7,
      budgetSeconds: null,
      startedAt: new Date().toISOString(),
      artifactDir: null,
    });
  }
  return storage;
}

export function fakeSearch(o: FakeSearchOptions): Promise<AshaSearchResult> {
  let epochs = 0;
  return runAshaSearch({
    storage: o.storage,
    runId: o.runId,
    scheduler: { gracePeriod: 1, maxT: o.maxT, reductionFactor: 2, mode: 'max' },
    sampler: new RandomSampler(7),
    numSamples: o.numSamples,
    reporting: o.reporting ?? 'running-max',
    startTrial: async (trialId, p) => ({
      initWeightsPath: `init-${trialId}.safetensors`,
      trainEpoch: async (epoch) => {
        const v = fakeCurve(p.lr, p.momentum, p.randomSeed, epoch);
        o.afterEpoch?.(++epochs);
        return v;
      },
      close: () => {},
    }),
  });
}
