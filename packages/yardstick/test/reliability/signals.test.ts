// Signals sent to real `yardstick` processes (the launcher in bin/, as a user or a supervisor would): SIGINT and
// SIGTERM reach the process doing the work, the exit status is passed on (128+n for a killed worker), killing
// the launcher leaves no orphan, and a running `dasha` stops within one epoch and tests its best model.
// Runs the built CLI (dist/), as CI does after `npm run build:ts`.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { SqliteStorage } from '../../src/storage/index.js';

const bin = path.resolve(import.meta.dirname, '..', '..', 'bin', 'yardstick.js');
const built = existsSync(path.resolve(import.meta.dirname, '..', '..', 'dist', 'cli', 'main.js'));
const jemalloc = [
  '/usr/lib/x86_64-linux-gnu/libjemalloc.so.2',
  '/usr/lib/aarch64-linux-gnu/libjemalloc.so.2',
].some(existsSync);
const dir = mkdtempSync(path.join(tmpdir(), 'ys-signals-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const db = path.join(dir, 'runs.db');
new SqliteStorage(db).close();

interface Started {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function start(args: string[], env: Record<string, string> = {}): Started {
  const child = spawn(process.execPath, [bin, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, out: () => out, err: () => err, exited };
}

async function until(what: string, cond: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The worker process the launcher started (its only child), read from /proc. */
function workerOf(pid: number): number | null {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    return children ? Number(children.split(/\s+/)[0]) : null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Kills the launcher and its worker, if still there (a failed test must leave no process behind). */
function killAll(s: Started): void {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return;
  const worker = workerOf(s.child.pid!);
  if (worker) process.kill(worker, 'SIGKILL');
  s.child.kill('SIGKILL');
}

/** Within `ms`, or kills what is left and fails. */
async function exitWithin(s: Started, ms: number, what: string) {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      killAll(s);
      reject(new Error(`${what}: still running after ${ms} ms\n${s.err()}`));
    }, ms);
  });
  try {
    return await Promise.race([s.exited, late]);
  } finally {
    clearTimeout(timer);
  }
}

const serveArgs = ['serve', '--db', db, '--port', '0', '--no-token'];
const serving = (s: Started) =>
  until('the dashboard URL', () => /yardstick dashboard: http/.test(s.out()), 30_000);

describe('signals', { skip: !built && 'the CLI is not built (npm run build:ts)' }, () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal} stops serve and frees its port (one process)`, async (t) => {
      const s = start(serveArgs);
      t.after(() => killAll(s));
      await serving(s);
      const url = /http:\S+/.exec(s.out())![0];
      assert.equal((await fetch(url)).status, 200);
      s.child.kill(signal);
      assert.deepEqual(await exitWithin(s, 10_000, 'serve'), { code: 0, signal: null });
      await assert.rejects(fetch(url), 'nothing answers any more');
    });
  }

  describe(
    'through the re-executing launcher',
    { skip: !jemalloc && 'no jemalloc: the launcher runs the CLI in its own process' },
    () => {
      const env = { YARDSTICK_JEMALLOC: '1' };
      for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        it(`${signal} to the launcher reaches the worker once; both exit 0`, async (t) => {
          const s = start(serveArgs, env);
          t.after(() => killAll(s));
          await serving(s);
          const worker = workerOf(s.child.pid!);
          assert.ok(worker, 'the launcher started a worker');
          s.child.kill(signal);
          assert.deepEqual(await exitWithin(s, 10_000, 'launcher'), { code: 0, signal: null });
          await until('the worker to exit', () => !alive(worker), 5000);
        });
      }

      it('a worker killed by a signal: the launcher dies of the same signal (the shell sees 128+n)', async (t) => {
        for (const signal of ['SIGKILL', 'SIGSEGV'] as const) {
          const s = start(serveArgs, env);
          t.after(() => killAll(s));
          await serving(s);
          process.kill(workerOf(s.child.pid!)!, signal);
          assert.deepEqual(await exitWithin(s, 10_000, 'launcher'), { code: null, signal });
        }
      });

      it('SIGKILL to the launcher leaves no orphan: the worker stops by itself', async (t) => {
        const s = start(serveArgs, env);
        await serving(s);
        const worker = workerOf(s.child.pid!)!;
        t.after(() => void (alive(worker) && process.kill(worker, 'SIGKILL')));
        s.child.kill('SIGKILL');
        await s.exited;
        await until('the orphaned worker to stop', () => !alive(worker), 10_000);
      });
    },
  );

  describe('a running dasha', () => {
    const rows = (n: number, seed: number) => {
      let x = seed;
      const letter = () => 'ACGT'[(x = (x * 1103515245 + 12345) % 2 ** 31) % 4];
      return Array.from({ length: n }, (_, i) => {
        const s = Array.from({ length: 24 }, letter).join('');
        return `${i % 2 ? s.slice(0, 10) + 'TATAAA' + s.slice(16) : s},${i % 2}`;
      }).join('\n');
    };
    writeFileSync(path.join(dir, 'train.csv'), `sequence,label\n${rows(64, 1)}\n`);
    writeFileSync(path.join(dir, 'test.csv'), `sequence,label\n${rows(32, 2)}\n`);
    writeFileSync(path.join(dir, 'tiny.yaml'), 'modality: dna\ntrain: train.csv\ntest: test.csv\n');

    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      it(
        `${signal}: stops within one epoch, tests the best model so far and stores the run finished`,
        {
          timeout: 180_000,
        },
        async (t) => {
          const runsDb = path.join(dir, `${signal}.db`);
          const s = start([
            'dasha',
            path.join(dir, 'tiny.yaml'),
            '--budget',
            '10m',
            '--db',
            runsDb,
            '--out',
            path.join(dir, signal),
            '--json',
          ]);
          t.after(() => killAll(s));
          // training has started once the search has written metrics
          await until(
            'training to start',
            () => {
              try {
                const st = new SqliteStorage(runsDb, { readonly: true });
                try {
                  const run = st.listRuns()[0];
                  return run !== undefined && st.listMetrics(run.id).length > 0;
                } finally {
                  st.close();
                }
              } catch {
                return false; // not created or not migrated yet
              }
            },
            120_000,
          );
          s.child.kill(signal);
          // epochs of this task take well under a second; 20 s is one epoch plus the test of the best model
          assert.deepEqual(await exitWithin(s, 20_000, 'dasha'), { code: 0, signal: null });
          const result = JSON.parse(s.out()) as { status: string; testScore: number | null };
          assert.equal(result.status, 'interrupted');
          assert.ok(Number.isFinite(result.testScore), 'the best model so far was tested');
          const st = new SqliteStorage(runsDb, { readonly: true });
          assert.equal(st.listRuns()[0].status, 'interrupted');
          st.close();
        },
      );
    }
  });
});
