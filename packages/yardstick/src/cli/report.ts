// `yardstick report <run | task | benchmark>`: writes report.html (self-contained), report.md and report.json.
import type { Command } from 'commander';
import { buildReport, defaultReportDir, writeReport } from '../report/index.js';
import { addDbOptions, guarded, localDatabasePath, openContext, type DbOptions } from './db-options.js';

export function registerReport(program: Command): void {
  const cmd = addDbOptions(
    program
      .command('report <target>')
      .description('write an HTML/Markdown/JSON report for a run id, a task or a benchmark')
      .option('--out <dir>', 'output folder (default: reports/<target> beside the database)'),
  );
  cmd.action(
    guarded(async (target: string, opts: DbOptions & { out?: string }) => {
      const ctx = await openContext(opts);
      try {
        const out = await writeReport(
          buildReport(ctx, target),
          opts.out ?? defaultReportDir(localDatabasePath(opts), target),
        );
        console.log(`report: ${out.html}\nmarkdown: ${out.markdown}\njson: ${out.json}`);
      } finally {
        await ctx.close();
      }
    }),
  );
}
