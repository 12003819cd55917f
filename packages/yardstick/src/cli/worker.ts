// `yardstick worker`: joins a running DASHA search from this machine. It opens the run database (a
// postgresql:// URL for many machines, or a shared SQLite file for one), finds the search's published job in
// the run's artefact folder (a shared directory; --artifacts where this machine mounts it), and claims and
// trains trials until none is left open. SIGINT/SIGTERM pause the trial in flight for another worker; a
// worker killed outright stops heartbeating and its trial is rerun by another from its saved initial weights.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Command } from 'commander';
import { SharedDirectoryStore } from '../storage/artifacts.js';
import { openAsyncStorage } from '../storage/open.js';
import { defaultDatabasePath } from '../storage/paths.js';
import type { AsyncStorage } from '../storage/contract.js';
import type { RunRecord } from '../storage/types.js';
import { positiveInt } from './parsers.js';
import { stopOnSignal } from './stop-signal.js';

interface WorkerOptions {
  db?: string;
  run?: string;
  artifacts?: string;
  staleAfter?: number;
  json?: boolean;
  wait?: boolean;
}

class NotYet extends Error {}

/** The search to join; with `wait`, polls until it has published its ASHA job (workers started before it). */
async function searchToJoin(
  storage: AsyncStorage,
  id: string | undefined,
  wait: boolean,
): Promise<RunRecord> {
  for (let said = false; ;) {
    try {
      return await findSearch(storage, id);
    } catch (e) {
      if (!wait || !(e instanceof NotYet)) throw e;
      if (!said) process.stderr.write(`worker ${process.pid}: waiting: ${(e as Error).message}\n`);
      said = true;
      await sleep(2000);
    }
  }
}

/** --run, else the newest running DASHA run that published an ASHA job. */
async function findSearch(storage: AsyncStorage, id: string | undefined): Promise<RunRecord> {
  if (id !== undefined) {
    const run = await storage.getRun(id);
    if (!run) throw new Error(`no run '${id}' in ${storage.location}`);
    if (run.status !== 'running') throw new Error(`run '${id}' is ${run.status}: there is no search to join`);
    if (typeof run.result?.ashaJob !== 'string')
      throw new NotYet(`run '${id}' has not published its ASHA search yet (pass --wait to wait for it)`);
    return run;
  }
  const open = (await storage.listRuns({ workflow: 'dasha', status: 'running' })).filter(
    (r) => typeof r.result?.ashaJob === 'string',
  );
  const run = open.at(-1);
  if (!run)
    throw new NotYet(
      `no running DASHA search to join in ${storage.location} (start one; --wait waits for it)`,
    );
  return run;
}

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('join a running DASHA search from this machine: claim, train and report ASHA trials')
    .option('--db <url|file>', 'run database: postgresql://user@host/db (default: $YARDSTICK_DB)')
    .option('--run <id>', 'the search to join (default: the newest running one)')
    .option(
      '--artifacts <dir>',
      "where this machine mounts the shared artefact folder (default: the run's own path)",
    )
    .option(
      '--stale-after <seconds>',
      'requeue trials whose worker has been silent this long',
      positiveInt,
      60,
    )
    .option('--wait', 'wait for the search to reach its ASHA stage (workers started before it)')
    .option('--json', 'print progress events as JSON lines')
    .action(async (opts: WorkerOptions) => {
      const storage = await openAsyncStorage(opts.db ?? defaultDatabasePath(), { mustExist: true });
      const stop = stopOnSignal('stopping: the trial in flight is paused for another worker (again to quit)');
      try {
        const run = await searchToJoin(storage, opts.run, opts.wait ?? false);
        const runDir = new SharedDirectoryStore(opts.artifacts ?? null).runDir(run);
        process.stderr.write(`worker ${process.pid}: joining ${run.id} (${storage.location})\n`);
        const { runJobWorker } = await import('../dasha/stages.js'); // loads the engine
        let trials = 0;
        let epochs = 0;
        const outcome = await runJobWorker({
          storage,
          runDir,
          shouldStop: () => stop.requested,
          staleAfterMs: (opts.staleAfter ?? 60) * 1000,
          onEvent: (e) => {
            if (opts.json) console.log(JSON.stringify(e));
            if (e.kind === 'trial-start') trials++;
            if (e.kind === 'epoch') epochs++;
            if (opts.json) return;
            if (e.kind === 'trial-start')
              process.stderr.write(`trial ${e.trialId}${e.attempt > 1 ? ` (attempt ${e.attempt})` : ''}\n`);
            else if (e.kind === 'epoch')
              process.stderr.write(
                `trial ${e.trialId} epoch ${e.epoch}: val ${e.valScore.toFixed(4)}${e.decision ? ` (${e.decision})` : ''}\n`,
              );
            else if (e.kind === 'trial-failed')
              process.stderr.write(`trial ${e.trialId} failed: ${e.error}\n`);
            else if (e.kind === 'trial-lost')
              process.stderr.write(
                `trial ${e.trialId}: requeued while this worker stalled; another reruns it\n`,
              );
          },
        });
        for (const f of outcome.failures) process.stderr.write(`${f}\n`);
        process.stderr.write(
          `worker ${process.pid}: ${trials} trial(s), ${epochs} epoch(s); ${outcome.interrupted ? 'stopped' : 'no open trials left'}\n`,
        );
      } finally {
        stop.release();
        await storage.close();
      }
    });
}
