// Budget mode is default first, then improve (ASHA here in two worker processes): the tested model is the best validated of the default, the
// best ASHA trial and the tuned retrain, and the default is kept unless another beats it strictly. The
// integration run (GUE prom_core_tata, 300 samples per split, tiny nets, a scripted plan) checks that the
// tested model is the arg-max of the recorded validation scores and that re-scoring it on validation gives
// the recorded score (so the weights tested are the ones that won), plus plan-vs-actual and predictions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { bestCandidate, type Candidate } from '../../src/dasha/stages.js';
import { parseHyperParams, withoutSeed } from '../../src/dasha/asha/sampler.js';
import { defaultRecipe } from '../../src/dasha/train/recipe.js';
import { testOnSharedData } from './helpers/on-shared-data.js';

const cand = (source: Candidate['source'], valScore: number): Candidate => ({
  source,
  valScore,
  file: `${source}.safetensors`,
  choices: [],
  params: { randomSeed: 0, lr: 0.1, momentum: 0.9, weightDecay: 5e-4, dropRate: 0 },
  epochs: 1,
});

test('default first: search/tuning replace the default only with a strictly better validation score', () => {
  assert.equal(
    bestCandidate([cand('default', 0.8), cand('asha-best', 0.7), cand('tuned', 0.79)])!.source,
    'default',
  );
  assert.equal(
    bestCandidate([cand('default', 0.8), cand('asha-best', 0.8), cand('tuned', 0.8)])!.source,
    'default',
    'ties keep the default',
  );
  assert.equal(
    bestCandidate([cand('default', 0.8), cand('asha-best', 0.7), cand('searched', 0.81)])!.source,
    'searched',
  );
  assert.equal(
    bestCandidate([cand('default', Number.NaN), cand('asha-best', 0.1)])!.source,
    'asha-best',
    'a NaN score never wins',
  );
  assert.equal(bestCandidate([null]), null);
});

const tata = { data: 'genomics/gue/prom_core_tata', task: 'gue/prom_core_tata' };

testOnSharedData(
  'budget mode tests the best validated model and records plan against actual per stage',
  // a database file, so the ASHA trials run in two worker processes sharing its ledger
  { ...tata, load: { limit: 300, seed: 0 }, database: 'file' },
  async ({ t, storage, run }) => {
    const r = await run({
      mode: 'budget',
      budgetSeconds: 120, // the retrain fills what the scripted stages leave
      seed: 3,
      workers: 2,
      overrides: { retrainBackbone: { kind: 'resnet1d', width: 8 }, batchSize: 32 },
      plan: (p) => ({
        ...p,
        default: { seconds: 15, epochs: 3 }, // re-planned from measured epoch times to fill its 15 s
        search: { ...p.search, skipped: 'scripted: no search' },
        // 3 trials planned; the stage samples more until its 20 s are spent (AshaSearchOptions.fillUntil)
        asha: { seconds: 20, numTrials: 3, maxT: 2, subsample: 200 },
        retrain: { seconds: 60, epochs: 2 },
      }),
    });
    t.diagnostic(
      `candidates ${JSON.stringify(r.candidates)}, tested ${r.testedModel}, stages ${JSON.stringify(r.stages)}`,
    );
    assert.equal(r.status, 'complete');
    assert.deepEqual(Object.keys(r.candidates).sort(), ['asha-best', 'default', 'tuned']);
    const best = Object.entries(r.candidates).reduce((a, b) => (b[1] > a[1] ? b : a));
    if (r.testedModel === 'ensemble') {
      // led by the arg-max of validation, and strictly better than it there
      assert.equal(r.ensemble![0].source, best[0]);
      assert.ok(r.ensemble!.length >= 2 && r.valScore! > best[1], `ensemble ${r.valScore} > ${best[1]}`);
    } else {
      assert.equal(r.testedModel, best[0], 'the arg-max of validation, the default first on ties');
      assert.equal(r.ensemble, null);
      assert.ok(
        Math.abs(r.valScore! - best[1]) < 1e-9,
        `re-scored validation ${r.valScore} = recorded ${best[1]}`,
      );
    }
    assert.equal(r.stages.search.skipped, 'scripted: no search');
    for (const s of ['default', 'asha', 'retrain', 'select', 'test'])
      assert.ok(r.stages[s].actualSeconds > 0 && r.stages[s].planSeconds !== null, `stage ${s} timed`);
    assert.ok(storage.listMetrics(r.runId, { stage: 'default', name: 'val_score' }).length >= 1);
    const trials = storage.listTrials(r.runId);
    assert.ok(trials.length > 3, `${trials.length} trials`);
    // trial 0 is the recipe's settings (enqueued), with its own seed
    const first = parseHyperParams(trials.find((tr) => tr.trialId === 0)!.params, 'trial 0');
    assert.deepEqual(withoutSeed(first), withoutSeed(defaultRecipe('dna', 3).params));
    // only the trials in flight at the stage's deadline (one per worker) may be left unfinished
    const unfinished = trials.filter((tr) => tr.status !== 'complete' && tr.status !== 'stopped');
    assert.ok(unfinished.length <= 2 && unfinished.every((tr) => tr.status === 'paused'), 'finished trials');
    const bestTrial = Math.max(...trials.map((tr) => tr.bestValue!));
    assert.ok(Math.abs(r.candidates['asha-best'] - bestTrial) < 1e-12, 'asha-best is the ledger best');
    // per-example predictions for paired tests, named in the stored result
    assert.equal(r.predictions, 'predictions.json');
    const pred = JSON.parse(readFileSync(path.join(r.artifacts.dir, 'predictions.json'), 'utf8')) as {
      labels: number[];
      predictions: number[];
    };
    assert.equal(pred.labels.length, r.split.test);
    assert.equal(pred.predictions.length, r.split.test);
    assert.equal(
      (storage.getRun(r.runId)!.result as { predictions: string }).predictions,
      'predictions.json',
    );
    assert.ok(r.threads && r.threads.threads >= 1, 'the thread count is measured and recorded');
    // the workflow (not the dasha command) writes result.json, so runs from `yardstick run` have one too
    assert.deepEqual(
      JSON.parse(readFileSync(path.join(r.artifacts.dir, 'result.json'), 'utf8')),
      JSON.parse(JSON.stringify(r)),
    );
    assert.match(readFileSync(path.join(r.artifacts.dir, 'result.md'), 'utf8'), new RegExp(r.runId));
  },
);

testOnSharedData(
  'a throw after the run is created marks it failed with the error, never left running',
  { ...tata, load: { limit: 100, seed: 0 } },
  async ({ storage, run }) => {
    // a search space whose kernels the 1-D backbone cannot take: the search stage throws inside the run
    await assert.rejects(
      run({
        overrides: {
          searchBackbone: { kind: 'resnet1d', width: 4 },
          space: { kernels: [4], dilations: [1] },
          search: { epochs: 1, batchesPerEpoch: 1 },
        },
      }),
      /kernel/,
    );
    const runs = storage.listRuns({ workflow: 'dasha' });
    assert.equal(runs.length, 1);
    assert.equal(runs[0].status, 'failed');
    assert.match(String((runs[0].result as { error: string }).error), /kernel/);
  },
);
