// Where the data lives: `--data-dir`, else $YARDSTICK_DATA_DIR, else ../shared/data beside the repository root.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: four levels above this file (packages/yardstick/src/data or .../dist/data). */
function repositoryRoot(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
}

/** The default data directory: `shared/data` in the folder that holds the repository. */
export function defaultDataDir(): string {
  return path.resolve(repositoryRoot(), '..', 'shared', 'data');
}

/**
 * Resolves the data directory from an explicit argument, then the environment, then the default,
 * and checks that it is an existing folder (the error says which setting pointed where).
 */
export function resolveDataDir(arg?: string, env: NodeJS.ProcessEnv = process.env): string {
  const [dir, source] = arg
    ? [arg, '--data-dir']
    : env.YARDSTICK_DATA_DIR
      ? [env.YARDSTICK_DATA_DIR, 'YARDSTICK_DATA_DIR']
      : [defaultDataDir(), 'the default (../shared/data beside the repository)'];
  const abs = path.resolve(dir);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) {
    throw new Error(
      `data directory ${abs} (from ${source}) does not exist or is not a folder; ` +
        'pass --data-dir <dir> or set YARDSTICK_DATA_DIR',
    );
  }
  return abs;
}
