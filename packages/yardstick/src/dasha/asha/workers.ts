// ASHA trials in parallel worker processes: each worker is a child process with one intra-op thread that
// runs runAshaWorker against the run's database (SQLite file or PostgreSQL), so trial claims and rung
// decisions go through the ledger's transactions (claimNextTrial / judgeRung), exactly as with one process.
// The parent only starts them, relays their progress, forwards a stop (SIGINT) and waits.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

/** Worker count: --workers, else YARDSTICK_WORKERS, else one per core. */
export function defaultWorkers(requested?: number): number {
  if (requested !== undefined) return requested;
  const env = process.env.YARDSTICK_WORKERS;
  if (env !== undefined && env !== '') {
    const n = Number(env);
    if (!Number.isInteger(n) || n < 1)
      throw new RangeError(`YARDSTICK_WORKERS must be a positive integer, got '${env}'`);
    return n;
  }
  return availableParallelism();
}

/** This process's Node options without an inline script (-e / -p and its text, --input-type). */
function nodeOptions(): string[] {
  const out: string[] = [];
  const a = process.execArgv;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === '-e' || a[i] === '--eval' || a[i] === '-p' || a[i] === '--print') i++;
    else if (!a[i].startsWith('--input-type') && !a[i].startsWith('--eval=') && !a[i].startsWith('--print='))
      out.push(a[i]);
  }
  return out;
}

export interface WorkerPoolOptions {
  /** Module a worker runs (compiled or TypeScript source, next to this file). */
  entry: string;
  /** Arguments after the entry (the job file). */
  args: string[];
  /** Extra environment (the database a worker opens travels here, never on a command line). */
  env?: Record<string, string>;
  workers: number;
  shouldStop: () => boolean;
  /** One line a worker printed on stdout (its progress events, as JSON). */
  onLine?: (line: string, worker: number) => void;
}

/** Starts the workers, forwards a stop as SIGINT, and resolves with each worker's exit code. */
export function runWorkerPool(o: WorkerPoolOptions): Promise<(number | null)[]> {
  const env = {
    ...process.env,
    ...o.env,
    YARDSTICK_THREADS: '1',
    OMP_NUM_THREADS: '1',
    OPENBLAS_NUM_THREADS: '1',
  };
  const children = Array.from({ length: o.workers }, (_, k) => {
    const child = spawn(process.execPath, [...nodeOptions(), o.entry, ...o.args], {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let buf = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        o.onLine?.(buf.slice(0, nl), k);
        buf = buf.slice(nl + 1);
      }
    });
    return child;
  });
  let signalled = false;
  const timer = setInterval(() => {
    if (!signalled && o.shouldStop()) {
      signalled = true;
      for (const c of children) if (c.exitCode === null) c.kill('SIGINT');
    }
  }, 250);
  return Promise.all(
    children.map((c) => new Promise<number | null>((resolve) => c.on('close', (code) => resolve(code)))),
  ).finally(() => clearInterval(timer));
}

/** Path of a module next to the caller, in the same form (TypeScript source under tsx, else compiled). */
export function sibling(importMetaUrl: string, name: string): string {
  return fileURLToPath(new URL(`./${name}${importMetaUrl.endsWith('.ts') ? '.ts' : '.js'}`, importMetaUrl));
}
