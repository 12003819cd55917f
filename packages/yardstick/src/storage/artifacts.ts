// Where a run's artefacts (initial weights of each trial, best-so-far snapshots, the ASHA job and its data
// splits, the chosen model, per-example scores and predictions) live. The default store is a shared directory
// (local, or NFS mounted on every worker machine): each run has one folder, named in the run record
// (artifactDir), and every recorded artefact path lies in it. A machine that mounts the store elsewhere
// (--artifacts <dir>) finds the same files by their place under the run's folder, whatever path the writer
// recorded. Readers (compare, reports, the dashboard) read artefacts only through a store.
import { readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { RunRecord } from './types.js';

type RunRef = Pick<RunRecord, 'id' | 'artifactDir'>;

/** The largest artefact a reader decodes (a run's per-example scores are a few MB; weights are never decoded). */
export const MAX_ARTIFACT_BYTES = 256 * 2 ** 20;

export interface ArtifactStore {
  /** The run's folder on this machine. */
  runDir(run: RunRef): string;
  /** A recorded artefact path (written by any machine) as a path on this machine: where the artefact lives. */
  resolve(recorded: string, run: RunRef): string;
  /** The artefact's bytes; null when the store does not hold it. Refuses one larger than `maxBytes`. */
  read(recorded: string, run: RunRef, maxBytes?: number): Promise<Buffer | null>;
}

/** A directory shared by every machine; `root` null: the folders exactly where the run record says. */
export class SharedDirectoryStore implements ArtifactStore {
  constructor(readonly root: string | null = null) {}

  runDir(run: RunRef): string {
    if (!run.artifactDir) throw new Error(`run ${run.id} records no artefact folder`);
    return this.root === null ? run.artifactDir : path.join(this.root, path.basename(run.artifactDir));
  }

  resolve(recorded: string, run: RunRef): string {
    const dir = this.runDir(run);
    if (!path.isAbsolute(recorded)) return path.join(dir, recorded);
    if (this.root === null || existsSync(recorded)) return recorded;
    const marker = `${path.sep}${path.basename(run.artifactDir!)}${path.sep}`;
    const at = recorded.lastIndexOf(marker);
    return at < 0 ? recorded : path.join(dir, recorded.slice(at + marker.length));
  }

  async read(recorded: string, run: RunRef, maxBytes = MAX_ARTIFACT_BYTES): Promise<Buffer | null> {
    const file = this.resolve(recorded, run);
    const size = await stat(file).then(
      (s) => (s.isFile() ? s.size : -1),
      (e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT') return null;
        throw e;
      },
    );
    if (size === null) return null;
    if (size < 0) throw new Error(`${file} is not a file`);
    if (size > maxBytes)
      throw new Error(`${file} is ${size} bytes, more than the ${maxBytes} a reader decodes`);
    return readFile(file);
  }
}
