import { test } from 'node:test';
import assert from 'node:assert/strict';
import { greedyEnsemble, meanOf, probabilities } from '../../src/dasha/ensemble.js';

const close = (a: ArrayLike<number>, b: number[], tol = 1e-6): void =>
  b.forEach((v, i) => assert.ok(Math.abs(a[i] - v) < tol, `[${i}] ${a[i]} != ${v}`));

test('probabilities: softmax over classes, over the channel axis of a mask, sigmoid per label', () => {
  // logits (0, ln 3) -> (1/4, 3/4); a shift by 1000 changes nothing (max subtracted)
  close(probabilities(Float32Array.of(0, Math.log(3), 1000, 1000), 'class', 2, 2), [0.25, 0.75, 0.5, 0.5]);
  // one mask sample, 2 classes x 2 pixels laid out [C, P]: pixel 0 has logits (0, ln 3), pixel 1 (ln 3, 0)
  close(
    probabilities(Float32Array.of(0, Math.log(3), Math.log(3), 0), 'mask', 1, 2),
    [0.25, 0.75, 0.75, 0.25],
  );
  close(probabilities(Float32Array.of(0, Math.log(3)), 'multilabel', 1, 2), [0.5, 0.75]);
  close(meanOf([Float32Array.of(1, 2), Float32Array.of(3, 6)]), [2, 4]);
});

// Probabilities of the true class (label 1) on 4 validation samples, as [N, 2] rows; accuracy by argmax
const model = (...p1: number[]): Float32Array => Float32Array.from(p1.flatMap((p) => [1 - p, p]));
const accuracy = (p: Float32Array): number => {
  let right = 0;
  for (let i = 0; i < p.length / 2; i++) if (p[2 * i + 1] > p[2 * i]) right++;
  return right / (p.length / 2);
};
const A = model(0.9, 0.9, 0.6, 0.4); // right on 3 of 4
const B = model(0.4, 0.8, 0.3, 0.9); // right on 2
const C = model(0.45, 0.6, 0.9, 0.8); // right on 3, wrong where A is right

test('greedy ensemble: a member joins only when the mean scores strictly better on validation', () => {
  // A + B: (.65, .85, .45, .65) = 3 of 4, no better than A alone: B is left out. A + C: (.675, .75, .75, .6) =
  // 4 of 4: C joins. A + C + B: (.583, .767, .6, .7) = 4 of 4, not better: B stays out.
  assert.deepEqual(greedyEnsemble([A, B, C], accuracy), { members: [0, 2], score: 1 });
  assert.deepEqual(greedyEnsemble([A, C, B], accuracy), { members: [0, 1], score: 1 });
  assert.deepEqual(greedyEnsemble([A, B], accuracy), { members: [0], score: 0.75 }, 'the best single model');
  assert.deepEqual(greedyEnsemble([A], accuracy), { members: [0], score: 0.75 });
});
