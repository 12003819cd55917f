// Task metrics by name (all higher-is-better), and the majority-class baseline a trained model must beat.
import { accuracy, confusionMatrix, macroF1, mcc, perClassF1 } from './classification.js';
import { averagePrecision, meanAveragePrecision } from './ranking.js';
import { meanIoU } from './segmentation.js';

export {
  accuracy,
  averagePrecision,
  confusionMatrix,
  macroF1,
  mcc,
  meanAveragePrecision,
  meanIoU,
  perClassF1,
};

export type MetricName = 'mcc' | 'accuracy' | 'macro_f1' | 'map' | 'miou';
export const METRIC_NAMES: readonly MetricName[] = ['mcc', 'accuracy', 'macro_f1', 'map', 'miou'];

/**
 * What a metric needs: class indices `yPred` (mcc, accuracy, macro_f1; per pixel for miou), or `scores`
 * N x numClasses row-major (map, with `yTrue` N x numClasses multi-hot).
 */
export interface Predictions {
  yTrue: ArrayLike<number>;
  yPred?: ArrayLike<number>;
  scores?: ArrayLike<number>;
}

export function score(metric: MetricName, p: Predictions, numClasses: number): number {
  const need = (what: 'yPred' | 'scores'): ArrayLike<number> => {
    const v = p[what];
    if (!v) throw new Error(`metric ${metric} needs ${what}`);
    return v;
  };
  switch (metric) {
    case 'mcc':
      return mcc(p.yTrue, need('yPred'));
    case 'accuracy':
      return accuracy(p.yTrue, need('yPred'));
    case 'macro_f1':
      return macroF1(p.yTrue, need('yPred'));
    case 'map':
      return meanAveragePrecision(p.yTrue, need('scores'), numClasses);
    case 'miou':
      return meanIoU(p.yTrue, need('yPred'), numClasses);
  }
}

/** The most frequent value (smallest on ties), ignoring `skip` (segmentation's ignore index). */
function mostFrequent(values: ArrayLike<number>, numClasses: number, skip = -1): number {
  const counts = new Array<number>(numClasses).fill(0);
  for (let i = 0; i < values.length; i++) if (values[i] !== skip) counts[values[i]]++;
  return counts.indexOf(Math.max(...counts));
}

/**
 * The score of a constant predictor fitted on the training targets: the most frequent training class for every
 * test sample (or pixel); for multi-label mAP, every label scored by its training frequency (AP = prevalence).
 * MCC of a constant prediction is 0 by definition.
 */
export function majorityBaseline(
  metric: MetricName,
  yTrain: ArrayLike<number>,
  yTest: ArrayLike<number>,
  numClasses: number,
): number {
  if (metric === 'map') {
    const n = yTrain.length / numClasses;
    const freq = Array.from({ length: numClasses }, (_, l) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += yTrain[i * numClasses + l];
      return s / n;
    });
    const scores = Float64Array.from({ length: yTest.length }, (_, i) => freq[i % numClasses]);
    return meanAveragePrecision(yTest, scores, numClasses);
  }
  const majority = mostFrequent(yTrain, numClasses);
  return score(metric, { yTrue: yTest, yPred: new Int32Array(yTest.length).fill(majority) }, numClasses);
}
