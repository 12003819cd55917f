import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as torch from '@yardstick/torch';
import { nn, optim } from '@yardstick/torch';

interface Case {
  optimizer: 'SGD' | 'Adam' | 'AdamW';
  defaults: Record<string, unknown>;
  group2: Record<string, unknown>;
  trajectory: number[][][][];
}
const fixture = JSON.parse(readFileSync(new URL('./fixtures/optim.json', import.meta.url), 'utf8')) as {
  p0: number[][][];
  grads: number[][][][];
  cases: Case[];
};

function close(actual: number[], expected: number[], what: string, tol = 1e-12): void {
  assert.equal(actual.length, expected.length, what);
  actual.forEach((a, i) =>
    assert.ok(
      Math.abs(a - expected[i]) <= tol * (1 + Math.abs(expected[i])),
      `${what}[${i}]: ${a} vs ${expected[i]}`,
    ),
  );
}

function build(c: Case, groups: torch.Tensor[][]): optim.Optimizer<{ lr: number }> {
  const input = [{ params: groups[0] }, { params: groups[1], ...c.group2 }];
  const opts = c.defaults as { lr: number };
  if (c.optimizer === 'SGD') return new optim.SGD(input, opts);
  if (c.optimizer === 'Adam') return new optim.Adam(input, opts);
  return new optim.AdamW(input, opts);
}

for (const c of fixture.cases) {
  test(`${c.optimizer} ${JSON.stringify(c.defaults)} / group 2 ${JSON.stringify(c.group2)} matches PyTorch for 3 steps`, () => {
    const groups = fixture.p0.map((g) =>
      g.map((v) => new nn.Parameter(torch.tensor(v, { dtype: 'float64' }))),
    );
    const opt = build(c, groups);
    fixture.grads.forEach((stepGrads, s) => {
      groups.forEach((g, gi) =>
        g.forEach((p, pi) => (p.grad = torch.tensor(stepGrads[gi][pi], { dtype: 'float64' }))),
      );
      opt.step();
      groups.forEach((g, gi) =>
        g.forEach((p, pi) =>
          close(p.toArray(), c.trajectory[s][gi][pi], `step ${s} group ${gi} param ${pi}`),
        ),
      );
    });
  });
}

test('SGD with Nesterov momentum: hand-computed scalar case', () => {
  // p=1, lr=0.1, momentum=0.5, grads 2 then 4:
  // step 1: buf=2, d=2+0.5*2=3, p=1-0.3=0.7; step 2: buf=0.5*2+4=5, d=4+2.5=6.5, p=0.7-0.65=0.05.
  const p = new nn.Parameter(torch.tensor([1], { dtype: 'float64' }));
  const opt = new optim.SGD([p], { lr: 0.1, momentum: 0.5, nesterov: true });
  p.grad = torch.tensor([2], { dtype: 'float64' });
  opt.step();
  close(p.toArray(), [0.7], 'step 1');
  p.grad = torch.tensor([4], { dtype: 'float64' });
  opt.step();
  close(p.toArray(), [0.05], 'step 2');
});

test('Adam first step moves each coordinate by about lr (bias correction)', () => {
  const p = new nn.Parameter(torch.tensor([1, -2, 3], { dtype: 'float64' }));
  const opt = new optim.Adam([p], { lr: 0.01 });
  p.grad = torch.tensor([0.5, -7, 1e-3], { dtype: 'float64' });
  opt.step();
  // m_hat = g and v_hat = g^2, so the step is lr * g / (|g| + eps).
  close(
    p.toArray(),
    [1 - 0.01 * (0.5 / (0.5 + 1e-8)), -2 + 0.01 * (7 / (7 + 1e-8)), 3 - 0.01 * (1e-3 / (1e-3 + 1e-8))],
    'p',
  );
});

test('parameters without a gradient are skipped; learning rates are settable per group', () => {
  const a = new nn.Parameter(torch.tensor([1], { dtype: 'float64' }));
  const b = new nn.Parameter(torch.tensor([1], { dtype: 'float64' }));
  const opt = new optim.SGD([{ params: [a] }, { params: [b], lr: 1 }], { lr: 0.5 });
  a.grad = torch.tensor([1], { dtype: 'float64' });
  opt.step();
  assert.deepEqual([a.item(), b.item()], [0.5, 1]);
  opt.paramGroups[0].lr = 0.25;
  b.grad = torch.tensor([1], { dtype: 'float64' });
  opt.step();
  assert.deepEqual([a.item(), b.item()], [0.25, 0]);
  opt.setLr(2);
  assert.deepEqual(
    opt.paramGroups.map((g) => g.lr),
    [2, 2],
  );
});

