// Assembling image splits into TaskData: fixed seeded splits where there is no official one, `limit`
// subsamples before decoding, and standardisation fitted on the training split only.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { stratifiedSplit, stratifiedSubsample } from '../split.js';
import type { Dataset, LoadOptions, TaskData } from '../types.js';
import {
  firstNonFinite,
  listImageFolder,
  loadImageFiles,
  nonFiniteError,
  type ImageFile,
  type SampleTypeCheck,
} from './folder.js';
import { readGeobenchSample, type GeobenchTarget } from './geobench.js';
import { channelStats, standardize } from './normalize.js';

export interface ImageSize {
  channels: number;
  height: number;
  width: number;
}

/** Standardises every split with the training split's per-channel mean and std. */
export function standardizeSplits(splits: {
  train: Dataset;
  val?: Dataset;
  test: Dataset;
}): Pick<TaskData, 'train' | 'val' | 'test' | 'channelStats'> {
  if (splits.train.shape[0] === 0) throw new Error('cannot standardise: the training split is empty');
  const stats = channelStats(splits.train);
  return {
    train: standardize(splits.train, stats),
    ...(splits.val ? { val: standardize(splits.val, stats) } : {}),
    test: standardize(splits.test, stats),
    channelStats: stats,
  };
}

function subsample<T extends { label: number }>(items: T[], opts: LoadOptions): T[] {
  return stratifiedSubsample(
    items.map((f) => f.label),
    opts.limit,
    opts.seed ?? 0,
  ).map((i) => items[i]);
}

/**
 * A class-folder dataset split by a fixed rule: stratifiedSplit of the sorted file listing with the given
 * fractions (train, val, test) and seed.
 */
export async function loadSplitImageFolder(
  root: string,
  size: ImageSize,
  split: { fractions: [number, number, number]; seed: number },
  opts: LoadOptions = {},
): Promise<TaskData> {
  const { classNames, files } = listImageFolder(root);
  const [train, val, test] = stratifiedSplit(
    files.map((f) => f.label),
    split.fractions,
    split.seed,
  ).map((idx) => idx.map((i) => files[i]));
  const sampleType: SampleTypeCheck = {};
  const load = (part: ImageFile[]) => loadImageFiles(subsample(part, opts), size, root, sampleType);
  return {
    ...standardizeSplits({ train: await load(train), val: await load(val), test: await load(test) }),
    numClasses: classNames.length,
    classNames,
  };
}

/** One class-folder tree per split (the class lists must agree). */
export async function loadImageFolderSplits(
  roots: { train: string; val?: string; test: string },
  size: ImageSize,
  opts: LoadOptions = {},
): Promise<TaskData> {
  const listings = {
    train: listImageFolder(roots.train),
    val: roots.val ? listImageFolder(roots.val) : undefined,
    test: listImageFolder(roots.test),
  };
  const classNames = listings.train.classNames;
  for (const [name, listing] of Object.entries(listings)) {
    if (listing && listing.classNames.join('/') !== classNames.join('/')) {
      throw new Error(
        `${roots[name as keyof typeof roots]}: class folders (${listing.classNames.join(', ')}) differ from the training split's (${classNames.join(', ')})`,
      );
    }
  }
  const sampleType: SampleTypeCheck = {};
  const load = (root: string, files: ImageFile[]) =>
    loadImageFiles(subsample(files, opts), size, root, sampleType);
  const splits = {
    train: await load(roots.train, listings.train.files),
    ...(roots.val && listings.val ? { val: await load(roots.val, listings.val.files) } : {}),
    test: await load(roots.test, listings.test.files),
  };
  return { ...standardizeSplits(splits), numClasses: classNames.length, classNames };
}

/** A GEO-Bench task folder: samples `<name>.hdf5` listed per split in `default_partition.json` (train/valid/test). */
export async function loadGeobenchFolder(
  dir: string,
  spec: {
    bands: readonly string[] | 'all';
    /** `multilabel`: numClasses labels per sample, multi-hot. */
    target: 'label' | 'mask' | 'multilabel';
    numClasses: number;
    classNames?: string[];
  },
  opts: LoadOptions = {},
): Promise<TaskData> {
  const partitionFile = path.join(dir, 'default_partition.json');
  let partition: Record<string, unknown>;
  try {
    partition = JSON.parse(readFileSync(partitionFile, 'utf8'));
  } catch (err) {
    throw new Error(`${partitionFile}: cannot read the split list (${(err as Error).message})`);
  }
  const names = (split: string): string[] => {
    const list = partition[split];
    if (!Array.isArray(list) || !list.every((n) => typeof n === 'string'))
      throw new Error(`${partitionFile}: "${split}" is not a list of sample names`);
    if (list.length === 0) throw new Error(`${partitionFile}: the "${split}" partition lists no samples`);
    return list;
  };
  const target: GeobenchTarget = spec.target === 'multilabel' ? { labels: spec.numClasses } : spec.target;
  const load = async (split: string): Promise<Dataset> => {
    const samples = await Promise.all(
      names(split).map((n) => readGeobenchSample(path.join(dir, `${n}.hdf5`), spec.bands, target)),
    );
    const labels = samples.map((s) => s.label ?? 0);
    const keep = stratifiedSubsample(labels, opts.limit, opts.seed ?? 0);
    const [h, w] = [samples[0].height, samples[0].width];
    const c = samples[0].data.length / (h * w);
    const x = new Float32Array(keep.length * c * h * w);
    const y =
      spec.target === 'multilabel'
        ? new Float32Array(keep.length * spec.numClasses)
        : new Int32Array(spec.target === 'mask' ? keep.length * h * w : keep.length);
    keep.forEach((i, n) => {
      const s = samples[i];
      if (s.height !== h || s.width !== w || s.data.length !== c * h * w)
        throw new Error(
          `${dir}/${names(split)[i]}.hdf5: ${s.data.length / (s.height * s.width)} bands of ${s.height} x ${s.width} pixels, other samples have ${c} of ${h} x ${w}`,
        );
      const bad = firstNonFinite(s.data);
      if (bad >= 0) throw nonFiniteError(`${dir}/${names(split)[i]}.hdf5`, s.data, bad, h, w);
      x.set(s.data, n * c * h * w);
      if (s.mask) y.set(s.mask, n * h * w);
      else if (s.labels) y.set(s.labels, n * spec.numClasses);
      else y[n] = s.label!;
    });
    const outOfRange = keep.find((i) => labels[i] >= spec.numClasses);
    if (outOfRange !== undefined)
      throw new Error(
        `${dir}/${names(split)[outOfRange]}.hdf5: label ${labels[outOfRange]} is not below ${spec.numClasses}`,
      );
    return { x, shape: [keep.length, c, h, w], y, ids: keep.map((i) => names(split)[i]) };
  };
  const splits = { train: await load('train'), val: await load('valid'), test: await load('test') };
  return {
    ...standardizeSplits(splits),
    numClasses: spec.numClasses,
    ...(spec.classNames ? { classNames: spec.classNames } : {}),
  };
}
