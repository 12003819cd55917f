// Average precision on scores, as scikit-learn's average_precision_score (step-wise, no interpolation).

/**
 * AP = sum over distinct score thresholds (descending) of (R_n - R_{n-1}) * P_n. Tied scores form one threshold.
 * Undefined (NaN) when there is no positive.
 */
export function averagePrecision(yTrue: ArrayLike<number>, scores: ArrayLike<number>): number {
  if (yTrue.length !== scores.length)
    throw new Error(`metric: ${yTrue.length} labels but ${scores.length} scores`);
  const order = Array.from({ length: yTrue.length }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  const positives = order.reduce((n, i) => n + (yTrue[i] > 0 ? 1 : 0), 0);
  if (positives === 0) return NaN;
  let ap = 0;
  let tp = 0;
  let seen = 0;
  let lastRecall = 0;
  for (let j = 0; j < order.length; j++) {
    tp += yTrue[order[j]] > 0 ? 1 : 0;
    seen++;
    const endOfTie = j === order.length - 1 || scores[order[j + 1]] !== scores[order[j]];
    if (endOfTie) {
      const recall = tp / positives;
      ap += (recall - lastRecall) * (tp / seen);
      lastRecall = recall;
    }
  }
  return ap;
}

/**
 * Macro mAP for multi-label targets: the mean over labels of the per-label AP. yTrue and scores are N x L,
 * row-major. Labels without any positive are left out of the mean (sklearn would warn and score them 0).
 */
export function meanAveragePrecision(
  yTrue: ArrayLike<number>,
  scores: ArrayLike<number>,
  numLabels: number,
): number {
  if (yTrue.length !== scores.length || yTrue.length % numLabels !== 0) {
    throw new Error(
      `metric: targets (${yTrue.length}) and scores (${scores.length}) are not both N x ${numLabels}`,
    );
  }
  const n = yTrue.length / numLabels;
  const column = (a: ArrayLike<number>, l: number) =>
    Float64Array.from({ length: n }, (_, i) => a[i * numLabels + l]);
  const aps = Array.from({ length: numLabels }, (_, l) =>
    averagePrecision(column(yTrue, l), column(scores, l)),
  ).filter((v) => !Number.isNaN(v));
  if (aps.length === 0) throw new Error('metric: no label has a positive sample, mAP is undefined');
  return aps.reduce((a, b) => a + b, 0) / aps.length;
}
