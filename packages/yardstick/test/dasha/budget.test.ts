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
    const epochCost = (w: number, n: number) => n * 1000 * w * w * 1.3e-9;
    assert.ok(p.search.epochs * p.search.batchesPerEpoch * 128 * 2e-3 <= STAGE_SHARES.search * (budget - p.reserveSeconds) + 1e-9);
    assert.ok(p.retrain.epochs * (10000 * 1000 * p.width ** 2 * 1e-9 + 1000 * 1000 * p.width ** 2 * 0.3e-9) <= STAGE_SHARES.retrain * (budget - p.reserveSeconds) + 1e-9);
    const ashaCost = p.asha.numTrials * expectedTrialEpochs(p.asha.maxT, p.asha.numTrials) * (p.asha.subsample * 1000 * p.width ** 2 * 1e-9 + 1000 * 1000 * p.width ** 2 * 0.3e-9);
    assert.ok(ashaCost <= STAGE_SHARES.asha * (budget - p.reserveSeconds) + 1e-9 || p.asha.numTrials === 1, `ASHA ${ashaCost}s at budget ${budget}`);
    assert.ok(epochCost(p.width, 10000) > 0);
  }
  const small = planBudget(input(600));
  const large = planBudget(input(7200));
  assert.ok(large.width >= small.width);
  assert.ok(large.asha.numTrials >= small.asha.numTrials);
  assert.ok(large.retrain.epochs >= 4 && large.search.epochs <= 100 && large.asha.maxT <= 20);
});

test('planner: a budget spent before planning is an error that says so', () => {
  assert.throws(() => planBudget({ ...input(10), spentSeconds: 30 }), /leaves no time/);
});
