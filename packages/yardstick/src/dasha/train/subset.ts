// Row subsets of in-memory datasets (validation carving, ASHA subsamples, probes).
import type { Dataset } from '../../data/types.js';
import { stratifiedSplit, stratifiedSubsample } from '../../data/split.js';

export function subsetDataset(ds: Dataset, idx: readonly number[]): Dataset {
  const n = ds.shape[0];
  const row = ds.x.length / n;
  const yRow = ds.y.length / n;
  const x = new Float32Array(idx.length * row);
  const y =
    ds.y instanceof Float32Array ? new Float32Array(idx.length * yRow) : new Int32Array(idx.length * yRow);
  idx.forEach((r, i) => {
    x.set(ds.x.subarray(r * row, (r + 1) * row), i * row);
    y.set(ds.y.subarray(r * yRow, (r + 1) * yRow), i * yRow);
  });
  return {
    x,
    y,
    shape: [idx.length, ...ds.shape.slice(1)],
    ...(ds.ids ? { ids: idx.map((i) => ds.ids![i]) } : {}),
  };
}

/** Labels usable for stratification (class index per sample; 0 for multi-label and masks). */
function strata(ds: Dataset): number[] {
  const n = ds.shape[0];
  return ds.y.length === n && ds.y instanceof Int32Array ? Array.from(ds.y) : new Array<number>(n).fill(0);
}

/** Seeded stratified hold-out: [rest, held out]. */
export function carveValidation(
  ds: Dataset,
  fraction: number,
  seed: number,
): { train: Dataset; val: Dataset } {
  const [rest, held] = stratifiedSplit(strata(ds), [1 - fraction, fraction], seed);
  return { train: subsetDataset(ds, rest), val: subsetDataset(ds, held) };
}

export function stratifiedSubset(ds: Dataset, limit: number, seed: number): Dataset {
  return limit >= ds.shape[0] ? ds : subsetDataset(ds, stratifiedSubsample(strata(ds), limit, seed));
}
