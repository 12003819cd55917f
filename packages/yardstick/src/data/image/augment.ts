// Training-time augmentation as pure functions on a batch [B, C, H, W] (and its masks [B, H, W] for
// segmentation), driven by a seeded RNG so that a run can be replayed.
import type { Rng } from '../../common/random.js';

export interface ImageBatch {
  x: Float32Array;
  shape: number[];
  /** Segmentation masks [B, H, W], transformed with the same geometry (nearest neighbour). */
  mask?: Int32Array;
}

export interface AugmentOptions {
  /** Random horizontal flip with probability 1/2. */
  horizontalFlip?: boolean;
  /** Random vertical flip with probability 1/2. */
  verticalFlip?: boolean;
  /** Random rotation by 0, 90, 180 or 270 degrees (square images only). */
  rotate90?: boolean;
  /** Random rotation by an angle uniform in [-d, d] degrees, bilinear, zero outside the source (the reference's d = 90). */
  rotateDegrees?: number;
  /** Mask value for pixels rotated in from outside the image (default -1, to be ignored by loss and metric). */
  maskFill?: number;
}

/** Maps an output pixel to its source pixel: flips and quarter turns are exact index permutations. */
type IndexMap = (y: number, x: number) => [number, number];

function quarterTurns(k: number, n: number): IndexMap {
  const turns: IndexMap[] = [
    (y, x) => [y, x],
    (y, x) => [x, n - 1 - y],
    (y, x) => [n - 1 - y, n - 1 - x],
    (y, x) => [n - 1 - x, y],
  ];
  return turns[k];
}

function permute(
  src: Float32Array | Int32Array,
  dst: Float32Array | Int32Array,
  planes: number,
  h: number,
  w: number,
  map: IndexMap,
): void {
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const [sy, sx] = map(y, x);
      for (let p = 0; p < planes; p++) dst[(p * h + y) * w + x] = src[(p * h + sy) * w + sx];
    }
  }
}

/** Rotation counter-clockwise by `radians` about the image centre: bilinear for values, nearest for masks. */
function rotate(
  src: Float32Array,
  dst: Float32Array,
  c: number,
  h: number,
  w: number,
  radians: number,
  mask?: { src: Int32Array; dst: Int32Array; fill: number },
): void {
  const cy = (h - 1) / 2;
  const cx = (w - 1) / 2;
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const dy = y - cy;
      const dx = x - cx;
      const sy = cy + dy * cos + dx * sin;
      const sx = cx + dx * cos - dy * sin;
      const y0 = Math.floor(sy);
      const x0 = Math.floor(sx);
      const fy = sy - y0;
      const fx = sx - x0;
      const at = (p: number, yy: number, xx: number) =>
        yy >= 0 && yy < h && xx >= 0 && xx < w ? src[(p * h + yy) * w + xx] : 0;
      for (let p = 0; p < c; p++) {
        dst[(p * h + y) * w + x] =
          (at(p, y0, x0) * (1 - fx) + at(p, y0, x0 + 1) * fx) * (1 - fy) +
          (at(p, y0 + 1, x0) * (1 - fx) + at(p, y0 + 1, x0 + 1) * fx) * fy;
      }
      if (mask) {
        const ny = Math.round(sy);
        const nx = Math.round(sx);
        mask.dst[y * w + x] = ny >= 0 && ny < h && nx >= 0 && nx < w ? mask.src[ny * w + nx] : mask.fill;
      }
    }
  }
}

/** Returns a new, augmented batch; the input is not modified. */
export function augmentBatch(batch: ImageBatch, opts: AugmentOptions, rng: Rng): ImageBatch {
  const [b, c, h, w] = batch.shape;
  if (opts.rotate90 && h !== w) throw new Error(`rotate90 needs square images, got ${h} x ${w}`);
  const x = new Float32Array(batch.x);
  const mask = batch.mask && new Int32Array(batch.mask);
  const size = c * h * w;
  for (let i = 0; i < b; i++) {
    const flipH = opts.horizontalFlip === true && rng.next() < 0.5;
    const flipV = opts.verticalFlip === true && rng.next() < 0.5;
    const turn = opts.rotate90 ? quarterTurns(rng.int(4), h) : undefined;
    const angle = opts.rotateDegrees ? ((rng.next() * 2 - 1) * opts.rotateDegrees * Math.PI) / 180 : 0;
    const map: IndexMap = (y, xx) => {
      const [ty, tx] = turn ? turn(y, xx) : [y, xx];
      return [flipV ? h - 1 - ty : ty, flipH ? w - 1 - tx : tx];
    };
    const xs = x.subarray(i * size, (i + 1) * size);
    const ms = mask?.subarray(i * h * w, (i + 1) * h * w);
    if (flipH || flipV || turn) {
      permute(xs.slice(), xs, c, h, w, map);
      if (ms) permute(ms.slice(), ms, 1, h, w, map);
    }
    if (angle !== 0)
      rotate(xs.slice(), xs, c, h, w, angle, ms && { src: ms.slice(), dst: ms, fill: opts.maskFill ?? -1 });
  }
  return { x, shape: batch.shape, ...(mask ? { mask } : {}) };
}

/** Exposed for tests and callers that want one fixed transform: quarter turns k (counter-clockwise) of [C, N, N]. */
export function rot90(src: Float32Array, c: number, n: number, k: number): Float32Array {
  const dst = new Float32Array(src.length);
  permute(src, dst, c, n, n, quarterTurns(((k % 4) + 4) % 4, n));
  return dst;
}

/** Counter-clockwise rotation of [C, H, W] by `degrees` (bilinear, zero fill). */
export function rotateImage(
  src: Float32Array,
  c: number,
  h: number,
  w: number,
  degrees: number,
): Float32Array {
  const dst = new Float32Array(src.length);
  rotate(src, dst, c, h, w, (degrees * Math.PI) / 180);
  return dst;
}
