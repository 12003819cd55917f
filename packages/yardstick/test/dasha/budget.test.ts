import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectedTrialEpochs, planBudget, STAGE_SHARES, type PlanInput } from '../../src/dasha/budget/planner.js';
import { formatDuration, parseDuration } from '../../src/common/duration.js';
import { stepMultiplier, warmupLinearMultiplier } from '../../src/dasha/train/schedule.js';

test('durations: 30m, 2h, 1h30m, 90s, plain seconds; bad input named', () => {
  assert.equal(parseDuration('30m'), 1800);
  assert.equal(parseDuration('2h'), 7200);
  assert.equal(parseDuration('1h30m'), 5400);
  assert.equal(parseDuration('90s'), 90);
  assert.equal(parseDuration('600'), 600);
  assert.throws(() => parseDuration('soon'), /cannot read 'soon' as a duration/);
  assert.throws(() => parseDuration('30x'), /30x/);
  assert.equal(formatDuration(5400), '1h30m');
  assert.equal(formatDuration(75), '1m15s');
});

test('reference schedules: 0.2^(milestones strictly below the epoch); UNet warm-up then linear decay', () => {
  assert.equal(stepMultiplier(30, [30, 60, 80]), 1);
  assert.ok(Math.abs(stepMultiplier(31, [30, 60, 80]) - 0.2) < 1e-15);
  assert.ok(Math.abs(stepMultiplier(99, [30, 60, 80]) - 0.008) < 1e-15);
  assert.equal(warmupLinearMultiplier(0, 5, 65), 0.2);
  assert.equal(warmupLinearMultiplier(5, 5, 65), 1);
  assert.equal(warmupLinearMultiplier(35, 5, 65), 0.5);
  assert.equal(warmupLinearMultiplier(70, 5, 65), 0);
});

test('expected ASHA epochs per trial: half survive each rung (1 + 1/2 + 2/4 + 4/8 + 8/16 + 4/32 = 3.125 at maxT 20)', () => {
  assert.equal(expectedTrialEpochs(20, 1000000), 3.125 + (20 - 3.125) * 5 / 1000000);
  assert.equal(expectedTrialEpochs(20, 5), 20); // the first trials meet empty rungs and run to maxT
});

// a machine where one training MAC costs 1e-9 s and a 1-D ResNet of width w costs 1000 w^2 MACs per sample
const input = (budgetSeconds: number): PlanInput => ({
  budgetSeconds,
  nTrain: 10000,
  nVal: 1000,
  batchSize: 128,
  widths: [16, 128, 32, 64],
  macsPerSample: (w) => 1000 * w * w,
  probe: { searchSecPerSample: 2e-3, trainSecPerMac: 1e-9, evalSecPerMac: 0.3e-9 },
});

test('planner: the stages fit the budget, a larger budget buys a wider net and more trials', () => {
  for (const budget of [600, 3600, 7200]) {
    const p = planBudget(input(budget));
    assert.ok(p.search.epochs * p.search.batchesPerEpoch * 128 * 2e-3 <= STAGE_SHARES.search * (budget - p.reserveSeconds) + 1e-9);
    assert.ok(p.retrain.epochs * (10000 * 1000 * p.width ** 2 * 1e-9 + 1000 * 1000 * p.width ** 2 * 0.3e-9) <= STAGE_SHARES.retrain * (budget - p.reserveSeconds) + 1e-9);
    const ashaCost = p.asha.numTrials * expectedTrialEpochs(p.asha.maxT, p.asha.numTrials) * (p.asha.subsample * 1000 * p.width ** 2 * 1e-9 + 1000 * 1000 * p.width ** 2 * 0.3e-9);
    assert.ok(ashaCost <= STAGE_SHARES.asha * (budget - p.reserveSeconds) + 1e-9 || p.asha.numTrials === 1, `ASHA ${ashaCost}s at budget ${budget}`);
  }
  const small = planBudget(input(600));
  const large = planBudget(input(7200));
  assert.ok(large.width >= small.width);
  assert.ok(large.asha.numTrials >= small.asha.numTrials);
  assert.ok(large.retrain.epochs >= 4 && large.search.epochs <= 100 && large.asha.maxT <= 20);
});

// By hand for 3600 s: reserve 5 % = 180 s, so 3420 s usable. Retrain (35 %, 1197 s): an epoch at width w costs
// 10000 * 1000 w^2 * 1e-9 + 1000 * 1000 w^2 * 0.3e-9 = 0.0103 w^2 s; width 128 (168.76 s) takes 4 epochs in 675 s,
// so it is the widest that fits, with floor(1197 / 168.76) = 7 epochs. Search (20 %, 684 s): 78 full batches,
// floor(0.2 * 78) + 1 = 16 per epoch at 128 * 2e-3 = 0.256 s each; 684 / 4.096 = 167 epochs, capped at 100.
// ASHA (45 %, 1539 s), maxT = min(20, 7) = 7, rungs 1, 2, 4: a trial after the first three (which run 7 epochs)
// expects 1 + 1/2 + 2/4 + 3/8 = 2.375 epochs, so n trials cost (21 + 2.375 (n - 3)) epochs. Halving the
// subsample from 10000: 5000 -> 2 trials, 2500 -> 8, 1250 -> (1539 / (20.48 + 4.9152) - 21) / 2.375 + 3 = 19 >= 12.
test('planner: a 3600 s budget, planned by hand', () => {
  const p = planBudget(input(3600));
  assert.equal(p.reserveSeconds, 180);
  assert.equal(p.width, 128);
  assert.equal(p.retrain.epochs, 7);
  assert.deepEqual([p.search.epochs, p.search.batchesPerEpoch], [100, 16]);
  assert.deepEqual([p.asha.numTrials, p.asha.maxT, p.asha.subsample], [19, 7, 1250]);
});

test('planner: a budget spent before planning is an error that says so', () => {
  assert.throws(() => planBudget({ ...input(10), spentSeconds: 30 }), /leaves no time/);
});
