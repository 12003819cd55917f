// The `yardstick` command line: one subcommand per workflow or view, each registered from its own module, which
// is loaded only when that command runs (so `--help`, `--version`, `tasks`, `runs`, `compare` and `report` never
// load libtorch). Every error leaves through one path: one `error: ...` line on stderr, exit code 2 for usage
// (bad option, argument or command) and 1 for everything else, never a stack trace and never usage text after
// a data error; runs this process left `running` are marked failed with that error.
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { failOpenRuns } from '../storage/open-runs.js';

type Register = (program: Command) => void;

/** Each command's one-line summary for `yardstick --help` (a test checks it against the module's description). */
export const COMMANDS: readonly { name: string; summary: string; load: () => Promise<Register> }[] = [
  {
    name: 'autoar',
    summary: 'Auto-AR on an LTSF task (ltsf/<name>) or a CSV (time column + numeric channels)',
    load: async () => (await import('./autoar.js')).registerAutoar,
  },
  {
    name: 'dasha',
    summary: 'DASHA: search each conv kernel/dilation (DASH), tune training with ASHA, retrain, test once',
    load: async () => (await import('./dasha.js')).registerDasha,
  },
  {
    name: 'download',
    summary: 'download a dataset from its public origin into the data directory, with checksum verification',
    load: async () => (await import('./download.js')).registerDownload,
  },
  {
    name: 'tasks',
    summary:
      'list the built-in tasks (ids usable with dasha), where their data comes from and whether it is in the data directory',
    load: async () => (await import('./tasks.js')).registerTasks,
  },
  {
    name: 'compare',
    summary:
      'compare our runs on a task (ltsf/ETTh1, gue/prom_core_all) or a benchmark (ltsf, gue) with published FM results',
    load: async () => (await import('./compare.js')).registerCompare,
  },
  {
    name: 'registry',
    summary:
      'published FM results: version and counts per benchmark and model (your own: $YARDSTICK_HOME/registry, else .yardstick/registry)',
    load: async () => (await import('./registry.js')).registerRegistry,
  },
  {
    name: 'report',
    summary: 'write an HTML/Markdown/JSON report for a run id, a task or a benchmark',
    load: async () => (await import('./report.js')).registerReport,
  },
  {
    name: 'run',
    summary:
      'run the baselines on every task of a benchmark, store the runs, compare with published FM results and write the report',
    load: async () => (await import('./run.js')).registerRun,
  },
  {
    name: 'runs',
    summary: 'list runs in the database',
    load: async () => (await import('./runs.js')).registerRuns,
  },
  {
    name: 'serve',
    summary: 'start the dashboard: runs, live searches and reports',
    load: async () => (await import('./serve.js')).registerServe,
  },
  {
    name: 'worker',
    summary: 'join a running DASHA search from this machine: claim, train and report ASHA trials',
    load: async () => (await import('./worker.js')).registerWorker,
  },
];

export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/** The subcommand argv names (the first word that is not a global option or its value), if any. */
function commandWord(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--data-dir') i++;
    else if (a === '--') return argv[i + 1];
    else if (!a.startsWith('-')) return a === 'help' ? (argv[i + 1] ?? a) : a;
  }
  return undefined;
}

/** An error message as one line (libraries sometimes throw several, or none). */
export function oneLine(e: unknown): string {
  const text = e instanceof Error ? e.message || e.name : String(e);
  return text
    .replace(/^error: /, '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .join(' ');
}

const QUIET_EXITS = new Set(['commander.helpDisplayed', 'commander.version', 'commander.help']); // help goes to the user

/** Exit code and line for an error that reached the top: 2 for usage, 1 otherwise. */
export function classify(e: unknown): { code: number; line: string | null } {
  if (e instanceof CommanderError) {
    if (QUIET_EXITS.has(e.code)) return { code: e.exitCode === 0 ? 0 : 2, line: null };
    // `command.error()` from an action is a data error with its own exit code; everything else is usage
    return { code: e.code === 'commander.error' ? e.exitCode || 1 : 2, line: `error: ${oneLine(e)}` };
  }
  return { code: 1, line: `error: ${oneLine(e)}` };
}

function program(): Command {
  return new Command('yardstick')
    .description('Does a specialised foundation model really beat a well-tuned supervised baseline?')
    .version(version(), '-V, --version', 'print the version')
    .option(
      '--data-dir <dir>',
      'data directory (default: $YARDSTICK_DATA_DIR, else ../shared/data beside the repository)',
    )
    .exitOverride()
    .configureOutput({ outputError: () => {} }); // printed once, by run()
}

/** Runs the command line and returns its exit code (no process.exit: usable in-process by tests). */
export async function run(argv: string[]): Promise<number> {
  try {
    const root = program();
    const word = commandWord(argv);
    const chosen = COMMANDS.find((c) => c.name === word);
    for (const c of COMMANDS) {
      if (c === chosen) (await c.load())(root);
      else root.command(c.name).description(c.summary); // listed in --help; never run
    }
    await root.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    const { code, line } = classify(e);
    if (line) {
      process.stderr.write(`${line}\n`);
      await failOpenRuns(line.slice('error: '.length));
    }
    return code;
  }
}

/** The launcher's entry: also turns an error thrown outside a command's await chain into one line and exit 1. */
export async function main(argv: string[]): Promise<void> {
  const fatal = (e: unknown): void => {
    process.stderr.write(`error: ${oneLine(e)}\n`);
    void failOpenRuns(oneLine(e)).finally(() => process.exit(1));
  };
  process.on('uncaughtException', fatal);
  process.on('unhandledRejection', fatal);
  const code = await run(argv);
  if (code !== 0) process.exitCode = code;
}
