// Data loaders: DNA (CSV/TSV, FASTA, parquet) and images (class folders, TIFF, GEO-Bench HDF5), splits,
// standardisation, augmentation, and dataset download. Tasks built on them are in ../tasks.
export type { Dataset, LoadOptions, TaskData } from './types.js';
export { dataDirSetting, defaultDataDir, resolveDataDir } from './data-dir.js';
export { createRng, shuffled, type Rng } from '../common/random.js';
export { stratifiedSplit, stratifiedSubsample } from './split.js';
export { DNA_ALPHABET, oneHotDna } from './dna/onehot.js';
export {
  encodeDnaSplits,
  loadDnaSplits,
  readDnaSource,
  type DnaFormat,
  type DnaSource,
  type DnaSplits,
} from './dna/load.js';
export type { DnaRecord } from './dna/records.js';
export { decodeImageFile, type DecodedImage } from './image/decode.js';
export { listImageFolder, loadImageFiles } from './image/folder.js';
export { readGeobenchSample } from './image/geobench.js';
export { channelStats, standardize, type ChannelStats } from './image/normalize.js';
export { augmentBatch, rot90, rotateImage, type AugmentOptions, type ImageBatch } from './image/augment.js';
export { loadGeobenchFolder, loadImageFolderSplits, loadSplitImageFolder } from './image/task-data.js';
export {
  DATASETS,
  downloadDataset,
  findDatasets,
  type DatasetSource,
  type DownloadOptions,
} from './download/index.js';
