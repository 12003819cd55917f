import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '@yardstick/torch';
import { F } from '@yardstick/torch';
import { assertClose } from './helpers/assert-close.js';
import { checkGradients, seededInput as input } from './helpers/finite-difference.js';

const t = (data: number[], shape: number[], dtype: torch.DType = 'float64') =>
  torch.tensor(data, { shape, dtype });
const eps = 1e-5;

// [N=4, C=2]: channel 0 is 1..4 (mean 2.5, biased var 1.25, unbiased 5/3), channel 1 is 2,4,6,8 (mean 5, var 5, 20/3)
const batch = () => t([1, 2, 2, 4, 3, 6, 4, 8], [4, 2]);
const normalised = (v: number, mean: number, variance: number) => (v - mean) / Math.sqrt(variance + eps);

test('batch_norm in training normalises each channel with the batch statistics', () => {
  const y = F.batchNorm(batch(), null, null, {
    training: true,
    weight: t([2, 1], [2]),
    bias: t([0, 10], [2]),
  });
  const expected = [1, 2, 3, 4].flatMap((v) => [2 * normalised(v, 2.5, 1.25), 10 + normalised(2 * v, 5, 5)]);
  assertClose(y, expected, { atol: 1e-9 });
});

test('batch_norm in training updates the running statistics by the momentum rule', () => {
  const runningMean = t([0, 1], [2]);
  const runningVar = t([1, 2], [2]);
  F.batchNorm(batch(), runningMean, runningVar, { training: true, momentum: 0.25 });
  assertClose(runningMean, [0.75 * 0 + 0.25 * 2.5, 0.75 * 1 + 0.25 * 5], { atol: 1e-12 });
  // the running variance uses the unbiased batch variance
  assertClose(runningVar, [0.75 * 1 + 0.25 * (5 / 3), 0.75 * 2 + 0.25 * (20 / 3)], { atol: 1e-12 });
});

test('batch_norm in evaluation uses the running statistics and leaves them alone', () => {
  const runningMean = t([1, -1], [2]);
  const runningVar = t([4, 0.25], [2]);
  const y = F.batchNorm(batch(), runningMean, runningVar, { bias: t([0.5, 0], [2]) });
  const expected = [1, 2, 3, 4].flatMap((v) => [0.5 + normalised(v, 1, 4), normalised(2 * v, -1, 0.25)]);
  assertClose(y, expected, { atol: 1e-9 });
  assertClose(runningMean, [1, -1]);
  assertClose(runningVar, [4, 0.25]);
});

test('batch_norm on [N, C, L] pools statistics over batch and length', () => {
  // channel 0 holds 0, 2, 4, 6 across N=2 and L=2: mean 3, biased variance 5
  const x = t([0, 2, 9, 9, 4, 6, 9, 9], [2, 2, 2]);
  const y = F.batchNorm(x, null, null, { training: true });
  assertClose(
    y,
    [normalised(0, 3, 5), normalised(2, 3, 5), 0, 0, normalised(4, 3, 5), normalised(6, 3, 5), 0, 0],
    { atol: 1e-9 },
  );
});

test('batch_norm errors: one value per channel in training, running stats of the wrong size', () => {
  assert.throws(
    () => F.batchNorm(t([1, 2], [1, 2]), null, null, { training: true }),
    /Expected more than 1 value per channel when training, got input size \[1, 2\]/,
  );
  assert.throws(
    () => F.batchNorm(batch(), t([0, 0, 0], [3]), t([1, 1, 1], [3])),
    /running_mean should contain 2 elements not 3/,
  );
});

test('layer_norm normalises over the trailing dimensions', () => {
  const x = t([1, 2, 3, 10, 20, 30], [2, 3]);
  const y = F.layerNorm(x, [3], { weight: t([1, 2, 3], [3]), bias: t([0, 0, 1], [3]) });
  const row = (a: number[]) => {
    const m = a.reduce((s, v) => s + v, 0) / a.length;
    const v = a.reduce((s, u) => s + (u - m) ** 2, 0) / a.length;
    return a.map((u, i) => ((u - m) / Math.sqrt(v + eps)) * [1, 2, 3][i] + [0, 0, 1][i]);
  };
  assertClose(y, [...row([1, 2, 3]), ...row([10, 20, 30])], { atol: 1e-9 });
  assert.throws(() => F.layerNorm(x, [4]), /normalized_shape=\[4\]/);
});

test('group_norm normalises each group of channels per sample', () => {
  // [N=1, C=4, L=1] with two groups: {1, 3} and {10, 30}
  const y = F.groupNorm(t([1, 3, 10, 30], [1, 4, 1]), 2);
  assertClose(
    y,
    [normalised(1, 2, 1), normalised(3, 2, 1), normalised(10, 20, 100), normalised(30, 20, 100)],
    { atol: 1e-9 },
  );
  assert.throws(
    () => F.groupNorm(t([1, 3, 10], [1, 3, 1]), 2),
    /Expected number of channels in input to be divisible by num_groups/,
  );
});

test('dropout zeroes about p of the elements, rescales the rest, and follows manualSeed', () => {
  const x = torch.ones([20000]);
  torch.manualSeed(123);
  const a = F.dropout(x, { p: 0.3 }).toArray();
  torch.manualSeed(123);
  const b = F.dropout(x, { p: 0.3 }).toArray();
  assert.deepEqual(a, b);
  const zeros = a.filter((v) => v === 0).length;
  assert.ok(Math.abs(zeros / a.length - 0.3) < 0.02, `zero fraction ${zeros / a.length}`);
  assert.ok(a.every((v) => v === 0 || Math.abs(v - 1 / 0.7) < 1e-6));
  assert.notDeepEqual(F.dropout(x, { p: 0.3 }).toArray(), a);
});

test('dropout is the identity when not training or p = 0, and rejects p outside [0, 1]', () => {
  const x = t([1, -2, 3], [3]);
  assertClose(F.dropout(x, { p: 0.9, training: false }), [1, -2, 3]);
  assertClose(F.dropout(x, { p: 0 }), [1, -2, 3]);
  assertClose(F.dropout(x, { p: 1 }), [0, 0, 0]);
  assert.throws(() => F.dropout(x, { p: 1.5 }), /dropout probability has to be between 0 and 1, but got 1.5/);
});

test('batch_norm (training) gradients match finite differences', () => {
  const args = [input(1, [3, 2, 4]), input(2, [2]), input(3, [2])];
  checkGradients((x, w, b) => F.batchNorm(x, null, null, { training: true, weight: w, bias: b }), args);
});

test('batch_norm (evaluation) gradients match finite differences', () => {
  const stats = [t([0.1, -0.2], [2]), t([0.5, 2], [2])];
  checkGradients(
    (x, w) => F.batchNorm(x, stats[0], stats[1], { weight: w }),
    [input(4, [3, 2]), input(5, [2])],
  );
});

test('layer_norm and group_norm gradients match finite differences', () => {
  checkGradients(
    (x, w, b) => F.layerNorm(x, [2, 3], { weight: w, bias: b }),
    [input(6, [2, 2, 3]), input(7, [2, 3]), input(8, [2, 3])],
  );
  checkGradients(
    (x, w, b) => F.groupNorm(x, 2, { weight: w, bias: b }),
    [input(9, [2, 4, 3]), input(10, [4]), input(11, [4])],
  );
});
