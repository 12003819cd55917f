// Tests that read the shared real data (../shared/data or $YARDSTICK_DATA_DIR) skip, saying what is missing,
// where it is absent, as on a fresh machine: `test(name, { skip: needsSharedData('timeseries/ETTh1.csv') }, ...)`.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { dataDirSetting } from '../../src/data/data-dir.js';

/** The data directory the tests read, whether or not it exists. */
export const sharedDataDir = dataDirSetting().dir;

/** false when every path (relative to the data directory) exists, else the skip message naming the missing ones. */
export function needsSharedData(...relative: string[]): false | string {
  const missing = relative.filter((r) => !existsSync(path.join(sharedDataDir, r)));
  return missing.length === 0
    ? false
    : `shared data not present: ${missing.join(', ')} under ${sharedDataDir}`;
}

/** Loads shared data at module level only where it is present (the tests that use it skip otherwise). */
export function whenPresent<T>(skip: false | string, load: () => T): T {
  return skip ? (undefined as T) : load();
}
