// Where the run database lives when no path is given: $YARDSTICK_DB (a file, or a postgresql:// URL), else
// $YARDSTICK_HOME/yardstick.db, else .yardstick/yardstick.db under the current directory (per project, like
// .git; .yardstick/ is gitignored).
import path from 'node:path';

/** A PostgreSQL connection URL (what selects that backend for --db / YARDSTICK_DB). */
export const isPostgresUrl = (s: string): boolean => /^postgres(ql)?:\/\//i.test(s);

export function defaultDatabasePath(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  if (env.YARDSTICK_DB)
    return isPostgresUrl(env.YARDSTICK_DB) ? env.YARDSTICK_DB : path.resolve(cwd, env.YARDSTICK_DB);
  if (env.YARDSTICK_HOME) return path.resolve(cwd, env.YARDSTICK_HOME, 'yardstick.db');
  return path.join(cwd, '.yardstick', 'yardstick.db');
}

/** The URL without its password, for messages and records. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgresql://(unparsable URL)';
  }
}
