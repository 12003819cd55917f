// Loads what the comparison engine reads: a run database's finished runs, scored, with the artefacts their
// results name (per-example scores, test predictions) read through the artefact store. The engine (task.ts,
// benchmark.ts) is pure over what this returns; the same queries run on SQLite and on PostgreSQL, live.
import type { Registry } from '../registry/registry.js';
import { SharedDirectoryStore, type ArtifactStore } from '../storage/artifacts.js';
import { asAsync, type StorageHandle } from '../storage/open.js';
import type { RunRecord } from '../storage/types.js';
import { inBenchmark } from './benchmark.js';
import { decodeArtefact, scoreRun, type ScoredRun } from './run-result.js';
import type { BootstrapOptions } from './stats.js';
import type { CompareContext } from './task.js';

/** Where readers find runs and their artefacts. */
export interface RunSource {
  storage: StorageHandle;
  /** Default: a shared directory holding each run's folder where its record says. */
  artifacts?: ArtifactStore;
}

/** A reader's context: runs, artefacts and the published results they are held against. */
export interface ReadContext extends RunSource {
  registry: Registry;
  bootstrap?: BootstrapOptions;
}

/** The finished runs of some tasks: scored, or why not. */
export interface RunSet {
  /** Every run that left `running`, in storage order. */
  finished: RunRecord[];
  scored: ScoredRun[];
  skipped: { run: RunRecord; reason: string }[];
}

/** Which runs to load: one task's, one benchmark's, or (neither) every task's. */
export type RunScope = { task: string } | { benchmark: string } | Record<string, never>;

export const artifactStoreOf = (src: RunSource): ArtifactStore => src.artifacts ?? new SharedDirectoryStore();

async function withArtefacts(
  s: Exclude<ReturnType<typeof scoreRun>, { skipped: string }>,
  store: ArtifactStore,
): Promise<ScoredRun> {
  const read = async <K extends 'per-example scores' | 'predictions'>(kind: K, name: string | null) => {
    if (name === null || !s.run.artifactDir) return null;
    const location = store.resolve(name, s.run);
    try {
      return decodeArtefact(kind, await store.read(name, s.run), location, s.run);
    } catch (e) {
      return { location, error: `${kind} ${location} (run ${s.run.id}): ${(e as Error).message}` };
    }
  };
  const [perExample, predictions] = await Promise.all([
    read('per-example scores', s.artefacts.perExample),
    read('predictions', s.artefacts.predictions),
  ]);
  return { ...s, perExample, predictions };
}

/** Queries the finished runs in `scope` and reads the artefacts of those that can be compared. */
export async function loadRunSet(src: RunSource, scope: RunScope = {}): Promise<RunSet> {
  const storage = asAsync(src.storage);
  const store = artifactStoreOf(src);
  const runs = await storage.listRuns('task' in scope ? { task: scope.task } : {});
  const finished = runs.filter(
    (r) => r.status !== 'running' && (!('benchmark' in scope) || inBenchmark(r.task, scope.benchmark)),
  );
  const skipped: RunSet['skipped'] = [];
  const pending: Promise<ScoredRun>[] = [];
  for (const run of finished) {
    const s = scoreRun(run);
    if ('skipped' in s) skipped.push({ run, reason: s.skipped });
    else pending.push(withArtefacts(s, store));
  }
  return { finished, scored: await Promise.all(pending), skipped };
}

/** The comparison engine's context for `scope`, loaded from a reader's. */
export async function compareContext(ctx: ReadContext, scope: RunScope = {}): Promise<CompareContext> {
  return { registry: ctx.registry, bootstrap: ctx.bootstrap, runs: await loadRunSet(ctx, scope) };
}
