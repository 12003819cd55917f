import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '@yardstick/torch';
import { F } from '@yardstick/torch';
import { assertClose } from './helpers/assert-close.js';
import { checkGradients, seededInput as input, seededUniform } from './helpers/finite-difference.js';

const t = (data: number[], shape: number[], dtype: torch.DType = 'float64') =>
  torch.tensor(data, { shape, dtype });
const signal = t([1, 2, 4, 8, 16], [1, 1, 5]);

test('conv1d cross-correlates with a known kernel and adds the bias', () => {
  const x = t([1, 2, 3, 4, 5], [1, 1, 5]);
  const y = F.conv1d(x, t([1, 0, -1], [1, 1, 3]), t([0.5], [1]));
  assert.deepEqual(y.shape, [1, 1, 3]);
  assertClose(y, [-1.5, -1.5, -1.5]);
});

test("conv1d 'same' with an even kernel pads one less on the left, like PyTorch", () => {
  // total padding 3 = 1 left + 2 right, so the first tap sees x[i-1] and the last tap x[i+2]
  assertClose(F.conv1d(signal, t([1, 0, 0, 0], [1, 1, 4]), null, { padding: 'same' }), [0, 1, 2, 4, 8]);
  assertClose(F.conv1d(signal, t([0, 0, 0, 1], [1, 1, 4]), null, { padding: 'same' }), [4, 8, 16, 0, 0]);
  // with dilation 2 and kernel 3 the padding is 2 per side: y[i] = x[i-2] - x[i+2]
  assertClose(
    F.conv1d(signal, t([1, 0, -1], [1, 1, 3]), null, { padding: 'same', dilation: 2 }),
    [-4, -8, -15, 2, 4],
  );
  assertClose(F.conv1d(signal, t([1, 1, 1], [1, 1, 3]), null, { padding: 'valid' }), [7, 14, 28]);
});

test('conv1d stride, dilation, numeric padding and groups', () => {
  assertClose(F.conv1d(signal, t([1, -1], [1, 1, 2]), null, { dilation: 2 }), [-3, -6, -12]);
  assertClose(F.conv1d(signal, t([1, 1], [1, 1, 2]), null, { stride: 2 }), [3, 12]);
  assertClose(F.conv1d(t([1, 2, 3], [1, 1, 3]), t([1, 1, 1], [1, 1, 3]), null, { padding: 1 }), [3, 6, 5]);
  // groups = channels: each channel is scaled by its own 1-tap kernel
  const grouped = F.conv1d(t([1, 2, 3, 4], [1, 2, 2]), t([2, 10], [2, 1, 1]), null, { groups: 2 });
  assertClose(grouped, [2, 4, 30, 40]);
});

