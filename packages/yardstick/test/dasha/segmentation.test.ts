// The UNet dense segmentation head on real masks: GEO-Bench's Chesapeake fixture (5 samples, 4 bands,
// 256 x 256, 7 classes; format-test usage: the same 5 samples are train, val and test, so the score only says
// the pipeline learns, never how well). Narrow UNet (base 4), a 2 x 2 search space, a few epochs.
import assert from 'node:assert/strict';
import { scoreRun } from '../../src/compare/run-result.js';
import { dashaMarkdown } from '../../src/dasha/report.js';
import { majorityBaseline } from '../../src/metrics/index.js';
import { testOnSharedData } from './helpers/on-shared-data.js';
import { tinyOverrides } from './helpers/tiny-overrides.js';

testOnSharedData(
  'DASHA trains the UNet segmentation head on Chesapeake masks: per-pixel CE falls, mIoU is scored, run labelled format test',
  {
    data: 'satellite/geobench/ccb-test-segmentation/cvpr_chesapeake_landcover',
    task: 'geobench/chesapeake',
  },
  async ({ t, task, storage, run }) => {
    assert.equal(task.usage, 'format-test');
    assert.deepEqual(task.data.train.shape, [5, 4, 256, 256]);
    const r = await run({ overrides: tinyOverrides({ kind: 'unet', base: 4, head: 'segment' }, 5, 4) });
    const losses = storage.listMetrics(r.runId, { stage: 'retrain', name: 'train_loss' }).map((m) => m.value);
    const baseline = majorityBaseline('miou', task.data.train.y, task.data.test.y, 7);
    t.diagnostic(
      `retrain per-pixel CE by epoch ${losses.map((l) => l.toFixed(3)).join(' ')}; test mIoU ${r.testScore} (majority ${baseline.toFixed(4)}); ${r.wallSeconds.toFixed(1)} s`,
    );
    assert.equal(r.status, 'complete');
    assert.equal(r.testedModel, 'retrain');
    assert.equal(losses.length, 4);
    // an untrained 7-class head starts near ln 7 = 1.95 per pixel; training must bring it down every epoch
    assert.ok(Math.abs(losses[0] - Math.log(7)) < 0.3, `first-epoch CE ${losses[0]}`);
    for (let i = 1; i < losses.length; i++)
      assert.ok(losses[i] < losses[i - 1], `CE rose at epoch ${i + 1}: ${losses}`);
    assert.ok(losses.at(-1)! < losses[0] - 0.1, `CE ${losses[0]} -> ${losses.at(-1)}`);
    assert.equal(r.metric, 'miou');
    assert.ok(Number.isFinite(r.testScore) && r.testScore! >= 0 && r.testScore! <= 1, `mIoU ${r.testScore}`);
    assert.ok(r.testScore! > baseline, `mIoU ${r.testScore} vs majority-class ${baseline}`);
    assert.equal(r.architecture.choices.length, 18);
    // a format test is labelled as such and kept out of comparisons
    assert.equal(r.usage, 'format-test');
    assert.match(dashaMarkdown(r), /Format test only/);
    const stored = storage.getRun(r.runId)!;
    assert.equal(stored.result!.comparable, false);
    assert.deepEqual(scoreRun(stored), { skipped: `run ${r.runId} has no result.test scores` });
  },
);
