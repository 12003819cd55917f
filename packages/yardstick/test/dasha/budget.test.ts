import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  expectedTrialEpochs,
  planBudget,
  planImprovement,
  reserveFor,
  FLOORS,
  type PlanInput,
} from '../../src/dasha/budget/planner.js';
import { epochsByDeadline, MIN_LAST_EPOCH, warmupCosine } from '../../src/dasha/train/recipe.js';
import { formatDuration, parseDuration } from '../../src/common/duration.js';
import { stepMultiplier, warmupLinearMultiplier } from '../../src/dasha/train/schedule.js';
import { batchCount, batchIndices } from '../../src/dasha/train/batch-index.js';

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
  assert.equal(expectedTrialEpochs(20, 1000000), 3.125 + ((20 - 3.125) * 5) / 1000000);
  assert.equal(expectedTrialEpochs(20, 5), 20); // the first trials meet empty rungs and run to maxT
});

// A fake machine: an epoch over n samples at width w costs n * w * c seconds (validation included); scoring
// n samples costs a third of training on them.
const input = (
  budgetSeconds: number,
  nTrain: number,
  c: number,
  searchBatchSeconds: number | null = 0.5,
  nScore = 500,
  trialSpeedup = 1,
): PlanInput => ({
  budgetSeconds,
  nTrain,
  nScore,
  batchSize: 100,
  widths: [2, 8, 1, 4],
  cost: {
    epochSeconds: (w, n) => n * w * c,
    evalSeconds: (w, n) => (n * w * c) / 3,
    searchBatchSeconds,
    trialSpeedup,
  },
  minDefaultEpochs: 10,
  minDefaultSteps: 0,
});

test('planner, 10 minutes on a slow machine: search and tuning are below their floors, the default gets the time', () => {
  // usable 600 s, reserve max(10, 1.5% = 9, 2 x 1.33 s test) = 10, so 590 s. search+tune: default 0.3 x 590 =
  // 177 s buys 22 epochs of width 8 (8 s each), ASHA's 177 s buys 1 trial of 20 epochs (< 8); tune: the same.
  // Default: 590 s = 73 epochs of width 8 (584 s).
  const p = planBudget(input(600, 1000, 1e-3));
  assert.equal(p.reserveSeconds, 10);
  assert.equal(p.width, 8);
  assert.ok(Math.abs(p.test.seconds - (500 * 8 * 1e-3) / 3) < 1e-12, 'the test stage: 500 samples scored');
  assert.equal(p.default.epochs, 73);
  assert.ok(Math.abs(p.default.seconds - 590) < 1e-9);
  assert.ok(
    p.default.epochs * 8 <= p.default.seconds && p.default.epochs * 8 >= 0.8 * p.default.seconds,
    'the default stage fills its plan within 20%',
  );
  for (const s of [p.search, p.asha, p.retrain])
    assert.match(s.skipped ?? '', /1 trials of up to 20 epochs fit, below the floor of 8/);
  assert.equal(p.asha.numTrials, 0);
});

test('planner: the test stage is planned at its scoring cost, and the reserve covers twice that', () => {
  // 6000 samples scored at width 8: 6000 x 8 x 1e-3 / 3 = 16 s; the reserve max(10, 9, 2 x 16) = 32 s, so
  // the default gets 568 s = 71 epochs of 8 s
  const p = planBudget(input(600, 1000, 1e-3, 0.5, 6000));
  assert.ok(Math.abs(p.test.seconds - 16) < 1e-9);
  assert.ok(Math.abs(p.reserveSeconds - 32) < 1e-9);
  assert.equal(p.default.epochs, 71);
  assert.equal(reserveFor(600, 16), 32);
  assert.equal(reserveFor(3600, 1), 54, '1.5% of an hour');
});

