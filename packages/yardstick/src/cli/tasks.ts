// `yardstick tasks`: the built-in tasks; `yardstick tasks show <task or file>`: load one and describe its splits.
import { Command, InvalidArgumentError } from 'commander';
import { resolveDataDir } from '../data/data-dir.js';
import type { Dataset } from '../data/types.js';
import { majorityBaseline } from '../metrics/index.js';
import { getTask, listTasks, type TaskSpec } from '../tasks/index.js';

function describe(t: TaskSpec) {
  return {
    id: t.id,
    modality: t.modality,
    metric: t.metric,
    numClasses: t.numClasses,
    inputShape: t.inputShape,
    usage: t.usage,
    splitNote: t.splitNote,
  };
}

/** Samples per class of a single-label split (segmentation: pixels per class). */
function classCounts(ds: Dataset, numClasses: number): number[] {
  const counts = new Array<number>(numClasses).fill(0);
  for (const v of ds.y) if (v >= 0 && v < numClasses) counts[v]++;
  return counts;
}

export function registerTasks(program: Command): void {
  const tasks = program
    .command('tasks')
    .description('list the built-in tasks (ids usable with dasha)')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) => {
      const rows = listTasks().map(describe);
      if (opts.json) {
        console.log(JSON.stringify(rows, null, 2));
        return;
      }
      for (const r of rows) {
        console.log(
          `${r.id.padEnd(44)} ${r.modality.padEnd(12)} ${r.metric.padEnd(9)} ${String(r.numClasses).padStart(3)} classes  [${r.inputShape.join(' x ')}]  ${r.usage}`,
        );
      }
    });
  tasks
    .command('show')
    .description(
      'load a task (built-in id or task file) and print its splits, class counts and majority-class baseline',
    )
    .argument('<task>', 'task id or task file')
    .option('--limit <n>', 'at most n samples per split (stratified, seeded)', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1)
        throw new InvalidArgumentError(`expected a positive integer, got "${v}"`);
      return n;
    })
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { limit?: number; json?: boolean }, command: Command) => {
      // `--json` may be parsed by the parent command, which has the same option
      const globals = command.optsWithGlobals<{ dataDir?: string; json?: boolean }>();
      const task = getTask(id);
      const data = await task.load(resolveDataDir(globals.dataDir), { limit: opts.limit });
      const splits = Object.entries({ train: data.train, val: data.val, test: data.test }).filter(
        (e): e is [string, Dataset] => e[1] !== undefined,
      );
      const summary = {
        ...describe(task),
        classNames: data.classNames,
        splits: Object.fromEntries(
          splits.map(([name, ds]) => [
            name,
            {
              shape: ds.shape,
              classCounts: task.metric === 'map' ? undefined : classCounts(ds, data.numClasses),
            },
          ]),
        ),
        majorityBaseline:
          data.train.shape[0] > 0
            ? majorityBaseline(task.metric, data.train.y, data.test.y, data.numClasses)
            : null,
        channelStats: data.channelStats,
      };
      if (opts.json || globals.json) {
        console.log(JSON.stringify(summary, null, 2));
        return;
      }
      console.log(
        `${task.id}: ${task.modality}, metric ${task.metric}, ${data.numClasses} classes, usage ${task.usage}`,
      );
      console.log(`splits: ${task.splitNote}`);
      for (const [name, s] of Object.entries(summary.splits))
        console.log(
          `  ${name.padEnd(5)} [${s.shape.join(' x ')}]${s.classCounts ? `  per class: ${s.classCounts.join(' / ')}` : ''}`,
        );
      if (summary.majorityBaseline !== null)
        console.log(`majority-class baseline on test: ${task.metric} ${summary.majorityBaseline.toFixed(4)}`);
    });
}
