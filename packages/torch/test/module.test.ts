import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '@yardstick/torch';
import { nn } from '@yardstick/torch';

class Block extends nn.Module {
  conv = new nn.Conv1d(3, 4, 3, { padding: 'same' });
  bn = new nn.BatchNorm1d(4);
  forward(x: torch.Tensor): torch.Tensor {
    return nn.functional.relu(this.bn.forward(this.conv.forward(x)));
  }
}

class Net extends nn.Module {
  block = new Block();
  drop = new nn.Dropout(0.5);
  head = new nn.Linear(4, 2);
  scale = new nn.Parameter(torch.ones([1]));
  forward(x: torch.Tensor): torch.Tensor {
    const h = this.drop.forward(this.block.forward(x)).mean(-1);
    return this.head.forward(h).mul(this.scale);
  }
}

test('parameters, buffers and children are discovered with dotted names in definition order', () => {
  const net = new Net();
  assert.deepEqual(
    Array.from(net.namedParameters(), ([n]) => n),
    [
      'scale',
      'block.conv.weight',
      'block.conv.bias',
      'block.bn.weight',
      'block.bn.bias',
      'head.weight',
      'head.bias',
    ],
  );
  assert.deepEqual(
    Array.from(net.namedBuffers(), ([n]) => n),
    ['block.bn.running_mean', 'block.bn.running_var', 'block.bn.num_batches_tracked'],
  );
  assert.deepEqual(
    Array.from(net.namedChildren(), ([n]) => n),
    ['block', 'drop', 'head'],
  );
  assert.deepEqual(
    Array.from(net.namedModules(), ([n]) => n),
    ['', 'block', 'block.conv', 'block.bn', 'drop', 'head'],
  );
  assert.equal(net.numParameters(), 1 + (4 * 3 * 3 + 4) + (4 + 4) + (2 * 4 + 2));
  assert.deepEqual(Object.keys(net.stateDict()), [
    'scale',
    'block.conv.weight',
    'block.conv.bias',
    'block.bn.weight',
    'block.bn.bias',
    'block.bn.running_mean',
    'block.bn.running_var',
    'block.bn.num_batches_tracked',
    'head.weight',
    'head.bias',
  ]);
});

test('a shared layer is counted once; replacing a child is an assignment', () => {
  const lin = new nn.Linear(2, 2);
  const seq = new nn.Sequential(lin, new nn.ReLU(), lin);
  assert.equal(seq.parameters().length, 2);
  assert.equal(seq.length, 3);
  const net = new Net();
  net.head = new nn.Linear(4, 3);
  assert.deepEqual(net.head.weight.shape, [3, 4]);
  assert.ok(net.parameters().includes(net.head.weight));
});

test('Sequential and ModuleList use indices as names, like PyTorch', () => {
  const seq = new nn.Sequential(new nn.Linear(3, 5), new nn.ReLU(), new nn.Linear(5, 1));
  assert.deepEqual(Object.keys(seq.stateDict()), ['0.weight', '0.bias', '2.weight', '2.bias']);
  const list = new nn.ModuleList([new nn.Linear(1, 1)]).append(new nn.Linear(1, 2));
  assert.deepEqual(
    Array.from(list.namedParameters(), ([n]) => n),
    ['0.weight', '0.bias', '1.weight', '1.bias'],
  );
  assert.equal(list.at(-1), list[1]);
  assert.throws(() => list.at(2), /index 2 out of range for length 2/);
  assert.throws(() => list.forward(), /ModuleList has no forward/);
  const y = torch.tidy(() => seq.forward(torch.ones([4, 3])));
  assert.deepEqual(y.shape, [4, 1]);
});

test('train()/eval() propagate; dropout is the identity in eval mode', () => {
  const net = new Net();
  net.eval();
  assert.ok(Array.from(net.modules()).every((m) => !m.training));
  const x = torch.randn([2, 4]);
  assert.deepEqual(net.drop.forward(x).toArray(), x.toArray());
  net.train();
  assert.ok(net.block.bn.training);
});

test('default init follows PyTorch: kaiming_uniform(a=sqrt(5)) weights and U(+-1/sqrt(fan_in)) biases', () => {
  torch.manualSeed(0);
  const conv = new nn.Conv2d(8, 16, 3);
  const bound = 1 / Math.sqrt(8 * 9);
  for (const t of [conv.weight, conv.bias!]) {
    const v = t.toArray();
    assert.ok(v.every((x) => Math.abs(x) <= bound));
    // Uniform on [-b, b]: the largest magnitude is close to b, and the variance is b^2 / 3.
    assert.ok(Math.max(...v.map(Math.abs)) > 0.8 * bound);
  }
  const w = conv.weight.toArray();
  const variance = w.reduce((s, x) => s + x * x, 0) / w.length;
  assert.ok(Math.abs(variance / (bound ** 2 / 3) - 1) < 0.1, `variance ${variance}`);
  const lin = new nn.Linear(100, 3);
  assert.ok(lin.weight.toArray().every((x) => Math.abs(x) <= 0.1));
  const tconv = new nn.ConvTranspose2d(4, 6, 2, { stride: 2 });
  assert.deepEqual(tconv.weight.shape, [4, 6, 2, 2]);
  assert.ok(tconv.weight.toArray().every((x) => Math.abs(x) <= 1 / Math.sqrt(6 * 4)));
});

