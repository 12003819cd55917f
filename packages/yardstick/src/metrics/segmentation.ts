// Mean intersection over union for dense predictions.

/**
 * mIoU over pixels: IoU_k = TP / (TP + FP + FN) per class, averaged over the classes that occur in the truth or
 * the prediction (a class absent from both has no defined IoU and is left out, as sklearn's jaccard_score with
 * its default labels). Pixels whose truth is `ignoreIndex` (default -1, e.g. rotated-in borders) are skipped.
 */
export function meanIoU(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  numClasses: number,
  ignoreIndex = -1,
): number {
  if (yTrue.length !== yPred.length)
    throw new Error(`metric: ${yTrue.length} true pixels but ${yPred.length} predicted`);
  const inter = new Float64Array(numClasses);
  const union = new Float64Array(numClasses);
  for (let i = 0; i < yTrue.length; i++) {
    const t = yTrue[i];
    if (t === ignoreIndex) continue;
    const p = yPred[i];
    if (!(t >= 0 && t < numClasses && p >= 0 && p < numClasses)) {
      throw new Error(`metric: pixel ${i} has label ${t} / prediction ${p} outside 0..${numClasses - 1}`);
    }
    if (t === p) {
      inter[t]++;
      union[t]++;
    } else {
      union[t]++;
      union[p]++;
    }
  }
  let sum = 0;
  let count = 0;
  for (let k = 0; k < numClasses; k++) {
    if (union[k] > 0) {
      sum += inter[k] / union[k];
      count++;
    }
  }
  if (count === 0) throw new Error('metric: no labelled pixels, mIoU is undefined');
  return sum / count;
}
