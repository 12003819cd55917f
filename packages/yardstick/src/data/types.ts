// The in-memory form every loader returns: dense float inputs and integer or float targets.

/**
 * One split of a task.
 * - `x`: inputs, row-major with `shape` = [N, C, L] (sequences) or [N, C, H, W] (images).
 * - `y`: Int32Array of class indices (length N), Int32Array masks (N x H x W, segmentation),
 *   or Float32Array multi-hot targets (N x numLabels, multi-label).
 * - `ids`: one identifier per sample (file path, record id or `file:line`), in the same order.
 */
export interface Dataset {
  x: Float32Array;
  shape: number[];
  y: Int32Array | Float32Array;
  ids?: string[];
}

/** A task's splits. Image tasks return inputs already standardised with `channelStats` (fitted on train). */
export interface TaskData {
  train: Dataset;
  val?: Dataset;
  test: Dataset;
  numClasses: number;
  classNames?: string[];
  channelStats?: { mean: number[]; std: number[] };
}

/**
 * `limit`: at most this many samples per split, drawn as a seeded stratified subsample before decoding
 * (for fast tests and smoke runs). `seed`: the seed of that draw (default 0).
 */
export interface LoadOptions {
  limit?: number;
  seed?: number;
}
