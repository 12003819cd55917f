// Runs the command line in this process (no child start-up per case), capturing what it writes.
import { run } from '../../../src/cli/main.js';

export interface CliOutcome {
  code: number;
  out: string;
  err: string;
}

/**
 * `yardstick <argv>` in-process with `env` set for the call; a command still running after `timeoutMs` (a
 * case that was wrongly accepted, e.g. a `serve` that started) is told to stop as by Ctrl-C and reported.
 */
export async function runInProcess(
  argv: string[],
  env: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<CliOutcome> {
  const out: string[] = [];
  const err: string[] = [];
  const writes = { out: process.stdout.write, err: process.stderr.write };
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  const capture = (into: string[]) =>
    ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      into.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      cb?.();
      return true;
    }) as typeof process.stdout.write;
  process.stdout.write = capture(out);
  process.stderr.write = capture(err);
  let timer: NodeJS.Timeout | undefined;
  try {
    const timedOut = new Promise<number>((resolve) => {
      timer = setTimeout(() => {
        process.emit('SIGINT');
        resolve(-1);
      }, timeoutMs);
    });
    const code = await Promise.race([run(argv), timedOut]);
    const exit = code === 0 ? Number(process.exitCode ?? 0) : code;
    return { code: exit, out: out.join(''), err: err.join('') };
  } finally {
    clearTimeout(timer);
    process.exitCode = undefined;
    process.stdout.write = writes.out;
    process.stderr.write = writes.err;
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
