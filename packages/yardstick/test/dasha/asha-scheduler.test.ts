import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AshaScheduler, rungMilestones } from '../../src/dasha/asha/scheduler.js';
import { percentile } from '../../src/common/percentile.js';

const paper = { gracePeriod: 1, maxT: 20, reductionFactor: 2, mode: 'max' as const };

test('rungs follow Ray Tune: int(log(maxT/grace)/log(eta) + 1) milestones', () => {
  assert.deepEqual(rungMilestones(paper), [1, 2, 4, 8, 16]);
  assert.deepEqual(rungMilestones({ ...paper, maxT: 16 }), [1, 2, 4, 8, 16]);
  assert.deepEqual(rungMilestones({ ...paper, maxT: 100, reductionFactor: 3 }), [1, 3, 9, 27, 81]);
  assert.deepEqual(rungMilestones({ ...paper, gracePeriod: 2, maxT: 7 }), [2, 4]);
});

test('percentile matches numpy linear interpolation', () => {
  // np.percentile([0.4, 0.45, 0.5, 0.55], 50) = 0.475 ; np.percentile([1, 2, 3, 10], 75) = 4.75
  assert.ok(Math.abs(percentile([0.5, 0.4, 0.55, 0.45], 50) - 0.475) < 1e-15);
  assert.equal(percentile([10, 1, 3, 2], 75), 4.75);
  assert.equal(percentile([7], 50), 7);
});

test('scripted reports: every promote / stop decision of the asynchronous median rule', () => {
  const s = new AshaScheduler(paper);
  // [trial, epoch, value, expected action, expected rung decision, expected cutoff]
  const script: [
    number,
    number,
    number,
    'continue' | 'stop',
    string | undefined,
    number | null | undefined,
  ][] = [
    [0, 1, 0.5, 'continue', 'promote', null], // first at rung 1: nothing to compare with
    [0, 2, 0.6, 'continue', 'promote', null],
    [0, 3, 0.6, 'continue', undefined, undefined], // between rungs: no decision
    [0, 4, 0.7, 'continue', 'promote', null],
    [1, 1, 0.4, 'stop', 'stop', 0.5], // 0.4 < median{0.5}
    [2, 1, 0.55, 'continue', 'promote', 0.45], // median{0.5, 0.4}
    [2, 2, 0.58, 'stop', 'stop', 0.6], // median{0.6}
    [3, 1, 0.45, 'stop', 'stop', 0.5], // median{0.5, 0.4, 0.55}
    [4, 1, 0.5, 'continue', 'promote', 0.475], // median{.4,.45,.5,.55} = .475
    [4, 2, 0.6, 'continue', 'promote', 0.59], // median{0.6, 0.58}
    [5, 1, 0.5, 'continue', 'promote', 0.5], // equal to the cutoff is not below it
    [4, 4, 0.69, 'stop', 'stop', 0.7],
    [0, 8, 0.71, 'continue', 'promote', null],
    [0, 16, 0.72, 'continue', 'promote', null],
    [0, 19, 0.73, 'continue', undefined, undefined],
    [0, 20, 0.73, 'stop', 'complete', null], // max_t ends the trial
  ];
  for (const [trial, t, v, action, decision, cutoff] of script) {
    const d = s.onResult(trial, t, v);
    const where = `trial ${trial} epoch ${t}`;
    assert.equal(d.action, action, where);
    assert.equal(d.decision, decision, where);
    if (cutoff === undefined) assert.equal(d.cutoff, undefined, where);
    else if (cutoff === null) assert.equal(d.cutoff, null, where);
    else assert.ok(Math.abs(d.cutoff! - cutoff) < 1e-12, `${where}: cutoff ${d.cutoff} != ${cutoff}`);
  }
  assert.deepEqual([...s.rungValues(1).keys()], [0, 1, 2, 3, 4, 5]);
  assert.deepEqual(
    [...s.rungValues(2).entries()],
    [
      [0, 0.6],
      [2, 0.58],
      [4, 0.6],
    ],
  );
});

test('a late report is judged at the highest unrecorded rung passed; lower rungs follow, one per report (Ray)', () => {
  const s = new AshaScheduler(paper);
  s.onResult(0, 1, 0.9);
  // trial 1 reports first at epoch 5: judged at rung 4 (empty), not at rungs 1 or 2
  assert.deepEqual(s.onResult(1, 5, 0.1), { action: 'continue', rung: 4, decision: 'promote', cutoff: null });
  assert.equal(s.rungValues(1).has(1), false);
  assert.deepEqual(s.onResult(1, 6, 0.1), { action: 'continue', rung: 2, decision: 'promote', cutoff: null });
  assert.deepEqual(s.onResult(1, 7, 0.1), { action: 'stop', rung: 1, decision: 'stop', cutoff: 0.9 });
  assert.deepEqual(s.onResult(1, 7, 0.1), { action: 'continue' }); // every rung passed is recorded now
});

test('min mode stops values above the cutoff (losses)', () => {
  const s = new AshaScheduler({ ...paper, mode: 'min' });
  assert.equal(s.onResult(0, 1, 1.0).action, 'continue');
  const d = s.onResult(1, 1, 1.5);
  assert.equal(d.action, 'stop');
  assert.equal(d.cutoff, 1.0);
  assert.equal(s.onResult(2, 1, 0.8).action, 'continue'); // median{1.0, 1.5} = 1.25
});

test('restore rebuilds the same state as the reports that produced it', () => {
  const a = new AshaScheduler(paper);
  const b = new AshaScheduler(paper);
  const reports: [number, number, number][] = [
    [0, 1, 0.3],
    [1, 1, 0.5],
    [1, 2, 0.6],
    [2, 1, 0.2],
  ];
  for (const [id, t, v] of reports) {
    const d = a.onResult(id, t, v);
    if (d.rung !== undefined && d.decision !== 'complete') b.restore(id, d.rung, v);
  }
  for (const [id, t, v] of [
    [3, 1, 0.4],
    [3, 2, 0.55],
    [4, 1, 0.1],
  ] as const)
    assert.deepEqual(b.onResult(id, t, v), a.onResult(id, t, v));
});

test('bad settings are rejected with the offending value', () => {
  assert.throws(
    () => new AshaScheduler({ ...paper, reductionFactor: 1 }),
    /reductionFactor must be > 1, got 1/,
  );
  assert.throws(() => new AshaScheduler({ ...paper, maxT: 0.5 }), /maxT \(0.5\) must be >= gracePeriod/);
});
