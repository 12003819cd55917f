import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AutoAR, runAutoAR, type Candidate } from '../../src/autoar/index.js';
import { loadLtsfTask } from '../../src/data/ltsf/index.js';
import { resolveDataDir } from '../../src/data/data-dir.js';
import { needsSharedData, whenPresent } from '../helpers/shared-data.js';

const skip = needsSharedData('timeseries/national_illness.csv');
const task = whenPresent(skip, () => loadLtsfTask('ltsf/national_illness', resolveDataDir()));

test('default mode picks the candidate with the lowest validation MSE and reports every candidate', { skip }, () => {
  const r = runAutoAR(task, 24, { mode: 'default', lookbacks: [64, 96, 128], ridges: [0, 0.01] });
  const candidates = r.selection as Candidate[];
  const best = candidates.reduce((a, b) => (b.valMse < a.valMse ? b : a));
  assert.deepEqual(
    [r.d, r.lookback, r.ridge, r.strategy],
    [best.d, best.lookback, best.ridge, best.strategy],
  );
  // 3 orders x 3 lookbacks x 2 ridges x 2 strategies, minus any singular unregularised fit
  assert.ok(candidates.length > 30 && candidates.length <= 36);
  assert.ok(Number.isFinite(r.mse) && Number.isFinite(r.mae));
});

test('the estimator forecasts in original units from the last rows, for any horizon of a recursive AR', { skip }, () => {
  const model = new AutoAR({ horizon: 24, mode: 'paper' }).fit(task);
  const f24 = model.predict(task.raw);
  const f12 = model.predict(task.raw, 12);
  assert.equal(f24.length, task.channels.length);
  assert.equal(f24[0].length, 24);
  f12.forEach((f, c) =>
    f.forEach((v, j) => assert.ok(Math.abs(v - f24[c][j]) < 1e-9 * Math.max(1, Math.abs(v)))),
  );
  assert.throws(() => model.predict(task.raw.slice(1)), /expected 7 channels, got 6/);
});
