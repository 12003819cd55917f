// `yardstick compare <task | benchmark>`: our baselines against every published result, as tables.
import type { Command } from 'commander';
import { compareBenchmark, compareContext, compareTask } from '../compare/index.js';
import {
  aggregateTable,
  headToHeadTable,
  leaderboardTable,
  referencesTable,
  summaryTable,
  verdictTable,
} from '../report/tables.js'; // not report/index: it loads vega
import { publishedNumbers, tableMarkdown } from '../report/render.js';
import { openContext } from './context.js';
import { addDbOptions, type DbOptions } from './db-options.js';
import { positiveInt } from './parsers.js';

export function registerCompare(program: Command): void {
  const cmd = addDbOptions(
    program
      .command('compare <target>')
      .description(
        'compare our runs on a task (ltsf/ETTh1, gue/prom_core_all) or a benchmark (ltsf, gue) with published FM results',
      )
      .option('--horizon <n>', 'only this forecast horizon', positiveInt)
      .option(
        '--metric <name>',
        'metric to compare (default: the benchmark’s main metric shared by ours and the published rows)',
      )
      .option('--json', 'print the comparison as JSON'),

    { artifacts: true },
  );
  cmd.action(
    async (target: string, opts: DbOptions & { horizon?: number; metric?: string; json?: boolean }) => {
      const ctx = await openContext(opts);
      try {
        const isTask = (await ctx.storage.listRuns({ task: target })).length > 0;
        if (isTask) {
          const result = compareTask(await compareContext(ctx, { task: target }), {
            task: target,
            horizon: opts.horizon,
            metric: opts.metric,
          });
          console.log(
            opts.json
              ? JSON.stringify(result, null, 1)
              : [
                  publishedNumbers(ctx.registry.info()),
                  summaryTable(result),
                  ...result.flatMap((c) => [
                    verdictTable(c),
                    ...(c.references.length ? [referencesTable(c)] : []),
                  ]),
                ]
                  .map((t) => (typeof t === 'string' ? t : tableMarkdown(t)))
                  .join('\n\n'),
          );
        } else {
          const b = compareBenchmark(await compareContext(ctx, { benchmark: target }), {
            benchmark: target,
            metric: opts.metric,
          });
          console.log(
            opts.json
              ? JSON.stringify(b, null, 1)
              : [
                  publishedNumbers(ctx.registry.info()),
                  b.answer,
                  ...[aggregateTable(b), headToHeadTable(b), leaderboardTable(b)].map(tableMarkdown),
                ].join('\n\n'),
          );
        }
      } finally {
        await ctx.close();
      }
    },
  );
}
