// Tasks by id (built-in) or by task file path.
import { existsSync } from 'node:fs';
import { BUILTIN_TASKS, FIXED_SPLIT } from './builtin.js';
import { readTaskFile } from './task-file.js';
import type { TaskSpec } from './types.js';

export type { Modality, TaskSpec, TaskUsage } from './types.js';
export { BUILTIN_TASKS, FIXED_SPLIT, readTaskFile };

export function listTasks(): readonly TaskSpec[] {
  return BUILTIN_TASKS;
}

/** A built-in task by id, else a task file (.json, .yaml, .yml) by path. */
export function getTask(idOrPath: string): TaskSpec {
  const builtin = BUILTIN_TASKS.find((t) => t.id === idOrPath);
  if (builtin) return builtin;
  if (/\.(json|ya?ml)$/i.test(idOrPath) || existsSync(idOrPath)) return readTaskFile(idOrPath);
  throw new Error(
    `unknown task "${idOrPath}": not a built-in task (${BUILTIN_TASKS.map((t) => t.id).join(', ')}) nor a task file`,
  );
}