test('zeroGrad clears gradients (to null, or to zeros in place)', () => {
  const p = new nn.Parameter(torch.tensor([1, 2]));
  const opt = new optim.SGD([p], { lr: 0.1 });
  p.grad = torch.tensor([3, 4]);
  opt.zeroGrad(false);
  assert.deepEqual(p.grad!.toArray(), [0, 0]);
  opt.zeroGrad();
  assert.equal(p.grad, null);
});

test('optimizer stateDict/loadStateDict resumes the exact trajectory', () => {
  const c = fixture.cases.find((x) => x.optimizer === 'Adam' && x.defaults.amsgrad)!;
  const make = () =>
    fixture.p0.map((g) => g.map((v) => new nn.Parameter(torch.tensor(v, { dtype: 'float64' }))));
  const setGrads = (groups: torch.Tensor[][], s: number) =>
    groups.forEach((g, gi) =>
      g.forEach((p, pi) => (p.grad = torch.tensor(fixture.grads[s][gi][pi], { dtype: 'float64' }))),
    );
  const first = make();
  const opt1 = build(c, first);
  setGrads(first, 0);
  opt1.step();
  const saved = opt1.stateDict();
  assert.deepEqual(Object.keys(saved.state), ['0', '1', '2']);
  assert.equal(saved.state[0].step, 1);
  // A fresh optimizer over parameters holding the same values continues identically.
  const second = make();
  second.forEach((g, gi) => g.forEach((p, pi) => torch.noGrad(() => p.copy_(first[gi][pi]))));
  const opt2 = build(c, second);
  opt2.loadStateDict(saved);
  for (const s of [1, 2]) {
    setGrads(second, s);
    opt2.step();
  }
  second.forEach((g, gi) =>
    g.forEach((p, pi) => close(p.toArray(), c.trajectory[2][gi][pi], `resumed group ${gi} param ${pi}`)),
  );
});

test('loadStateDict rejects state for a different set of parameters', () => {
  const p = new nn.Parameter(torch.zeros([2]));
  const opt = new optim.SGD([p], { lr: 0.1, momentum: 0.9 });
  p.grad = torch.ones([2]);
  opt.step();
  const other = new optim.SGD([new nn.Parameter(torch.zeros([3]))], { lr: 0.1, momentum: 0.9 });
  assert.throws(
    () => other.loadStateDict(opt.stateDict()),
    /state 'momentumBuffer' of parameter 0 has shape \[2\], the parameter \[3\]/,
  );
  const two = new optim.SGD([new nn.Parameter(torch.zeros([2])), new nn.Parameter(torch.zeros([2]))], {
    lr: 0.1,
  });
  assert.throws(
    () => two.loadStateDict(opt.stateDict()),
    /group 0 has 1 parameters in the state, 2 in the optimizer/,
  );
});

test('invalid hyperparameters are refused with the argument named', () => {
  const p = [new nn.Parameter(torch.zeros([1]))];
  assert.throws(() => new optim.SGD(p, { lr: -1 }), /invalid learning rate -1/);
  assert.throws(() => new optim.SGD(p, { lr: 0.1, nesterov: true }), /Nesterov momentum requires a momentum/);
  assert.throws(() => new optim.Adam(p, { betas: [0.9, 1] }), /invalid beta parameter at index 1: 1/);
  assert.throws(() => new optim.SGD([], { lr: 0.1 }), /empty parameter list/);
  assert.throws(() => new optim.SGD([{ params: p }, { params: p }], { lr: 0.1 }), /more than one group/);
});

test('clipGradNorm_ returns the total norm and rescales to maxNorm', () => {
  const a = new nn.Parameter(torch.zeros([2], { dtype: 'float64' }));
  const b = new nn.Parameter(torch.zeros([1], { dtype: 'float64' }));
  a.grad = torch.tensor([3, 0], { dtype: 'float64' });
  b.grad = torch.tensor([4], { dtype: 'float64' });
  const total = nn.utils.clipGradNorm_([a, b], 1);
  assert.ok(Math.abs(total - 5) < 1e-12);
  const coef = 1 / (5 + 1e-6);
  close([...a.grad!.toArray(), ...b.grad!.toArray()], [3 * coef, 0, 4 * coef], 'clipped');
  // Below the limit nothing changes; the infinity norm is the largest absolute entry.
  assert.ok(Math.abs(nn.utils.clipGradNorm_([a, b], 10, Infinity) - 4 * coef) < 1e-12);
  close(b.grad!.toArray(), [4 * coef], 'unchanged');
});
