import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '@yardstick/torch';
import { assertClose } from './helpers/assert-close.js';

test('binary ops broadcast a column against a row', () => {
  const col = torch.tensor([[1], [2]], { dtype: 'float64' });
  const row = torch.tensor([10, 20, 30], { dtype: 'float64' });
  const s = col.add(row);
  assert.deepEqual(s.shape, [2, 3]);
  assert.deepEqual(s.tolist(), [
    [11, 21, 31],
    [12, 22, 32],
  ]);
  assert.deepEqual(row.sub(col, 2).tolist(), [
    [8, 18, 28],
    [6, 16, 26],
  ]);
  assert.deepEqual(col.mul(row).tolist(), [
    [10, 20, 30],
    [20, 40, 60],
  ]);
  assert.deepEqual(row.div(col).tolist(), [
    [10, 20, 30],
    [5, 10, 15],
  ]);
  assert.deepEqual(torch.pow(col, 2).tolist(), [[1], [4]]);
  assert.deepEqual(torch.pow(2, col).tolist(), [[2], [4]]);
});

test("incompatible shapes raise libtorch's message", () => {
  const a = torch.zeros([2, 3]);
  const b = torch.zeros([4]);
  assert.throws(() => a.add(b), /The size of tensor a \(3\) must match the size of tensor b \(4\)/);
});

test('numbers promote like Python scalars', () => {
  const i = torch.tensor([1, 2, 3], { dtype: 'int64' });
  assert.equal(i.add(1).dtype, 'int64');
  assert.deepEqual(i.add(1).toArray(), [2, 3, 4]);
  assert.equal(i.mul(0.5).dtype, 'float32');
  assert.deepEqual(i.mul(0.5).toArray(), [0.5, 1, 1.5]);
  assert.equal(i.div(2).dtype, 'float32', 'true division of integers gives floats');
  assert.deepEqual(i.div(2, 'floor').toArray(), [0, 1, 1]);
  const d = torch.tensor([1, 2], { dtype: 'float64' });
  assert.equal(d.mul(3).dtype, 'float64', 'a number never narrows or widens a float tensor');
  assert.equal(
    torch.tensor([1], { dtype: 'float32' }).add(torch.tensor([1], { dtype: 'float64' })).dtype,
    'float64',
  );
});

test('unary math matches closed forms', () => {
  const x = torch.tensor([0.25, 1, 4], { dtype: 'float64' });
  assertClose(x.exp(), [Math.exp(0.25), Math.E, Math.exp(4)], { rtol: 1e-15 });
  assertClose(x.log(), [Math.log(0.25), 0, Math.log(4)], { rtol: 1e-15 });
  assertClose(x.sqrt(), [0.5, 1, 2], { rtol: 1e-15 });
  assertClose(x.rsqrt(), [2, 1, 0.5], { rtol: 1e-15 });
  assertClose(x.neg().abs(), [0.25, 1, 4]);
  assertClose(x.reciprocal(), [4, 1, 0.25]);
  assertClose(x.log1p(), [Math.log1p(0.25), Math.log1p(1), Math.log1p(4)], { rtol: 1e-15 });
  assertClose(x.tanh(), [Math.tanh(0.25), Math.tanh(1), Math.tanh(4)], { rtol: 1e-15 });
  assertClose(
    x.sigmoid(),
    [0.25, 1, 4].map((v) => 1 / (1 + Math.exp(-v))),
    { rtol: 1e-15 },
  );
  const y = torch.tensor([-1.5, -0.5, 0.5, 2.5], { dtype: 'float64' });
  assert.deepEqual(y.floor().toArray(), [-2, -1, 0, 2]);
  assert.deepEqual(y.ceil().toArray(), [-1, -0, 1, 3]);
  assert.deepEqual(y.round().toArray(), [-2, -0, 0, 2], 'round half to even');
  assert.deepEqual(y.sign().toArray(), [-1, -1, 1, 1]);
  assert.deepEqual(y.relu().toArray(), [0, 0, 0.5, 2.5]);
  assert.deepEqual(y.square().toArray(), [2.25, 0.25, 0.25, 6.25]);
  assert.deepEqual(
    torch.remainder(y, 2).toArray(),
    [0.5, 1.5, 0.5, 0.5],
    "remainder takes the divisor's sign",
  );
  assert.deepEqual(torch.fmod(y, 2).toArray(), [-1.5, -0.5, 0.5, 0.5]);
});

test('clamp with number and tensor bounds; maximum and minimum', () => {
  const x = torch.tensor([-2, -1, 0, 1, 2], { dtype: 'float64' });
  assert.deepEqual(x.clamp(-1, 1).toArray(), [-1, -1, 0, 1, 1]);
  assert.deepEqual(x.clamp(0).toArray(), [0, 0, 0, 1, 2]);
  assert.deepEqual(x.clamp(null, 0).toArray(), [-2, -1, 0, 0, 0]);
  const lo = torch.tensor([0, 0, 0, 0, 5], { dtype: 'float64' });
  assert.deepEqual(x.clamp(lo).toArray(), [0, 0, 0, 1, 5]);
  assert.deepEqual(torch.maximum(x, lo).toArray(), [0, 0, 0, 1, 5]);
  assert.deepEqual(torch.minimum(x, 0).toArray(), [-2, -1, 0, 0, 0]);
  assert.throws(() => x.clamp(), /At least one of 'min' or 'max' must not be None/);
});

