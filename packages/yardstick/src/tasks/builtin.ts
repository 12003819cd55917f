// The built-in tasks: every published task whose data `yardstick download` fetches (GUE, Nucleotide Transformer,
// GEO-Bench, EuroSAT) and the labelled copies of the shared data directory (see shared/data/README.md). Task ids
// are the registry's, so published numbers and protocol flags apply to their runs.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { GEOBENCH_TASKS, NT_TASKS } from '../data/download/catalog.js';
import type * as DnaLoaders from '../data/dna/load.js';
import type * as ImageLoaders from '../data/image/task-data.js';
import { stratifiedSplit } from '../data/split.js';
import type { LoadOptions, TaskData } from '../data/types.js';
import type { TaskSource, TaskSpec } from './types.js';

// The decoders (parquet, HDF5, GeoTIFF, PNG) load with the first task that reads data: listing tasks and the
// commands that only name one start without them.
const dnaLoaders = () => import('../data/dna/load.js');
const imageLoaders = () => import('../data/image/task-data.js');
const loadDnaSplits: typeof DnaLoaders.loadDnaSplits = async (...a) =>
  (await dnaLoaders()).loadDnaSplits(...a);
const loadGeobenchFolder: typeof ImageLoaders.loadGeobenchFolder = async (...a) =>
  (await imageLoaders()).loadGeobenchFolder(...a);
const loadSplitImageFolder: typeof ImageLoaders.loadSplitImageFolder = async (...a) =>
  (await imageLoaders()).loadSplitImageFolder(...a);

/** The fixed split used wherever a dataset has none: stratified 60/20/20 with this seed, over the sorted listing. */
export const FIXED_SPLIT = { fractions: [0.6, 0.2, 0.2] as [number, number, number], seed: 42 };
const FIXED_SPLIT_NOTE =
  'no official split: a fixed stratified 60/20/20 train/val/test split (seed 42) over the files sorted by class and name';

/** A source whose data is the first of `candidates` (paths relative to the data directory) that exists. */
function source(origin: string, download: string, ...candidates: string[]): TaskSource {
  return {
    origin,
    download,
    expected: candidates[0],
    locate: (dataDir) => {
      const found = candidates.find((c) => existsSync(path.join(dataDir, c)));
      return found === undefined ? null : path.join(dataDir, found);
    },
  };
}

/**
 * A built-in task: `load` receives the located data folder; when the data is missing it fails with one line
 * naming where it looked and the download command that fetches it. Shapes the data decides (padded length,
 * band count) are filled in on first load.
 */
function builtin(
  spec: Omit<TaskSpec, 'load' | 'source'> & { source: TaskSource },
  load: (where: string, opts: LoadOptions, dataDir: string) => Promise<TaskData>,
): TaskSpec {
  const task: TaskSpec = {
    ...spec,
    load: async (dataDir, opts = {}) => {
      const where = spec.source.locate(dataDir);
      if (!where)
        throw new Error(
          `${spec.id}: no data at ${path.join(dataDir, spec.source.expected)}; fetch it with: ${spec.source.download}`,
        );
      const data = await load(where, opts, dataDir);
      if (data.train.shape[0] > 0) task.inputShape = data.train.shape.slice(1);
      else if (data.test.shape[0] > 0) task.inputShape = data.test.shape.slice(1);
      return data;
    },
  };
  return task;
}

// ---- GUE (Zhou et al., DNABERT-2): 28 tasks, train/dev/test CSVs

interface GueTask {
  id: string;
  /** Folder in the archive: <group>/<name>. */
  folder: string;
  length: number;
  classes: number;
}

