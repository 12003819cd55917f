// `yardstick run <benchmark>`: the main job. Runs the baselines on every task of a suite, stores the runs,
// compares them with published FM results and writes the report, with a live progress display.
import path from 'node:path';
import { Command, Option } from 'commander';
import { formatDuration } from '../dasha/index.js';
import { compareContext, compareTask, headlines } from '../compare/index.js';
import { resolveDataDir } from '../data/data-dir.js';
import {
  describeMissing,
  getSuite,
  listSuites,
  runCount,
  runSuite,
  withDataPresent,
  type SuiteEvent,
} from '../pipeline/index.js';
import { buildSuiteReport, chartCacheDir, defaultReportDir, writeReport } from '../report/index.js';
import { openContext } from './context.js';
import { addDbOptions, localDatabasePath, type DbOptions } from './db-options.js';
import { device, duration } from './dasha.js';
import { positiveInt } from './parsers.js';
import { createProgress } from './progress.js';
import { stopOnSignal } from './stop-signal.js';

interface RunOptions extends DbOptions {
  budget?: number;
  seeds: number;
  device: string;
  list?: boolean;
}

/** Overall progress bar plus a status line on stderr (plain lines every 30 s when it is not a terminal). */
function display(total: number) {
  const progress = createProgress({ label: 'run', total });
  return {
    event(e: SuiteEvent): void {
      if (e.kind === 'start') progress.update(e.label);
      else if (e.kind === 'dasha') {
        const p = e.progress;
        const best = p.bestScore == null ? '-' : p.bestScore.toFixed(4);
        const left = p.secondsLeft == null ? '' : `, ${formatDuration(p.secondsLeft)} left`;
        progress.update(`${e.label}: ${p.stage} ${p.detail} (best ${best}${left})`);
      } else if (e.kind === 'done') {
        progress.increment();
        progress.log(`done    ${e.label}: ${e.summary}  [${e.runId}]`);
      } else if (e.kind === 'failed') {
        progress.increment();
        progress.log(`FAILED  ${e.label}: ${e.error}`);
      } else progress.log(`skipped ${e.label}: ${e.reason}`);
    },
    stop: () => progress.stop(),
  };
}

export function registerRun(program: Command): void {
  const cmd = addDbOptions(
    program
      .command('run')
      .description(
        'run the baselines on every task of a benchmark, store the runs, compare with published FM results and write the report',
      )
      .argument(
        '[benchmark]',
        `one of: ${listSuites()
          .map((s) => s.name)
          .join(', ')}`,
        'default',
      )
      .option(
        '--budget <duration>',
        "wall-clock budget per DASHA run (e.g. 10m, 1h; default: the suite's)",
        duration,
      )
      .option(
        '--seeds <n>',
        'DASHA runs per task, with seeds 0..n-1 (mean and 95% interval over seeds)',
        positiveInt,
        3,
      )
      .addOption(new Option('--device <device>', 'cpu, cuda or cuda:N').default('cpu').argParser(device))
      .option('--list', 'list the benchmarks and exit'),
  );
  cmd.action(async (name: string, opts: RunOptions, command: Command) => {
    if (opts.list) {
      for (const s of listSuites()) console.log(`${s.name.padEnd(10)} ${s.description}`);
      return;
    }
    const dataDir = resolveDataDir(command.optsWithGlobals<{ dataDir?: string }>().dataDir);
    const { suite, missing } = withDataPresent(getSuite(name), dataDir);
    for (const line of describeMissing(missing)) console.log(line);
    if (suite.items.length === 0)
      throw new Error(`run ${suite.name}: no task of this benchmark has its data in ${dataDir}`);
    const ctx = await openContext(opts, { create: true });
    const localDb = localDatabasePath(opts); // outputs go beside it (for PostgreSQL, beside the default file)
    const seeds = Array.from({ length: opts.seeds }, (_, i) => i);
    const show = display(runCount(suite, seeds.length));
    const stop = stopOnSignal(
      'stopping after the current step (the running DASHA tests its best model so far); Ctrl-C again to quit',
    );
    const started = performance.now();
    try {
      console.log(`yardstick run ${suite.name}: ${suite.description}`);
      console.log(`data: ${dataDir}\ndatabase: ${ctx.storage.location}`);
      const outcome = await runSuite(suite, {
        dataDir,
        storage: ctx.storage,
        artifactRoot: path.join(path.dirname(localDb), 'runs'),
        budgetSeconds: opts.budget,
        seeds,
        device: opts.device as never,
        shouldStop: () => stop.requested,
        onEvent: (e) => show.event(e),
      });
      show.stop();
      console.log(
        '\nComparison with published foundation-model results (details and protocol flags in the report):',
      );
      for (const task of outcome.tasks) {
        try {
          for (const c of compareTask(await compareContext(ctx, { task }), { task }))
            for (const line of headlines(c)) console.log(`  ${line}`);
        } catch (e) {
          console.log(`  ${task}: ${(e as Error).message}`);
        }
      }
      const report = await writeReport(
        await buildSuiteReport(ctx, suite.name, outcome.tasks, outcome.runIds),
        defaultReportDir(localDb, `run-${suite.name}`),
        { chartCache: chartCacheDir(localDb) },
      );
      if (outcome.problems.length)
        console.log(`\nProblems:\n${outcome.problems.map((p) => `  ${p}`).join('\n')}`);
      console.log(`\nfinished in ${formatDuration((performance.now() - started) / 1000)}`);
      console.log(`report: ${report.html}\nmarkdown: ${report.markdown}\njson: ${report.json}`);
      if (outcome.problems.length && outcome.runIds.length === 0) process.exitCode = 1;
    } finally {
      show.stop();
      stop.release();
      await ctx.close();
    }
  });
}
