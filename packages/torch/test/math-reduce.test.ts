import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '@yardstick/torch';
import { assertClose } from './helpers/assert-close.js';

const x = () =>
  torch.tensor(
    [
      [1, 5, 3],
      [4, 2, 6],
    ],
    { dtype: 'float64' },
  );

test('sum, mean, prod over all, one or several dims, with keepdim', () => {
  assert.equal(x().sum().item(), 21);
  assert.deepEqual(x().sum(0).toArray(), [5, 7, 9]);
  assert.deepEqual(x().sum(1, true).shape, [2, 1]);
  assert.deepEqual(x().sum([0, 1]).item(), 21);
  assert.equal(x().mean().item(), 3.5);
  assert.deepEqual(x().mean(1).toArray(), [3, 4]);
  assert.equal(x().prod().item(), 720);
  assert.deepEqual(x().prod(1).toArray(), [15, 48]);
  const i = torch.tensor([1, 2], { dtype: 'int32' });
  assert.equal(i.sum().dtype, 'int64', 'integer sums accumulate in int64');
  assert.equal(i.sum(null, false, 'float64').dtype, 'float64');
  assert.throws(() => i.mean(), /mean\(\): could not infer output dtype/);
});

test('var and std: unbiased by default, population with correction 0', () => {
  const v = torch.tensor([2, 4, 4, 4, 5, 5, 7, 9], { dtype: 'float64' }); // mean 5, squared deviations sum to 32
  assertClose(v.var(), [32 / 7], { rtol: 1e-15 });
  assertClose(v.var(null, { correction: 0 }), [4], { rtol: 1e-15 });
  assertClose(v.var(null, { unbiased: false }), [4], { rtol: 1e-15 });
  assertClose(v.std(null, { correction: 0 }), [2], { rtol: 1e-15 });
  assertClose(x().var(1), [4, 4], { rtol: 1e-15 });
  assert.deepEqual(x().std(0, { keepdim: true }).shape, [1, 3]);
  assert.throws(() => v.var(null, { correction: 1, unbiased: true }), /either correction or unbiased/);
});

test('max/min with and without indices, amax, argmax, median, topk, sort', () => {
  assert.equal(x().max().item(), 6);
  assert.equal(x().min().item(), 1);
  const { values, indices } = x().max(1);
  assert.deepEqual([values.toArray(), indices.toArray(), indices.dtype], [[5, 6], [1, 2], 'int64']);
  assert.deepEqual(x().min(0, true).values.tolist(), [[1, 2, 3]]);
  assert.deepEqual(x().amax([0, 1]).item(), 6);
  assert.deepEqual(x().amin(1).toArray(), [1, 2]);
  assert.equal(x().argmax().item(), 5, 'index into the flattened tensor');
  assert.deepEqual(x().argmin(1).toArray(), [0, 1]);
  assert.equal(torch.tensor([4, 1, 3, 2]).median().item(), 2, 'the lower of the two middle values');
  const top = x().topk(2, 1);
  assert.deepEqual(
    [top.values.tolist(), top.indices.tolist()],
    [
      [
        [5, 3],
        [6, 4],
      ],
      [
        [1, 2],
        [2, 0],
      ],
    ],
  );
  const s = torch.tensor([3, 1, 2]).sort(0, true);
  assert.deepEqual(
    [s.values.toArray(), s.indices.toArray()],
    [
      [3, 2, 1],
      [0, 2, 1],
    ],
  );
  assert.deepEqual(torch.tensor([3, 1, 2]).argsort().toArray(), [1, 2, 0]);
  assert.throws(
    () => torch.zeros([0]).max(),
    /max\(\): Expected reduction dim to be specified for input.numel\(\) == 0/,
  );
});

test('cumsum, cumprod, logsumexp, norm, all, any', () => {
  assert.deepEqual(x().cumsum(1).tolist(), [
    [1, 6, 9],
    [4, 6, 12],
  ]);
  assert.deepEqual(x().cumprod(0).tolist(), [
    [1, 5, 3],
    [4, 10, 18],
  ]);
  const big = torch.tensor([1000, 1000], { dtype: 'float64' });
  assertClose(big.logsumexp(0), [1000 + Math.LN2], { rtol: 1e-15 });
  assertClose(
    x().logsumexp(1),
    [Math.log(Math.exp(1) + Math.exp(5) + Math.exp(3)), Math.log(Math.exp(4) + Math.exp(2) + Math.exp(6))],
    { rtol: 1e-14 },
  );
  assertClose(torch.tensor([3, 4], { dtype: 'float64' }).norm(), [5]);
  assertClose(torch.tensor([3, -4], { dtype: 'float64' }).norm(1), [7]);
  assertClose(x().norm(Infinity, 1), [5, 6]);
  const b = torch.tensor([
    [true, false],
    [true, true],
  ]);
  assert.deepEqual([b.all().item(), b.any().item()], [false, true]);
  assert.deepEqual(b.all(1).toArray(), [0, 1]);
  assert.deepEqual(b.any(0).toArray(), [1, 1]);
});

test('comparisons and logical ops return bool tensors; closeness', () => {
  const a = torch.tensor([1, 2, 3]);
  const c = a.ge(2);
  assert.equal(c.dtype, 'bool');
  assert.deepEqual(c.toArray(), [0, 1, 1]);
  assert.deepEqual(a.eq(torch.tensor([1, 0, 3])).toArray(), [1, 0, 1]);
  assert.deepEqual(a.ne(2).toArray(), [1, 0, 1]);
  assert.deepEqual(a.lt(2).toArray(), [1, 0, 0]);
  assert.deepEqual(a.le(2).toArray(), [1, 1, 0]);
  assert.deepEqual(
    a.gt(torch.tensor([[0], [5]])).tolist(),
    [
      [1, 1, 1],
      [0, 0, 0],
    ],
    'comparisons broadcast',
  );
  assert.deepEqual(c.logicalAnd(a.lt(3)).toArray(), [0, 1, 0]);
  assert.deepEqual(c.logicalOr(a.eq(1)).toArray(), [1, 1, 1]);
  assert.deepEqual(c.logicalXor(true).toArray(), [1, 0, 0]);
  assert.deepEqual(c.logicalNot().toArray(), [1, 0, 0]);
  const odd = torch.tensor([NaN, Infinity, -Infinity, 0], { dtype: 'float64' });
  assert.deepEqual(
    [odd.isnan().toArray(), odd.isinf().toArray(), odd.isfinite().toArray()],
    [
      [1, 0, 0, 0],
      [0, 1, 1, 0],
      [0, 0, 0, 1],
    ],
  );
  const p = torch.tensor([1, 2], { dtype: 'float64' });
  assert.equal(torch.allclose(p, p.add(1e-9)), true);
  assert.equal(torch.allclose(p, p.add(1e-3)), false);
  assert.equal(torch.allclose(p, p.add(1e-3), { atol: 1e-2 }), true);
  assert.deepEqual(torch.isclose(p, torch.tensor([1, 3], { dtype: 'float64' })).toArray(), [1, 0]);
  assert.equal(torch.equal(p, p.clone()), true);
  assert.equal(torch.equal(p, p.unsqueeze(0)), false);
});
