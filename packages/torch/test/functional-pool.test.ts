import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '@yardstick/torch';
import { F } from '@yardstick/torch';
import { assertClose } from './helpers/assert-close.js';
import { checkGradients, seededInput as input } from './helpers/finite-difference.js';

const t = (data: number[], shape: number[]) => torch.tensor(data, { shape, dtype: 'float64' });
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const seq = t(range(6), [1, 1, 6]);
const grid = t(range(16), [1, 1, 4, 4]);

test('avg_pool1d: kernel, stride, padding with and without counting it, ceil mode', () => {
  assertClose(F.avgPool1d(seq, 2), [1.5, 3.5, 5.5]);
  assertClose(F.avgPool1d(seq, 3, { stride: 1 }), [2, 3, 4, 5]);
  assertClose(F.avgPool1d(seq, 2, { padding: 1 }), [0.5, 2.5, 4.5, 3]);
  assertClose(F.avgPool1d(seq, 2, { padding: 1, countIncludePad: false }), [1, 2.5, 4.5, 6]);
  // a last window hanging off the end averages only the elements it covers
  assertClose(F.avgPool1d(t(range(5), [1, 1, 5]), 2, { ceilMode: true }), [1.5, 3.5, 5]);
  assertClose(F.avgPool1d(t(range(5), [1, 1, 5]), 2), [1.5, 3.5]);
});

test('avg_pool2d averages 2x2 blocks; divisorOverride replaces the count', () => {
  assertClose(F.avgPool2d(grid, 2), [3.5, 5.5, 11.5, 13.5]);
  assertClose(F.avgPool2d(grid, 2, { divisorOverride: 1 }), [14, 22, 46, 54]);
  assertClose(F.avgPool2d(grid, [1, 4]), [2.5, 6.5, 10.5, 14.5]);
  assertClose(F.avgPool2d(grid, 3, { stride: 1 }), [6, 7, 10, 11]);
});

test('max_pool1d with stride, dilation and padding, and its indices', () => {
  const x = t([1, 3, 2, 5, 4], [1, 1, 5]);
  assertClose(F.maxPool1d(x, 2, { stride: 1 }), [3, 3, 5, 5]);
  assertClose(F.maxPool1d(x, 2, { stride: 1, dilation: 2 }), [2, 5, 4]);
  assertClose(F.maxPool1d(x, 3, { stride: 2, padding: 1 }), [3, 5, 5]);
  const [values, indices] = F.maxPool1dWithIndices(x, 2, { stride: 1 });
  assertClose(values, [3, 3, 5, 5]);
  assert.equal(indices.dtype, 'int64');
  assert.deepEqual(indices.toArray(), [1, 1, 3, 3]);
});

test('max_pool2d picks each block maximum; indices are flat positions in the plane', () => {
  const x = t([1, 5, 2, 0, 3, 4, 8, 1, 0, 0, 1, 2, 9, 1, 3, 7], [1, 1, 4, 4]);
  assertClose(F.maxPool2d(x, 2), [5, 8, 9, 7]);
  const [values, indices] = F.maxPool2dWithIndices(x, 2);
  assertClose(values, [5, 8, 9, 7]);
  assert.deepEqual(indices.toArray(), [1, 6, 12, 15]);
  assertClose(F.maxPool2d(x, 3, { stride: 1 }), [8, 8, 9, 8]);
  assert.deepEqual(F.maxPool2d(x, 3, { stride: 2, ceilMode: true }).shape, [1, 1, 2, 2]);
  assert.throws(
    () => F.maxPool2d(x, 2, { padding: 2 }),
    /pad should be at most half of( effective)? kernel size/,
  );
});

test("adaptive_avg_pool averages over PyTorch's overlapping bins", () => {
  assertClose(F.adaptiveAvgPool1d(seq, 3), [1.5, 3.5, 5.5]);
  // bins [floor(6i/4), ceil(6(i+1)/4)): [0,2) [1,3) [3,5) [4,6)
  assertClose(F.adaptiveAvgPool1d(seq, 4), [1.5, 2.5, 4.5, 5.5]);
  assertClose(F.adaptiveAvgPool2d(grid, 1), [8.5]);
  assertClose(F.adaptiveAvgPool2d(grid, [2, 1]), [4.5, 12.5]);
  const keepRows = F.adaptiveAvgPool2d(grid, [null, 2]);
  assert.deepEqual(keepRows.shape, [1, 1, 4, 2]);
  assertClose(keepRows, [1.5, 3.5, 5.5, 7.5, 9.5, 11.5, 13.5, 15.5]);
});

test('pad: constant, reflect, replicate, circular, several dimensions, cropping', () => {
  const x = t([1, 2, 3, 4], [1, 1, 4]);
  assertClose(F.pad(x, [1, 2], { value: 9 }), [9, 1, 2, 3, 4, 9, 9]);
  assertClose(F.pad(x, [2, 1], { mode: 'reflect' }), [3, 2, 1, 2, 3, 4, 3]);
  assertClose(F.pad(x, [2, 1], { mode: 'replicate' }), [1, 1, 1, 2, 3, 4, 4]);
  assertClose(F.pad(x, [1, 1], { mode: 'circular' }), [4, 1, 2, 3, 4, 1]);
  assertClose(F.pad(x, [-1, 0]), [2, 3, 4]);
  const square = F.pad(t([1, 2, 3, 4], [1, 1, 2, 2]), [1, 0, 0, 1]);
  assert.deepEqual(square.shape, [1, 1, 3, 3]);
  assertClose(square, [0, 1, 2, 0, 3, 4, 0, 0, 0]);
  assert.throws(
    () => F.pad(x, [4, 4], { mode: 'reflect' }),
    /Padding size should be less than the corresponding input dimension/,
  );
});

