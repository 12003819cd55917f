// The storage contract (src/storage/contract.ts) as one suite, run against every backend by
// conformance.test.ts. Each clause is asserted against hand-derived expectations; `open` gives a fresh,
// empty database and `reopen` a second connection to the same one (another worker's view).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { hostname } from 'node:os';
import { OwnershipLostError, type AsyncStorage, type TrialUpdate } from '../../src/storage/contract.js';
import type { RungRecord } from '../../src/storage/types.js';
import { testRun } from './helpers/fixtures.js';

export interface Backend {
  /** A fresh empty database and a function opening another connection to it. */
  fresh(): Promise<{ storage: AsyncStorage; reopen: () => Promise<AsyncStorage> }>;
}

const w1 = { workerId: 'host-a:1:w1' };
const w2 = { workerId: 'host-b:2:w2' };
const params = (id: number) => ({ lr: 0.1 * (id + 1) });
/** The owner's progress after its first epoch, still running. */
const afterEpoch1 = (bestValue: number, initWeightsPath: string): TrialUpdate => ({
  status: 'running',
  lastEpoch: 1,
  bestValue,
  initWeightsPath,
});

/**
 * `fn` on a fresh database (holding the run `run` when given) through `connections` connections to it (the
 * first one made it), all closed afterwards.
 */
async function onFresh(
  b: Backend,
  fn: (connections: AsyncStorage[]) => Promise<void>,
  { connections = 1, run }: { connections?: number; run?: string } = {},
): Promise<void> {
  const { storage, reopen } = await b.fresh();
  const all = [storage];
  try {
    while (all.length < connections) all.push(await reopen());
    if (run) await storage.createRun(testRun(run));
    await fn(all);
  } finally {
    for (const c of all) await c.close();
  }
}

