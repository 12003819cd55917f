// Image classification data laid out as one folder per class (UC Merced, EuroSAT): <root>/<Class>/<image>.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Dataset } from '../types.js';
import { decodeImageFile } from './decode.js';
import { resizeBilinear } from './resize.js';

export interface ImageFile {
  path: string;
  label: number;
}

export interface ImageFolderListing {
  classNames: string[];
  files: ImageFile[];
}

const IMAGE_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png', '.tif', '.tiff']);
const byName = new Intl.Collator('en', { numeric: true }).compare;

/**
 * Lists the class folders of `root` (sorted by name: class index = position) and their image files (sorted by
 * name with numbers compared numerically, so `x_2` comes before `x_10`). Other files are ignored.
 */
export function listImageFolder(root: string): ImageFolderListing {
  let entries: string[];
  try {
    entries = readdirSync(root);
  } catch {
    throw new Error(`${root}: image folder not found (expected one sub-folder per class)`);
  }
  const classNames = entries.filter((name) => statSync(path.join(root, name)).isDirectory()).sort(byName);
  if (classNames.length === 0) throw new Error(`${root}: no class sub-folders`);
  const files = classNames.flatMap((name, label) =>
    readdirSync(path.join(root, name))
      .filter((f) => IMAGE_EXTENSIONS.has(path.extname(f).toLowerCase()))
      .sort(byName)
      .map((f) => ({ path: path.join(root, name, f), label })),
  );
  const empty = classNames.find((_, label) => !files.some((f) => f.label === label));
  if (empty) throw new Error(`${path.join(root, empty)}: class folder has no JPEG, PNG or TIFF images`);
  return { classNames, files };
}

/** The sample type of the images seen so far in one task: 8-bit and 16-bit images mixed would mix scales. */
export interface SampleTypeCheck {
  type?: string;
  file?: string;
}

/** Index of the first NaN or infinite value, or -1. */
export function firstNonFinite(data: ArrayLike<number>): number {
  for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i])) return i;
  return -1;
}

/** An error for a non-finite value at flat index `i` of [C, H, W] data. */
export function nonFiniteError(
  file: string,
  data: ArrayLike<number>,
  i: number,
  height: number,
  width: number,
): Error {
  const plane = height * width;
  const [band, row, col] = [Math.floor(i / plane), Math.floor((i % plane) / width), i % width];
  return new Error(
    `${file}: value ${data[i]} at band ${band + 1}, row ${row + 1}, column ${col + 1} (fill no-data pixels before training)`,
  );
}

/**
 * Decodes the files into x [N, channels, height, width] with y = labels; images of another size are resampled
 * bilinearly, a different number of channels is an error naming the file. ids are the paths relative to `root`.
 */
export async function loadImageFiles(
  files: readonly ImageFile[],
  size: { channels: number; height: number; width: number },
  root: string,
  sampleType: SampleTypeCheck = {},
): Promise<Dataset> {
  const { channels, height, width } = size;
  const sampleSize = channels * height * width;
  const x = new Float32Array(files.length * sampleSize);
  const y = new Int32Array(files.length);
  for (let i = 0; i < files.length; i++) {
    const img = await decodeImageFile(files[i].path);
    if (img.channels !== channels) {
      throw new Error(`${files[i].path}: image has ${img.channels} channels, the task expects ${channels}`);
    }
    sampleType.type ??= img.sampleType;
    sampleType.file ??= files[i].path;
    if (img.sampleType !== sampleType.type)
      throw new Error(
        `${files[i].path}: ${img.sampleType} samples, but ${sampleType.file} has ${sampleType.type} (one task's images must share one scale)`,
      );
    const bad = firstNonFinite(img.data);
    if (bad >= 0) throw nonFiniteError(files[i].path, img.data, bad, img.height, img.width);
    x.set(resizeBilinear(img.data, channels, img.height, img.width, height, width), i * sampleSize);
    y[i] = files[i].label;
  }
  return {
    x,
    shape: [files.length, channels, height, width],
    y,
    ids: files.map((f) => path.relative(root, f.path)),
  };
}
