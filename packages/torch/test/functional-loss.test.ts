import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '@yardstick/torch';
import { F } from '@yardstick/torch';
import { assertClose } from './helpers/assert-close.js';
import { checkGradients, seededInput as input } from './helpers/finite-difference.js';

const t = (data: number[], shape: number[]) => torch.tensor(data, { shape, dtype: 'float64' });
const classes = (data: number[]) => torch.tensor(data, { dtype: 'int64' });
const sum = (a: number[]) => a.reduce((s, v) => s + v, 0);
const logSoftmax = (row: number[]) => {
  const lse = Math.log(sum(row.map(Math.exp)));
  return row.map((v) => v - lse);
};
const logSigmoid = (v: number) => -Math.log1p(Math.exp(-v));

// two samples, three classes
const rows = [
  [1, 2, 3],
  [0.5, -1, 0],
];
const logits = () => t(rows.flat(), [2, 3]);
const logp = rows.map(logSoftmax);

test('cross_entropy of class indices: mean, sum, none', () => {
  const target = classes([2, 0]);
  const perSample = [-logp[0][2], -logp[1][0]];
  assertClose(F.crossEntropy(logits(), target), [sum(perSample) / 2], { atol: 1e-12 });
  assertClose(F.crossEntropy(logits(), target, { reduction: 'sum' }), [sum(perSample)], { atol: 1e-12 });
  assertClose(F.crossEntropy(logits(), target, { reduction: 'none' }), perSample, { atol: 1e-12 });
});

test('cross_entropy with class weights takes the weighted mean', () => {
  const w = [1, 2, 3];
  const loss = F.crossEntropy(logits(), classes([2, 0]), { weight: t(w, [3]) });
  assertClose(loss, [(-w[2] * logp[0][2] - w[0] * logp[1][0]) / (w[2] + w[0])], { atol: 1e-12 });
});

test('cross_entropy with label smoothing follows (1-s) nll + s/C sum_c -log p_c', () => {
  const s = 0.2;
  const perSample = [0, 1].map((n) => (1 - s) * -logp[n][[2, 0][n]] + (s / 3) * -sum(logp[n]));
  assertClose(F.crossEntropy(logits(), classes([2, 0]), { labelSmoothing: s }), [sum(perSample) / 2], {
    atol: 1e-12,
  });
  // with weights both terms are normalised by the weights of the targets, as in PyTorch
  const w = [1, 2, 3];
  const nll = (-w[2] * logp[0][2] - w[0] * logp[1][0]) / (w[2] + w[0]);
  const smooth = -sum([0, 1].flatMap((n) => logp[n].map((v, c) => v * w[c]))) / (w[2] + w[0]);
  const weighted = F.crossEntropy(logits(), classes([2, 0]), { labelSmoothing: s, weight: t(w, [3]) });
  assertClose(weighted, [(1 - s) * nll + (s / 3) * smooth], { atol: 1e-12 });
});

test('cross_entropy skips ignore_index targets, also in the mean', () => {
  assertClose(F.crossEntropy(logits(), classes([2, -100])), [-logp[0][2]], { atol: 1e-12 });
  assertClose(F.crossEntropy(logits(), classes([1, 0]), { ignoreIndex: 1 }), [-logp[1][0]], { atol: 1e-12 });
  assertClose(F.crossEntropy(logits(), classes([2, -100]), { reduction: 'none' }), [-logp[0][2], 0], {
    atol: 1e-12,
  });
});

test('cross_entropy accepts class probabilities and spatial inputs', () => {
  const p = [
    [0.2, 0.3, 0.5],
    [1, 0, 0],
  ];
  const expected = sum([0, 1].map((n) => -sum(p[n].map((q, c) => q * logp[n][c])))) / 2;
  assertClose(F.crossEntropy(logits(), t(p.flat(), [2, 3])), [expected], { atol: 1e-12 });
  // [N=1, C=3, L=2]: position l holds the logits rows[l]
  const spatial = t([1, 0.5, 2, -1, 3, 0], [1, 3, 2]);
  assertClose(
    F.crossEntropy(spatial, torch.tensor([[2, 0]], { dtype: 'int64' }), { reduction: 'none' }),
    [-logp[0][2], -logp[1][0]],
    { atol: 1e-12 },
  );
});

test('nll_loss picks the negative log-probability of the target', () => {
  const lp = t(logp.flat(), [2, 3]);
  assertClose(F.nllLoss(lp, classes([1, 2])), [(-logp[0][1] - logp[1][2]) / 2], { atol: 1e-12 });
  assertClose(
    F.nllLoss(lp, classes([1, 2]), { weight: t([1, 4, 2], [3]), reduction: 'sum' }),
    [-4 * logp[0][1] - 2 * logp[1][2]],
    { atol: 1e-12 },
  );
});

test('loss errors: class out of range, wrong target dtype, size mismatch, unknown reduction', () => {
  assert.throws(() => F.crossEntropy(logits(), classes([2, 5])), /Target 5 is out of bounds/);
  assert.throws(() => F.crossEntropy(logits(), t([2, 0], [2])), /expected scalar type Long but found Double/);
  assert.throws(
    () => F.crossEntropy(logits(), torch.tensor([2, 0], { dtype: 'int32' })),
    /expected scalar type Long but found Int/,
  );
  assert.throws(
    () => F.binaryCrossEntropyWithLogits(t([1, 2, 3], [3]), t([1, 0], [2])),
    /Target size \(\[2\]\) must be the same as input size \(\[3\]\)/,
  );
  assert.throws(
    () => F.mseLoss(t([1], [1]), t([1], [1]), { reduction: 'avg' as 'mean' }),
    /reduction must be 'none', 'mean' or 'sum', got 'avg'/,
  );
  assert.throws(() => F.oneHot(classes([0, -1])), /Class values must be non-negative/);
});