test("planner: the reserve is twice the chosen width's test pass, not the widest's", () => {
  // epoch 10 w s, test 6000 w 1e-2 / 3 = 20 w s. Width 8: reserve 320 s, 280 s left = 3 epochs < 10. Width 4:
  // reserve 160 s, 440 s = 11 epochs. (Width 8's reserve would leave width 4 7 epochs and narrow it to 2.)
  const p = planBudget(input(600, 1000, 1e-2, 0.5, 6000));
  assert.equal(p.width, 4);
  assert.ok(Math.abs(p.test.seconds - 80) < 1e-9);
  assert.ok(Math.abs(p.reserveSeconds - 160) < 1e-9);
  assert.equal(p.default.epochs, 11);
  assert.ok(Math.abs(p.default.seconds + p.reserveSeconds - 600) < 1e-9, 'the whole budget is planned');
});

test("planner, default first: no tuning while the default cannot get the recipe's epochs", () => {
  // 50000 samples, an epoch of width w costs 21.5 w s. Default-only: 590 s = 13 epochs at width 2 (43 s each);
  // 'tune' at width 2: default 0.35 x 590 s = 206.5 s = 4 epochs (< 10), while its ASHA share would fit 15
  // trials of up to 9 epochs on a subsample of 6250 at width 1.
  const p = planBudget(input(600, 50000, 4.3e-4, 0.5));
  assert.equal(p.width, 2);
  assert.equal(p.default.epochs, 13);
  assert.match(
    p.asha.skipped ?? '',
    /tune: the default would get 4 epochs \(2000 steps\) at width 2, below the recipe's 10 epochs$/,
  );
  const tune = planImprovement({
    ashaSeconds: 0.3 * 590,
    retrainSeconds: 0.35 * 590,
    nTrain: 50000,
    defaultEpochs: 9,
    epochSeconds: (n) => n * 4.3e-4,
    trialSpeedup: 1,
  });
  assert.deepEqual([tune.asha.numTrials, tune.asha.maxT, tune.asha.subsample], [15, 9, 6250]);
});

test('planner, width before tuning: the widest default the budget trains to the recipe, then the layout', () => {
  // 1000 samples, an epoch of width w costs 5 w s, trials run 8 to a worker-second. Default-only at width 8:
  // reserve 2 x (500 x 8 x 5e-3 / 3) = 13.3 s, 586.7 s = 14 epochs of 40 s. 'tune' at width 8: reserve
  // 2 x 3 x 6.67 = 40 s, default 0.35 x 560 s = 4 epochs (< 10). Choosing the layout first would have narrowed
  // to width 4 for 'tune' (10 epochs, retrain 10, 15 trials of up to 10 epochs): a narrower default.
  const p = planBudget(input(600, 1000, 5e-3, null, 500, 8));
  assert.equal(p.width, 8);
  assert.equal(p.default.epochs, 14);
  assert.ok(Math.abs(p.reserveSeconds - 40 / 3) < 1e-9);
  assert.match(p.asha.skipped ?? '', /tune: the default would get 4 epochs \(40 steps\) at width 8/);
  const atWidth4 = planImprovement({
    ashaSeconds: 0.3 * 580,
    retrainSeconds: 0.35 * 580,
    nTrain: 1000,
    defaultEpochs: 10,
    epochSeconds: (n) => n * 4 * 5e-3,
    trialSpeedup: 8,
  });
  assert.equal(atWidth4.asha.skipped, undefined, 'tuning would have fit at width 4');
});

test("planner, a narrower net before fewer than the recipe's optimiser steps", () => {
  // the case above with a floor of 200 steps (10 a epoch): width 8's 14 epochs are 140 steps, so width 4:
  // reserve 10 s, 590 s = 29 epochs of 20 s = 290 steps; 'tune' at width 4 gets 203 s = 10 epochs = 100 steps
  const p = planBudget({ ...input(600, 1000, 5e-3, null, 500, 8), minDefaultSteps: 200 });
  assert.equal(p.width, 4);
  assert.equal(p.default.epochs, 29);
  assert.match(
    p.asha.skipped ?? '',
    /tune: the default would get 10 epochs \(100 steps\) at width 4, below the recipe's 200 steps$/,
  );
  assert.equal(p.notes.length, 0);
  // no width meets the floor: the narrowest, with the shortfall in the notes
  const narrow = planBudget({ ...input(600, 1000, 5e-3, null, 500, 8), minDefaultSteps: 5000 });
  assert.equal(narrow.width, 1);
  assert.match(
    narrow.notes[0],
    /the default would get 118 epochs \(1180 steps\) at width 1, below the recipe's 5000 steps \(the narrowest allowed\)/,
  );
});