test('conv2d of a hand-computed 3x3 by 2x2 case, and same padding keeps the size', () => {
  const x = t([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 1, 3, 3]);
  const y = F.conv2d(x, t([1, 2, 3, 4], [1, 1, 2, 2]));
  assert.deepEqual(y.shape, [1, 1, 2, 2]);
  assertClose(y, [37, 47, 67, 77]);
  const same = F.conv2d(x, t([0, 0, 0, 0, 1, 0, 0, 0, 0], [1, 1, 3, 3]), null, { padding: 'same' });
  assertClose(same, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
  const strided = F.conv2d(x, t([1], [1, 1, 1, 1]), null, { stride: 2, padding: [0, 1] });
  assertClose(strided, [0, 2, 0, 0, 8, 0]);
});

test('conv_transpose2d spreads each input over the kernel footprint', () => {
  const x = t([1, 2, 3, 4], [1, 1, 2, 2]);
  const ones = t([1, 1, 1, 1], [1, 1, 2, 2]);
  assertClose(F.convTranspose2d(x, ones), [1, 3, 2, 4, 10, 6, 3, 7, 4]);
  assertClose(
    F.convTranspose2d(x, ones, null, { stride: 2 }),
    [1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4],
  );
  assertClose(F.convTranspose2d(x, ones, null, { stride: 2, padding: 1 }), [1, 2, 3, 4]);
  const padded = F.convTranspose2d(x, ones, null, { stride: 2, outputPadding: 1 });
  assert.deepEqual(padded.shape, [1, 1, 5, 5]);
  assertClose(padded, [1, 1, 2, 2, 0, 1, 1, 2, 2, 0, 3, 3, 4, 4, 0, 3, 3, 4, 4, 0, 0, 0, 0, 0, 0]);
});

test('conv_transpose2d is the adjoint of conv2d: <conv(x), y> = <x, convT(y)>', () => {
  const opts = { stride: 2, padding: 1, dilation: 2 };
  const x = t(seededUniform(1, 2 * 7 * 7), [1, 2, 7, 7]);
  const w = t(seededUniform(2, 3 * 2 * 3 * 3), [3, 2, 3, 3]);
  const cx = F.conv2d(x, w, null, opts);
  const y = t(seededUniform(3, cx.numel()), cx.shape);
  const ty = F.convTranspose2d(y, w, null, { ...opts, outputPadding: 0 });
  assert.deepEqual(ty.shape, x.shape);
  const dot = (a: torch.Tensor, b: torch.Tensor) =>
    a.toArray().reduce((s, v, i) => s + v * b.toArray()[i], 0);
  assertClose([dot(cx, y)], [dot(x, ty)], { atol: 1e-12, rtol: 1e-12 });
});

test('linear computes x W^T + b', () => {
  const y = F.linear(t([1, 2], [1, 2]), t([1, 0, 0, 1, 1, 1], [3, 2]), t([0, 0, 1], [3]));
  assert.deepEqual(y.shape, [1, 3]);
  assertClose(y, [1, 2, 4]);
  assertClose(F.linear(t([1, 2], [1, 2]), t([3, 4], [1, 2])), [11]);
});

test('bad shapes and mixed dtypes raise libtorch messages', () => {
  assert.throws(
    () => F.conv1d(signal, t([1, 1, 1], [1, 1, 3], 'float32')),
    /expected scalar type Double but found Float/,
  );
  assert.throws(
    () => F.conv1d(signal, t([1, 1, 1, 1, 1, 1], [1, 2, 3])),
    /expected input\[1, 1, 5\] to have 2 channels, but got 1 channels/,
  );
  assert.throws(
    () => F.conv1d(signal, t([1, 1], [1, 1, 2]), null, { padding: 'same', stride: 2 }),
    /padding='same' is not supported for strided convolutions/,
  );
  assert.throws(
    () => F.conv1d(signal, t([1, 1], [1, 1, 2]), null, { padding: 'full' as 'same' }),
    /Invalid padding string: 'full'/,
  );
  assert.throws(
    () => F.linear(t([1, 2], [1, 2]), t([1, 2, 3], [1, 3])),
    /shapes cannot be multiplied \(1x2 and 3x1\)/,
  );
  assert.throws(
    () => F.conv2d(t([1, 2], [1, 2]), t([1], [1, 1, 1, 1])),
    /Expected 3D \(unbatched\) or 4D \(batched\) input to conv2d/,
  );
});

test('conv1d gradients match finite differences', () => {
  const args = [input(1, [2, 2, 7]), input(2, [3, 2, 3]), input(3, [3])];
  checkGradients((x, w, b) => F.conv1d(x, w, b, { padding: 'same', dilation: 2 }), args);
  checkGradients((x, w, b) => F.conv1d(x, w, b, { stride: 2, padding: 1 }), args);
  checkGradients((x, w) => F.conv1d(x, w, null, { groups: 2 }), [input(4, [1, 2, 5]), input(5, [4, 1, 2])]);
});

test('conv2d gradients with dilation and stride match finite differences', () => {
  const args = [input(6, [1, 2, 6, 6]), input(7, [2, 2, 3, 3]), input(8, [2])];
  checkGradients((x, w, b) => F.conv2d(x, w, b, { stride: 2, dilation: 2, padding: 1 }), args);
  checkGradients(
    (x, w) => F.conv2d(x, w, null, { stride: [1, 2], groups: 2 }),
    [input(9, [1, 2, 4, 5]), input(10, [2, 1, 2, 2])],
  );
});

test('conv_transpose2d gradients match finite differences', () => {
  const args = [input(11, [1, 2, 3, 3]), input(12, [2, 2, 2, 3]), input(13, [2])];
  checkGradients((x, w, b) => F.convTranspose2d(x, w, b, { stride: 2, padding: 1, outputPadding: 1 }), args);
  checkGradients(
    (x, w) => F.convTranspose2d(x, w, null, { dilation: 2, groups: 2 }),
    [input(14, [1, 2, 3, 3]), input(15, [2, 1, 2, 2])],
  );
});

test('linear gradients match finite differences', () => {
  checkGradients((x, w, b) => F.linear(x, w, b), [input(16, [3, 4]), input(17, [2, 4]), input(18, [2])]);
});
