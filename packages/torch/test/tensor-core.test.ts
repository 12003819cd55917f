import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '@yardstick/torch';

test('matmul of a hand-computed 2x2 case', () => {
  const a = torch.tensor([
    [1, 2],
    [3, 4],
  ]);
  assert.deepEqual(a.mm(a).tolist(), [
    [7, 10],
    [15, 22],
  ]);
});

test('libtorch errors become exceptions naming the problem', () => {
  const a = torch.tensor([[1, 2, 3]]);
  assert.throws(() => a.mm(a), /shapes cannot be multiplied \(1x3 and 1x3\)/);
});

test('use after dispose throws', () => {
  const a = torch.tensor([1, 2]);
  a.dispose();
  assert.throws(() => a.add(1), /used after dispose/);
});

test('tidy disposes intermediates and keeps the result', () => {
  const x = torch.tensor([1, 2, 3]);
  let mid: torch.Tensor | undefined;
  const y = torch.tidy(() => {
    mid = x.add(1);
    return mid.add(1);
  });
  assert.equal(mid!.isDisposed, true);
  assert.equal(y.isDisposed, false);
  assert.deepEqual(y.tolist(), [3, 4, 5]);
});