test('planner: trials of fewer than 8 epochs are below the floor', () => {
  // 100 s of retrain at 14.3 s an epoch = 6 epochs >= the default's 6, so trials get maxT 6 < 8
  const r = planImprovement({
    ashaSeconds: 1000,
    retrainSeconds: 100,
    nTrain: 1000,
    defaultEpochs: 6,
    epochSeconds: (n) => n * 0.0143,
    trialSpeedup: 1,
  });
  assert.match(r.asha.skipped ?? '', /trials would get 6 epochs, below the floor of 8/);
  assert.equal(FLOORS.trialEpochs, 8);
});

test("planner, a narrower net before fewer than the recipe's epochs", () => {
  // 582 s; an epoch of width w costs 1000 w 0.01 = 10 w s: width 8 gets 7 epochs, width 4 gets 14 >= 10
  const p = planBudget(input(600, 1000, 1e-2));
  assert.equal(p.width, 4);
  assert.equal(p.default.epochs, 14);
});

test('planner, an hour on a fast machine: default, search and tuning all run, each stage planned at its cost', () => {
  // usable 3600, reserve 54, 3546 s. Epoch at width 8 on 10000 samples: 10000 x 8 x 1e-5 = 0.8 s.
  // default: 0.3 x 3546 = 1063.8 s -> 1329 epochs, capped at 200 -> planned 200 x 0.8 = 160 s.
  // retrain the same. ASHA: 120 trials x expected epochs at maxT 20 (3.828125) x 0.8 = 367.5 s <= 1063.8.
  // search: 354.6 s / 0.5 s = 709 steps = 7.09 passes (>= 5, >= 100 steps); 0.2 x 100 + 1 = 21 batches per
  // epoch, 33 epochs -> 33 x 21 x 0.5 = 346.5 s.
  const p = planBudget(input(3600, 10000, 1e-5));
  assert.equal(p.width, 8);
  assert.equal(p.default.epochs, 200);
  assert.ok(Math.abs(p.default.seconds - 160) < 1e-9);
  assert.equal(p.retrain.epochs, 200);
  assert.equal(p.asha.numTrials, 120);
  assert.equal(p.asha.maxT, 20);
  assert.equal(p.asha.subsample, 10000);
  assert.equal(expectedTrialEpochs(20, 120), (3.125 * 115 + 20 * 5) / 120);
  assert.ok(Math.abs(p.asha.seconds - 120 * expectedTrialEpochs(20, 120) * 0.8) < 1e-9);
  assert.deepEqual([p.search.epochs, p.search.batchesPerEpoch], [33, 21]);
  assert.ok(Math.abs(p.search.seconds - 346.5) < 1e-9);
  for (const s of [p.search, p.asha, p.retrain]) assert.equal(s.skipped, undefined);
  const total = p.default.seconds + p.search.seconds + p.asha.seconds + p.retrain.seconds + p.reserveSeconds;
  assert.ok(total <= 3600, `planned ${total} s of 3600`);
  // scoring 2M samples at width 8 takes 2e6 x 8 x 1e-5 / 3 = 53.3 s; tuning trains 3 models to choose among
  // on validation and test: twice 3 x 53.3 s is held back, not the default-only layout's twice 53.3 s
  const big = planBudget(input(3600, 10000, 1e-5, 0.5, 2e6));
  assert.equal(big.asha.skipped, undefined);
  assert.ok(Math.abs(big.reserveSeconds - 320) < 1e-9, `reserve ${big.reserveSeconds}`);
});

test('planner: the search is skipped below its floor of passes, tuning still runs', () => {
  // search 354.6 s at 5 s a batch: 70 steps < 100; layout 'tune' then: default 0.35 x 3546 s, ASHA 0.3
  const p = planBudget(input(3600, 10000, 1e-5, 5));
  assert.match(
    p.search.skipped ?? '',
    /70 supernet steps \(0\.7 passes\), below the floor of 100 steps and 5 passes/,
  );
  assert.equal(p.asha.skipped, undefined);
  assert.equal(p.asha.numTrials, 120);
});

