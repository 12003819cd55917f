// Anytime results and run-level resume on a real task subset (GUE prom_core_tata, 300 samples per split,
// narrow networks), through the SQLite run database: a run stopped by signal mid-ASHA still tests its best
// model so far and is stored 'interrupted' with its test score; resuming it continues under a new run id
// that points back to it, reuses its DASH search result and keeps its ASHA ledger decision for decision.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { DashaOptions, DashaProgress } from '../../src/dasha/run.js';
import { openStorage } from '../../src/storage/index.js';
import { testOnSharedData } from './helpers/on-shared-data.js';

const overrides: DashaOptions['overrides'] = {
  batchSize: 32,
  searchBackbone: { kind: 'resnet1d', width: 4 },
  retrainBackbone: { kind: 'resnet1d', width: 8 },
  search: { epochs: 1, batchesPerEpoch: 2 },
  asha: { numTrials: 4, maxT: 2 },
  retrain: { epochs: 2, scheduleEpochs: 2 },
};

testOnSharedData(
  'a run stopped mid-ASHA tests its best model so far, and resuming it reuses the search and the ledger',
  { data: 'genomics/gue/prom_core_tata', task: 'gue/prom_core_tata', load: { limit: 300, seed: 0 } },
  async ({ t, out, run }) => {
    // its own database file, opened and closed by each step as separate processes would
    const dbFile = path.join(out, 'runs.db');
    // ---- first run: stop (as SIGINT does) once a trial after the first is promoted at its first rung, so
    // that trial is left paused in flight ----
    let stop = false;
    const first = openStorage(dbFile);
    const r1 = await run({
      seed: 2,
      storage: first,
      overrides,
      shouldStop: () => stop,
      onProgress: (p) => {
        if (p.stage === 'asha' && p.trial! >= 2 && p.epoch === 1 && p.detail.endsWith('(promote)'))
          stop = true;
      },
    });
    t.diagnostic(
      `interrupted run: test MCC ${r1.testScore}, val ${r1.valScore}, ${r1.wallSeconds.toFixed(1)} s`,
    );
    assert.equal(r1.status, 'interrupted');
    assert.equal(r1.testedModel, 'asha-best');
    assert.ok(Number.isFinite(r1.testScore), `test score ${r1.testScore}`);
    assert.ok(existsSync(r1.artifacts.model), 'the best-so-far weights are on disk');
    assert.equal(first.listMetrics(r1.runId, { stage: 'retrain' }).length, 0, 'no retrain after the stop');
    const trials1 = first.listTrials(r1.runId);
    assert.ok(trials1.length >= 2 && trials1.length < 4);
    assert.equal(trials1.at(-1)!.status, 'paused');
    assert.equal(trials1[0].status, 'complete'); // the first trial meets only empty rungs
    const rungs1 = first.listRungs(r1.runId);
    first.close();

    // the stored run, read back through a fresh connection as another process would
    const reader = openStorage(dbFile);
    const stored = reader.getRun(r1.runId)!;
    reader.close();
    assert.equal(stored.status, 'interrupted');
    assert.deepEqual(stored.result!.test, { mcc: r1.testScore });
    assert.equal(stored.result!.testScore, r1.testScore);

    // ---- resumed and stopped at once: the interrupted run's best-so-far model is tested again, unchanged ----
    const again = openStorage(dbFile);
    const r1b = await run({
      seed: 2,
      storage: again,
      resumeRunId: r1.runId,
      shouldStop: () => true,
    });
    again.close();
    assert.equal(r1b.status, 'interrupted');
    assert.equal(r1b.testedModel, 'asha-best');
    assert.deepEqual([r1b.testScore, r1b.valScore], [r1.testScore, r1.valScore]);
    assert.deepEqual(r1b.hyperparameters, r1.hyperparameters);

    // ---- resume: a new run id pointing to the old one; no new search; the ledger carries over ----
    const second = openStorage(dbFile);
    const stages: DashaProgress['stage'][] = [];
    const r2 = await run({
      seed: 2,
      storage: second,
      resumeRunId: r1.runId,
      onProgress: (p) => stages.push(p.stage),
    });
    t.diagnostic(`resumed run: test MCC ${r2.testScore}, ${r2.wallSeconds.toFixed(1)} s`);
    try {
      assert.notEqual(r2.runId, r1.runId);
      const run2 = second.getRun(r2.runId)!;
      assert.equal(run2.config.resumedFrom, r1.runId);
      assert.equal(run2.status, 'complete');
      assert.equal(r2.status, 'complete');
      assert.equal(r2.testedModel, 'retrain');
      assert.ok(Number.isFinite(r2.testScore));
      assert.ok(!stages.includes('search'), 'the DASH search is not run again');
      assert.equal(second.listMetrics(r2.runId, { stage: 'search' }).length, 0);
      assert.deepEqual(r2.architecture.choices, r1.architecture.choices);
      // same trial parameters for the trials already run; then the remaining trials of the same sampler
      const trials2 = second.listTrials(r2.runId);
      assert.deepEqual(
        trials2.map((x) => x.trialId),
        [0, 1, 2, 3],
      );
      for (const old of trials1)
        assert.deepEqual(trials2[old.trialId].params, old.params, `trial ${old.trialId} params`);
      assert.equal(trials2[0].status, 'complete');
      assert.equal(trials2[0].bestValue, trials1[0].bestValue);
      // every rung decision of the interrupted run is still there, unchanged, ahead of the new ones
      const key = (r: { trialId: number; rung: number; value: number; decision: string }): string =>
        `${r.trialId}@${r.rung}:${r.value}:${r.decision}`;
      assert.ok(rungs1.length >= 2);
      assert.deepEqual(second.listRungs(r2.runId).slice(0, rungs1.length).map(key), rungs1.map(key));
      assert.equal(second.listRungs(r1.runId).length, rungs1.length, 'the interrupted run is left as it was');
    } finally {
      second.close();
    }
  },
);
