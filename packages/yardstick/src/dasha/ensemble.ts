// Budget mode's last choice: the models trained to completion (default, tuned or searched retrain, best ASHA
// trial) combined by greedy forward selection on validation (Caruana et al. 2004, as AutoGluon's weighted
// ensemble): start from the best single model and add the next best while the average of the members'
// probabilities scores better on validation. A model that does not help is left out, so the ensemble is
// never worse on validation than the best single model. Pure: outputs in, member indices out.
import type { TargetKind } from './train/batches.js';

/**
 * Per-class probabilities from a network's outputs laid out [N, C, P] (P pixels per sample, 1 for
 * classification): softmax over C for single-label classes and masks, sigmoid per label for multilabel.
 */
export function probabilities(out: Float32Array, kind: TargetKind, n: number, c: number): Float32Array {
  const p = new Float32Array(out.length);
  if (kind === 'multilabel') {
    for (let i = 0; i < out.length; i++) p[i] = 1 / (1 + Math.exp(-out[i]));
    return p;
  }
  const pixels = out.length / (n * c);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < pixels; j++) {
      const at = (k: number): number => (i * c + k) * pixels + j;
      let max = -Infinity;
      for (let k = 0; k < c; k++) max = Math.max(max, out[at(k)]);
      let sum = 0;
      for (let k = 0; k < c; k++) sum += p[at(k)] = Math.exp(out[at(k)] - max);
      for (let k = 0; k < c; k++) p[at(k)] /= sum;
    }
  return p;
}

/** The element-wise mean of equally shaped arrays. */
export function meanOf(arrays: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(arrays[0].length);
  for (const a of arrays) for (let i = 0; i < out.length; i++) out[i] += a[i];
  for (let i = 0; i < out.length; i++) out[i] /= arrays.length;
  return out;
}

/**
 * Greedy forward selection without replacement over `probs` (validation probabilities of the candidates,
 * best single model first): a candidate joins when the members' mean probabilities then score strictly
 * higher. Returns the members' indices (always including 0) and their validation score.
 */
export function greedyEnsemble(
  probs: readonly Float32Array[],
  scoreOf: (p: Float32Array) => number,
): { members: number[]; score: number } {
  const members = [0];
  let score = scoreOf(probs[0]);
  for (let i = 1; i < probs.length; i++) {
    const s = scoreOf(meanOf([...members, i].map((m) => probs[m])));
    if (s > score) {
      members.push(i);
      score = s;
    }
  }
  return { members, score };
}