// 100 s for ASHA and 100 s for the retrain of 1000 samples, after a default of 12 epochs
const replan = (epochSeconds: (n: number) => number, trialSpeedup = 1) =>
  planImprovement({
    ashaSeconds: 100,
    retrainSeconds: 100,
    nTrain: 1000,
    defaultEpochs: 12,
    epochSeconds,
    trialSpeedup,
  });

test('re-plan after the search: a searched net too slow for the retrain floor skips tuning with the reason', () => {
  // 100 s for tuning and 100 s for the retrain, 1000 training samples, a default of 12 epochs
  // 100 s of retrain at 10 s an epoch = 10 epochs < the default's 12
  const r = replan((n) => n / 100);
  assert.match(r.asha.skipped ?? '', /retrain would get 10 epochs, below the default's 12/);
  assert.equal(r.retrain.epochs, 0);
  // 1 s an epoch: 100 retrain epochs; trials of maxT 20 on 1000 samples: t x 20 (t <= 5) ... fit 100 s -> 5
  // trials < 12 wanted, the subsample stays at the floor of 1000 = nTrain, 5 < 8 trials: skipped
  const r2 = replan((n) => n / 1000);
  assert.match(r2.asha.skipped ?? '', /5 trials of up to 20 epochs fit, below the floor of 8/);
  assert.equal(FLOORS.trials, 8);
});

test("ASHA planned at the parallel workers' throughput: twice the speed fits 37 trials, not 5", () => {
  // trials t <= 5 each run to maxT 20 (empty rungs); more: 3.125 expected epochs each beyond the first 5, so
  // t trials cost (3.125 t + 84.375) epochs of 1 s / speedup. Speedup 2 in 100 s: t <= 37, using all 100 s.
  const r = replan((n) => n / 1000, 2);
  assert.equal(r.asha.numTrials, 37);
  assert.ok(Math.abs(r.asha.seconds - 100) < 1e-9);
  assert.equal(planBudget(input(3600, 10000, 1e-5, 0.5, 500, 3)).trialSpeedup, 3);
});

test('warm-up then cosine: linear to 1 over the warm-up steps, half at mid-decay, 0 at the end', () => {
  assert.equal(warmupCosine(0, 10, 110), 0.1);
  assert.equal(warmupCosine(9, 10, 110), 1);
  assert.equal(warmupCosine(10, 10, 110), 1);
  assert.ok(Math.abs(warmupCosine(60, 10, 110) - 0.5) < 1e-12);
  assert.ok(Math.abs(warmupCosine(110, 10, 110)) < 1e-12);
});

test('re-planned epochs: whole ones that fit, plus a shorter last one of at least a quarter epoch', () => {
  // 3 done at 10 s each, 26 s left: 2.6 more epochs, so 5.6 in all (the 6th runs 60% of its batches)
  assert.ok(Math.abs(epochsByDeadline(3, 10, 26, 200) - 5.6) < 1e-12);
  // 21 s left: the 0.1 epoch after 2 whole ones is below the quarter, so exactly 5
  assert.equal(epochsByDeadline(3, 10, 21, 200), 5);
  assert.equal(epochsByDeadline(3, 10, 10 * (2 + MIN_LAST_EPOCH), 200), 5 + MIN_LAST_EPOCH);
  // never fewer than done (a deadline already passed), never more than the cap
  assert.equal(epochsByDeadline(3, 10, -5, 200), 3);
  assert.equal(epochsByDeadline(3, 10, 1e6, 200), 200);
});

test('batchCount is the number of batches batchIndices makes, with and without the last partial one', () => {
  for (const n of [0, 1, 5, 7, 8, 9, 64, 65])
    for (const dropLast of [false, true]) {
      const order = Int32Array.from({ length: n }, (_, i) => i);
      assert.equal(batchCount(n, 8, dropLast), batchIndices(order, 8, dropLast).length, `n ${n} ${dropLast}`);
    }
});

test('planner: a budget spent before planning is an error that says so', () => {
  assert.throws(() => planBudget({ ...input(10, 1000, 1e-3), spentSeconds: 30 }), /leaves no time/);
});
