// The readers on both backends, through the storage contract and nothing else: a run written by a worker
// (claimed, its epoch judged, finished with its artefacts) shows up in `yardstick compare`, in `yardstick report`
// and on the dashboard with the values stored; a write made afterwards is seen by the next request of the same
// open context (no copy to refresh); artefacts are read through the store, also where another machine mounts
// it (--artifacts); and a run this process leaves open is marked failed by the CLI's error path.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openContext } from '../../src/cli/context.js';
import { run } from '../../src/cli/main.js';
import { loadRunSet } from '../../src/compare/load.js';
import type { TaskComparison } from '../../src/compare/types.js';
import { startServer } from '../../src/serve/index.js';
import type { AsyncStorage } from '../../src/storage/contract.js';
import { openAsyncStorage } from '../../src/storage/open.js';
import { failOpenRuns } from '../../src/storage/open-runs.js';
import { needsSharedData, sharedDataDir } from '../helpers/shared-data.js';
import { testRun } from './helpers/fixtures.js';
import { postgresBinDir, SKIP_NO_POSTGRES, startPgCluster, type PgCluster } from './helpers/pg-cluster.js';

const TASK = 'gue/prom_core_all';
// 8 test examples: TP 3, FN 1, TN 3, FP 1, so MCC = (3·3 − 1·1) / √(4·4·4·4) = 0.5
const PREDICTIONS = { labels: [1, 1, 1, 0, 0, 0, 0, 1], predictions: [1, 1, 0, 0, 0, 1, 0, 1] };
const MCC = 0.5;

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

/** A DASHA run as a worker leaves it: one trial claimed and judged at rung 1, the run complete with its artefacts. */
async function writeRun(s: AsyncStorage, root: string, id: string, seed: number, mcc: number): Promise<void> {
  const artifactDir = path.join(root, id);
  mkdirSync(artifactDir, { recursive: true });
  writeFileSync(path.join(artifactDir, 'predictions.json'), JSON.stringify(PREDICTIONS));
  await s.createRun(
    testRun(id, {
      workflow: 'dasha',
      task: TASK,
      seed,
      artifactDir,
      startedAt: `2026-01-0${seed + 1}T00:00:00.000Z`,
    }),
  );
  const workerId = 'other-host:4242:w';
  await s.claimNextTrial(id, 1, () => ({ lr: 0.01 }), { workerId });
  await s.judgeRung(
    id,
    () => ({ runId: id, rung: 1, trialId: 0, value: 0.41, decision: 'complete' }),
    { trialId: 0, workerId },
    {
      metrics: [{ runId: id, trialId: 0, stage: 'asha', step: 1, name: 'val_score', value: 0.41, at: 'x' }],
      update: () => ({ status: 'complete', lastEpoch: 1, bestValue: 0.41, initWeightsPath: null }),
    },
  );
  await s.finishRun(id, 'complete', { model: 'DASHA', test: { mcc }, predictions: 'predictions.json' });
}

async function compareJson(argv: string[]): Promise<TaskComparison[]> {
  const r = await capture(['compare', TASK, '--json', ...argv]);
  assert.equal(r.code, 0, r.err);
  return JSON.parse(r.out) as TaskComparison[];
}

const bin = postgresBinDir();

