// Mini-batches from in-memory datasets: rows gathered into one typed array per batch, then one tensor.
import * as torch from '@yardstick/torch';
import type { Dataset } from '../../data/types.js';
import type { Rng } from '../../common/random.js';

export type TargetKind = 'class' | 'multilabel' | 'mask';

export interface Batch {
  x: torch.Tensor;
  y: torch.Tensor;
}

export function sampleCount(ds: Dataset): number {
  return ds.shape[0];
}

/** In-place random flips and 90-degree rotations of square image batches (and their masks). */
export type Augment = (x: Float32Array, xShape: number[], y: Int32Array | Float32Array, rng: Rng) => void;

export function gatherBatch(
  ds: Dataset,
  idx: ArrayLike<number>,
  kind: TargetKind,
  device: torch.Device,
  rng?: Rng,
  augment?: Augment,
): Batch {
  const row = ds.shape.slice(1).reduce((a, b) => a * b, 1);
  const n = idx.length;
  const x = new Float32Array(n * row);
  for (let i = 0; i < n; i++) x.set(ds.x.subarray(idx[i] * row, (idx[i] + 1) * row), i * row);
  const yRow = kind === 'class' ? 1 : ds.y.length / ds.shape[0];
  const y = kind === 'multilabel' ? new Float32Array(n * yRow) : new Int32Array(n * yRow);
  for (let i = 0; i < n; i++) y.set(ds.y.subarray(idx[i] * yRow, (idx[i] + 1) * yRow), i * yRow);
  const xShape = [n, ...ds.shape.slice(1)];
  if (augment && rng) augment(x, xShape, y, rng);
  const xt = torch.tensor(x, { shape: xShape, device });
  const yShape = kind === 'class' ? [n] : kind === 'multilabel' ? [n, yRow] : [n, ...ds.shape.slice(2)];
  const yt =
    kind === 'multilabel'
      ? torch.tensor(y as Float32Array, { shape: yShape, device })
      : torch.tensor(
          BigInt64Array.from(y as Int32Array, (v) => BigInt(v)),
          { shape: yShape, device },
        );
  return { x: xt, y: yt };
}

/** Flips (both axes) and rotations by multiples of 90 degrees, the same for image and mask. */
export const flipsAndRotations: Augment = (x, xShape, y, rng) => {
  const [n, c, h, w] = xShape;
  if (h !== w) throw new Error('flips and rotations need square images');
  const hasMask = y.length === n * h * w;
  const plane = h * w;
  const tmp = new Float32Array(plane);
  for (let i = 0; i < n; i++) {
    const flipH = rng.next() < 0.5;
    const flipV = rng.next() < 0.5;
    const rot = rng.int(4);
    if (!flipH && !flipV && rot === 0) continue;
    const map = (r: number, col: number): number => {
      let rr = flipV ? h - 1 - r : r;
      let cc = flipH ? w - 1 - col : col;
      for (let k = 0; k < rot; k++) [rr, cc] = [cc, h - 1 - rr];
      return rr * w + cc;
    };
    const planes: (Float32Array | Int32Array)[] = [];
    for (let ch = 0; ch < c; ch++) planes.push(x.subarray((i * c + ch) * plane, (i * c + ch + 1) * plane));
    if (hasMask) planes.push((y as Int32Array).subarray(i * plane, (i + 1) * plane));
    for (const p of planes) {
      tmp.set(p);
      for (let r = 0; r < h; r++) for (let col = 0; col < w; col++) p[map(r, col)] = tmp[r * w + col];
    }
  }
};
