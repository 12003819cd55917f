// Tasks by id (built-in) or by task file path.
import { nearMatches } from '../data/near-matches.js';
import { BUILTIN_TASKS, FIXED_SPLIT } from './builtin.js';
import { readTaskFile } from './task-file.js';
import type { TaskSpec } from './types.js';

export type { Modality, TaskSource, TaskSpec, TaskUsage } from './types.js';
export { BUILTIN_TASKS, FIXED_SPLIT, readTaskFile };

export function listTasks(): readonly TaskSpec[] {
  return BUILTIN_TASKS;
}

/** Earlier ids: `eurosat` named the RGB task before the registry gave that id to EuroSAT-MS. */
const ALIASES: Record<string, string> = { eurosat: 'eurosat/rgb' };

/** A built-in task by id, else a task file (.json, .yaml, .yml) by path. */
export function getTask(idOrPath: string): TaskSpec {
  const id = ALIASES[idOrPath] ?? idOrPath;
  const builtin = BUILTIN_TASKS.find((t) => t.id === id);
  if (builtin) return builtin;
  if (/\.(json|ya?ml)$/i.test(idOrPath)) return readTaskFile(idOrPath);
  const near = nearMatches(
    idOrPath,
    BUILTIN_TASKS.map((t) => t.id),
  );
  throw new Error(
    `unknown task "${idOrPath}": not a built-in task${near.length ? ` (near: ${near.join(', ')})` : ''} nor a task file (.json, .yaml); \`yardstick tasks\` lists the built-in tasks`,
  );
}
