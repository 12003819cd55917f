// From a task id or task file to what DASHA trains on (which needs a training split).
import { getTask } from '../tasks/index.js';
import type { DashaTask } from './run.js';

/**
 * Loads a task's data; the test split is described as comparisons expect ('standard test' for official splits).
 * A `format-test` task (e.g. GEO-Bench's 5-sample fixtures) loads, but its run is labelled and never compared.
 */
export async function loadDashaTask(
  idOrFile: string,
  dataDir: string,
  opts: { limit?: number; seed?: number } = {},
): Promise<DashaTask> {
  const spec = getTask(idOrFile);
  if (spec.usage === 'scoring-only')
    throw new Error(`task ${spec.id} has no training split (scoring only); DASHA needs one`);
  const data = await spec.load(dataDir, opts);
  const split =
    spec.splitNote.startsWith('official') && !opts.limit
      ? 'standard test'
      : spec.splitNote + (opts.limit ? `; subsampled to ${opts.limit} per split` : '');
  return { id: spec.id, modality: spec.modality, metric: spec.metric, data, split, usage: spec.usage };
}
