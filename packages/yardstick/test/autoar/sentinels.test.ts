// Missing-value codes (-9999) in the default mode's fitting and validation rows: detected by the CSV reader's rule,
// interpolated in both, never in the test rows; the selection then equals the one on a series cleaned beforehand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanSentinels, interpolateCells } from '../../src/autoar/sentinels.js';
import { fitDefaultMode } from '../../src/autoar/default-mode.js';
import { ltsfTaskFromArrays } from '../../src/data/ltsf/index.js';

test('interpolation: straight lines between clean neighbours, the nearest clean value at the edges', () => {
  const x = Float64Array.from([-9, 1, -9, -9, 4, 5, -9]);
  assert.deepEqual([...interpolateCells(x, (i) => x[i] === -9)], [1, 1, 2, 3, 4, 5, 5]);
  assert.deepEqual([...x], [-9, 1, -9, -9, 4, 5, -9]);
});

function panel(rows: number): Float64Array[] {
  let s = 5;
  const r = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
  return Array.from({ length: 3 }, (_, c) => {
    const x = new Float64Array(rows);
    for (let t = 24; t < rows; t++) x[t] = 0.8 * x[t - 24] + r() + 10 * c;
    return x;
  });
}

test('codes in the fitting rows are cleaned in train and validation alike, the test rows are left as loaded', () => {
  const rows = 1200;
  const raw = panel(rows);
  const codes = [100, 101, 102, 700, 880, 1100]; // train, validation (ratio split: 840 / 120 / 240), test
  for (const i of codes) raw[1][i] = -9999;
  raw[2][300] = -15; // a low reading, not far below the others' range: not a code
  const task = ltsfTaskFromArrays('codes', raw);
  const end = task.split.train + task.split.val;
  const { series, cleaned } = cleanSentinels(task, end);
  assert.deepEqual(cleaned, [{ channel: 'c1', value: -9999, count: 5 }]);
  const z = task.series[1];
  for (const [i, w] of [
    [100, 1 / 4],
    [101, 2 / 4],
    [102, 3 / 4],
  ])
    assert.ok(Math.abs(series[1][i] - (z[99] + w * (z[103] - z[99]))) < 1e-12);
  assert.equal(series[1][880], (z[879] + z[881]) / 2);
  assert.equal(series[1].length, end);
  assert.deepEqual([...series[2]], [...task.series[2].subarray(0, end)]);
  assert.equal(task.series[1][1100], (-9999 - task.scaler.mean[1]) / task.scaler.std[1]);

  // The same selection as on a task whose fitting rows were cleaned beforehand (same scaler: the protocol's).
  const pre = {
    ...task,
    raw: raw.map((x, c) => (c === 1 ? x.map((v, i) => (v === -9999 && i < end ? 0 : v)) : x)),
    series: task.series.map((x, c) => {
      if (c !== 1) return x;
      const out = Float64Array.from(x);
      out.set(series[1]);
      return out;
    }),
  };
  const opts = {
    lookbacks: [24, 48],
    transforms: [{ d: 0, norm: 'mean' as const }],
    strategies: ['direct' as const],
    perChannelLookbacks: [],
    rule: 'minimum' as const,
  };
  const a = fitDefaultMode(task, 12, opts);
  const b = fitDefaultMode(pre, 12, opts);
  assert.equal(a.sentinels.length, 1);
  assert.equal(b.sentinels.length, 0);
  assert.deepEqual(
    a.candidates.map((c) => c.foldMse),
    b.candidates.map((c) => c.foldMse),
  );
  assert.deepEqual(a.forecasters[0].weights, b.forecasters[0].weights);
});
