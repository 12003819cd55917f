// The command line run from its sources in a child process (tsx), through the real entry point (cli/main.ts
// main): exit codes, signals and stderr as a user sees them, without a build.
import { spawnSync } from 'node:child_process';

/** node's arguments before the CLI's own (for spawn, when a test needs the live child). */
export const CLI_FROM_SOURCE = [
  '--conditions=source',
  '--import',
  'tsx',
  '-e',
  "import('./packages/yardstick/src/cli/main.ts').then((m) => m.main(process.argv.slice(1)))",
];

/** `yardstick <args>` to completion, with `env` added to this process's. */
export function yardstickSync(
  args: string[],
  env: Record<string, string> = {},
): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [...CLI_FROM_SOURCE, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
