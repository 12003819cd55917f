import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '@yardstick/torch';

test('every supported dtype round-trips through creation and conversion', () => {
  const cases: [torch.DType, unknown][] = [
    ['float32', Float32Array],
    ['float64', Float64Array],
    ['int64', BigInt64Array],
    ['int32', Int32Array],
    ['uint8', Uint8Array],
    ['bool', Uint8Array],
  ];
  for (const [dtype, ArrayType] of cases) {
    const t = torch.tensor(
      [
        [1, 0],
        [1, 1],
      ],
      { dtype },
    );
    assert.equal(t.dtype, dtype);
    assert.ok(t.dataSync() instanceof (ArrayType as typeof Float32Array), dtype);
    assert.deepEqual(t.toArray(), [1, 0, 1, 1], dtype);
    assert.equal(torch.zeros([2], { dtype }).dtype, dtype);
    assert.equal(torch.ones([2], { dtype }).to('float64').dtype, 'float64');
  }
  assert.deepEqual(torch.tensor([true, false]).toArray(), [1, 0]);
});

test('from typed arrays keeps the element type unless a dtype converts it', () => {
  const x = torch.from(new Float64Array([1.5, 2.5, 3.5, 4.5, 5.5, 6.5]), { shape: [2, 3] });
  assert.deepEqual([x.dtype, x.shape], ['float64', [2, 3]]);
  assert.deepEqual(torch.from(new BigInt64Array([1n, 2n])).dtype, 'int64');
  const f = torch.from(new Float64Array([1.5, -2.5]), { dtype: 'int32' });
  assert.deepEqual([f.dtype, f.toArray()], ['int32', [1, -2]]);
  assert.throws(
    () => torch.from(new Float64Array(5), { shape: [2, 3] }),
    /shape implies 6 elements but the data has 5/,
  );
});

test('zeros, ones, full, empty, eye', () => {
  assert.deepEqual(torch.zeros([2, 2]).tolist(), [
    [0, 0],
    [0, 0],
  ]);
  assert.deepEqual(torch.ones([3], { dtype: 'float64' }).toArray(), [1, 1, 1]);
  const f = torch.full([2], 2.5);
  assert.deepEqual([f.dtype, f.toArray()], ['float32', [2.5, 2.5]]);
  assert.equal(torch.full([1], true).dtype, 'bool');
  assert.deepEqual(torch.full([2], 7, { dtype: 'int64' }).toArray(), [7, 7]);
  assert.deepEqual(torch.empty([3, 4]).shape, [3, 4]);
  assert.deepEqual(torch.eye(2).tolist(), [
    [1, 0],
    [0, 1],
  ]);
  assert.deepEqual(torch.eye(2, 3).tolist(), [
    [1, 0, 0],
    [0, 1, 0],
  ]);
  assert.throws(() => torch.zeros([2, -1]), /Trying to create tensor with negative dimension -1/);
});

test('arange and linspace follow PyTorch', () => {
  const r = torch.arange(5);
  assert.deepEqual([r.dtype, r.toArray()], ['int64', [0, 1, 2, 3, 4]]);
  assert.deepEqual(torch.arange(2, 11, 3).toArray(), [2, 5, 8]);
  const fr = torch.arange(0, 1, 0.25);
  assert.deepEqual([fr.dtype, fr.toArray()], ['float32', [0, 0.25, 0.5, 0.75]]);
  assert.equal(torch.arange(3, { dtype: 'float64' }).dtype, 'float64');
  assert.deepEqual(torch.arange(3, 0, -1).toArray(), [3, 2, 1]);
  assert.deepEqual(torch.linspace(0, 1, 5, { dtype: 'float64' }).toArray(), [0, 0.25, 0.5, 0.75, 1]);
  assert.throws(() => torch.arange(0, 5, 0), /step must be nonzero/);
});

test('random factories: ranges, shapes, dtypes, and seeding', () => {
  torch.manualSeed(7);
  const u = torch.rand([1000], { dtype: 'float64' });
  assert.ok(u.min().item() >= 0 && u.max().item() < 1);
  assert.ok(Math.abs(u.mean().item() - 0.5) < 0.05);
  const n = torch.randn([4000], { dtype: 'float64' });
  assert.ok(Math.abs(n.mean().item()) < 0.1 && Math.abs(n.std().item() - 1) < 0.1);
  const ri = torch.randint(3, 6, [500]);
  assert.equal(ri.dtype, 'int64');
  assert.deepEqual([ri.min().item(), ri.max().item()], [3, 5]);
  assert.deepEqual(torch.randint(2, [3, 2]).shape, [3, 2]);
  const p = torch.randperm(10);
  assert.deepEqual(p.sort().values.toArray(), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  torch.manualSeed(11);
  const a = torch.randn([5]).toArray();
  torch.manualSeed(11);
  assert.deepEqual(torch.randn([5]).toArray(), a);
  assert.throws(
    () => torch.randint(5, 5, [2]),
    /random_ expects 'from' to be less than 'to', but got from=5 >= to=5/,
  );
});

test('*Like factories copy shape, dtype and device unless overridden', () => {
  const x = torch.ones([2, 3], { dtype: 'float64' });
  const z = torch.zerosLike(x);
  assert.deepEqual([z.shape, z.dtype, z.device, z.sum().item()], [[2, 3], 'float64', 'cpu', 0]);
  assert.equal(torch.onesLike(x, { dtype: 'int32' }).dtype, 'int32');
  assert.deepEqual(torch.fullLike(x, 4).toArray(), [4, 4, 4, 4, 4, 4]);
  assert.deepEqual(torch.randLike(x).shape, [2, 3]);
  assert.deepEqual(torch.randnLike(x).dtype, 'float64');
  assert.deepEqual(torch.emptyLike(x).shape, [2, 3]);
});

test('requiresGrad option and the cuda device error', () => {
  const w = torch.zeros([2], { requiresGrad: true });
  assert.equal(w.requiresGrad, true);
  if (!torch.cuda.isAvailable()) {
    assert.throws(
      () => torch.zeros([2], { device: 'cuda' }),
      /device 'cuda' requested but this libtorch build has no usable CUDA/,
    );
    assert.throws(() => torch.tensor([1], { device: 'cuda' }), /no usable CUDA/);
  }
  assert.throws(() => torch.zeros([2], { device: 'tpu' as torch.Device }), /unknown device 'tpu'/);
  assert.throws(() => torch.zeros([2], { dtype: 'complex' as torch.DType }), /unknown dtype 'complex'/);
});
