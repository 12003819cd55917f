// Shared by the data tests: the real data directory and scratch files for malformed inputs.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import { fileURLToPath } from 'node:url';
import { sharedDataDir } from '../helpers/shared-data.js';

/** The shared data directory; tests that read it skip where it is absent (needsSharedData). */
export const dataDir = sharedDataDir;
export const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'data');

/** A scratch folder removed after the test file; `write` puts a file in it and returns its path. */
export function scratch(): { dir: string; write(name: string, content: string | Uint8Array): string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'ys-data-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    write(name, content) {
      const file = path.join(dir, name);
      writeFileSync(file, content);
      return file;
    },
  };
}
