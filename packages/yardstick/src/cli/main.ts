// The `yardstick` command line: one subcommand per workflow or view, registered from its own module.
import { Command } from 'commander';
import { registerAutoar } from './autoar.js';
import { registerCompare } from './compare.js';
import { registerDasha } from './dasha.js';
import { registerDownload } from './download.js';
import { registerRegistry } from './registry.js';
import { registerReport } from './report.js';
import { registerRun } from './run.js';
import { registerRuns } from './runs.js';
import { registerServe } from './serve.js';
import { registerTasks } from './tasks.js';

export async function main(argv: string[]): Promise<void> {
  const program = new Command('yardstick')
    .description('Does a specialised foundation model really beat a well-tuned supervised baseline?')
    .option('--data-dir <dir>', 'data directory (default: $YARDSTICK_DATA_DIR, else ../shared/data beside the repository)')
    .showHelpAfterError();
  registerAutoar(program);
  registerDasha(program);
  registerDownload(program);
  registerTasks(program);
  registerCompare(program);
  registerRegistry(program);
  registerReport(program);
  registerRun(program);
  registerRuns(program);
  registerServe(program);
  await program.parseAsync(argv, { from: 'user' });
}
