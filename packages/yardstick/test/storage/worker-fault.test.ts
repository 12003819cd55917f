// Workers on one search, one killed with SIGKILL mid-trial, on PostgreSQL (a throwaway cluster) and on SQLite
// (local processes): a DASHA run (tiny nets, synthetic motif task) publishes its ASHA search, three
// `yardstick worker` processes join it, and the one holding a trial just promoted at its first rung is killed.
// From the database afterwards: no finished trial lost or duplicated, the killed trial rerun (attempt 2) from
// the same saved initial weights (its rerun reports the very values the first attempt reported), every rung
// decision the asynchronous rule's verdict on the decisions committed before it, and the run complete with a
// tested model.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { judgeFromLedger } from '../../src/dasha/asha/search.js';
import { REPORTED } from '../../src/dasha/asha/ledger.js';
import type { AsyncStorage } from '../../src/storage/contract.js';
import { openAsyncStorage } from '../../src/storage/open.js';
import type { RunRecord } from '../../src/storage/types.js';
import { postgresBinDir, SKIP_NO_POSTGRES, startPgCluster, type PgCluster } from './helpers/pg-cluster.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../../..');
const NUM_TRIALS = 8;
const ASHA = { gracePeriod: 1, maxT: 4, reductionFactor: 2, mode: 'max' as const };
// one thread per process: reruns are then bitwise the same computation
const env = { ...process.env, YARDSTICK_THREADS: '1', OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' };

interface Proc {
  child: ChildProcess;
  out: string;
  err: string;
  exited: Promise<number | null>;
}

function start(args: string[]): Proc {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', ...args], {
    cwd: repo,
    env,
  });
  const p: Proc = { child, out: '', err: '', exited: Promise.resolve(null) };
  child.stdout!.on('data', (d: Buffer) => (p.out += d));
  child.stderr!.on('data', (d: Buffer) => (p.err += d));
  p.exited = new Promise((resolve) => child.on('close', (code) => resolve(code)));
  return p;
}

const worker = (db: string, runId: string): Proc =>
  start([
    '-e',
    "import('./packages/yardstick/src/cli/main.ts').then((m) => m.main(process.argv.slice(1)))",
    'worker',
    '--db',
    db,
    '--run',
    runId,
    '--stale-after',
    '2',
    '--json',
  ]);

