// Bootstrap resample means kept between commands in a file cache (common/file-cache.ts), so that comparing or
// reporting unchanged runs again does not redraw millions of resamples: the key hashes the draws' method
// (RESAMPLE_METHOD), their options and the resampled values' bits; the value is the resample means' bytes.
import { fileCache, sha256 } from '../common/file-cache.js';
import { RESAMPLE_METHOD, type DrawsCache } from './stats.js';

/** 2000 resample means are 16 KB: some two thousand sets of scores. */
export const DRAWS_CACHE_BYTES = 32 * 1024 * 1024;

export function drawsCache(dir: string, maxBytes = DRAWS_CACHE_BYTES): DrawsCache & { prune(): void } {
  const files = fileCache(dir, maxBytes);
  let stored = 0;
  const key = (options: string, values: Float64Array) =>
    `${sha256(Buffer.concat([Buffer.from(`${RESAMPLE_METHOD}\n${options}\n`), new Uint8Array(values.buffer, values.byteOffset, values.byteLength)]))}.f64`;
  return {
    get(options, values) {
      const bytes = files.get(key(options, values));
      if (!bytes || bytes.length % 8 !== 0) return undefined;
      return new Float64Array(Uint8Array.from(bytes).buffer); // copied: a Buffer's offset need not be aligned
    },
    set(options, values, draws) {
      files.set(key(options, values), new Uint8Array(draws.buffer, draws.byteOffset, draws.byteLength));
      // a long-lived process (serve) stays under the cap too
      if (++stored % 64 === 0) files.prune();
    },
    prune() {
      if (stored) files.prune();
    },
  };
}
