// Single-label classification metrics on class indices, matching scikit-learn's definitions.

type Labels = ArrayLike<number>;

function checkPair(yTrue: Labels, yPred: Labels): void {
  if (yTrue.length !== yPred.length)
    throw new Error(`metric: ${yTrue.length} true labels but ${yPred.length} predictions`);
  if (yTrue.length === 0) throw new Error('metric: no samples');
}

/** counts[t][p] = number of samples of true class t predicted as p; classes are 0..numClasses-1. */
export function confusionMatrix(yTrue: Labels, yPred: Labels, numClasses: number): number[][] {
  checkPair(yTrue, yPred);
  const counts = Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0));
  for (let i = 0; i < yTrue.length; i++) {
    const t = yTrue[i];
    const p = yPred[i];
    if (!(t >= 0 && t < numClasses && p >= 0 && p < numClasses)) {
      throw new Error(`metric: sample ${i} has label ${t} / prediction ${p} outside 0..${numClasses - 1}`);
    }
    counts[t][p]++;
  }
  return counts;
}

const numClassesOf = (yTrue: Labels, yPred: Labels): number =>
  Math.max(...Array.from(yTrue), ...Array.from(yPred)) + 1;

export function accuracy(yTrue: Labels, yPred: Labels): number {
  checkPair(yTrue, yPred);
  let hits = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) hits++;
  return hits / yTrue.length;
}

/**
 * Matthews correlation coefficient, binary and multi-class (Gorodkin's R_K, as sklearn's matthews_corrcoef):
 * (c s - sum_k p_k t_k) / sqrt((s^2 - sum p_k^2)(s^2 - sum t_k^2)); 0 when a denominator factor is 0.
 */
export function mcc(yTrue: Labels, yPred: Labels): number {
  const cm = confusionMatrix(yTrue, yPred, numClassesOf(yTrue, yPred));
  const k = cm.length;
  const s = yTrue.length;
  let correct = 0;
  let pt = 0;
  let pp = 0;
  let tt = 0;
  for (let a = 0; a < k; a++) {
    correct += cm[a][a];
    const tk = cm[a].reduce((x, y) => x + y, 0);
    const pk = cm.reduce((x, row) => x + row[a], 0);
    pt += pk * tk;
    pp += pk * pk;
    tt += tk * tk;
  }
  const denominator = Math.sqrt((s * s - pp) * (s * s - tt));
  return denominator === 0 ? 0 : (correct * s - pt) / denominator;
}

/** F1 of each class 0..numClasses-1 (0 where precision + recall is 0, sklearn's zero_division=0). */
export function perClassF1(yTrue: Labels, yPred: Labels, numClasses: number): number[] {
  const cm = confusionMatrix(yTrue, yPred, numClasses);
  return cm.map((row, k) => {
    const tp = row[k];
    const support = row.reduce((a, b) => a + b, 0);
    const predicted = cm.reduce((a, r) => a + r[k], 0);
    return support + predicted === 0 ? 0 : (2 * tp) / (support + predicted);
  });
}

/** Unweighted mean of per-class F1 over the classes that occur in the truth or the predictions (as sklearn). */
export function macroF1(yTrue: Labels, yPred: Labels): number {
  const k = numClassesOf(yTrue, yPred);
  const present = new Set([...Array.from(yTrue), ...Array.from(yPred)]);
  const f1 = perClassF1(yTrue, yPred, k).filter((_, c) => present.has(c));
  return f1.reduce((a, b) => a + b, 0) / f1.length;
}