test('nn.init functions: bounds and moments by formula', () => {
  torch.manualSeed(1);
  const t = torch.empty([200, 300]);
  const moments = () => {
    const v = t.toArray();
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    return {
      mean,
      std: Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length),
      absMax: Math.max(...v.map(Math.abs)),
    };
  };
  nn.init.xavierUniform_(t, 2);
  const a = 2 * Math.sqrt(6 / 500);
  assert.ok(moments().absMax <= a && moments().absMax > 0.99 * a);
  nn.init.kaimingNormal_(t, { mode: 'fan_out', nonlinearity: 'relu' });
  assert.ok(Math.abs(moments().std / Math.sqrt(2 / 200) - 1) < 0.02);
  nn.init.normal_(t, 3, 0.5);
  assert.ok(Math.abs(moments().mean - 3) < 0.01 && Math.abs(moments().std - 0.5) < 0.01);
  nn.init.uniform_(t, -1, 2);
  assert.ok(Math.abs(moments().mean - 0.5) < 0.02);
  nn.init.constant_(t, 7);
  assert.deepEqual(new Set(t.toArray()), new Set([7]));
  nn.init.zeros_(t);
  assert.equal(moments().absMax, 0);
  nn.init.ones_(t);
  assert.equal(moments().mean, 1);
  assert.equal(nn.init.calculateGain('leaky_relu', Math.sqrt(5)), Math.sqrt(2 / 6));
  assert.throws(() => nn.init.xavierUniform_(torch.empty([3])), /fewer than 2 dimensions/);
});

test('BatchNorm1d updates running statistics with momentum and uses them in eval', () => {
  const bn = new nn.BatchNorm1d(2, { momentum: 0.5 });
  const x = torch.tensor([
    [1, 10],
    [3, 20],
    [5, 60],
  ]);
  torch.tidy(() => bn.forward(x));
  // mean [3, 30]; unbiased var [4, 700] -> running = 0.5 * old + 0.5 * batch.
  assert.deepEqual(bn.runningMean!.toArray(), [1.5, 15]);
  assert.deepEqual(bn.runningVar!.toArray(), [2.5, 350.5]);
  assert.equal(bn.numBatchesTracked!.item(), 1);
  bn.eval();
  const y = bn.forward(torch.tensor([[1.5, 15]]));
  assert.ok(y.toArray().every((v) => Math.abs(v) < 1e-4));
  assert.throws(
    () => bn.forward(torch.ones([2, 2, 2, 2])),
    /expected 2-D or 3-D input, got shape \[2,2,2,2\]/,
  );
});

test('BatchNorm with momentum null keeps a cumulative average; without tracking it uses batch statistics', () => {
  const bn = new nn.BatchNorm1d(1, { momentum: null });
  for (const v of [
    [2, 4],
    [6, 8],
  ])
    torch.tidy(() => bn.forward(torch.tensor(v.map((x) => [x]))));
  assert.deepEqual(bn.runningMean!.toArray(), [5]);
  const free = new nn.BatchNorm2d(1, { trackRunningStats: false }).eval();
  assert.deepEqual(Array.from(free.namedBuffers()), []);
  const y = free.forward(torch.tensor([1, 3], { shape: [2, 1, 1, 1] }));
  assert.deepEqual(
    y.toArray().map((v) => Math.round(v * 1e3) / 1e3),
    [-1, 1],
  );
});

test('LayerNorm and GroupNorm normalise and carry affine parameters', () => {
  const ln = new nn.LayerNorm(4);
  const y = ln.forward(torch.tensor([[1, 2, 3, 4]]));
  const s = Math.sqrt(1.25 + 1e-5);
  assert.deepEqual(
    y.toArray().map((v) => Math.round(v * 1e5) / 1e5),
    [-1.5, -0.5, 0.5, 1.5].map((v) => Math.round((v / s) * 1e5) / 1e5),
  );
  const gn = new nn.GroupNorm(2, 4);
  assert.deepEqual(
    Array.from(gn.namedParameters(), ([n, p]) => [n, p.shape]),
    [
      ['weight', [4]],
      ['bias', [4]],
    ],
  );
  assert.throws(() => new nn.GroupNorm(3, 4), /divisible by numGroups/);
});

