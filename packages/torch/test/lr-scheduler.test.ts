import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '@yardstick/torch';
import { nn, optim } from '@yardstick/torch';

const { StepLR, MultiStepLR, CosineAnnealingLR, LinearLR, LambdaLR, SequentialLR } = optim.lrScheduler;

function sgd(lrs: number[]): optim.SGD {
  return new optim.SGD(
    lrs.map((lr) => ({ params: [new nn.Parameter(torch.zeros([1]))], lr })),
    { lr: lrs[0] },
  );
}

/** The first group's learning rate at epochs 0..n-1 (step() after each epoch). */
function curve(s: optim.lrScheduler.LRScheduler, n: number): number[] {
  const out: number[] = [];
  for (let e = 0; e < n; e++) {
    out.push(s.optimizer.paramGroups[0].lr);
    s.step();
  }
  return out;
}

function close(actual: number[], expected: number[]): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((a, i) =>
    assert.ok(Math.abs(a - expected[i]) < 1e-12, `epoch ${i}: ${a} vs ${expected[i]}`),
  );
}

test('StepLR: base * gamma^floor(epoch / stepSize)', () => {
  close(curve(new StepLR(sgd([1]), 3, 0.5), 8), [1, 1, 1, 0.5, 0.5, 0.5, 0.25, 0.25]);
});

test('MultiStepLR: decays at each milestone (unsorted input accepted)', () => {
  close(curve(new MultiStepLR(sgd([0.1]), [5, 2], 0.2), 7), [0.1, 0.1, 0.02, 0.02, 0.02, 0.004, 0.004]);
});

test('CosineAnnealingLR: etaMin + (base - etaMin)(1 + cos(pi t / T)) / 2', () => {
  const expected = [0, 1, 2, 3, 4].map((t) => 0.1 + ((1 - 0.1) * (1 + Math.cos((Math.PI * t) / 4))) / 2);
  close(curve(new CosineAnnealingLR(sgd([1]), 4, 0.1), 5), expected);
});

test('LinearLR warm-up: factor from start to end over totalIters, then constant', () => {
  close(curve(new LinearLR(sgd([0.3]), 0.25, 1, 3), 5), [0.075, 0.15, 0.225, 0.3, 0.3]);
});

test('LambdaLR: one function per group', () => {
  const opt = sgd([1, 10]);
  const s = new LambdaLR(opt, [(e) => 0.5 ** e, (e) => 1 / (e + 1)]);
  s.step();
  s.step();
  close(s.getLastLr(), [0.25, 10 / 3]);
});

test('SequentialLR: LinearLR warm-up then cosine, both from the same base rate', () => {
  const opt = sgd([1]);
  const warm = new LinearLR(opt, 0.5, 1, 2);
  const cos = new CosineAnnealingLR(opt, 4);
  const s = new SequentialLR(opt, [warm, cos], [2]);
  const cosine = (t: number) => (1 + Math.cos((Math.PI * t) / 4)) / 2;
  close(curve(s, 6), [0.5, 0.75, cosine(0), cosine(1), cosine(2), cosine(3)]);
});

test('scheduler state round trip restores the position', () => {
  const a = new StepLR(sgd([1]), 2, 0.1);
  a.step();
  a.step();
  a.step();
  const b = new StepLR(sgd([1]), 2, 0.1);
  b.loadStateDict(a.stateDict());
  assert.equal(b.lastEpoch, 3);
  close(b.getLastLr(), [0.1]);
});

test('bad schedule arguments are refused', () => {
  assert.throws(() => new StepLR(sgd([1]), 0), /stepSize must be a positive integer, got 0/);
  assert.throws(() => new LinearLR(sgd([1]), 0), /startFactor must be in \(0, 1\]/);
  assert.throws(() => new LambdaLR(sgd([1, 2]), [(e) => e]), /expected 2 lambdas, got 1/);
});