test('in-place ops modify the tensor and return it (optimiser updates)', () => {
  const p = torch.tensor([1, 2, 3], { dtype: 'float64' });
  const g = torch.tensor([0.5, -1, 2], { dtype: 'float64' });
  assert.equal(p.add_(g, -2), p);
  assert.deepEqual(p.toArray(), [0, 4, -1]);
  p.mul_(2).sub_(1).div_(2);
  assert.deepEqual(p.toArray(), [-0.5, 3.5, -1.5]);
  const m = torch.zeros([3], { dtype: 'float64' });
  m.addcmul_(g, g, 0.5); // m += 0.5 g^2
  assert.deepEqual(m.toArray(), [0.125, 0.5, 2]);
  const q = torch.ones([3], { dtype: 'float64' });
  q.addcdiv_(g, m.sqrt().add_(1), -1); // q -= g / (sqrt(m) + 1)
  assertClose(
    q,
    [1 - 0.5 / (Math.sqrt(0.125) + 1), 1 + 1 / (Math.sqrt(0.5) + 1), 1 - 2 / (Math.sqrt(2) + 1)],
    { rtol: 1e-15 },
  );
  const e = torch.zeros([3], { dtype: 'float64' });
  e.lerp_(g, 0.1); // exponential moving average: e += 0.1 (g - e)
  assertClose(e, [0.05, -0.1, 0.2], { rtol: 1e-15 });
  e.clamp_(-0.05, 0.05);
  assertClose(e, [0.05, -0.05, 0.05]);
  e.sqrt_();
  assert.ok(Number.isNaN(e.toArray()[1]));
  e.fill_(7);
  assert.deepEqual(e.toArray(), [7, 7, 7]);
  e.copy_(torch.tensor([1, 2, 3], { dtype: 'int64' }));
  assert.deepEqual([e.dtype, e.toArray()], ['float64', [1, 2, 3]]);
  e.zero_();
  assert.deepEqual(e.toArray(), [0, 0, 0]);
});

test('in-place ops cannot change the dtype or shape', () => {
  const i = torch.tensor([1, 2], { dtype: 'int64' });
  assert.throws(() => i.mul_(0.5), /result type Float can't be cast to the desired output type Long/);
  const small = torch.zeros([2]);
  assert.throws(() => small.add_(torch.zeros([2, 2])), /doesn't match the broadcast shape/);
});

test('matrix products: matmul, mm, bmm, mv, dot, outer, einsum', () => {
  const a = torch.tensor(
    [
      [1, 2],
      [3, 4],
      [5, 6],
    ],
    { dtype: 'float64' },
  ); // 3x2
  const b = torch.tensor(
    [
      [1, 0, 2],
      [0, 1, 3],
    ],
    { dtype: 'float64' },
  ); // 2x3
  const ab = [
    [1, 2, 8],
    [3, 4, 18],
    [5, 6, 28],
  ];
  assert.deepEqual(a.mm(b).tolist(), ab);
  assert.deepEqual(a.matmul(b).tolist(), ab);
  assert.deepEqual(torch.einsum('ij,jk->ik', a, b).tolist(), ab);
  assert.deepEqual(torch.bmm(torch.stack([a, a]), torch.stack([b, b.mul(2)])).tolist(), [
    ab,
    ab.map((r) => r.map((v) => 2 * v)),
  ]);
  const v = torch.tensor([1, -1], { dtype: 'float64' });
  assert.deepEqual(a.mv(v).toArray(), [-1, -1, -1]);
  assert.deepEqual(a.matmul(v).toArray(), [-1, -1, -1]);
  assert.equal(v.dot(v).item(), 2);
  assert.deepEqual(torch.outer(v, torch.tensor([1, 2, 3], { dtype: 'float64' })).tolist(), [
    [1, 2, 3],
    [-1, -2, -3],
  ]);
  assert.throws(() => a.mm(a), /mat1 and mat2 shapes cannot be multiplied \(3x2 and 3x2\)/);
  assert.throws(() => a.mm(torch.ones([2, 2], { dtype: 'float32' })), /expected .*(Double|Float)/i);
});

test('addmm_ accumulates X^T X over row chunks', () => {
  const x = torch.arange(12, { dtype: 'float64' }).reshape(6, 2);
  const full = x.t().mm(x);
  const acc = torch.zeros([2, 2], { dtype: 'float64' });
  for (const chunk of x.split(4)) acc.addmm_(chunk.t(), chunk);
  assert.deepEqual(acc.tolist(), full.tolist());
  // closed form: sum i^2 over even i < 12 = 220, over odd = 286, cross terms 250
  assert.deepEqual(full.tolist(), [
    [220, 250],
    [250, 286],
  ]);
  assert.deepEqual(
    torch.addmm(torch.ones([2, 2], { dtype: 'float64' }), x.t(), x, { beta: 2, alpha: 0.5 }).tolist(),
    [
      [112, 127],
      [127, 145],
    ],
  );
});

test('gradients flow through elementwise ops, products, indexing and reductions', () => {
  const x = torch.tensor(
    [
      [1, 2],
      [3, 4],
    ],
    { dtype: 'float64', requiresGrad: true },
  );
  const w = torch.tensor([[1], [-1]], { dtype: 'float64' });
  // y = sum((x w)^2) + sum(exp(x[:, 0])): dy/dx = 2 (x w) w^T + [exp(x[i][0]), 0]
  const y = x.matmul(w).pow(2).sum().add(x.index(':', 0).exp().sum());
  y.backward();
  assertClose(x.grad!, [-2 + Math.E, 2, -2 + Math.exp(3), 2], { rtol: 1e-14 });
});
