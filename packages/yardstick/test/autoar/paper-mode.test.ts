import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runAutoAR, type LookbackScore } from '../../src/autoar/index.js';
import { loadLtsfTask } from '../../src/data/ltsf/index.js';
import { resolveDataDir } from '../../src/data/data-dir.js';
import { needsSharedData } from '../helpers/shared-data.js';

test(
  'paper mode on ETTh1 h96 reproduces the reference: d = 1, L = 192, MSE 0.37820, its selection scores',
  { skip: needsSharedData('timeseries/ETTh1.csv') },
  () => {
    const r = runAutoAR(loadLtsfTask('ltsf/ETTh1', resolveDataDir()), 96, { mode: 'paper' });
    assert.equal(r.d, 1);
    assert.equal(r.lookback, 192);
    assert.ok(Math.abs(r.mse / 0.3782 - 1) < 0.005, `MSE ${r.mse}`);
    assert.ok(Math.abs(r.mae / 0.39267 - 1) < 0.005, `MAE ${r.mae}`);
    assert.equal(r.testWindows, 2785);
    // the reference's instrumented scores (autoar-reference-results.md), in its evaluation order
    const scores = (r.selection as LookbackScore[]).map((s) => [s.lookback, Number(s.score.toFixed(4))]);
    assert.deepEqual(scores, [
      [192, -0.8405],
      [128, -0.8241],
      [96, -0.8104],
      [64, -0.7419],
    ]);
  },
);
