// `yardstick report <run | task | benchmark>`: writes report.html (self-contained), report.md and report.json.
import type { Command } from 'commander';
import { addDbOptions, localDatabasePath, type DbOptions } from './db-options.js';

export function registerReport(program: Command): void {
  const cmd = addDbOptions(
    program
      .command('report <target>')
      .description('write an HTML/Markdown/JSON report for a run id, a task or a benchmark')
      .option('--out <dir>', 'output folder (default: reports/<target> beside the database)'),

    { artifacts: true },
  );
  cmd.action(async (target: string, opts: DbOptions & { out?: string }) => {
    // imported here: vega and the registry are a third of a second, which --help and a bad argument should not pay
    const [{ buildReport, chartCacheDir, defaultReportDir, writeReport }, { openContext }] =
      await Promise.all([import('../report/index.js'), import('./context.js')]);
    const ctx = await openContext(opts);
    try {
      const local = localDatabasePath(opts);
      const out = await writeReport(
        await buildReport(ctx, target),
        opts.out ?? defaultReportDir(local, target),
        {
          chartCache: chartCacheDir(local),
        },
      );
      console.log(`report: ${out.html}\nmarkdown: ${out.markdown}\njson: ${out.json}`);
    } finally {
      await ctx.close();
    }
  });
}
