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

/** The data directory the settings name (not checked), and which setting named it. */
export function dataDirSetting(
  arg?: string,
  env: NodeJS.ProcessEnv = process.env,
): { dir: string; source: string } {
  const [dir, source] = arg
    ? [arg, '--data-dir']
    : env.YARDSTICK_DATA_DIR
      ? [env.YARDSTICK_DATA_DIR, 'YARDSTICK_DATA_DIR']
      : [defaultDataDir(), 'the default (../shared/data beside the repository)'];
  return { dir: path.resolve(dir), source };
}

/**
 * Resolves the data directory from an explicit argument, then the environment, then the default,
 * and checks that it is an existing folder (the error says which setting pointed where).
 */
export function resolveDataDir(arg?: string, env: NodeJS.ProcessEnv = process.env): string {
  const { dir, source } = dataDirSetting(arg, env);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new Error(
      `data directory ${dir} (from ${source}) does not exist or is not a folder; ` +
        'pass --data-dir <dir> or set YARDSTICK_DATA_DIR',
    );
  }
  return dir;
}