export function conformance(b: Backend): void {
  it('runs: created running, listed in start order, filtered; finished once, with its result', () =>
    onFresh(b, async ([s]) => {
      await s.createRun(testRun('b', { startedAt: '2026-01-02T00:00:00.000Z', task: 'gue/x' }));
      await s.createRun(testRun('a', { startedAt: '2026-01-01T00:00:00.000Z' }));
      await s.createRun(testRun('c', { startedAt: '2026-01-02T00:00:00.000Z', seed: 2 ** 40 }));
      assert.deepEqual(
        (await s.listRuns()).map((r) => r.id),
        ['a', 'b', 'c'],
      );
      assert.deepEqual(
        (await s.listRuns({ task: 'gue/x' })).map((r) => r.id),
        ['b'],
      );
      const c = (await s.getRun('c'))!;
      assert.equal(c.seed, 2 ** 40);
      assert.equal(c.status, 'running');
      assert.equal(c.ownerPid, process.pid);
      assert.deepEqual(c.config, { horizon: 96 });
      assert.equal(await s.getRun('nope'), undefined);
      await assert.rejects(s.finishRun('a', 'complete', null), /complete run needs its result/);
      await s.updateRunResult('a', { partial: 1 });
      await s.finishRun('a', 'complete', { test: { mse: 0.25 } });
      const a = (await s.getRun('a'))!;
      assert.equal(a.status, 'complete');
      assert.deepEqual(a.result, { test: { mse: 0.25 } });
      assert.ok(a.finishedAt);
      await assert.rejects(s.finishRun('a', 'failed', null), /already complete; finished runs are immutable/);
      await assert.rejects(s.updateRunResult('zz', {}), /run zz does not exist/);
      await s.updateRunResult('b', { stage: 'asha' });
      assert.equal(await s.markFailed('b', 'boom'), true);
      assert.deepEqual((await s.getRun('b'))!.result, { stage: 'asha', error: 'boom' });
      assert.equal(await s.markFailed('b', 'again'), false);
      assert.deepEqual(
        (await s.listRuns({ status: 'running' })).map((r) => r.id),
        ['c'],
      );
    }));

  it('reaps a running run whose process on this host is gone; leaves live ones', () =>
    onFresh(b, async ([s]) => {
      await s.createRun(testRun('alive'));
      await s.createRun(testRun('dead', { ownerPid: 2 ** 22 + 12345, ownerHost: hostname() }));
      assert.deepEqual(await s.reapInterruptedRuns(), ['dead']);
      assert.equal((await s.getRun('dead'))!.status, 'interrupted');
      assert.equal((await s.getRun('alive'))!.status, 'running');
    }));

  it('metrics: commit order, filters by stage, name and trial (null = run level), NaN survives', () =>
    onFresh(
      b,
      async ([s]) => {
        const at = '2026-01-01T00:00:00.000Z';
        await s.logMetrics([
          { runId: 'r', trialId: 1, stage: 'asha', step: 1, name: 'val_score', value: 0.5, at },
          { runId: 'r', trialId: null, stage: 'retrain', step: 1, name: 'train_loss', value: Number.NaN, at },
          { runId: 'r', trialId: 0, stage: 'asha', step: 1, name: 'val_score', value: 0.25, at },
        ]);
        await s.logMetrics([]);
        assert.deepEqual(
          (await s.listMetrics('r', { stage: 'asha' })).map((m) => [m.trialId, m.value]),
          [
            [1, 0.5],
            [0, 0.25],
          ],
        );
        assert.deepEqual(
          (await s.listMetrics('r', { trialId: 0 })).map((m) => m.value),
          [0.25],
        );
        const run = await s.listMetrics('r', { trialId: null });
        assert.equal(run.length, 1);
        assert.ok(Number.isNaN(run[0].value));
        assert.equal((await s.listMetrics('r', { name: 'nothing' })).length, 0);
      },
      { run: 'r' },
    ));

  it('claims hand out dense trial ids once each, then null; params come from the sampler', () =>
    onFresh(
      b,
      async ([s, s2]) => {
        // two connections claiming at once: every id 0..5 exactly once, whatever the interleaving
        const claims = await Promise.all(
          Array.from({ length: 8 }, (_, k) =>
            (k % 2 ? s2 : s).claimNextTrial('r', 6, params, k % 2 ? w2 : w1),
          ),
        );
        const got = claims.filter((c) => c !== null);
        assert.deepEqual(
          got.map((c) => c.trialId).sort((x, y) => x - y),
          [0, 1, 2, 3, 4, 5],
        );
        assert.equal(claims.filter((c) => c === null).length, 2);
        for (const c of got) {
          assert.deepEqual(c.params, params(c.trialId));
          assert.equal(c.replay, false);
          assert.equal(c.attempt, 1);
        }
        const trials = await s.listTrials('r');
        assert.deepEqual(
          trials.map((t) => t.trialId),
          [0, 1, 2, 3, 4, 5],
        );
        assert.ok(trials.every((t) => t.status === 'running' && t.attempts === 1 && t.workerId !== null));
      },
      { connections: 2, run: 'r' },
    ));

  it('only the owner updates, judges and finishes its trial; finished trials are immutable', () =>
    onFresh(
      b,
      async ([s]) => {
        const c = (await s.claimNextTrial('r', 2, params, w1))!;
        const progress = afterEpoch1(0.5, '/w/0-init');
        await assert.rejects(s.updateTrial('r', c.trialId, w2.workerId, progress), OwnershipLostError);
        assert.equal(await s.heartbeatTrial('r', c.trialId, w2.workerId), false);
        assert.equal(await s.heartbeatTrial('r', c.trialId, w1.workerId), true);
        const rung: RungRecord = { runId: 'r', rung: 1, trialId: c.trialId, value: 0.5, decision: 'promote' };
        await assert.rejects(
          s.judgeRung('r', () => rung, { trialId: c.trialId, workerId: w2.workerId }),
          OwnershipLostError,
        );
        assert.equal((await s.listRungs('r')).length, 0);
        await s.updateTrial('r', c.trialId, w1.workerId, progress);
        assert.deepEqual(
          await s.judgeRung('r', () => rung, { trialId: c.trialId, workerId: w1.workerId }),
          rung,
        );
        await s.updateTrial('r', c.trialId, w1.workerId, { ...progress, status: 'complete', lastEpoch: 4 });
        const done = (await s.listTrials('r'))[0];
        assert.deepEqual(
          [done.status, done.lastEpoch, done.bestValue, done.initWeightsPath, done.workerId],
          ['complete', 4, 0.5, '/w/0-init', null],
        );
        // the finished trial: no more owner writes, no import over it, never claimed again
        await assert.rejects(s.updateTrial('r', c.trialId, w1.workerId, progress), OwnershipLostError);
        assert.equal(await s.heartbeatTrial('r', c.trialId, w1.workerId), false);
        await assert.rejects(
          s.upsertTrial({ ...done, status: 'running', updatedAt: 'x' }),
          /already complete; finished trials are immutable/,
        );
        const next = (await s.claimNextTrial('r', 2, params, w2))!;
        assert.equal(next.trialId, 1);
        assert.equal(await s.claimNextTrial('r', 2, params, w2), null);
        assert.deepEqual(await s.requeueStaleTrials('r', 0), [1]);
        assert.equal((await s.listTrials('r'))[0].status, 'complete');
        // a finished run takes no more work, not even its requeued trial; an unknown run is an error
        await s.finishRun('r', 'interrupted', null);
        assert.equal(await s.claimNextTrial('r', 2, params, w2), null);
        await assert.rejects(s.claimNextTrial('nope', 2, params, w2), /run nope does not exist/);
      },
      { run: 'r' },
    ));

  it('a trial whose owner stops heartbeating is requeued and rerun by another worker from its saved weights', () =>
    onFresh(
      b,
      async ([s, other]) => {
        const first = (await s.claimNextTrial('r', 1, params, w1))!;
        const init = afterEpoch1(0.4, '/shared/r/trial-0-init');
        await s.updateTrial('r', 0, w1.workerId, init);
        // a fresh heartbeat keeps the trial with its owner
        assert.equal(await other.claimNextTrial('r', 1, params, { ...w2, staleAfterMs: 60_000 }), null);
        await sleep(300);
        const rerun = (await other.claimNextTrial('r', 1, params, { ...w2, staleAfterMs: 150 }))!;
        assert.deepEqual(
          [rerun.trialId, rerun.replay, rerun.attempt, rerun.initWeightsPath],
          [first.trialId, true, 2, '/shared/r/trial-0-init'],
        );
        assert.deepEqual(rerun.params, first.params);
        // the stalled worker wakes up: every write it attempts is refused and changes nothing
        await assert.rejects(
          s.updateTrial('r', 0, w1.workerId, { ...init, status: 'complete' }),
          OwnershipLostError,
        );
        await assert.rejects(
          s.judgeRung('r', () => ({ runId: 'r', rung: 1, trialId: 0, value: 9, decision: 'promote' }), {
            trialId: 0,
            workerId: w1.workerId,
          }),
          OwnershipLostError,
        );
        assert.equal(await s.heartbeatTrial('r', 0, w1.workerId), false);
        const t = (await s.listTrials('r'))[0];
        assert.deepEqual([t.status, t.workerId, t.attempts], ['running', w2.workerId, 2]);
        assert.equal((await s.listRungs('r')).length, 0);
      },
      { connections: 2, run: 'r' },
    ));

  it('a paused trial (stopped search) is resumed by the next claim; requeue(0) releases every running trial', () =>
    onFresh(
      b,
      async ([s]) => {
        await s.claimNextTrial('r', 3, params, w1);
        await s.claimNextTrial('r', 3, params, w1);
        await s.updateTrial('r', 1, w1.workerId, {
          status: 'paused',
          lastEpoch: 2,
          bestValue: 0.3,
          initWeightsPath: null,
        });
        assert.deepEqual(await s.requeueStaleTrials('r', 0), [0]);
        const a = (await s.claimNextTrial('r', 3, params, w2))!;
        const c = (await s.claimNextTrial('r', 3, params, w2))!;
        const d = (await s.claimNextTrial('r', 3, params, w2))!;
        assert.deepEqual(
          [a.trialId, a.replay, c.trialId, c.replay, d.trialId, d.replay],
          [0, true, 1, true, 2, false],
        );
      },
      { run: 'r' },
    ));

  it('judges of one run are serialised: each sees every decision committed before it', () =>
    onFresh(
      b,
      async (conns) => {
        const s = conns[0];
        const n = 9;
        for (let i = 0; i < n; i++) await s.claimNextTrial('r', n, params, { workerId: `w${i}` });
        // each judge records the number of decisions it saw; serial execution makes these 0..n-1, once each
        const seen = await Promise.all(
          Array.from({ length: n }, (_, i) =>
            conns[i % conns.length].judgeRung(
              'r',
              (rungs) => ({ runId: 'r', rung: 1, trialId: i, value: rungs.length, decision: 'promote' }),
              { trialId: i, workerId: `w${i}` },
            ),
          ),
        );
        assert.deepEqual(
          seen.map((r) => r!.value).sort((x, y) => x - y),
          Array.from({ length: n }, (_, i) => i),
        );
        // commit order is the order of what each judge saw
        assert.deepEqual(
          (await s.listRungs('r')).map((r) => r.value),
          Array.from({ length: n }, (_, i) => i),
        );
        // a judge whose rule finds nothing to record stores nothing
        assert.equal(await s.judgeRung('r', () => null, { trialId: 0, workerId: 'w0' }), null);
        assert.equal((await s.listRungs('r')).length, n);
      },
      { connections: 3, run: 'r' },
    ));

  it('rung records: one per (rung, trial), a rerun replaces its value in place; NaN survives', () =>
    onFresh(
      b,
      async ([s]) => {
        await s.recordRung({ runId: 'r', rung: 1, trialId: 0, value: 0.5, decision: 'promote' });
        await s.recordRung({ runId: 'r', rung: 1, trialId: 1, value: Number.NaN, decision: 'stop' });
        await s.recordRung({ runId: 'r', rung: 1, trialId: 0, value: 0.55, decision: 'promote' });
        await s.recordRung({ runId: 'r', rung: 1.5, trialId: 0, value: 0.6, decision: 'promote' });
        const rungs = await s.listRungs('r');
        assert.deepEqual(
          rungs.map((r) => [r.rung, r.trialId, r.decision]),
          [
            [1, 0, 'promote'],
            [1, 1, 'stop'],
            [1.5, 0, 'promote'],
          ],
        );
        assert.equal(rungs[0].value, 0.55);
        assert.ok(Number.isNaN(rungs[1].value));
      },
      { run: 'r' },
    ));
}
