// A folder of content-addressed entries for results that are costly to recompute and cheap to check: the caller
// names each entry by a hash of everything the value depends on. Each file holds its value's sha256 first, so a
// truncated or damaged entry reads as missing and is never served; the least recently used entries go when the
// folder outgrows its cap; deleting the folder is harmless. Failing to write costs time, never the result.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, unlinkSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from './atomic-write.js';

export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** Where a database's caches live: <database folder>/reports/.cache/<kind>, beside its reports. */
export function databaseCacheDir(databaseFile: string, kind: string): string {
  return path.join(path.dirname(path.resolve(databaseFile)), 'reports', '.cache', kind);
}

const HEADER = 65; // 64 hex digits and a newline

export interface FileCache {
  /** The value stored under `key` (a file name: hex digits and an extension), if whole. */
  get(key: string): Buffer | undefined;
  set(key: string, value: string | Uint8Array): void;
  /** Evicts the least recently used entries beyond the cap (worth it after storing new ones). */
  prune(): void;
}

export function fileCache(dir: string, maxBytes: number): FileCache {
  return {
    get(key) {
      const file = path.join(dir, key);
      let data: Buffer;
      try {
        data = readFileSync(file);
      } catch {
        return undefined;
      }
      const value = data.subarray(HEADER);
      if (data.length < HEADER || data.toString('latin1', 0, HEADER) !== `${sha256(value)}\n`)
        return undefined;
      const now = new Date();
      try {
        utimesSync(file, now, now); // recently used: kept by prune
      } catch {
        // a read-only cache still serves
      }
      return value;
    },
    set(key, value) {
      try {
        writeFileAtomic(
          path.join(dir, key),
          Buffer.concat([Buffer.from(`${sha256(value)}\n`), Buffer.from(value)]),
        );
      } catch {
        // a cache that cannot be written costs time, never the result
      }
    },
    prune() {
      try {
        const entries = readdirSync(dir)
          .map((name) => {
            const file = path.join(dir, name);
            const s = statSync(file);
            return { file, bytes: s.size, used: s.mtimeMs };
          })
          .sort((a, b) => b.used - a.used);
        let total = 0;
        for (const e of entries) {
          total += e.bytes;
          if (total > maxBytes) unlinkSync(e.file);
        }
      } catch {
        // another process pruning at the same time, or an unreadable folder: next time
      }
    },
  };
}
