import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AutoAR,
  anchoredChoice,
  forecastAfterEnd,
  forecastCsv,
  oneStandardError,
  runAutoAR,
  type Candidate,
} from '../../src/autoar/index.js';
import { loadLtsfTask } from '../../src/data/ltsf/index.js';
import { resolveDataDir } from '../../src/data/data-dir.js';
import { needsSharedData, whenPresent } from '../helpers/shared-data.js';

const skip = needsSharedData('timeseries/national_illness.csv');
const task = whenPresent(skip, () => loadLtsfTask('ltsf/national_illness', resolveDataDir()));

test(
  'default mode: the one-SE choice over rolling folds, the lowest-MSE candidate and the whole curve are reported',
  { skip },
  () => {
    const r = runAutoAR(task, 24, {
      mode: 'default',
      lookbacks: [64, 96, 128],
      ridges: [0, 0.01],
      rule: 'one-standard-error',
    });
    const candidates = r.selection as Candidate[];
    const v = r.validation!;
    const best = candidates.reduce((a, b) => (b.valMse < a.valMse ? b : a));
    assert.deepEqual(v.minimum, best);
    assert.deepEqual(v.chosen, oneStandardError(candidates, best));
    assert.ok(v.chosen.ridge >= best.ridge && v.chosen.lookback === best.lookback);
    assert.deepEqual(
      [r.d, r.lookback, r.ridge, r.strategy, r.norm],
      [v.chosen.d, v.chosen.lookback, v.chosen.ridge, v.chosen.strategy, v.chosen.norm],
    );
    // KPSS rejects level stationarity on ILI's training rows, so no un-normalised level model is a candidate
    assert.deepEqual(r.kpss, { d: 1 });
    assert.ok(candidates.every((c) => c.d > 0 || c.norm !== 'none'));
    assert.ok(candidates.every((c) => c.foldMse.length === 3));
    assert.equal(v.folds.length, 3);
    // d = 1 and last/mean-normalised levels x 3 lookbacks x 2 ridges direct, d = 1 x 3 lookbacks x 4 ridges
    // recursive, all pooled; mean-normalised per channel at the one per-channel lookback short enough (96) x 2 ridges
    assert.ok(candidates.every((c) => c.d <= 1));
    assert.equal(candidates.filter((c) => c.pooling === 'pooled').length, 18 + 12);
    assert.deepEqual(
      candidates
        .filter((c) => c.pooling === 'per-channel')
        .map((c) => [c.norm, c.lookback, c.ridge, c.strategy]),
      [
        ['mean', 96, 0, 'direct'],
        ['mean', 96, 0.01, 'direct'],
      ],
    );
    assert.ok(Number.isFinite(r.mse) && Number.isFinite(r.mae));
  },
);

test('the one-SE rule takes the strongest ridge within the paired standard error of the best, same model', () => {
  const c = (ridge: number, foldMse: number[], lookback = 96): Candidate => ({
    d: 1,
    norm: 'none',
    lookback,
    ridge,
    strategy: 'direct',
    pooling: 'pooled',
    foldMse,
    complexity: 0,
    valMse: foldMse.reduce((a, b) => a + b, 0) / foldMse.length,
  });
  const best = c(0.01, [1.0, 2.0, 3.0]);
  const noisy = c(0.1, [0.9, 2.3, 3.1]); // diffs -0.1, 0.3, 0.1: mean 0.1 <= SE 0.115
  const worse = c(1, [1.2, 2.2, 3.2]); // diffs all 0.2: SE 0
  const otherLookback = c(10, [0.9, 2.3, 3.1], 48); // within the SE, but another model
  assert.equal(oneStandardError([best, noisy, worse, otherLookback], best), noisy);
  assert.equal(oneStandardError([best, worse, otherLookback], best), best);
});