for (const backend of ['sqlite', 'postgresql'] as const) {
  describe(`readers on ${backend}`, { skip: backend === 'sqlite' || bin ? false : SKIP_NO_POSTGRES }, () => {
    let cluster: PgCluster | undefined;
    let db: string;
    let dir: string;
    let writer: AsyncStorage;
    before(async () => {
      dir = mkdtempSync(path.join(tmpdir(), `ys-readers-${backend}-`));
      if (backend === 'postgresql') {
        cluster = await startPgCluster(bin!);
        db = await cluster.createDatabase('readers');
      } else db = path.join(dir, 'runs.db');
      writer = await openAsyncStorage(db);
      await writeRun(writer, path.join(dir, 'runs'), 'dasha-a', 0, MCC);
      // a search in progress, owned by a live process that is not this one (so this one never fails it)
      await writer.createRun(
        testRun('dasha-live', { workflow: 'dasha', task: TASK, ownerPid: process.ppid, artifactDir: null }),
      );
      await writer.claimNextTrial('dasha-live', 4, (i) => ({ lr: i }), { workerId: 'other-host:1:w' });
    });
    after(async () => {
      await writer?.close();
      await cluster?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('runs lists the database; a command that only reads refuses to create one', async () => {
      const r = await capture(['runs', '--db', db, '--json']);
      assert.equal(r.code, 0, r.err);
      assert.deepEqual(
        (JSON.parse(r.out) as { id: string }[]).map((x) => x.id),
        ['dasha-a', 'dasha-live'],
      );
      const missing =
        backend === 'postgresql' ? db.replace(/readers$/, 'postgres') : path.join(dir, 'nothing', 'x.db');
      const m = await capture(['compare', TASK, '--db', missing]);
      assert.equal(m.code, 1);
      assert.match(m.err, /^error: run database .*(no yardstick runs in this database|does not exist)/);
    });

    it('compare reads the run and its predictions artefact as stored', async () => {
      const [c] = await compareJson(['--db', db]);
      const factor = c.scale === 'x100' ? 100 : 1;
      assert.equal(c.metric, 'mcc');
      assert.equal(c.baselines.length, 1);
      const b = c.baselines[0];
      assert.deepEqual([b.model, b.runIds, b.values], ['DASHA', ['dasha-a'], [MCC * factor]]);
      assert.deepEqual(b.predictions, PREDICTIONS);
      assert.equal(
        b.intervalKind,
        'test examples',
        'one run: its interval comes from the predictions artefact',
      );
    });

    it('report shows the trial, rung and curve the worker wrote, and the comparison', async () => {
      const out = path.join(dir, 'report-a');
      const r = await capture(['report', 'dasha-a', '--db', db, '--out', out]);
      assert.equal(r.code, 0, r.err);
      const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8'));
      assert.equal(report.kind, 'run');
      const [detail] = report.runs;
      assert.deepEqual(
        detail.trials.map((t: { trialId: number; status: string; attempts: number }) => [
          t.trialId,
          t.status,
          t.attempts,
        ]),
        [[0, 'complete', 1]],
      );
      assert.deepEqual(detail.rungs, [
        { runId: 'dasha-a', rung: 1, trialId: 0, value: 0.41, decision: 'complete' },
      ]);
      assert.deepEqual(
        detail.curves.map((m: { value: number }) => m.value),
        [0.41],
      );
      assert.deepEqual(report.comparisons[0].baselines[0].runIds, ['dasha-a']);
    });

    it('one open context sees each later write at its next read: compare data and the dashboard', async () => {
      const ctx = await openContext({ db });
      const server = await startServer(ctx, { host: '127.0.0.1', port: 0, token: null });
      const get = async (p: string) => {
        const res = await fetch(new URL(p, server.url));
        assert.equal(res.status, 200, p);
        return res.json() as Promise<unknown>;
      };
      try {
        assert.deepEqual(
          (await loadRunSet(ctx, { task: TASK })).scored.map((s) => s.run.id),
          ['dasha-a'],
        );
        const live = (await get('/api/runs/dasha-live/live')) as { status: string; html: string };
        assert.equal(live.status, 'running');
        assert.match(live.html, /<td>trials<\/td><td>1 running<\/td>/);

        // another worker's writes, through another connection
        await writeRun(writer, path.join(dir, 'runs'), 'dasha-b', 1, 0.7);
        await writer.claimNextTrial('dasha-live', 4, (i) => ({ lr: i }), { workerId: 'other-host:2:w' });

        const set = await loadRunSet(ctx, { task: TASK });
        assert.deepEqual(
          set.scored.map((s) => [s.run.id, s.test.mcc]),
          [
            ['dasha-a', MCC],
            ['dasha-b', 0.7],
          ],
        );
        assert.deepEqual(
          set.scored.map((s) => s.predictions && 'value' in s.predictions && s.predictions.location),
          ['dasha-a', 'dasha-b'].map((id) => path.join(dir, 'runs', id, 'predictions.json')),
          'each artefact read, and where it lives',
        );
        assert.deepEqual(
          ((await get('/api/runs')) as { id: string }[]).map((r) => r.id),
          ['dasha-a', 'dasha-b', 'dasha-live'], // by start
        );
        const later = (await get('/api/runs/dasha-live/live')) as { html: string };
        assert.match(later.html, /<td>trials<\/td><td>2 running<\/td>/);
      } finally {
        await server.close();
        await ctx.close();
      }
    });

    it('artefacts are read where this machine mounts the store (--artifacts), and missing ones are named', async () => {
      const mount = path.join(dir, 'mount');
      cpSync(path.join(dir, 'runs'), mount, { recursive: true });
      renameSync(path.join(dir, 'runs'), path.join(dir, 'gone'));
      try {
        const [lost] = await compareJson(['--db', db]);
        assert.equal(lost.baselines[0].predictions, null);
        assert.ok(
          lost.notes.some((n) =>
            n.includes(
              `predictions ${path.join(dir, 'runs', 'dasha-b', 'predictions.json')} (run dasha-b): not in the artefact store`,
            ),
          ),
          lost.notes.join('\n'),
        );
        const [found] = await compareJson(['--db', db, '--artifacts', mount]);
        assert.deepEqual(found.baselines[0].predictions, PREDICTIONS);
      } finally {
        rmSync(mount, { recursive: true, force: true });
        renameSync(path.join(dir, 'gone'), path.join(dir, 'runs'));
      }
    });

    it(
      'an Auto-AR run recorded here is compared with its per-window scores',
      { skip: needsSharedData('timeseries/national_illness.csv') },
      async () => {
        const home = process.env.YARDSTICK_HOME;
        process.env.YARDSTICK_HOME = path.join(dir, 'home'); // where artefacts go beside a PostgreSQL database
        try {
          const argv = ['ltsf/national_illness', '--horizon', '24', '--mode', 'paper', '--db', db];
          const r = await capture(['--data-dir', sharedDataDir, 'autoar', ...argv]);
          assert.equal(r.code, 0, r.err);
          const [stored] = await writer.listRuns({ task: 'ltsf/national_illness' });
          const runId = stored.id;
          assert.ok(r.out.includes(`[run ${runId}]`), r.out);
          const cr = await capture([
            'compare',
            'ltsf/national_illness',
            '--horizon',
            '24',
            '--db',
            db,
            '--json',
          ]);
          assert.equal(cr.code, 0, cr.err);
          const [c] = JSON.parse(cr.out) as TaskComparison[];
          const b = c.baselines.find((x) => x.model === 'Auto-AR (paper)')!;
          assert.deepEqual(b.runIds, [runId]);
          // the reference code's ILI h24 MSE (autoar-reference-results.md), over its 170 test windows
          assert.ok(Math.abs(b.values[0] / 2.02996 - 1) < 0.005, `MSE ${b.values[0]}`);
          assert.equal(b.perExample!.length, 170);
          const mean = b.perExample!.reduce((x, y) => x + y, 0) / 170;
          assert.ok(
            Math.abs(mean - b.values[0]) < 1e-9,
            'the per-window artefact averages to the stored MSE',
          );
          assert.equal(b.intervalKind, 'test examples');
        } finally {
          if (home === undefined) delete process.env.YARDSTICK_HOME;
          else process.env.YARDSTICK_HOME = home;
        }
      },
    );

    it("the CLI's error path marks this process's open run failed with the error, once", async () => {
      const s = await openAsyncStorage(db);
      await s.createRun(testRun('left-open', { task: TASK }));
      await s.updateRunResult('left-open', { partial: 1 });
      await s.close(); // as a command's `finally` does before the error reaches the top
      assert.deepEqual(await failOpenRuns('data.csv:3: bad label'), ['left-open']);
      assert.deepEqual(await failOpenRuns('again'), [], 'each run once');
      const stored = await writer.getRun('left-open');
      assert.equal(stored!.status, 'failed');
      assert.deepEqual(stored!.result, { partial: 1, error: 'data.csv:3: bad label' });
      assert.equal(
        (await writer.getRun('dasha-live'))!.status,
        'running',
        "another process's run is left alone",
      );
    });
  });
}
