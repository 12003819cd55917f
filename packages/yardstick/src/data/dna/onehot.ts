// One-hot encoding of DNA as the reference does: channels A, T, C, G, N; right-padded with zero columns.
import type { Dataset } from '../types.js';
import type { DnaRecord } from './records.js';

export const DNA_ALPHABET = ['A', 'T', 'C', 'G', 'N'] as const;

const CHANNEL = new Int8Array(128).fill(-1);
DNA_ALPHABET.forEach((letter, c) => (CHANNEL[letter.charCodeAt(0)] = c));

/**
 * Encodes records into x of shape [N, 5, length] and y = class indices. Any letter outside A/T/C/G/N (lower case
 * included, as in the reference) and any sequence longer than `length` is an error naming the record.
 */
export function oneHotDna(records: readonly DnaRecord[], length: number): Dataset {
  const channels = DNA_ALPHABET.length;
  const x = new Float32Array(records.length * channels * length);
  const y = new Int32Array(records.length);
  records.forEach((r, n) => {
    if (r.sequence.length > length) {
      throw new Error(
        `${r.where}: sequence of length ${r.sequence.length} is longer than the task length ${length}`,
      );
    }
    const base = n * channels * length;
    for (let i = 0; i < r.sequence.length; i++) {
      const code = r.sequence.charCodeAt(i);
      const c = code < 128 ? CHANNEL[code] : -1;
      if (c < 0) {
        throw new Error(
          `${r.where}: unknown letter ${JSON.stringify(r.sequence[i])} at position ${i + 1} (allowed: A, T, C, G, N)`,
        );
      }
      x[base + c * length + i] = 1;
    }
    y[n] = r.label;
  });
  return { x, shape: [records.length, channels, length], y, ids: records.map((r) => r.id) };
}
