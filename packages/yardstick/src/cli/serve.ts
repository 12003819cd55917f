// `yardstick serve`: the dashboard, behind an access token (generated and printed unless given).
import { InvalidArgumentError, type Command } from 'commander';
import { startServer } from '../serve/index.js';
import { tokenProblem } from '../serve/auth.js';
import { openContext } from './context.js';
import { addDbOptions, type DbOptions } from './db-options.js';
import { portNumber } from './parsers.js';

function accessToken(v: string): string {
  const problem = tokenProblem(v);
  if (problem) throw new InvalidArgumentError(problem);
  return v;
}

export function registerServe(program: Command): void {
  const cmd = addDbOptions(
    program
      .command('serve')
      .description('start the dashboard: runs, live searches and reports')
      .option(
        '--host <host>',
        'address to bind (default loopback; elsewhere anyone with the token can read)',
        '127.0.0.1',
      )
      .option('--port <port>', 'port (0 picks a free one)', portNumber, 8765)
      .option(
        '--token <token>',
        'access token to require, at least 22 characters (default: 16+ random bytes, printed)',
        accessToken,
      )
      .option('--no-token', 'no access token (loopback only: any local user can then read the runs)'),

    { artifacts: true },
  );
  cmd.action(async (opts: DbOptions & { host: string; port: number; token?: string | boolean }) => {
    // every request queries the database (SQLite or PostgreSQL), so live searches move on the dashboard
    const ctx = await openContext(opts);
    try {
      const token = opts.token === false ? null : typeof opts.token === 'string' ? opts.token : undefined;
      const server = await startServer(ctx, { host: opts.host, port: opts.port, token });
      console.log(`yardstick dashboard: ${server.openUrl}`);
      if (server.token)
        console.log('the URL carries the access token: share it only with people who may see the runs');
      await new Promise<void>((resolve) => {
        for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => resolve());
      });
      await server.close();
    } finally {
      await ctx.close();
    }
  });
}