const GUE: GueTask[] = [
  ...['H3', 'H3K14ac', 'H3K36me3', 'H3K4me1', 'H3K4me2', 'H3K4me3', 'H3K79me3', 'H3K9ac', 'H4', 'H4ac'].map(
    (m) => ({ id: `emp_${m}`, folder: `EMP/${m}`, length: 500, classes: 2 }),
  ),
  ...[0, 1, 2, 3, 4].map((i) => ({ id: `mouse_${i}`, folder: `mouse/${i}`, length: 100, classes: 2 })),
  ...['prom_300_all', 'prom_300_notata', 'prom_300_tata'].map((t) => ({
    id: t,
    folder: `prom/${t}`,
    length: 300,
    classes: 2,
  })),
  ...['prom_core_all', 'prom_core_notata', 'prom_core_tata'].map((t) => ({
    id: t,
    folder: `prom/${t}`,
    length: 70,
    classes: 2,
  })),
  { id: 'splice_reconstructed', folder: 'splice/reconstructed', length: 400, classes: 3 },
  ...[0, 1, 2, 3, 4].map((i) => ({ id: `tf_${i}`, folder: `tf/${i}`, length: 100, classes: 2 })),
  { id: 'virus_covid', folder: 'virus/covid', length: 1000, classes: 9 },
];

/** The promoter tasks also come as byte copies (`download gue-promoters`), stored flat as genomics/gue/<task>. */
const GUE_PROMOTER_COPIES = new Set(['prom_core_all', 'prom_core_notata', 'prom_core_tata', 'prom_300_tata']);

function gueTask(t: GueTask): TaskSpec {
  const download = GUE_PROMOTER_COPIES.has(t.id)
    ? 'yardstick download gue --allow-unverified (or yardstick download gue-promoters)'
    : 'yardstick download gue --allow-unverified';
  return builtin(
    {
      id: `gue/${t.id}`,
      modality: 'dna',
      metric: 'mcc',
      numClasses: t.classes,
      inputShape: [5, t.length],
      usage: 'benchmark',
      splitNote:
        'official GUE train/dev/test (dev = validation); select on dev, report test MCC as DNABERT-2 does',
      source: source(
        'GUE (DNABERT-2 authors, Google Drive archive)',
        download,
        `genomics/gue/${t.folder}`,
        ...(GUE_PROMOTER_COPIES.has(t.id) ? [`genomics/gue/${t.id}`] : []),
      ),
    },
    (dir, opts) =>
      loadDnaSplits(
        {
          train: [{ path: path.join(dir, 'train.csv') }],
          val: [{ path: path.join(dir, 'dev.csv') }],
          test: [{ path: path.join(dir, 'test.csv') }],
          numClasses: t.classes,
        },
        opts,
      ),
  );
}

// ---- Nucleotide Transformer downstream tasks (Dalla-Torre et al.): 18 tasks, train/test parquet

/** Padded lengths as the DASHA reference pads them (spec 2.4), and class counts. */
function ntShape(task: string): { length: number; classes: number } {
  if (task.startsWith('enhancers')) return { length: 200, classes: task === 'enhancers_types' ? 3 : 2 };
  if (task.startsWith('promoter')) return { length: 300, classes: 2 };
  if (task.startsWith('splice')) return { length: 600, classes: task === 'splice_sites_all' ? 3 : 2 };
  return { length: 500, classes: 2 }; // histone marks
}

function ntTask(task: string): TaskSpec {
  const { length, classes } = ntShape(task);
  return builtin(
    {
      id: `nt/${task}`,
      modality: 'dna',
      metric: 'mcc',
      numClasses: classes,
      inputShape: [5, length],
      usage: 'benchmark',
      splitNote:
        'official NT train/test split (no validation split: DASHA holds out a seeded 10% of train); MCC as the DASHA reference reports it',
      source: source(
        'Nucleotide Transformer downstream tasks (InstaDeepAI, Hugging Face Hub)',
        `yardstick download nt/${task} --allow-unverified`,
        `genomics/nt/${task}`,
      ),
    },
    (dir, opts) =>
      loadDnaSplits(
        {
          train: [{ path: path.join(dir, 'train.parquet') }],
          test: [{ path: path.join(dir, 'test.parquet') }],
          length,
          numClasses: classes,
        },
        opts,
      ),
  );
}

// ---- GEO-Bench v0.9.1 (Lacoste et al.): HDF5 samples listed in default_partition.json

