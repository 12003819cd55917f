import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  accuracy,
  averagePrecision,
  macroF1,
  majorityBaseline,
  mcc,
  meanAveragePrecision,
  meanIoU,
  perClassF1,
  score,
} from '../../src/metrics/index.js';

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/metrics/sklearn-metrics.json', import.meta.url), 'utf8'),
);
const close = (a: number, b: number, what: string) =>
  assert.ok(Math.abs(a - b) < 1e-12, `${what}: ${a} vs ${b}`);

test('hand-computed binary case', () => {
  // TP 2, TN 1, FP 1, FN 1
  const yTrue = [1, 1, 1, 0, 0];
  const yPred = [1, 1, 0, 1, 0];
  close(accuracy(yTrue, yPred), 3 / 5, 'accuracy');
  close(mcc(yTrue, yPred), (2 * 1 - 1 * 1) / Math.sqrt(3 * 3 * 2 * 2), 'mcc'); // (TP TN - FP FN) / sqrt(...)
  assert.deepEqual(perClassF1(yTrue, yPred, 2), [0.5, 2 / 3]);
  close(macroF1(yTrue, yPred), (0.5 + 2 / 3) / 2, 'macro F1');
  assert.equal(mcc([1, 1, 1], [1, 1, 1]), 0); // one class everywhere: MCC defined as 0
  assert.equal(mcc([0, 1, 0, 1], [1, 0, 1, 0]), -1);
});

test('classification metrics equal scikit-learn on seeded random cases', () => {
  for (const c of fixture.classification) {
    close(mcc(c.yTrue, c.yPred), c.mcc, 'mcc');
    close(accuracy(c.yTrue, c.yPred), c.accuracy, 'accuracy');
    close(macroF1(c.yTrue, c.yPred), c.macroF1, 'macro F1');
    perClassF1(c.yTrue, c.yPred, c.numClasses).forEach((f, k) =>
      close(f, c.perClassF1[k], `F1 of class ${k}`),
    );
    close(meanIoU(c.yTrue, c.yPred, c.numClasses), c.jaccardMacro, 'mIoU vs jaccard macro');
  }
});

test('average precision equals scikit-learn, ties included', () => {
  // hand case: scores 0.9 (pos), 0.8 (neg), 0.7 (pos): AP = 1/2 * 1 + 1/2 * 2/3
  close(averagePrecision([1, 0, 1], [0.9, 0.8, 0.7]), 0.5 + 1 / 3, 'AP');
  // a tie between a positive and a negative at the top counts as one threshold: precision 1/2 at recall 1
  close(averagePrecision([1, 0], [0.5, 0.5]), 0.5, 'tied AP');
  for (const c of fixture.multilabel) {
    close(meanAveragePrecision(c.yTrue, c.scores, c.numLabels), c.mapMacro, 'macro mAP');
  }
});

test('mIoU skips classes absent from truth and prediction, and the ignore index', () => {
  // class 0: inter 1, union 2; class 1: inter 1, union 2; class 2 absent; the -1 pixel ignored
  close(meanIoU([0, 0, 1, -1], [0, 1, 1, 2], 3), 0.5, 'mIoU');
  assert.throws(() => meanIoU([0], [3], 3), /pixel 0 has label 0 \/ prediction 3 outside 0\.\.2/);
});

test('majority-class baseline: accuracy is the majority share, MCC 0, mAP the prevalence', () => {
  const yTrain = [2, 2, 1, 0, 2];
  const yTest = [2, 1, 2, 2];
  close(majorityBaseline('accuracy', yTrain, yTest, 3), 0.75, 'accuracy');
  assert.equal(majorityBaseline('mcc', yTrain, yTest, 3), 0);
  close(majorityBaseline('macro_f1', yTrain, yTest, 3), ((2 * 0.75) / 1.75 + 0) / 2, 'macro F1');
  // two labels, test prevalence 1/2 and 1/4
  close(majorityBaseline('map', [1, 0, 0, 1], [1, 0, 0, 1, 1, 0, 0, 0], 2), (0.5 + 0.25) / 2, 'mAP');
  assert.throws(() => score('map', { yTrue: [1] }, 1), /metric map needs scores/);
});
