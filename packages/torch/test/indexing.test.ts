import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '@yardstick/torch';

const grid = () => torch.arange(12).reshape(3, 4); // [[0..3],[4..7],[8..11]]
const idx = (v: number[]) => torch.tensor(v, { dtype: 'int64' });

test('index with numbers, slice strings, Slice objects, null, ellipsis', () => {
  const x = grid();
  assert.equal(x.index(1, 2).item(), 6);
  assert.equal(x.index(-1, -1).item(), 11);
  assert.deepEqual(x.index(':', 1).toArray(), [1, 5, 9]);
  assert.deepEqual(x.index('1:', '::2').tolist(), [
    [4, 6],
    [8, 10],
  ]);
  assert.deepEqual(x.index(0, '-2:').toArray(), [2, 3]);
  assert.deepEqual(x.index(0, { start: 1, end: 4, step: 2 }).toArray(), [1, 3]);
  assert.throws(
    () => x.index(0, '::-1'),
    /step must be greater than zero/,
    'as in PyTorch, use flip() to reverse',
  );
  assert.deepEqual(x.index(null).shape, [1, 3, 4]);
  assert.deepEqual(x.index('...', null).shape, [3, 4, 1]);
  assert.deepEqual(x.index('...', 0).toArray(), [0, 4, 8]);
  assert.throws(() => x.index(3), /index 3 is out of bounds for dimension 0 with size 3/);
  assert.throws(() => x.index('1:a'), /slice '1:a' has a non-integer bound 'a'/);
  assert.throws(() => x.index(0, 0, 0), /too many indices for tensor of dimension 2/);
});

test('basic indexing gives views, advanced indexing gives copies', () => {
  const x = grid();
  x.index(0).fill_(-1);
  assert.deepEqual(x.index(0).toArray(), [-1, -1, -1, -1]);
  x.index(idx([1])).fill_(-2);
  assert.deepEqual(x.index(1).toArray(), [4, 5, 6, 7]);
});

test('tensor and boolean-mask indices', () => {
  const x = grid();
  assert.deepEqual(x.index(idx([2, 0])).tolist(), [
    [8, 9, 10, 11],
    [0, 1, 2, 3],
  ]);
  assert.deepEqual(
    x.index(idx([0, 2]), idx([1, 3])).toArray(),
    [1, 11],
    'paired index tensors pick elements',
  );
  assert.deepEqual(x.index(x.gt(8)).toArray(), [9, 10, 11]);
  assert.deepEqual(x.index(':', torch.tensor([true, false, false, true])).tolist(), [
    [0, 3],
    [4, 7],
    [8, 11],
  ]);
});

test('indexPut_ writes numbers and broadcast tensors', () => {
  const x = torch.zeros([2, 3], { dtype: 'float64' });
  x.indexPut_([0, '1:'], 5);
  x.indexPut_([1], torch.tensor([1, 2, 3], { dtype: 'float64' }));
  assert.deepEqual(x.tolist(), [
    [0, 5, 5],
    [1, 2, 3],
  ]);
  x.indexPut_([x.gt(2)], -1);
  assert.deepEqual(x.tolist(), [
    [0, -1, -1],
    [1, 2, -1],
  ]);
  assert.throws(
    () => x.indexPut_([0], torch.ones([2], { dtype: 'float64' })),
    /The expanded size of the tensor \(3\) must match the existing size \(2\)/,
  );
});

test('indexSelect, gather, scatter, scatterAdd, indexAdd', () => {
  const x = grid();
  assert.deepEqual(x.indexSelect(1, idx([3, 0])).tolist(), [
    [3, 0],
    [7, 4],
    [11, 8],
  ]);
  // gather along dim 1: out[i][j] = x[i][index[i][j]]
  assert.deepEqual(x.gather(1, idx([0, 3, 1, 1, 2, 0]).reshape(3, 2)).tolist(), [
    [0, 3],
    [5, 5],
    [10, 8],
  ]);
  // scatter along dim 1: out[i][index[i][j]] = src[i][j]
  const z = torch.zeros([2, 3], { dtype: 'float64' });
  const src = torch.tensor(
    [
      [1, 2],
      [3, 4],
    ],
    { dtype: 'float64' },
  );
  assert.deepEqual(z.scatter(1, idx([2, 0, 1, 1]).reshape(2, 2), src).tolist(), [
    [2, 0, 1],
    [0, 4, 0],
  ]);
  assert.deepEqual(z.scatter(1, idx([0, 2]).reshape(2, 1), 9).tolist(), [
    [9, 0, 0],
    [0, 0, 9],
  ]);
  assert.deepEqual(z.scatterAdd(1, idx([1, 1, 0, 0]).reshape(2, 2), src).tolist(), [
    [0, 3, 0],
    [7, 0, 0],
  ]);
  assert.deepEqual(
    torch
      .zeros([3])
      .indexAdd(0, idx([0, 0, 2]), torch.tensor([1, 2, 3]))
      .toArray(),
    [3, 0, 3],
  );
  z.scatter_(0, idx([1, 0, 1]).reshape(1, 3), 1);
  assert.deepEqual(z.tolist(), [
    [0, 1, 0],
    [1, 0, 1],
  ]);
  assert.throws(
    () => x.gather(1, torch.tensor([[0]], { dtype: 'int32' })),
    /gather\(\): Expected dtype int64 for index/,
  );
  assert.throws(
    () => x.indexSelect(0, idx([5])),
    /out of range|INDICES element is out of DATA bounds|index out of range/i,
  );
});

test('maskedFill, maskedSelect, where, nonzero', () => {
  const x = torch.tensor(
    [
      [1, -2],
      [-3, 4],
    ],
    { dtype: 'float64' },
  );
  const neg = x.lt(0);
  assert.deepEqual(x.maskedFill(neg, 0).tolist(), [
    [1, 0],
    [0, 4],
  ]);
  assert.deepEqual(x.maskedSelect(neg).toArray(), [-2, -3]);
  assert.deepEqual(torch.where(neg, x.neg(), x).tolist(), [
    [1, 2],
    [3, 4],
  ]);
  assert.deepEqual(torch.where(neg, 0, x).tolist(), [
    [1, 0],
    [0, 4],
  ]);
  assert.deepEqual(x.where(neg, -9).tolist(), [
    [-9, -2],
    [-3, -9],
  ]);
  assert.deepEqual(neg.nonzero().tolist(), [
    [0, 1],
    [1, 0],
  ]);
  const y = x.clone().maskedFill_(torch.tensor([true, false]), 7);
  assert.deepEqual(
    y.tolist(),
    [
      [7, -2],
      [7, 4],
    ],
    'the mask broadcasts',
  );
  assert.throws(
    () => x.maskedFill(torch.tensor([true, false, true]), 0),
    /The size of tensor a \(3\) must match the size of tensor b \(2\)/,
  );
});