/** Registry task id, folder (GEO-Bench's), input shape as GEO-Bench's paper lists it, classes. */
const GEOBENCH: { id: string; folder: string; shape: number[]; classes: number }[] = [
  { id: 'm-bigearthnet', folder: 'm-bigearthnet', shape: [12, 120, 120], classes: 43 },
  { id: 'm-brick-kiln', folder: 'm-brick-kiln', shape: [13, 64, 64], classes: 2 },
  { id: 'm-eurosat', folder: 'm-eurosat', shape: [13, 64, 64], classes: 10 },
  { id: 'm-forestnet', folder: 'm-forestnet', shape: [6, 332, 332], classes: 12 },
  { id: 'm-pv4ger', folder: 'm-pv4ger', shape: [3, 320, 320], classes: 2 },
  { id: 'm-so2sat', folder: 'm-so2sat', shape: [18, 32, 32], classes: 17 },
  { id: 'm-chesapeake', folder: 'm-chesapeake-lancover', shape: [4, 256, 256], classes: 7 },
  { id: 'm-NeonTree', folder: 'm-NeonTree', shape: [-1, 400, 400], classes: 2 },
  { id: 'm-nz-cattle', folder: 'm-nz-cattle', shape: [3, 500, 500], classes: 2 },
  { id: 'm-pv4ger-seg', folder: 'm-pv4ger-seg', shape: [3, 320, 320], classes: 2 },
  { id: 'm-cashew-plant', folder: 'm-cashew-plantation', shape: [13, 256, 256], classes: 7 },
  { id: 'm-SA-crop-type', folder: 'm-SA-crop-type', shape: [13, 256, 256], classes: 10 },
];

function geobenchTask(t: (typeof GEOBENCH)[number]): TaskSpec {
  const entry = GEOBENCH_TASKS.find((g) => g.name === t.folder)!;
  const segmentation = entry.group === 'segmentation';
  const multilabel = t.id === 'm-bigearthnet'; // 43 labels per sample, scored by macro mAP as DASHA does
  return builtin(
    {
      id: `geobench/${t.id}`,
      modality: segmentation ? 'segmentation' : multilabel ? 'multilabel' : 'image',
      metric: segmentation ? 'miou' : multilabel ? 'map' : 'accuracy',
      numClasses: t.classes,
      inputShape: t.shape,
      usage: 'benchmark',
      splitNote:
        'official GEO-Bench train/valid/test partition (default_partition.json); every band of the sample files, standardised with training statistics',
      source: source(
        'GEO-Bench v0.9.1 (ServiceNow, Zenodo)',
        `yardstick download geobench/${t.folder}`,
        `satellite/geobench/${entry.group}_v0.9.1/${t.folder}`,
      ),
    },
    (dir, opts) =>
      loadGeobenchFolder(
        dir,
        {
          bands: 'all',
          target: segmentation ? 'mask' : multilabel ? 'multilabel' : 'label',
          numClasses: t.classes,
        },
        opts,
      ),
  );
}

// ---- the shared data directory's other labelled copies

function genomicBenchmarksTask(name: string, length: number): TaskSpec {
  return builtin(
    {
      id: `genomic-benchmarks/${name}`,
      modality: 'dna',
      metric: 'mcc',
      numClasses: 2,
      inputShape: [5, length],
      usage: 'scoring-only',
      splitNote:
        'official Genomic Benchmarks test split only; no train split here, so train is empty: use it to score a model trained elsewhere, never report a fit on it as comparable',
      source: source(
        'Genomic Benchmarks test split (byte copy)',
        'yardstick download genomic-benchmarks',
        `genomics/genomic_benchmarks/${name}/test.csv`,
      ),
    },
    (file, opts) => loadDnaSplits({ train: [], test: [{ path: file }], length, numClasses: 2 }, opts),
  );
}

