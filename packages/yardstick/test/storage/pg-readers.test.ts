// The readers on PostgreSQL: the in-memory copy that reports, compare and the dashboard read holds every
// record exactly as the database does (NaN included), the dashboard's copy follows new writes, `yardstick
// runs` lists a PostgreSQL database directly, and a command that writes runs refuses a URL in one line.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { openContext } from '../../src/cli/context.js';
import { run } from '../../src/cli/main.js';
import { PostgresStorage } from '../../src/storage/postgres.js';
import { snapshotOf } from '../../src/storage/snapshot.js';
import { SqliteStorage } from '../../src/storage/sqlite.js';
import { testRun } from './helpers/fixtures.js';
import { postgresBinDir, SKIP_NO_POSTGRES, startPgCluster, type PgCluster } from './helpers/pg-cluster.js';

const bin = postgresBinDir();

async function capture(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const log = console.log;
  const write = process.stderr.write.bind(process.stderr);
  let out = '';
  let err = '';
  console.log = (...a: unknown[]) => void (out += a.join(' ') + '\n');
  process.stderr.write = ((s: string) => ((err += s), true)) as typeof process.stderr.write;
  try {
    return { code: await run(argv), out, err };
  } finally {
    console.log = log;
    process.stderr.write = write;
  }
}

describe('readers on PostgreSQL', { skip: bin ? false : SKIP_NO_POSTGRES }, () => {
  let cluster: PgCluster;
  let url: string;
  before(async () => {
    cluster = await startPgCluster(bin!);
    url = await cluster.createDatabase('readers');
    const s = await PostgresStorage.open(url);
    await s.createRun(testRun('done', { startedAt: '2026-01-01T00:00:00.000Z' }));
    await s.claimNextTrial('done', 2, (i) => ({ lr: i }), { workerId: 'w' });
    await s.judgeRung(
      'done',
      () => ({ runId: 'done', rung: 1, trialId: 0, value: 0.5, decision: 'stop' }),
      {
        trialId: 0,
        workerId: 'w',
      },
      {
        metrics: [
          { runId: 'done', trialId: 0, stage: 'asha', step: 1, name: 'reported', value: Number.NaN, at: 'x' },
        ],
        update: () => ({ status: 'stopped', lastEpoch: 1, bestValue: 0.5, initWeightsPath: '/a/b' }),
      },
    );
    await s.finishRun('done', 'complete', { test: { mse: 0.5 } });
    await s.createRun(testRun('live', { startedAt: '2026-01-02T00:00:00.000Z' }));
    await s.close();
  });
  after(() => cluster?.stop());

  it('the copy holds every run, trial, rung and metric as the database does', async () => {
    const s = await PostgresStorage.open(url);
    const copy = await snapshotOf(s);
    try {
      assert.deepEqual(copy.listRuns(), await s.listRuns());
      for (const id of ['done', 'live']) {
        assert.deepEqual(copy.listTrials(id), await s.listTrials(id));
        assert.deepEqual(copy.listRungs(id), await s.listRungs(id));
        assert.deepEqual(copy.listMetrics(id), await s.listMetrics(id));
      }
      assert.ok(Number.isNaN(copy.listMetrics('done')[0].value));
      assert.equal(copy.getRun('done')!.status, 'complete');
    } finally {
      copy.close();
      await s.close();
    }
  });

  it("the dashboard's copy follows new writes", async () => {
    const ctx = await openContext({ db: url }, { liveSeconds: 0.2 });
    try {
      assert.deepEqual(
        ctx.storage.listRuns().map((r) => r.id),
        ['done', 'live'],
      );
      const s = await PostgresStorage.open(url);
      await s.createRun(testRun('later', { startedAt: '2026-01-03T00:00:00.000Z' }));
      await s.close();
      for (let i = 0; i < 50 && ctx.storage.listRuns().length < 3; i++) await sleep(100);
      assert.deepEqual(
        ctx.storage.listRuns().map((r) => r.id),
        ['done', 'live', 'later'],
      );
    } finally {
      await ctx.close();
    }
  });

  it('yardstick runs lists a PostgreSQL database; commands that write runs refuse a URL in one line', async () => {
    const r = await capture(['runs', '--db', url, '--json']);
    assert.equal(r.code, 0, r.err);
    const ids = (JSON.parse(r.out) as { id: string }[]).map((x) => x.id);
    assert.ok(ids.includes('done') && ids.includes('live'));
    const missing = await capture(['runs', '--db', url.replace(/readers$/, 'postgres'), '--json']);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /^error: run database postgresql:\/\/.*: no yardstick runs in this database/);
    assert.throws(
      () => new SqliteStorage(url),
      /keeps its runs in an SQLite file; PostgreSQL serves DASHA searches/,
    );
    await assert.rejects(openContext({ db: url }, { create: true }), /writes runs to an SQLite file/);
  });
});
