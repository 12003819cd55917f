// Where a run's artefacts (initial weights of each trial, best-so-far snapshots, the ASHA job and its data
// splits, the chosen model, per-example predictions) live. The default store is a shared directory (local,
// or NFS mounted on every worker machine): each run has one folder, named in the run record (artifactDir),
// and every recorded artefact path lies in it. A machine that mounts the store elsewhere (--artifacts <dir>)
// finds the same files by their place under the run's folder, whatever path the writer recorded.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { RunRecord } from './types.js';

export interface ArtifactStore {
  /** The run's folder on this machine. */
  runDir(run: Pick<RunRecord, 'id' | 'artifactDir'>): string;
  /** A recorded artefact path (written by any machine) as a path on this machine. */
  resolve(recorded: string, run: Pick<RunRecord, 'id' | 'artifactDir'>): string;
}

/** A directory shared by every machine; `root` null: the folders exactly where the run record says. */
export class SharedDirectoryStore implements ArtifactStore {
  constructor(readonly root: string | null = null) {}

  runDir(run: Pick<RunRecord, 'id' | 'artifactDir'>): string {
    if (!run.artifactDir) throw new Error(`run ${run.id} records no artefact folder`);
    return this.root === null ? run.artifactDir : path.join(this.root, path.basename(run.artifactDir));
  }

  resolve(recorded: string, run: Pick<RunRecord, 'id' | 'artifactDir'>): string {
    const dir = this.runDir(run);
    if (!path.isAbsolute(recorded)) return path.join(dir, recorded);
    if (this.root === null || existsSync(recorded)) return recorded;
    const marker = `${path.sep}${path.basename(run.artifactDir!)}${path.sep}`;
    const at = recorded.lastIndexOf(marker);
    return at < 0 ? recorded : path.join(dir, recorded.slice(at + marker.length));
  }
}
