// The name a run is shown under (its result's model, else its workflow's): a module of its own, so that listing runs
// does not load the result schema.
import type { RunRecord } from '../storage/types.js';

const DEFAULT_MODEL_NAMES: Record<string, string> = { autoar: 'Auto-AR', dasha: 'DASHA' };

export function modelName(run: RunRecord): string {
  const m = run.result?.model;
  return typeof m === 'string' && m ? m : (DEFAULT_MODEL_NAMES[run.workflow] ?? run.workflow);
}
