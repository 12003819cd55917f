// The built-in tasks: every labelled dataset of the shared data directory (see shared/data/README.md).
import path from 'node:path';
import { encodeDnaSplits, loadDnaSplits } from '../data/dna/load.js';
import { readDnaTable } from '../data/dna/table.js';
import { loadGeobenchFolder, loadSplitImageFolder } from '../data/image/task-data.js';
import { stratifiedSplit } from '../data/split.js';
import type { TaskSpec } from './types.js';

/** The fixed split used wherever a dataset has none: stratified 60/20/20 with this seed, over the sorted listing. */
export const FIXED_SPLIT = { fractions: [0.6, 0.2, 0.2] as [number, number, number], seed: 42 };
const FIXED_SPLIT_NOTE =
  'no official split: a fixed stratified 60/20/20 train/val/test split (seed 42) over the files sorted by class and name';

function gueTask(task: string, length: number): TaskSpec {
  const file = (dataDir: string, split: string) => ({
    path: path.join(dataDir, 'genomics', 'gue', task, `${split}.csv`),
  });
  return {
    id: `gue/${task}`,
    modality: 'dna',
    metric: 'mcc',
    numClasses: 2,
    inputShape: [5, length],
    usage: 'benchmark',
    splitNote:
      'official GUE train/dev/test (dev = validation); select on dev, report test MCC as DNABERT-2 does',
    load: (dataDir, opts) =>
      loadDnaSplits(
        {
          train: [file(dataDir, 'train')],
          val: [file(dataDir, 'dev')],
          test: [file(dataDir, 'test')],
          length,
          numClasses: 2,
        },
        opts,
      ),
  };
}

function genomicBenchmarksTask(name: string, length: number): TaskSpec {
  return {
    id: `genomic-benchmarks/${name}`,
    modality: 'dna',
    metric: 'mcc',
    numClasses: 2,
    inputShape: [5, length],
    usage: 'scoring-only',
    splitNote:
      'official Genomic Benchmarks test split only; no train split here, so train is empty: use it to score a model trained elsewhere, never report a fit on it as comparable',
    load: (dataDir, opts) =>
      loadDnaSplits(
        {
          train: [],
          test: [{ path: path.join(dataDir, 'genomics', 'genomic_benchmarks', name, 'test.csv') }],
          length,
          numClasses: 2,
        },
        opts,
      ),
  };
}

const ntRevisedToy: TaskSpec = {
  id: 'nt/revised-toy',
  modality: 'dna',
  metric: 'mcc',
  numClasses: 2,
  inputShape: [5, 300],
  usage: 'format-test',
  splitNote: `the promoter_all rows of the NT revised toy subsample (train-derived, per-label sampled); ${FIXED_SPLIT_NOTE.replace('files sorted by class and name', 'rows in file order')}; format tests only`,
  load: async (dataDir, opts) => {
    const file = path.join(dataDir, 'genomics', 'nt', 'revised_toy_subsample', 'train.tsv');
    const records = readDnaTable(file, {
      idColumn: 'name',
      where: { column: 'task', equals: 'promoter_all' },
    });
    const [train, val, test] = stratifiedSplit(
      records.map((r) => r.label),
      FIXED_SPLIT.fractions,
      FIXED_SPLIT.seed,
    ).map((idx) => idx.map((i) => records[i]));
    return encodeDnaSplits({ train, val, test }, { length: 300, numClasses: 2 }, opts);
  },
};

const EUROSAT_CLASSES = [
  'AnnualCrop',
  'Forest',
  'HerbaceousVegetation',
  'Highway',
  'Industrial',
  'Pasture',
  'PermanentCrop',
  'Residential',
  'River',
  'SeaLake',
];

const eurosat: TaskSpec = {
  id: 'eurosat',
  modality: 'image',
  metric: 'accuracy',
  numClasses: EUROSAT_CLASSES.length,
  inputShape: [3, 64, 64],
  usage: 'benchmark',
  splitNote: `EuroSAT RGB (satellite/eurosat/<Class>/*.jpg; the shared copy is a 500-per-class subset, the stand-in for UC Merced); ${FIXED_SPLIT_NOTE}; not the split of published full-set numbers`,
  load: (dataDir, opts) =>
    loadSplitImageFolder(
      path.join(dataDir, 'satellite', 'eurosat'),
      { channels: 3, height: 64, width: 64 },
      FIXED_SPLIT,
      opts,
    ),
};

const ucmerced: TaskSpec = {
  id: 'ucmerced',
  modality: 'image',
  metric: 'accuracy',
  numClasses: 21,
  inputShape: [3, 256, 256],
  usage: 'benchmark',
  splitNote: `UC Merced Land Use in satellite/ucmerced/<class>/*.tif (yardstick download ucmerced); images not 256 x 256 are resampled; ${FIXED_SPLIT_NOTE}`,
  load: (dataDir, opts) =>
    loadSplitImageFolder(
      path.join(dataDir, 'satellite', 'ucmerced'),
      { channels: 3, height: 256, width: 256 },
      FIXED_SPLIT,
      opts,
    ),
};

const GEOBENCH_FIXTURE_NOTE =
  "GEO-Bench's 5-sample test fixtures: default_partition.json lists the same samples under train, valid and test, so this is for format tests only";
const BRICK_KILN_BANDS = [
  '01 - Coastal aerosol',
  '02 - Blue',
  '03 - Green',
  '04 - Red',
  '05 - Vegetation Red Edge',
  '06 - Vegetation Red Edge',
  '07 - Vegetation Red Edge',
  '08 - NIR',
  '08A - Vegetation Red Edge',
  '09 - Water vapour',
  '10 - SWIR - Cirrus',
  '11 - SWIR',
  '12 - SWIR',
];

const brickKiln: TaskSpec = {
  id: 'geobench/m-brick-kiln',
  modality: 'image',
  metric: 'accuracy',
  numClasses: 2,
  inputShape: [13, 64, 64],
  usage: 'format-test',
  splitNote: `${GEOBENCH_FIXTURE_NOTE} (all 5 have label 0)`,
  load: (dataDir, opts) =>
    loadGeobenchFolder(
      path.join(dataDir, 'satellite', 'geobench', 'ccb-test-classification', 'brick_kiln_v1.0'),
      { bands: BRICK_KILN_BANDS, target: 'label', numClasses: 2, classNames: ['no kiln', 'kiln'] },
      opts,
    ),
};

const chesapeake: TaskSpec = {
  id: 'geobench/chesapeake',
  modality: 'segmentation',
  metric: 'miou',
  numClasses: 7,
  inputShape: [4, 256, 256],
  usage: 'format-test',
  splitNote: GEOBENCH_FIXTURE_NOTE,
  load: (dataDir, opts) =>
    loadGeobenchFolder(
      path.join(dataDir, 'satellite', 'geobench', 'ccb-test-segmentation', 'cvpr_chesapeake_landcover'),
      { bands: ['Red', 'Green', 'Blue', 'NearInfrared'], target: 'mask', numClasses: 7 },
      opts,
    ),
};

export const BUILTIN_TASKS: readonly TaskSpec[] = [
  gueTask('prom_core_all', 70),
  gueTask('prom_core_notata', 70),
  gueTask('prom_core_tata', 70),
  gueTask('prom_300_tata', 300),
  genomicBenchmarksTask('human_enhancers_cohn', 500),
  genomicBenchmarksTask('human_nontata_promoters', 251),
  ntRevisedToy,
  eurosat,
  ucmerced,
  brickKiln,
  chesapeake,
];
