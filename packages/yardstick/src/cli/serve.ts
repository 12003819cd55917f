// `yardstick serve`: the local dashboard (loopback by default; a token when bound elsewhere).
import type { Command } from 'commander';
import { startServer } from '../serve/index.js';
import { addDbOptions, guarded, openContext, type DbOptions } from './db-options.js';
import { portNumber } from './parsers.js';


export function registerServe(program: Command): void {
  const cmd = addDbOptions(
    program
      .command('serve')
      .description('start the dashboard: runs, live searches and reports')
      .option(
        '--host <host>',
        'address to bind (anything but loopback requires the printed access token)',
        '127.0.0.1',
      )
      .option('--port <port>', 'port (0 picks a free one)', portNumber, 8765)
      .option('--token <token>', 'access token to require (default: generated when not on loopback)'),
  );
  cmd.action(
    guarded(async (opts: DbOptions & { host: string; port: number; token?: string }) => {
      const ctx = openContext(opts);
      const server = await startServer(ctx, { host: opts.host, port: opts.port, token: opts.token });
      console.log(`yardstick dashboard: ${server.openUrl}`);
      if (server.token)
        console.log('access token required: share the URL above only with people who may see the runs');
      await new Promise<void>((resolve) => {
        for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
      });
      await server.close();
      ctx.storage.close();
    }),
  );
}
