import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '@yardstick/torch';

const grid = () => torch.arange(6, { dtype: 'float64' }).reshape(2, 3); // [[0,1,2],[3,4,5]]

test('reshape, view and flatten keep row-major order', () => {
  const x = grid();
  assert.deepEqual(x.reshape([3, 2]).tolist(), [
    [0, 1],
    [2, 3],
    [4, 5],
  ]);
  assert.deepEqual(x.view(-1).toArray(), [0, 1, 2, 3, 4, 5]);
  assert.deepEqual(torch.flatten(x.reshape(1, 2, 3), 1).shape, [1, 6]);
  assert.deepEqual(x.unflatten(1, [3, 1]).shape, [2, 3, 1]);
  assert.throws(() => x.reshape(4, 2), /shape '\[4, 2\]' is invalid for input of size 6/);
  assert.throws(() => x.t().view(6), /view size is not compatible with input tensor's size and stride/);
});

test('views share storage with their source', () => {
  const x = grid();
  x.view(6).narrow(0, 1, 2).fill_(-1);
  assert.deepEqual(x.tolist(), [
    [0, -1, -1],
    [3, 4, 5],
  ]);
});

test('transpose, t, T and permute; contiguous copies', () => {
  const x = grid();
  assert.deepEqual(x.t().tolist(), [
    [0, 3],
    [1, 4],
    [2, 5],
  ]);
  assert.deepEqual(x.T.tolist(), [
    [0, 3],
    [1, 4],
    [2, 5],
  ]);
  assert.equal(x.t().isContiguous(), false);
  assert.equal(x.t().contiguous().isContiguous(), true);
  const y = torch.arange(24).reshape(2, 3, 4);
  const p = y.permute(2, 0, 1);
  assert.deepEqual(p.shape, [4, 2, 3]);
  assert.deepEqual(p.stride(), [1, 12, 4]);
  assert.equal(p.index(3, 1, 2).item(), y.index(1, 2, 3).item());
  assert.deepEqual(y.transpose(0, 2).shape, [4, 3, 2]);
  assert.deepEqual(torch.movedim(y, 0, -1).shape, [3, 4, 2]);
  assert.throws(() => y.permute(0, 1), /input.dim\(\) = 3 is not equal to len\(dims\) = 2/);
});

test('squeeze, unsqueeze, expand, broadcastTo, repeat', () => {
  const v = torch.tensor([1, 2, 3]);
  assert.deepEqual(v.unsqueeze(0).shape, [1, 3]);
  assert.deepEqual(v.unsqueeze(-1).shape, [3, 1]);
  assert.deepEqual(v.reshape(1, 3, 1).squeeze().shape, [3]);
  assert.deepEqual(v.reshape(1, 3, 1).squeeze(0).shape, [3, 1]);
  const e = v.unsqueeze(0).expand(2, -1);
  assert.deepEqual(e.tolist(), [
    [1, 2, 3],
    [1, 2, 3],
  ]);
  assert.deepEqual(e.stride(), [0, 1], 'expand is a stride-0 view');
  assert.deepEqual(torch.broadcastTo(v, [2, 3]).tolist(), [
    [1, 2, 3],
    [1, 2, 3],
  ]);
  assert.deepEqual(v.repeat(2).toArray(), [1, 2, 3, 1, 2, 3]);
  assert.deepEqual(v.expandAs(torch.zeros([2, 3])).shape, [2, 3]);
  assert.throws(
    () => v.expand(2, 4),
    /The expanded size of the tensor \(4\) must match the existing size \(3\)/,
  );
});

test('narrow, slice with steps and negative bounds, select', () => {
  const r = torch.arange(10);
  assert.deepEqual(r.narrow(0, 2, 3).toArray(), [2, 3, 4]);
  assert.deepEqual(r.slice(0, 1, 8, 3).toArray(), [1, 4, 7]);
  assert.deepEqual(r.slice(0, -3).toArray(), [7, 8, 9]);
  assert.deepEqual(r.slice(0, null, 100).toArray().length, 10, 'out-of-range end clamps like Python');
  const x = grid();
  assert.deepEqual(x.select(1, -1).toArray(), [2, 5]);
  assert.deepEqual(x.select(0, 1).toArray(), [3, 4, 5]);
  assert.throws(() => x.select(0, 2), /index 2 out of range for tensor of size \[2, 3\] at dimension 0/);
});

test('cat, stack, split, chunk, unbind', () => {
  const a = torch.tensor([[1, 2]]);
  const b = torch.tensor([
    [3, 4],
    [5, 6],
  ]);
  assert.deepEqual(torch.cat([a, b]).tolist(), [
    [1, 2],
    [3, 4],
    [5, 6],
  ]);
  assert.deepEqual(torch.cat([b, b], 1).tolist(), [
    [3, 4, 3, 4],
    [5, 6, 5, 6],
  ]);
  assert.deepEqual(torch.stack([a, a], 2).shape, [1, 2, 2]);
  assert.throws(() => torch.stack([a, b]), /stack expects each tensor to be equal size/);
  assert.throws(
    () => torch.cat([a, torch.zeros([1, 3])]),
    /Sizes of tensors must match except in dimension 0/,
  );
  const r = torch.arange(7);
  assert.deepEqual(
    r.split(3).map((t) => t.toArray()),
    [[0, 1, 2], [3, 4, 5], [6]],
  );
  assert.deepEqual(
    r.split([2, 5]).map((t) => t.toArray()),
    [
      [0, 1],
      [2, 3, 4, 5, 6],
    ],
  );
  assert.deepEqual(
    r.chunk(3).map((t) => t.toArray()),
    [[0, 1, 2], [3, 4, 5], [6]],
  );
  assert.deepEqual(
    grid()
      .unbind(1)
      .map((t) => t.toArray()),
    [
      [0, 3],
      [1, 4],
      [2, 5],
    ],
  );
  assert.throws(() => r.split([2, 2]), /split_with_sizes expects split_sizes to sum exactly to 7/);
});

test('flip and roll', () => {
  const x = grid();
  assert.deepEqual(x.flip(1).tolist(), [
    [2, 1, 0],
    [5, 4, 3],
  ]);
  assert.deepEqual(x.flip([0, 1]).tolist(), [
    [5, 4, 3],
    [2, 1, 0],
  ]);
  assert.deepEqual(x.roll(1, 1).tolist(), [
    [2, 0, 1],
    [5, 3, 4],
  ]);
  assert.deepEqual(x.roll(-1, 0).tolist(), [
    [3, 4, 5],
    [0, 1, 2],
  ]);
  assert.deepEqual(
    x.roll(2).tolist(),
    [
      [4, 5, 0],
      [1, 2, 3],
    ],
    'without dims the flattened tensor rolls',
  );
});

test('tril, triu, diag, diagonal', () => {
  const m = torch.arange(1, 10, { dtype: 'float64' }).reshape(3, 3);
  assert.deepEqual(m.tril().tolist(), [
    [1, 0, 0],
    [4, 5, 0],
    [7, 8, 9],
  ]);
  assert.deepEqual(m.triu(1).tolist(), [
    [0, 2, 3],
    [0, 0, 6],
    [0, 0, 0],
  ]);
  assert.deepEqual(m.diag().toArray(), [1, 5, 9]);
  assert.deepEqual(m.diagonal(-1).toArray(), [4, 8]);
  assert.deepEqual(torch.diag(torch.tensor([1, 2])).tolist(), [
    [1, 0],
    [0, 2],
  ]);
});
