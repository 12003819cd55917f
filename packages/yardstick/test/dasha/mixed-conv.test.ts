import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '@yardstick/torch';
import { MixedConv } from '../../src/dasha/dash/mixed-conv.js';
import {
  candidates,
  discretise,
  maxReceptiveField,
  placementMatrix,
  GENOMICS_SPACE,
  SATELLITE_SPACE,
  type SearchSpace,
} from '../../src/dasha/dash/space.js';

function maxAbsDiff(a: torch.Tensor, b: torch.Tensor): number {
  return torch.tidy(() => a.sub(b).abs().max().item());
}

function mixture(
  dims: 1 | 2,
  cin: number,
  cout: number,
  stride: number,
  space: SearchSpace,
  evaluation: 'aggregate' | 'separate' = 'aggregate',
): MixedConv {
  torch.manualSeed(3);
  const m = new MixedConv({
    dims,
    inChannels: cin,
    outChannels: cout,
    stride,
    bias: true,
    biasFanIn: cin * 3,
    space,
    separable: true,
    noiseSeed: 1,
    evaluation,
  }).to('float64');
  // weights of order 1 so that rounding differences are measured against values of order 1
  torch.noGrad(() => {
    for (const w of m.candidateWeights()) w.copy_(torch.randn(w.shape, { dtype: 'float64' }));
  });
  return m;
}

test('space: kernel-major candidates, centred dilated placement, argmax discretisation', () => {
  const c = candidates(GENOMICS_SPACE);
  assert.equal(c.length, 20);
  assert.deepEqual(c[0], { k: 3, d: 1 });
  assert.deepEqual(c[5], { k: 5, d: 3 }); // index 5 = K[5 div 4], D[5 mod 4]
  assert.equal(maxReceptiveField(GENOMICS_SPACE), 71);
  // k=3, d=2 in S=9: receptive field 5, offset 2, taps at 2, 4, 6
  const P = placementMatrix({ k: 3, d: 2 }, 9);
  const ones = [...P.keys()].filter((i) => P[i] === 1).map((i) => [Math.floor(i / 9), i % 9]);
  assert.deepEqual(ones, [
    [0, 2],
    [1, 4],
    [2, 6],
  ]);
  const alpha = new Array(20).fill(0);
  alpha[13] = 1;
  assert.deepEqual(discretise(alpha, GENOMICS_SPACE), { k: 9, d: 3 });
});

test('1-D aggregated kernel equals a hand-built dilated, centred sum', () => {
  const m = mixture(1, 2, 3, 1, { kernels: [1, 3], dilations: [1, 2] }); // S = 5
  const w = torch.tensor([0.1, 0.2, 0.3, 0.4], { dtype: 'float64' });
  const K = torch.tidy(() => m.aggregatedKernel(w).toArray());
  const expect = new Float64Array(3 * 2 * 5);
  const ws = m.candidateWeights().map((p) => p.toArray());
  m.cands.forEach((c, i) => {
    const off = (5 - (c.d * (c.k - 1) + 1)) / 2;
    for (let o = 0; o < 3; o++)
      for (let ci = 0; ci < 2; ci++)
        for (let j = 0; j < c.k; j++)
          expect[(o * 2 + ci) * 5 + off + j * c.d] += [0.1, 0.2, 0.3, 0.4][i] * ws[i][(o * 2 + ci) * c.k + j];
  });
  K.forEach((v, i) => assert.ok(Math.abs(v - expect[i]) < 1e-14, `element ${i}: ${v} vs ${expect[i]}`));
  m.dispose();
});

for (const [dims, cin, cout, stride, space, size] of [
  [1, 4, 6, 1, GENOMICS_SPACE, [37]],
  [1, 5, 5, 2, GENOMICS_SPACE, [30]], // depthwise (in == out) and strided
  [2, 3, 4, 1, SATELLITE_SPACE, [13, 11]],
  [2, 4, 4, 2, SATELLITE_SPACE, [12, 12]],
] as const) {
  test(`identity: one conv with W_agg == sum of separate dilated 'same' convs (${dims}-D, ${cin}->${cout}, stride ${stride}), float64`, () => {
    const m = mixture(dims, cin, cout, stride, space);
    torch.tidy(() => {
      const x = torch.randn([2, cin, ...size], { dtype: 'float64' });
      const w = torch.F.softmax(torch.randn([m.cands.length], { dtype: 'float64' }), 0);
      const a = m.forwardAggregated(x, w);
      const b = m.forwardSeparate(x, w);
      assert.deepEqual(a.shape, [2, cout, ...size.map((s) => Math.ceil(s / stride))]);
      const scale = b.abs().max().item();
      assert.ok(maxAbsDiff(a, b) <= 1e-12 * scale, `max difference ${maxAbsDiff(a, b)} at scale ${scale}`);
    });
    m.dispose();
  });
}

test('gradients reach every candidate weight and alpha; alpha rescaling gives norm 1/gradScale plus the RF push', () => {
  const m = mixture(1, 3, 3, 1, GENOMICS_SPACE);
  torch.tidy(() => {
    m.forward(torch.randn([2, 3, 20], { dtype: 'float64' }))
      .square()
      .sum()
      .backward();
  });
  for (const p of m.candidateWeights()) assert.ok(torch.tidy(() => p.grad!.abs().sum().item()) > 0);
  const g = m.alpha.grad!.toArray();
  const norm = Math.hypot(...g);
  m.rescaleAlphaGrad(100);
  const after = m.alpha.grad!.toArray();
  m.cands.forEach((c, i) =>
    assert.ok(Math.abs(after[i] - (g[i] / (100 * (norm + 1e-8)) + 1e-5 * (c.d * (c.k - 1) + 1))) < 1e-12),
  );
  m.dispose();
});

test('Gumbel-softmax weights are a fresh distribution per call', () => {
  const m = mixture(1, 2, 2, 1, GENOMICS_SPACE);
  const [a, b] = torch.tidy(() => [m.mixtureWeights().toArray(), m.mixtureWeights().toArray()]);
  assert.ok(Math.abs(a.reduce((s, v) => s + v, 0) - 1) < 1e-12);
  assert.notDeepEqual(a, b);
  m.dispose();
});
