// nn.functional against PyTorch's own outputs (fixtures/functional.json, made by fixtures/functional.py) for
// argument combinations the hand-computed tests do not reach.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as torch from '@yardstick/torch';
import { F, type Tensor } from '@yardstick/torch';
import { assertClose } from './helpers/assert-close.js';

interface Encoded {
  data: number[];
  shape: number[];
  dtype: torch.DType;
}
const fixture: { cases: Record<string, { inputs: Encoded[]; outputs: Encoded[] }> } = JSON.parse(
  readFileSync(new URL('./fixtures/functional.json', import.meta.url), 'utf8'),
);

// The same calls as in functional.py, case by case.
const calls: Record<string, (...xs: Tensor[]) => Tensor | Tensor[]> = {
  conv1d_same_even: (x, w, b) => F.conv1d(x, w, b, { padding: 'same' }),
  conv1d_strided_grouped: (x, w, b) => F.conv1d(x, w, b, { stride: 2, padding: 2, dilation: 2, groups: 2 }),
  conv2d_mixed: (x, w, b) =>
    F.conv2d(x, w, b, { stride: [2, 1], padding: [1, 2], dilation: [1, 2], groups: 2 }),
  conv2d_same_dilated: (x, w) => F.conv2d(x, w, null, { padding: 'same', dilation: 2 }),
  conv_transpose2d_mixed: (x, w, b) =>
    F.convTranspose2d(x, w, b, {
      stride: [2, 3],
      padding: [1, 0],
      outputPadding: [1, 2],
      groups: 2,
      dilation: [1, 2],
    }),
  avg_pool1d_ceil: (x) => F.avgPool1d(x, 4, { stride: 3, padding: 2, ceilMode: true }),
  avg_pool2d_ceil_exclude_pad: (x) =>
    F.avgPool2d(x, 3, { stride: 2, padding: 1, ceilMode: true, countIncludePad: false }),
  max_pool1d_mixed: (x) =>
    F.maxPool1dWithIndices(x, 3, { stride: 2, padding: 1, dilation: 2, ceilMode: true }),
  max_pool2d_mixed: (x) =>
    F.maxPool2dWithIndices(x, [3, 2], { stride: [2, 1], padding: [1, 1], dilation: [1, 2], ceilMode: true }),
  adaptive_avg_pool2d: (x) => F.adaptiveAvgPool2d(x, [3, 4]),
  adaptive_avg_pool1d: (x) => F.adaptiveAvgPool1d(x, 3),
  pad_reflect_2d: (x) => F.pad(x, [2, 1, 1, 2], { mode: 'reflect' }),
  pad_replicate_2d: (x) => F.pad(x, [0, 3, 2, 1], { mode: 'replicate' }),
  pad_circular_1d: (x) => F.pad(x, [3, 1], { mode: 'circular' }),
  interpolate_bilinear_scale: (x) =>
    F.interpolate(x, { scaleFactor: 1.7, mode: 'bilinear', alignCorners: false }),
  interpolate_bicubic_align: (x) => F.interpolate(x, { size: [5, 7], mode: 'bicubic', alignCorners: true }),
  interpolate_nearest_recompute: (x) =>
    F.interpolate(x, { scaleFactor: [1.5, 0.7], recomputeScaleFactor: true }),
  interpolate_nearest_exact: (x) => F.interpolate(x, { size: [3, 7], mode: 'nearest-exact' }),
  interpolate_linear_scale: (x) => F.interpolate(x, { scaleFactor: 2.5, mode: 'linear' }),
  batch_norm_train: (x, rm, rv, w, b) => {
    const out = F.batchNorm(x, rm, rv, { weight: w, bias: b, training: true, momentum: 0.3, eps: 1e-3 });
    return [out, rm, rv];
  },
  group_norm: (x, w, b) => F.groupNorm(x, 3, { weight: w, bias: b, eps: 1e-3 }),
  layer_norm: (x, w, b) => F.layerNorm(x, [3, 4], { weight: w, bias: b, eps: 1e-3 }),
  cross_entropy_spatial: (x, t, w) => {
    const opts = { weight: w, ignoreIndex: 3, labelSmoothing: 0.15 };
    return [F.crossEntropy(x, t, { ...opts, reduction: 'none' }), F.crossEntropy(x, t, opts)];
  },
  bce_with_logits_weighted: (x, y, pw, w) =>
    F.binaryCrossEntropyWithLogits(x, y, { weight: w, posWeight: pw, reduction: 'none' }),
  multilabel_soft_margin: (x, y, w) => [
    F.multilabelSoftMarginLoss(x, y, { weight: w, reduction: 'none' }),
    F.multilabelSoftMarginLoss(x, y, { weight: w, reduction: 'sum' }),
  ],
  smooth_l1_huber: (x, y) => [
    F.smoothL1Loss(x, y, { beta: 0.3, reduction: 'none' }),
    F.huberLoss(x, y, { delta: 0.7, reduction: 'none' }),
  ],
  activations: (x) => [
    F.gelu(x, { approximate: 'tanh' }),
    F.leakyRelu(x, 0.3),
    F.logSoftmax(x, 0),
    F.silu(x),
  ],
};

test('every fixture case has a call and every call a fixture case', () => {
  assert.deepEqual(Object.keys(calls).sort(), Object.keys(fixture.cases).sort());
});

for (const [name, { inputs, outputs }] of Object.entries(fixture.cases)) {
  test(`matches PyTorch: ${name}`, () => {
    torch.tidy(() => {
      const xs = inputs.map((e) => torch.tensor(e.data, { shape: e.shape, dtype: e.dtype }));
      const result = calls[name](...xs);
      const got = Array.isArray(result) ? result : [result];
      assert.equal(got.length, outputs.length);
      got.forEach((g, i) => {
        assert.deepEqual(g.shape, outputs[i].shape, `${name} output ${i} shape`);
        assert.equal(g.dtype, outputs[i].dtype, `${name} output ${i} dtype`);
        assertClose(g, outputs[i].data, { atol: 1e-12, rtol: 1e-10 });
      });
    });
  });
}
