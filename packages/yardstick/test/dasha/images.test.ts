// The Wide-ResNet path trained end to end on a real image task: EuroSAT RGB (10 classes, 64 x 64),
// 200 images per split, WRN-10-1 for search and retrain, a 2 x 2 search space (the paper's 121-wide mixture
// is minutes per batch on CPU), two one-epoch ASHA trials and six retrain epochs. Test accuracy must clear
// the majority-class baseline (0.1 on the stratified split) by 0.2; measured 0.44 with these settings.
import assert from 'node:assert/strict';
import { majorityBaseline } from '../../src/metrics/index.js';
import { testOnSharedData } from './helpers/on-shared-data.js';
import { tinyOverrides } from './helpers/tiny-overrides.js';

testOnSharedData(
  'DASHA on EuroSAT (WRN) beats the majority-class accuracy by > 0.2',
  { data: 'satellite/eurosat', task: 'eurosat', load: { limit: 200, seed: 0 } },
  async ({ t, task, storage, run }) => {
    const r = await run({ overrides: tinyOverrides({ kind: 'wrn', depth: 10, widen: 1 }, 32, 6) });
    const baseline = majorityBaseline('accuracy', task.data.train.y, task.data.test.y, 10);
    t.diagnostic(
      `test accuracy ${r.testScore} (val ${r.valScore}), majority ${baseline}, ${r.wallSeconds.toFixed(1)} s ${JSON.stringify(r.stageSeconds)}`,
    );
    assert.equal(r.status, 'complete');
    assert.equal(r.testedModel, 'retrain');
    assert.equal(r.architecture.backbone, 'wrn-10-1');
    assert.equal(r.architecture.choices.length, 7); // stem + 2 per block, one block per stage at depth 10
    assert.ok(r.testScore! > baseline + 0.2, `test accuracy ${r.testScore} vs majority ${baseline}`);
    assert.equal(storage.listMetrics(r.runId, { stage: 'retrain', name: 'val_score' }).length, 6);
  },
);