/** Independent 1-D linear resampling, PyTorch's coordinate conventions. */
function linearResample(values: number[], outSize: number, alignCorners: boolean): number[] {
  const n = values.length;
  return Array.from({ length: outSize }, (_, j) => {
    const src = alignCorners
      ? outSize > 1
        ? (j * (n - 1)) / (outSize - 1)
        : 0
      : Math.max(((j + 0.5) * n) / outSize - 0.5, 0);
    const i0 = Math.min(Math.floor(src), n - 1);
    const i1 = Math.min(i0 + 1, n - 1);
    const w = src - i0;
    return values[i0] * (1 - w) + values[i1] * w;
  });
}

test('interpolate nearest and nearest-exact by size and scale factor', () => {
  const x = t([1, 2, 3], [1, 1, 3]);
  assertClose(F.interpolate(x, { scaleFactor: 2 }), [1, 1, 2, 2, 3, 3]);
  assertClose(F.interpolate(x, { size: 5 }), [1, 1, 2, 2, 3]);
  assertClose(F.interpolate(x, { size: 5, mode: 'nearest-exact' }), [1, 1, 2, 3, 3]);
  const up = F.interpolate(t([1, 2, 3, 4], [1, 1, 2, 2]), { scaleFactor: [1, 2] });
  assert.deepEqual(up.shape, [1, 1, 2, 4]);
  assertClose(up, [1, 1, 2, 2, 3, 3, 4, 4]);
});

test('interpolate bilinear is separable linear resampling, with and without align_corners', () => {
  const x = t([0, 1, 2, 3], [1, 1, 2, 2]);
  for (const alignCorners of [true, false]) {
    const [ry, rx] = [linearResample([0, 2], 3, alignCorners), linearResample([0, 1], 5, alignCorners)];
    const y = F.interpolate(x, { size: [3, 5], mode: 'bilinear', alignCorners });
    assertClose(
      y,
      ry.flatMap((a) => rx.map((b) => a + b)),
      { atol: 1e-12 },
    );
  }
  assertClose(
    F.interpolate(t([0, 4, 8], [1, 1, 3]), { scaleFactor: 2, mode: 'linear' }),
    linearResample([0, 4, 8], 6, false),
  );
  assertClose(
    F.interpolate(x, { size: [3, 3], mode: 'bilinear', alignCorners: true }),
    [0, 0.5, 1, 1, 1.5, 2, 2, 2.5, 3],
  );
});

test('interpolate rejects ambiguous or mismatched arguments', () => {
  const x = t([1, 2, 3], [1, 1, 3]);
  assert.throws(() => F.interpolate(x, { size: 4, scaleFactor: 2 }), /exactly one of size or scaleFactor/);
  assert.throws(() => F.interpolate(x, {}), /exactly one of size or scaleFactor/);
  assert.throws(
    () => F.interpolate(x, { size: 4, alignCorners: true }),
    /alignCorners can only be set with the interpolating modes/,
  );
  assert.throws(
    () => F.interpolate(x, { size: 4, mode: 'bilinear' }),
    /mode 'bilinear' expects a 4-D input, got 3-D/,
  );
  assert.throws(
    () => F.interpolate(x, { size: [4, 4] }),
    /size has 2 entries but the input has 1 spatial dimensions/,
  );
});

test('max pooling gradients match finite differences', () => {
  checkGradients((x) => F.maxPool2d(x, 3, { stride: 2, padding: 1 }), [input(1, [1, 2, 5, 5])]);
  checkGradients((x) => F.maxPool1d(x, 2, { stride: 1, dilation: 2 }), [input(2, [2, 1, 6])]);
});

test('average pooling gradients match finite differences', () => {
  checkGradients(
    (x) => F.avgPool2d(x, 2, { stride: 2, padding: 1, countIncludePad: false, ceilMode: true }),
    [input(3, [1, 2, 5, 5])],
  );
  checkGradients((x) => F.avgPool1d(x, 3, { stride: 2, padding: 1 }), [input(4, [2, 1, 7])]);
  checkGradients((x) => F.adaptiveAvgPool2d(x, [2, 3]), [input(5, [1, 1, 5, 4])]);
  checkGradients((x) => F.adaptiveAvgPool1d(x, 4), [input(6, [1, 2, 6])]);
});

test('pad and interpolate gradients match finite differences', () => {
  checkGradients((x) => F.pad(x, [2, 1, 1, 1], { mode: 'reflect' }), [input(7, [1, 1, 3, 4])]);
  checkGradients(
    (x) => F.interpolate(x, { size: [4, 5], mode: 'bilinear', alignCorners: false }),
    [input(8, [1, 1, 3, 3])],
  );
});
