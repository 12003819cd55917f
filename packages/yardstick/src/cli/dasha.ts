// `yardstick dasha <task or task file>`: DASH search + ASHA tuning + retrain + test, within a time budget,
// with a live progress line, results as JSON and Markdown, and everything stored in the run database.
import path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import type * as torch from '@yardstick/torch';
import { resolveDataDir } from '../data/data-dir.js';
import {
  assertDeviceAvailable,
  dashaMarkdown,
  formatDuration,
  loadDashaTask,
  parseDuration,
  runDasha,
  type DashaProgress,
} from '../dasha/index.js';
import { openAsyncStorage } from '../storage/open.js';
import { nonNegativeInt, positiveInt } from './parsers.js';
import { createProgress } from './progress.js';
import { stopOnSignal } from './stop-signal.js';

interface DashaCliOptions {
  budget?: number;
  mode: 'paper' | 'budget';
  seed: number;
  device: string;
  json?: boolean;
  out: string;
  db?: string;
  resume?: string;
  limit?: number;
  workers?: number;
}

export function duration(v: string): number {
  try {
    return parseDuration(v);
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
}

/** Parses and checks --device while the options are read, before any data is loaded. */
export function device(v: string): torch.Device {
  if (!(v === 'cpu' || v === 'cuda' || /^cuda:\d+$/.test(v)))
    throw new InvalidArgumentError(`expected cpu, cuda or cuda:N, got "${v}"`);
  try {
    assertDeviceAvailable(v as torch.Device);
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
  return v as torch.Device;
}

/**
 * One redrawn status line on stderr when it is a terminal; a plain line every 30 s otherwise. Also with --json
 * (the JSON goes to stdout): `dasha --json > result.json` in CI is the case that most needs a sign of life.
 */
function progressDisplay() {
  const progress = createProgress({ label: 'dasha' });
  return {
    update: (p: DashaProgress) =>
      progress.update(
        `${p.stage} | ${p.detail} | best ${p.bestScore == null ? '-' : p.bestScore.toFixed(4)} | ${p.secondsLeft == null ? 'no limit' : formatDuration(p.secondsLeft)} left`,
      ),
    stop: () => progress.stop(),
  };
}

export function registerDasha(program: Command): void {
  program
    .command('dasha')
    .description(
      'DASHA: search each conv kernel/dilation (DASH), tune training with ASHA, retrain, test once',
    )
    .argument('<task>', 'built-in task id (see `yardstick tasks`) or a task file (.json/.yaml)')
    .option('--budget <duration>', 'wall-clock budget, e.g. 30m, 2h (required in budget mode)', duration)
    .addOption(
      new Option(
        '--mode <mode>',
        'paper: the reference settings exactly (GPU-sized); budget: planned to fit --budget',
      ).choices(['paper', 'budget']),
    )
    .option('--seed <n>', 'run seed (search, sampler, splits)', nonNegativeInt, 0)
    .option('--device <device>', 'cpu, cuda or cuda:N (cuda needs a CUDA build of libtorch)', device, 'cpu')
    .option('--json', 'print the result as JSON on stdout')
    .option('--out <dir>', 'folder for weights and reports', 'dasha-runs')
    .option(
      '--db <file|url>',
      'run database: a file, or postgresql://… to let workers on other machines join (default: $YARDSTICK_DB or .yardstick/yardstick.db)',
    )
    .option('--resume <runId>', 'continue an interrupted run (its search result and ASHA ledger are kept)')
    .option(
      '--workers <n>',
      'ASHA worker processes, one thread each (budget mode default: $YARDSTICK_WORKERS or one per core; paper: 1)',
      positiveInt,
    )
    .option(
      '--limit <n>',
      'use at most n samples per split (smoke runs; scores are then not comparable)',
      positiveInt,
    )
    .action(async (taskArg: string, opts: DashaCliOptions, cmd: Command) => {
      const mode = opts.mode ?? (opts.budget !== undefined ? 'budget' : 'paper');
      if (mode === 'budget' && opts.budget === undefined)
        throw new InvalidArgumentError('budget mode needs --budget (e.g. --budget 30m)');
      const dataDir = resolveDataDir(cmd.parent?.opts().dataDir);
      const task = await loadDashaTask(
        taskArg,
        dataDir,
        opts.limit ? { limit: opts.limit, seed: opts.seed } : {},
      );
      const storage = await openAsyncStorage(opts.db);
      const display = progressDisplay();
      const stop = stopOnSignal(
        'stopping: finishing the current batch, then testing the best model so far (Ctrl-C again to quit)',
      );
      try {
        const result = await runDasha({
          task,
          mode,
          budgetSeconds: opts.budget,
          seed: opts.seed,
          device: device(opts.device),
          storage,
          outDir: opts.out,
          resumeRunId: opts.resume,
          workers: opts.workers,
          shouldStop: () => stop.requested,
          onProgress: (p) => display.update(p),
        });
        display.stop();
        const dir = result.artifacts.dir; // runDasha wrote result.json and result.md there
        if (opts.json) console.log(JSON.stringify(result, null, 2));
        else console.log(dashaMarkdown(result) + `\nresults: ${path.join(dir, 'result.json')} and result.md`);
      } finally {
        display.stop();
        stop.release();
        await storage.close();
      }
    });
}