test('the anchored rule keeps the paper model unless the best beats it beyond noise (paired t over folds)', () => {
  const c = (foldMse: number[], lookback: number): Candidate => ({
    d: 1,
    norm: 'none',
    lookback,
    ridge: 0,
    strategy: 'recursive',
    pooling: 'pooled',
    foldMse,
    complexity: 0,
    valMse: foldMse.reduce((a, b) => a + b, 0) / foldMse.length,
  });
  const anchor = c([1.0, 2.0, 3.0], 192);
  const noisy = c([1.1, 1.6, 2.9], 96); // diffs 0.1 -0.4 -0.1: mean -0.133, SE 0.145: not told apart
  const better = c([0.8, 1.9, 2.7], 96); // diffs -0.2 -0.1 -0.3: mean -0.2, SE 0.058
  // 3 folds: the threshold is t(0.9, 2 df) = 1.886 standard errors; `better` is 3.46 SE ahead, `noisy` 0.92
  assert.equal(anchoredChoice(noisy, anchor), anchor);
  assert.equal(anchoredChoice(better, anchor), better);
  assert.equal(anchoredChoice(noisy, anchor, 0.5), noisy);
  assert.equal(anchoredChoice(better, anchor, 4), anchor);
  assert.equal(anchoredChoice(better, undefined), better);
});

test(
  'default mode: paper mode own model is a family member; when it is chosen the fit is paper mode exactly',
  { skip },
  () => {
    const paper = runAutoAR(task, 24, { mode: 'paper' });
    const full = runAutoAR(task, 24, { mode: 'default', lookbacks: [96] });
    const anchor = full.validation!.anchor!;
    assert.deepEqual(
      [anchor.d, anchor.norm, anchor.lookback, anchor.ridge, anchor.strategy, anchor.pooling],
      [paper.d, 'none', paper.lookback, 0, 'recursive', 'pooled'],
    );
    // a family of the anchor alone: it is chosen, and the forecasts are paper mode's to the last bit
    const only = runAutoAR(task, 24, {
      mode: 'default',
      lookbacks: [],
      transforms: [],
      perChannelLookbacks: [],
      recursiveRidges: [],
      strategies: ['recursive'],
    });
    assert.equal(only.validation!.paperFit, true);
    assert.deepEqual(only.validation!.chosen, only.validation!.anchor);
    assert.equal(only.mse, paper.mse);
    assert.equal(only.mae, paper.mae);
    assert.deepEqual(only.fitted.ar, paper.fitted.ar);
  },
);

test(
  'the estimator forecasts in original units from the last rows, for any horizon of a recursive AR',
  { skip },
  () => {
    const model = new AutoAR({ horizon: 24, mode: 'paper' }).fit(task);
    const f24 = model.predict(task.raw);
    const f12 = model.predict(task.raw, 12);
    assert.equal(f24.length, task.channels.length);
    assert.equal(f24[0].length, 24);
    f12.forEach((f, c) =>
      f.forEach((v, j) => assert.ok(Math.abs(v - f24[c][j]) < 1e-9 * Math.max(1, Math.abs(v)))),
    );
    assert.throws(() => model.predict(task.raw.slice(1)), /expected 7 channels, got 6/);
    // the run's own fitted model gives the same forecast after the end, and the CSV carries it
    const after = forecastAfterEnd(task, model.fitted!);
    after.forEach((f, c) =>
      f.forEach((v, j) => assert.ok(Math.abs(v - f24[c][j]) < 1e-9 * Math.max(1, Math.abs(v)))),
    );
    const csv = forecastCsv(task, model.fitted!).trim().split('\n');
    assert.equal(csv.length, 25);
    assert.equal(csv[0], ['date', ...task.channels].join(','));
    assert.equal(csv[1].split(',')[0], '2020-07-07 00:00:00');
    assert.equal(Number(csv[1].split(',')[7]), after[6][0]);
  },
);

test(
  'per-window scores average to the stored MSE and MAE, also when only the target channel is scored (MS)',
  {
    skip,
  },
  () => {
    const ms = { ...task, features: 'MS' as const, target: 2 };
    for (const t of [task, ms]) {
      const r = runAutoAR(t, 24, { mode: 'default', lookbacks: [24, 48], ridges: [0, 0.01] });
      const mean = (a: Float64Array) => a.reduce((x, y) => x + y, 0) / a.length;
      assert.ok(Math.abs(mean(r.perWindow.mse) - r.mse) <= 1e-12 * r.mse, `${t.features} per-window MSE`);
      assert.ok(Math.abs(mean(r.perWindow.mae) - r.mae) <= 1e-12 * r.mae, `${t.features} per-window MAE`);
    }
  },
);