const ntRevisedToy = builtin(
  {
    id: 'nt/revised-toy',
    modality: 'dna',
    metric: 'mcc',
    numClasses: 2,
    inputShape: [5, 300],
    usage: 'format-test',
    splitNote: `the promoter_all rows of the NT revised toy subsample (train-derived, per-label sampled); ${FIXED_SPLIT_NOTE.replace('files sorted by class and name', 'rows in file order')}; format tests only`,
    source: source(
      'NT revised toy subsample (format tests only)',
      'yardstick download nt-revised-toy',
      'genomics/nt/revised_toy_subsample/train.tsv',
    ),
  },
  async (file, opts) => {
    const [{ readDnaTable }, { encodeDnaSplits }] = await Promise.all([
      import('../data/dna/table.js'),
      dnaLoaders(),
    ]);
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
);

/** An RGB class-folder dataset (<Class>/<image>) split by the fixed rule; other image sizes are resampled. */
function classFolderTask(id: string, classes: number, side: number, note: string, src: TaskSource): TaskSpec {
  return builtin(
    {
      id,
      modality: 'image',
      metric: 'accuracy',
      numClasses: classes,
      inputShape: [3, side, side],
      usage: 'benchmark',
      splitNote: `${note}; ${FIXED_SPLIT_NOTE}`,
      source: src,
    },
    (dir, opts) => loadSplitImageFolder(dir, { channels: 3, height: side, width: side }, FIXED_SPLIT, opts),
  );
}

// the registry's `eurosat` is the 13-band EuroSAT-MS; the RGB JPEGs are `eurosat/rgb`
const eurosat = classFolderTask(
  'eurosat/rgb',
  10,
  64,
  'EuroSAT RGB (satellite/eurosat/<Class>/*.jpg: all 27,000 from `yardstick download eurosat`, or the shared 500-per-class subset); not the split of published full-set numbers',
  source('EuroSAT RGB (DFKI, official zip)', 'yardstick download eurosat', 'satellite/eurosat'),
);

const ucmerced = classFolderTask(
  'ucmerced',
  21,
  256,
  'UC Merced Land Use in satellite/ucmerced/<class>/*.tif (yardstick download ucmerced); images not 256 x 256 are resampled',
  source(
    'UC Merced Land Use (official zip)',
    'yardstick download ucmerced --allow-unverified',
    'satellite/ucmerced',
  ),
);

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
/** GEO-Bench's test fixtures, one folder each below satellite/geobench. */
const fixtureSource = (folder: string) =>
  source(
    "GEO-Bench's test fixtures (format tests only)",
    'yardstick download geobench-fixtures',
    `satellite/geobench/${folder}`,
  );

const brickKilnFixtures = builtin(
  {
    id: 'geobench/m-brick-kiln-fixtures',
    modality: 'image',
    metric: 'accuracy',
    numClasses: 2,
    inputShape: [13, 64, 64],
    usage: 'format-test',
    splitNote: `${GEOBENCH_FIXTURE_NOTE} (all 5 have label 0)`,
    source: fixtureSource('ccb-test-classification/brick_kiln_v1.0'),
  },
  (dir, opts) =>
    loadGeobenchFolder(
      dir,
      { bands: BRICK_KILN_BANDS, target: 'label', numClasses: 2, classNames: ['no kiln', 'kiln'] },
      opts,
    ),
);

const chesapeakeFixtures = builtin(
  {
    id: 'geobench/chesapeake',
    modality: 'segmentation',
    metric: 'miou',
    numClasses: 7,
    inputShape: [4, 256, 256],
    usage: 'format-test',
    splitNote: GEOBENCH_FIXTURE_NOTE,
    source: fixtureSource('ccb-test-segmentation/cvpr_chesapeake_landcover'),
  },
  (dir, opts) =>
    loadGeobenchFolder(
      dir,
      { bands: ['Red', 'Green', 'Blue', 'NearInfrared'], target: 'mask', numClasses: 7 },
      opts,
    ),
);

export const BUILTIN_TASKS: readonly TaskSpec[] = [
  ...GUE.map(gueTask),
  ...NT_TASKS.map(ntTask),
  ...GEOBENCH.map(geobenchTask),
  eurosat,
  genomicBenchmarksTask('human_enhancers_cohn', 500),
  genomicBenchmarksTask('human_nontata_promoters', 251),
  ntRevisedToy,
  ucmerced,
  brickKilnFixtures,
  chesapeakeFixtures,
];