test('stateDict round trip; loadStateDict reports missing, unexpected, shape and dtype problems', () => {
  torch.manualSeed(2);
  const a = new Net();
  const b = new Net();
  b.loadStateDict(a.stateDict());
  for (const [[n, pa], [, pb]] of Array.from(a.namedParameters()).map((e, i) => [
    e,
    Array.from(b.namedParameters())[i],
  ])) {
    assert.deepEqual(pb.toArray(), pa.toArray(), n);
  }
  const sd = a.stateDict();
  delete sd['head.bias'];
  sd['extra.weight'] = torch.zeros([1]);
  sd['head.weight'] = torch.zeros([3, 4]);
  sd['scale'] = torch.ones([1], { dtype: 'float64' });
  assert.throws(
    () => b.loadStateDict(sd),
    (e: Error) =>
      /unexpected key\(s\): 'extra.weight'/.test(e.message) &&
      /missing key\(s\): 'head.bias'/.test(e.message) &&
      /size mismatch for 'head.weight': checkpoint has shape \[3,4\], the module has \[2,4\]/.test(
        e.message,
      ) &&
      /dtype mismatch for 'scale': checkpoint has float64, the module has float32/.test(e.message),
  );
  const partial = b.stateDict();
  delete partial['head.bias'];
  partial['other'] = torch.zeros([1]);
  assert.deepEqual(b.loadStateDict(partial, false), {
    missingKeys: ['head.bias'],
    unexpectedKeys: ['other'],
  });
});

test('to(dtype) converts floating parameters and buffers in place, keeping identities', () => {
  const net = new Net();
  const w = net.head.weight;
  const before = w.toArray();
  net.to('float64');
  assert.equal(net.head.weight, w);
  assert.equal(w.dtype, 'float64');
  assert.ok(w.requiresGrad && w.isLeaf);
  assert.deepEqual(w.toArray(), before);
  assert.equal(net.block.bn.runningMean!.dtype, 'float64');
  assert.equal(net.block.bn.numBatchesTracked!.dtype, 'int64');
  const y = torch.tidy(() => net.forward(torch.randn([2, 3, 5], { dtype: 'float64' })));
  assert.equal(y.dtype, 'float64');
  assert.throws(() => net.to('int32'), /dtype must be floating point/);
});

test('zeroGrad, apply and requiresGrad', () => {
  const net = new Net();
  torch.tidy(() => {
    net
      .forward(torch.randn([2, 3, 5]))
      .sum()
      .backward();
  });
  assert.ok(net.parameters().every((p) => p.grad !== null));
  net.zeroGrad();
  assert.ok(net.parameters().every((p) => p.grad === null));
  const names: string[] = [];
  net.apply((m) => names.push(m.constructor.name));
  assert.deepEqual(names, ['Conv1d', 'BatchNorm1d', 'Block', 'Dropout', 'Linear', 'Net']);
  net.block.apply((m) => m.parameters(false).forEach((p) => p.requiresGrad_(false)));
  assert.equal(net.numParameters(true), 1 + 10);
});

test('parameters survive tidy scopes; dispose releases them', () => {
  const lin = torch.tidy(() => new nn.Linear(2, 2));
  assert.ok(!lin.weight.isDisposed);
  lin.dispose();
  assert.ok(lin.weight.isDisposed && lin.bias!.isDisposed);
});

test('layer shapes: conv, pooling, flatten', () => {
  torch.tidy(() => {
    const x = torch.randn([2, 3, 8, 8]);
    const net = new nn.Sequential(
      new nn.Conv2d(3, 4, 3, { padding: 1 }),
      new nn.MaxPool2d(2),
      new nn.AvgPool2d(2),
      new nn.AdaptiveAvgPool2d(1),
      new nn.Flatten(),
      new nn.GELU(),
      new nn.SiLU(),
      new nn.Tanh(),
      new nn.Sigmoid(),
      new nn.Identity(),
    );
    assert.deepEqual(net.forward(x).shape, [2, 4]);
    const seq = torch.randn([2, 3, 16]);
    assert.deepEqual(new nn.MaxPool1d(2).forward(seq).shape, [2, 3, 8]);
    assert.deepEqual(new nn.AvgPool1d(4).forward(seq).shape, [2, 3, 4]);
    assert.deepEqual(new nn.AdaptiveAvgPool1d(2).forward(seq).shape, [2, 3, 2]);
    assert.deepEqual(new nn.ConvTranspose2d(3, 2, 2, { stride: 2 }).forward(x).shape, [2, 2, 16, 16]);
    assert.ok(/Conv2d\(3, 4, kernelSize=\[3,3\]/.test(net.toString()));
  });
});

test('each forward releases its own temporaries on return; the result and kept tensors survive', () => {
  let temp: torch.Tensor | undefined;
  let stored: torch.Tensor | undefined;
  class Twice extends nn.Module {
    forward(x: torch.Tensor): torch.Tensor {
      temp = x.mul(2);
      stored = torch.keep(x.add(1));
      return temp.add(1);
    }
  }
  const x = torch.ones([2]).requiresGrad_();
  const y = new Twice().forward(x);
  assert.ok(temp!.isDisposed && !stored!.isDisposed && !x.isDisposed);
  // autograd still holds what backward needs
  y.sum().backward();
  assert.deepEqual(x.grad!.toArray(), [2, 2]);
  assert.equal(new nn.Identity().forward(x), x);
});
