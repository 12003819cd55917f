// `yardstick runs`: the runs in the database, SQLite or PostgreSQL (marking those whose process died as
// interrupted).
import { Option, type Command } from 'commander';
import type { RunStatus } from '../storage/types.js';
import { modelName } from '../compare/model-name.js'; // not compare/index: it loads zod and the registry
import { addDbOptions, databaseFile, type DbOptions } from './db-options.js';
import { openAsyncStorage } from '../storage/open.js';

const STATUSES: RunStatus[] = ['running', 'complete', 'failed', 'interrupted'];

export function registerRuns(program: Command): void {
  const cmd = addDbOptions(
    program
      .command('runs')
      .description('list runs in the database')
      .option('--task <task>', 'only this task')
      .option('--workflow <name>', 'only this workflow (autoar, dasha)')
      .addOption(new Option('--status <status>', 'only runs with this status').choices(STATUSES))
      .option('--json', 'print JSON'),
    { registry: false },
  );
  cmd.action(
    async (opts: DbOptions & { task?: string; workflow?: string; status?: RunStatus; json?: boolean }) => {
      const storage = await openAsyncStorage(databaseFile(opts), { mustExist: true });
      try {
        const reaped = await storage.reapInterruptedRuns();
        if (reaped.length && !opts.json)
          console.error(
            `marked ${reaped.length} run(s) whose process is gone as interrupted: ${reaped.join(', ')}`,
          );
        const runs = await storage.listRuns({
          task: opts.task,
          workflow: opts.workflow,
          status: opts.status,
        });
        if (opts.json) {
          console.log(JSON.stringify(runs, null, 1));
          return;
        }
        if (runs.length === 0) console.log(`no runs in ${storage.location}`);
        for (const r of runs) {
          const error = r.status === 'failed' && typeof r.result?.error === 'string' ? r.result.error : null;
          const scores =
            error ??
            Object.entries((r.result?.test as Record<string, number>) ?? {})
              .map(([k, v]) => `${k}=${v.toPrecision(4)}`)
              .join(' ');
          console.log(
            `${r.id.padEnd(36)} ${modelName(r).padEnd(10)} ${r.task.padEnd(24)} ${r.status.padEnd(11)} ${r.startedAt.slice(0, 19)}  ${scores}`,
          );
        }
      } finally {
        await storage.close();
      }
    },
  );
}
