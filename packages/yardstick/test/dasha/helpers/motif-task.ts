// A tiny synthetic DNA task for tests and benchmarks of the search machinery (not of accuracy): one-hot
// sequences, class 1 carries the motif ACGTAC at a random place, learnable by a narrow net in a few epochs.
import { hashSeed, streamRng } from '../../../src/common/random.js';
import type { Dataset } from '../../../src/data/types.js';
import type { DashaTask } from '../../../src/dasha/run.js';

/** One-hot DNA of length L; class 1 carries the motif ACGTAC at a random place (learnable in a few epochs). */
export function motifSet(n: number, seed: number): Dataset {
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

export function motifTask(): DashaTask {
  return {
    id: 'synthetic/motif',
    modality: 'dna',
    metric: 'mcc',
    data: { train: motifSet(480, 1), test: motifSet(160, 2), numClasses: 2 },
    split: 'synthetic',
    usage: 'format-test',
  };
}
