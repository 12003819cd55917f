// `yardstick tasks`: the built-in tasks; `yardstick tasks show <task or file>`: load one and describe its splits.
import { Command, InvalidArgumentError } from 'commander';
import { dataDirSetting, resolveDataDir } from '../data/data-dir.js';
import type { Dataset } from '../data/types.js';
import { majorityBaseline } from '../metrics/index.js';
import { LTSF_DATASETS, ltsfSource, standardHorizons } from '../data/ltsf/index.js';
import { BUILTIN_TASKS } from '../tasks/builtin.js'; // not tasks/index: task files load zod, YAML and the registry
import type { TaskSpec } from '../tasks/types.js';

interface TaskRow {
  id: string;
  modality: string;
  metric: string;
  numClasses: number;
  inputShape: number[];
  usage: string;
  splitNote: string;
  source?: string;
  present?: boolean;
  location?: string;
  download?: string;
}

function describe(t: TaskSpec, dataDir?: string): TaskRow {
  const where = dataDir && t.source ? t.source.locate(dataDir) : undefined;
  return {
    id: t.id,
    modality: t.modality,
    metric: t.metric,
    numClasses: t.numClasses,
    inputShape: t.inputShape,
    usage: t.usage,
    splitNote: t.splitNote,
    ...(t.source
      ? {
          source: t.source.origin,
          present: Boolean(where),
          ...(where ? { location: where } : { download: t.source.download }),
        }
      : {}),
  };
}

/** The LTSF datasets (Auto-AR's tasks): channels and lengths come from the file, so the shape is left open. */
function ltsfRows(dataDir: string): TaskRow[] {
  return LTSF_DATASETS.map((d) => {
    const src = ltsfSource(d, dataDir);
    return {
      id: `ltsf/${d}`,
      modality: 'time series',
      metric: 'mse',
      numClasses: 0,
      inputShape: [],
      usage: 'benchmark',
      splitNote: `the LTSF chronological split; horizons ${standardHorizons(d).join('/')}`,
      source: src.origin,
      present: src.present,
      ...(src.present ? { location: src.file } : { download: src.fetch }),
    };
  });
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
    .description(
      'list the built-in tasks (ids usable with dasha), where their data comes from and whether it is in the data directory',
    )
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }, command: Command) => {
      const { dir } = dataDirSetting(command.optsWithGlobals<{ dataDir?: string }>().dataDir);
      const rows = [...BUILTIN_TASKS.map((t) => describe(t, dir)), ...ltsfRows(dir)];
      if (opts.json) {
        console.log(JSON.stringify(rows, null, 2));
        return;
      }
      console.log(`data directory: ${dir}`);
      for (const r of rows) {
        const shape = r.inputShape.length
          ? `[${r.inputShape.map((d) => (d < 0 ? '?' : d)).join(' x ')}]`
          : '';
        const data = r.present === false ? `missing: ${r.download}` : 'present';
        console.log(
          `${r.id.padEnd(40)} ${r.modality.padEnd(12)} ${r.metric.padEnd(8)} ${(r.numClasses > 0 ? `${String(r.numClasses).padStart(3)} classes  ${shape}` : '').padEnd(30)} ${r.usage.padEnd(12)} ${r.source}; ${data}`,
        );
      }
      const missing = rows.filter((r) => !r.present).length;
      console.log(`${rows.length} tasks, ${rows.length - missing} with data present, ${missing} missing`);
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
      const { getTask } = await import('../tasks/index.js');
      const task = getTask(id);
      const data = await task.load(resolveDataDir(globals.dataDir), { limit: opts.limit });
      const splits = Object.entries({ train: data.train, val: data.val, test: data.test }).filter(
        (e): e is [string, Dataset] => e[1] !== undefined,
      );
      const summary = {
        ...describe(task, resolveDataDir(globals.dataDir)),
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
