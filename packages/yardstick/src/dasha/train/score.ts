// Scores model outputs with the task's metric, computed once over the whole split (spec 2.4).
import type { Dataset } from '../../data/types.js';
import { score, type MetricName } from '../../metrics/index.js';

export type { MetricName };

/** argmax over C classes of logits laid out [N, C, P] (P = pixels per sample; 1 for classification). */
export function argmaxClasses(logits: Float32Array, n: number, c: number): Int32Array {
  const p = logits.length / (n * c);
  const out = new Int32Array(n * p);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) {
      let best = 0;
      for (let k = 1; k < c; k++) if (logits[(i * c + k) * p + j] > logits[(i * c + best) * p + j]) best = k;
      out[i * p + j] = best;
    }
  }
  return out;
}

export function scoreLogits(
  metric: MetricName,
  logits: Float32Array,
  ds: Dataset,
  numClasses: number,
): number {
  if (metric === 'map') return score(metric, { yTrue: ds.y, scores: logits }, numClasses);
  return score(metric, { yTrue: ds.y, yPred: argmaxClasses(logits, ds.shape[0], numClasses) }, numClasses);
}
