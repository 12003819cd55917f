import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { defaultDatabasePath, MIGRATIONS, SCHEMA_VERSION, SqliteStorage } from '../../src/storage/index.js';
import { migrationSql } from '../../src/storage/migrations.js';
import { testRun } from './helpers/fixtures.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const dirs: string[] = [];
const tmpDb = () => {
  dirs.push(mkdtempSync(path.join(tmpdir(), 'ys-db-')));
  return path.join(dirs.at(-1)!, 'sub', 'yardstick.db');
};
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Starts the writer child; resolves once it printed `lines` lines. */
function startWriter(mode: string, file: string, lines = 1) {
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', path.join(here, 'helpers', 'writer-child.ts'), mode, file],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const ready = new Promise<void>((resolve, reject) => {
    let seen = 0;
    child.stdout.on('data', (d: Buffer) => {
      seen += d.toString().split('\n').filter(Boolean).length;
      if (seen >= lines) resolve();
    });
    child.on('exit', (code) => reject(new Error(`writer exited early (${code})`)));
  });
  const killed = () =>
    new Promise<void>((resolve) => {
      child.removeAllListeners('exit');
      child.on('exit', () => resolve());
      child.kill('SIGKILL');
    });
  return { child, ready, killed };
}

describe('SqliteStorage', () => {
  it('migrates an empty database, reopens idempotently and refuses a newer schema', () => {
    const file = tmpDb();
    new SqliteStorage(file).close();
    const raw = new Database(file);
    assert.equal(raw.pragma('user_version', { simple: true }), SCHEMA_VERSION);
    assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
    const tables = raw
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all()
      .map((r) => (r as { name: string }).name);
    assert.deepEqual(tables, ['metrics', 'rungs', 'runs', 'trials']);
    raw.close();
    const again = new SqliteStorage(file);
    again.createRun(testRun('r1'));
    again.close();
    assert.equal(new SqliteStorage(file).listRuns().length, 1);
    const newer = new Database(file);
    newer.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    newer.close();
    assert.throws(
      () => new SqliteStorage(file),
      new RegExp(
        `schema version ${SCHEMA_VERSION + 1}, newer than this yardstick supports \\(${SCHEMA_VERSION}\\)`,
      ),
    );
  });

  it('round-trips runs, trials, rungs and metrics', () => {
    const s = new SqliteStorage(tmpDb());
    s.createRun(testRun('a', { workflow: 'dasha', task: 'gue/prom_core_all', artifactDir: '/tmp/a' }));
    s.createRun(testRun('b'));
    assert.deepEqual(
      s.listRuns({ workflow: 'dasha' }).map((r) => r.id),
      ['a'],
    );
    assert.deepEqual(
      s.listRuns({ task: 'ltsf/ETTh1', status: 'running' }).map((r) => r.id),
      ['b'],
    );
    const a = s.getRun('a')!;
    assert.equal(a.status, 'running');
    assert.equal(a.ownerPid, process.pid);
    assert.deepEqual(a.machine.cpus, 2);
    s.upsertTrial({
      runId: 'a',
      trialId: 0,
      status: 'running',
      params: { lr: 0.1 },
      lastEpoch: 1,
      bestValue: 0.5,
      initWeightsPath: null,
      updatedAt: 't',
    });
    s.upsertTrial({
      runId: 'a',
      trialId: 0,
      status: 'paused',
      params: { lr: 0.1 },
      lastEpoch: 3,
      bestValue: 0.6,
      initWeightsPath: '/w',
      updatedAt: 't2',
    });
    assert.deepEqual(
      s.listTrials('a').map((t) => [t.status, t.lastEpoch, t.bestValue, t.initWeightsPath]),
      [['paused', 3, 0.6, '/w']],
    );
    s.recordRung({ runId: 'a', rung: 1, trialId: 0, value: 0.5, decision: 'promote' });
    s.recordRung({ runId: 'a', rung: 1, trialId: 1, value: 0.4, decision: 'stop' });
    s.recordRung({ runId: 'a', rung: 1, trialId: 0, value: 0.55, decision: 'promote' }); // replayed trial
    assert.deepEqual(
      s.listRungs('a').map((r) => [r.trialId, r.value]),
      [
        [0, 0.55],
        [1, 0.4],
      ],
    );
    const at = 'now';
    s.logMetrics([
      { runId: 'a', trialId: 0, stage: 'asha', step: 1, name: 'val_score', value: 0.5, at },
      { runId: 'a', trialId: null, stage: 'retrain', step: 1, name: 'train_loss', value: Number.NaN, at },
      { runId: 'a', trialId: 1, stage: 'asha', step: 1, name: 'val_score', value: 0.4, at },
    ]);
    assert.deepEqual(
      s.listMetrics('a', { stage: 'asha' }).map((m) => m.trialId),
      [0, 1],
    );
    assert.deepEqual(
      s.listMetrics('a', { trialId: 1 }).map((m) => m.value),
      [0.4],
    );
    const runLevel = s.listMetrics('a', { trialId: null });
    assert.equal(runLevel.length, 1);
    assert.ok(Number.isNaN(runLevel[0].value));
    s.close();
  });

  it('migrates a version-1 database in place: its trials gain ownership columns, nothing is lost', () => {
    const file = tmpDb();
    mkdirSync(path.dirname(file), { recursive: true });
    const v1 = new Database(file);
    v1.exec(migrationSql(MIGRATIONS[0], 'sqlite'));
    v1.pragma('user_version = 1');
    v1.prepare(
      `INSERT INTO runs (id, workflow, task, mode, status, config, machine, started_at)
       VALUES ('old', 'dasha', 't', 'm', 'running', '{}', '{}', '2026-01-01T00:00:00.000Z')`,
    ).run();
    v1.prepare(
      `INSERT INTO trials (run_id, trial_id, status, params, last_epoch, updated_at)
       VALUES ('old', 0, 'paused', '{"lr":0.1}', 3, 'x')`,
    ).run();
    v1.close();
    const s = new SqliteStorage(file);
    assert.equal(s.db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
    assert.deepEqual(
      s.listTrials('old').map((t) => [t.status, t.lastEpoch, t.attempts, t.workerId]),
      [['paused', 3, 0, null]],
    );
    const claim = s.claimNextTrial('old', 1, () => ({}), { workerId: 'w' })!;
    assert.deepEqual([claim.trialId, claim.replay, claim.attempt, claim.params], [0, true, 1, { lr: 0.1 }]);
    s.close();
  });

  it('finishes a run in one transaction; finished runs are immutable', () => {
    const s = new SqliteStorage(tmpDb());
    s.createRun(testRun('r'));
    assert.throws(() => s.finishRun('r', 'complete', null), /complete run needs its result/);
    assert.throws(() =>
      s.transaction(() => {
        s.logMetrics([{ runId: 'r', trialId: null, stage: 'test', step: 0, name: 'mse', value: 1, at: 'x' }]);
        s.finishRun('r', 'complete', { test: { mse: 1 } });
        throw new Error('crash before commit');
      }),
    );
    assert.equal(s.getRun('r')!.status, 'running');
    assert.equal(s.listMetrics('r').length, 0);
    s.finishRun('r', 'complete', { test: { mse: 0.4 } });
    const done = s.getRun('r')!;
    assert.equal(done.status, 'complete');
    assert.deepEqual(done.result, { test: { mse: 0.4 } });
    assert.ok(done.finishedAt);
    assert.throws(() => s.finishRun('r', 'failed', null), /already complete; finished runs are immutable/);
    assert.throws(() => s.finishRun('nope', 'failed', null), /run nope does not exist/);
    s.close();
  });

  it('marks runs of dead processes on this host as interrupted', () => {
    const s = new SqliteStorage(tmpDb());
    s.createRun(testRun('mine'));
    s.createRun(testRun('dead', { ownerPid: 999_999_999 }));
    assert.deepEqual(s.reapInterruptedRuns(), ['dead']);
    assert.equal(s.getRun('dead')!.status, 'interrupted');
    assert.equal(s.getRun('mine')!.status, 'running');
    s.close();
  });

  it('a writer killed inside a finishing transaction leaves the run running, not complete', async () => {
    const file = tmpDb();
    new SqliteStorage(file).close();
    const w = startWriter('hold', file);
    await w.ready;
    await w.killed();
    const s = new SqliteStorage(file);
    assert.equal(s.db.pragma('integrity_check', { simple: true }), 'ok');
    const run = s.getRun('held')!;
    assert.equal(run.status, 'running');
    assert.equal(run.result, null);
    assert.equal(s.listMetrics('held').length, 0);
    assert.deepEqual(s.reapInterruptedRuns(), ['held']);
    s.close();
  });

  it('a writer killed at a random moment leaves every complete run whole', async () => {
    const file = tmpDb();
    new SqliteStorage(file).close();
    const w = startWriter('loop', file, 5);
    await w.ready;
    await new Promise((r) => setTimeout(r, 37));
    await w.killed();
    const s = new SqliteStorage(file);
    assert.equal(s.db.pragma('integrity_check', { simple: true }), 'ok');
    const runs = s.listRuns();
    assert.ok(runs.length >= 5);
    for (const r of runs.filter((x) => x.status === 'complete')) {
      assert.equal(s.listMetrics(r.id).length, (r.result as { metricCount: number }).metricCount, r.id);
    }
    assert.ok(runs.filter((x) => x.status === 'running').length <= 1);
    s.close();
  });

  it('readers see whole transactions while a writer appends', async () => {
    const file = tmpDb();
    new SqliteStorage(file).close();
    const w = startWriter('batches', file, 0);
    const reader = new SqliteStorage(file, { readonly: true });
    const counts = new Set<number>();
    // Bounded by progress, not a fixed window: on a loaded machine the writer may advance slowly.
    const until = Date.now() + 30_000;
    while (Date.now() < until && counts.size < 3) {
      if (reader.getRun('batches')) {
        const n = reader.listMetrics('batches').length;
        assert.equal(n % 100, 0, `partial batch visible: ${n} rows`);
        counts.add(n);
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    await w.killed();
    reader.close();
    assert.ok(counts.size >= 3, `reader saw the writer progress (${[...counts].join(', ')})`);
  });

  it('resolves the default database path', () => {
    assert.equal(defaultDatabasePath({}, '/p'), '/p/.yardstick/yardstick.db');
    assert.equal(defaultDatabasePath({ YARDSTICK_HOME: '/h' }, '/p'), '/h/yardstick.db');
    assert.equal(defaultDatabasePath({ YARDSTICK_HOME: '/h', YARDSTICK_DB: 'x.db' }, '/p'), '/p/x.db');
  });
});