test('binary_cross_entropy_with_logits with pos_weight and weight', () => {
  const x = [0.5, -1, 2, -0.3];
  const y = [1, 0, 1, 0.25];
  const pw = [2, 3];
  const w = [0.5, 1];
  const per = x.map((v, i) => -(w[i % 2] * (pw[i % 2] * y[i] * logSigmoid(v) + (1 - y[i]) * logSigmoid(-v))));
  const loss = F.binaryCrossEntropyWithLogits(t(x, [2, 2]), t(y, [2, 2]), {
    posWeight: t(pw, [2]),
    weight: t(w, [2]),
    reduction: 'none',
  });
  assertClose(loss, per, { atol: 1e-12 });
  const plain = x.map((v, i) => -(y[i] * logSigmoid(v) + (1 - y[i]) * logSigmoid(-v)));
  assertClose(F.binaryCrossEntropyWithLogits(t(x, [2, 2]), t(y, [2, 2])), [sum(plain) / 4], { atol: 1e-12 });
  const probs = x.map((v) => 1 / (1 + Math.exp(-v)));
  assertClose(F.binaryCrossEntropy(t(probs, [2, 2]), t(y, [2, 2]), { reduction: 'sum' }), [sum(plain)], {
    atol: 1e-9,
  });
});

test('multilabel_soft_margin_loss averages the logistic loss over classes, then over samples', () => {
  const x = [0.5, -1, 2, -0.3, 1, 0];
  const y = [1, 0, 1, 0, 0, 1];
  const w = [1, 2, 0.5];
  const term = (i: number) => -w[i % 3] * (y[i] * logSigmoid(x[i]) + (1 - y[i]) * logSigmoid(-x[i]));
  const perSample = [0, 1].map((n) => sum([0, 1, 2].map((c) => term(3 * n + c))) / 3);
  const opts = { weight: t(w, [3]) };
  assertClose(
    F.multilabelSoftMarginLoss(t(x, [2, 3]), t(y, [2, 3]), { ...opts, reduction: 'none' }),
    perSample,
    { atol: 1e-12 },
  );
  assertClose(F.multilabelSoftMarginLoss(t(x, [2, 3]), t(y, [2, 3]), opts), [sum(perSample) / 2], {
    atol: 1e-12,
  });
});

test('mse, l1, smooth_l1 (beta) and huber (delta)', () => {
  const x = t([0, 1, 3, -2], [4]);
  const y = t([0.2, 1, 0, 0], [4]);
  const d = [-0.2, 0, 3, -2];
  assertClose(F.mseLoss(x, y), [sum(d.map((v) => v * v)) / 4], { atol: 1e-12 });
  assertClose(F.l1Loss(x, y, { reduction: 'sum' }), [sum(d.map(Math.abs))], { atol: 1e-12 });
  const smooth = (v: number, beta: number) =>
    Math.abs(v) < beta ? (0.5 * v * v) / beta : Math.abs(v) - 0.5 * beta;
  assertClose(
    F.smoothL1Loss(x, y, { reduction: 'none' }),
    d.map((v) => smooth(v, 1)),
    { atol: 1e-12 },
  );
  assertClose(
    F.smoothL1Loss(x, y, { reduction: 'none', beta: 2.5 }),
    d.map((v) => smooth(v, 2.5)),
    { atol: 1e-12 },
  );
  assertClose(
    F.huberLoss(x, y, { reduction: 'none', delta: 2.5 }),
    d.map((v) => 2.5 * smooth(v, 2.5)),
    { atol: 1e-12 },
  );
});

test('one_hot builds int64 indicator rows', () => {
  const h = F.oneHot(classes([0, 2, 1]));
  assert.equal(h.dtype, 'int64');
  assert.deepEqual(h.tolist(), [
    [1, 0, 0],
    [0, 0, 1],
    [0, 1, 0],
  ]);
  assert.deepEqual(F.oneHot(classes([1]), 4).tolist(), [[0, 1, 0, 0]]);
});

const fixed = (data: number[], dtype: torch.DType = 'int64') => ({
  data,
  shape: [data.length],
  differentiate: false,
  dtype,
});

test('cross_entropy gradients match finite differences', () => {
  const weight = t([0.5, 2, 1], [3]);
  const target = fixed([2, 0, 1, -100]);
  checkGradients((x, y) => F.crossEntropy(x, y), [input(1, [4, 3]), target]);
  checkGradients((x, y) => F.crossEntropy(x, y, { weight, labelSmoothing: 0.1 }), [input(2, [4, 3]), target]);
  checkGradients((x, p) => F.crossEntropy(x, p), [input(3, [2, 3]), input(4, [2, 3], 0, 1)]);
});

test('binary_cross_entropy_with_logits gradients match finite differences', () => {
  const posWeight = t([2, 0.5, 1], [3]);
  checkGradients(
    (x, y) => F.binaryCrossEntropyWithLogits(x, y, { posWeight }),
    [input(5, [2, 3], -3, 3), input(6, [2, 3], 0, 1)],
  );
  checkGradients(
    (x, y) => F.multilabelSoftMarginLoss(x, y),
    [input(7, [2, 3], -3, 3), input(8, [2, 3], 0, 1)],
  );
});

test('mse and smooth_l1 gradients match finite differences', () => {
  checkGradients((x, y) => F.mseLoss(x, y), [input(9, [2, 3]), input(10, [2, 3])]);
  // differences spread over [-2, 2] with beta 0.5 exercise both branches (away from the kink)
  checkGradients(
    (x, y) => F.smoothL1Loss(x, y, { beta: 0.5, reduction: 'sum' }),
    [input(11, [2, 4], -1, 1), input(12, [2, 4], -1, 1)],
  );
});