async function until<T>(what: string, f: () => Promise<T | undefined>, ms = 180_000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

const pidOf = (workerId: string | null | undefined): number => Number(workerId?.split(':').at(-3));

async function faultRun(db: string, out: string, reader: AsyncStorage): Promise<void> {
  const coordinator = start([
    path.join(here, '../dasha/helpers/dasha-coordinator.ts'),
    db,
    out,
    String(NUM_TRIALS),
  ]);
  const procs: Proc[] = [coordinator];
  try {
    const run = await until('the published search', async () => {
      const r = (await reader.listRuns({ workflow: 'dasha' }))[0];
      return typeof r?.result?.ashaJob === 'string' ? r : undefined;
    });
    const workers = [0, 1, 2].map(() => worker(db, run.id));
    procs.push(...workers);
    const pids = new Set(workers.map((w) => w.child.pid));
    // the victim: a worker process whose trial was just promoted at rung 1 (three epochs still to go)
    const target = await until('a worker mid-trial', async () => {
      const promoted = new Set(
        (await reader.listRungs(run.id))
          .filter((r) => r.rung === 1 && r.decision === 'promote')
          .map((r) => r.trialId),
      );
      return (await reader.listTrials(run.id)).find(
        (t) =>
          t.status === 'running' &&
          t.lastEpoch === 1 &&
          promoted.has(t.trialId) &&
          pids.has(pidOf(t.workerId)),
      );
    });
    const victim = workers.find((w) => w.child.pid === pidOf(target.workerId))!;
    victim.child.kill('SIGKILL');
    await victim.exited;
    const [code] = await Promise.all([
      coordinator.exited,
      ...workers.filter((w) => w !== victim).map((w) => w.exited),
    ]);
    assert.equal(code, 0, `coordinator: ${coordinator.err.slice(-2000)}`);
    for (const w of workers.filter((x) => x !== victim))
      assert.equal(w.child.exitCode, 0, `worker: ${w.err.slice(-2000)}`);
    await check(reader, run, target.trialId, victim, workers, coordinator, out);
  } finally {
    for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  }
}

async function check(
  s: AsyncStorage,
  run: RunRecord,
  killedTrial: number,
  victim: Proc,
  workers: Proc[],
  coordinator: Proc,
  out: string,
): Promise<void> {
  // the run completes with a tested model
  const result = JSON.parse(coordinator.out.trim().split('\n').at(-1)!) as {
    status: string;
    testScore: number;
    artifacts: { model: string };
  };
  assert.equal(result.status, 'complete');
  assert.ok(Number.isFinite(result.testScore), `test score ${result.testScore}`);
  assert.ok(existsSync(result.artifacts.model) && result.artifacts.model.startsWith(out));
  assert.equal((await s.getRun(run.id))!.status, 'complete');

  // no finished trial lost or duplicated: every trial once, each finished, its finish in the rung ledger
  const trials = await s.listTrials(run.id);
  assert.deepEqual(
    trials.map((t) => t.trialId),
    Array.from({ length: NUM_TRIALS }, (_, i) => i),
  );
  const rungs = await s.listRungs(run.id);
  assert.equal(
    new Set(rungs.map((r) => `${r.rung}/${r.trialId}`)).size,
    rungs.length,
    'one decision per rung and trial',
  );
  for (const t of trials) {
    assert.ok(t.status === 'complete' || t.status === 'stopped', `trial ${t.trialId} is ${t.status}`);
    assert.equal(t.workerId, null, 'a finished trial has no owner');
    const mine = rungs.filter((r) => r.trialId === t.trialId);
    const last = mine.reduce((a, b) => (b.rung > a.rung ? b : a));
    assert.equal(
      last.decision,
      t.status === 'complete' ? 'complete' : 'stop',
      `trial ${t.trialId}'s last decision`,
    );
    assert.equal(t.lastEpoch, last.rung, `trial ${t.trialId} ended at its last rung`);
    assert.equal(t.attempts, t.trialId === killedTrial ? 2 : 1, `trial ${t.trialId} attempts`);
  }

  // every rung decision is the asynchronous rule's verdict on the decisions committed before it
  rungs.forEach((r, i) => {
    const d = judgeFromLedger(ASHA, rungs.slice(0, i), r.trialId, r.rung, r.value);
    assert.deepEqual(
      [d.rung, d.decision],
      [r.rung, r.decision],
      `decision ${i} (trial ${r.trialId} at ${r.rung})`,
    );
  });

  // the killed worker's trial was rerun by another worker, from the same initial weights: the rerun reports
  // exactly what the first attempt reported for the epochs both ran; every other trial reported each epoch once
  const reported = await s.listMetrics(run.id, { stage: 'asha', name: REPORTED });
  for (const t of trials) {
    const rows = reported.filter((m) => m.trialId === t.trialId);
    if (t.trialId !== killedTrial) {
      assert.deepEqual(
        rows.map((m) => m.step),
        Array.from({ length: t.lastEpoch }, (_, i) => i + 1),
        `trial ${t.trialId} reported each epoch once`,
      );
      continue;
    }
    const firstRun = rows.slice(
      0,
      rows.findIndex((m, i) => i > 0 && m.step === 1),
    );
    const rerun = rows.slice(firstRun.length);
    assert.ok(
      firstRun.length >= 1 && rerun.length === t.lastEpoch,
      `killed trial rows ${rows.map((m) => m.step)}`,
    );
    for (const m of firstRun)
      assert.equal(rerun[m.step - 1].value, m.value, `rerun epoch ${m.step} = first attempt`);
  }
  const starts = [...workers.filter((w) => w !== victim), coordinator]
    .flatMap((p) => p.out.split('\n'))
    .filter((l) => l.startsWith('{"kind":"trial-start"'))
    .map((l) => JSON.parse(l) as { trialId: number; attempt: number; worker: string });
  const rerunBy = starts.find((e) => e.trialId === killedTrial && e.attempt === 2);
  assert.ok(
    rerunBy === undefined || pidOf(rerunBy.worker) !== victim.child.pid,
    'the rerun ran on a live worker',
  );
}

/** faultRun on the database `database` names (given the run's folder), which is removed afterwards. */
async function faultTest(backend: string, database: (dir: string) => Promise<string>): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), `ys-fault-${backend}-`));
  try {
    const db = await database(dir);
    const reader = await openAsyncStorage(db);
    try {
      await faultRun(db, dir, reader);
    } finally {
      await reader.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const WHAT = 'loses and duplicates nothing, reruns the killed trial, completes with a tested model';

describe('ASHA workers on SQLite, one killed mid-trial', { timeout: 300_000 }, () => {
  it(WHAT, () => faultTest('sqlite', async (dir) => path.join(dir, 'runs.db')));
});

const bin = postgresBinDir();
describe(
  'ASHA workers on PostgreSQL, one killed mid-trial',
  { skip: bin ? false : SKIP_NO_POSTGRES, timeout: 300_000 },
  () => {
    let cluster: PgCluster;
    before(async () => {
      cluster = await startPgCluster(bin!);
    });
    after(() => cluster?.stop());
    it(WHAT, () => faultTest('pg', () => cluster.createDatabase('fault')));
  },
);
