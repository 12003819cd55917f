// Where each dataset comes from. Files copied into shared/data are pinned to the digests recorded in its READMEs;
// the benchmarks' own archives carry the checksum their origin publishes (torchvision's md5 for EuroSAT, Zenodo's
// md5 per GEO-Bench file, read from the record at download time) or, where the origin publishes none (GUE's Google
// Drive archive, the Nucleotide Transformer parquet files on the Hugging Face Hub, UC Merced), say so: those need
// --allow-unverified, and their sha256 and size are printed and recorded on first download (see index.ts).
import type { Checksum } from './fetch.js';

/** A file saved at `target` (relative to the data directory). */
export interface RemoteFile {
  kind: 'file';
  url: string;
  target: string;
  checksum: Checksum;
}

/**
 * A Zenodo record (GEO-Bench's distribution): the record's JSON lists its files with their md5, each downloaded
 * and verified; zip files are extracted flat (every member by its base name, as GEO-Bench's own downloader does)
 * into `into`.
 */
export interface ZenodoRecord {
  kind: 'zenodo';
  /** The record's API address, https://zenodo.org/api/records/<id>. */
  url: string;
  into: string;
  /** The version the folder is named for; a record of another version is refused. */
  version: string;
}

/**
 * A zip archive: members under `stripPrefix` are written below `into` (relative to the data directory), or only
 * the listed `members`, each with its own target and checksum.
 */
export interface RemoteArchive {
  kind: 'archive';
  url: string;
  checksum: Checksum;
  /** File name under .downloads/ when the URL's path does not end in one (Google Drive). */
  saveAs?: string;
  stripPrefix?: string;
  into?: string;
  members?: { name: string; target: string; checksum: Checksum }[];
}

export type RemoteItem = RemoteFile | RemoteArchive | ZenodoRecord;

export interface DatasetSource {
  name: string;
  description: string;
  /** What the origin publishes to verify the bytes (or that it publishes nothing, and the sizes it lists). */
  checksums: string;
  items: RemoteItem[];
}

const GITHUB_RAW = 'https://raw.githubusercontent.com';
const file = (url: string, target: string, sha256: string): RemoteFile => ({
  kind: 'file',
  url,
  target,
  checksum: { sha256 },
});

const GUE_SHA256: Record<string, [string, string, string]> = {
  prom_core_all: [
    'a36e0bbf2b59e01479bb904534d310041b493fec9221ccd74b518893d74054ed',
    '98dd5d2b5df3c93cad9fa0a4a36078d28fa95b7bf9ab73fb2e5ba1fa74877f2b',
    'b1babbb52abd0fb5328eccc4ce8ab60d0a58d28bdc88c30f8e2140cf1684ce0c',
  ],
  prom_core_notata: [
    '78bfa494d14fa12f3a661fbd37b8d252f3cf9edf4a8f98d60832fb56e6f9aab9',
    'ced43fdbc8c76187fe0589dfeef07f4554c3374837236b80b02eea392795d548',
    '1ef44c266ca1368e8b438f6b0565b865aa203de8e1c89fc513357311b58bf97c',
  ],
  prom_core_tata: [
    '6ff19d1296628f1ff30f663f154596aeda27e2c48b8d8c35926029a33c64d3fb',
    'dcacb3b86726376899ad4023339ccaae04a9150f41c34268b4ab38e447316a70',
    '35ba337b4f1f3ca53c5045d51ab6eaedbd382619527a38d4a41f5402015dbad4',
  ],
  prom_300_tata: [
    'd0dd45bad89aee2564b8831d38a393989942d79b673203e7eb50e19ec8e6242e',
    '4de0f8163d964e4004f0a11036d9a9c5ec6fe2ad5953f962acf66150a2f44592',
    '30432e9845277559043c2bb3bfed37b9bc7efc15748880f3adeeaddc16b76deb',
  ],
};
const GUE_REPO = `${GITHUB_RAW}/wds-seu/DeepGene/486343e5212361d6cd7ed03c624f430ed3d5f02e/data/GUE/prom`;

const GB_REPO = `${GITHUB_RAW}/GayanSamuditha/DNA-Language-Model-Evaluation/5859377b1d217a7734611d4e8559b4c4561e7dc2/Dataset`;
const NT_REPO = `${GITHUB_RAW}/allison-eunse/ai4h-inspired-fm-benchmark-hub/169e8f9fb294a5fdfa7ef9de7a7a67b9707dbb21`;
const GEOBENCH_REPO = `${GITHUB_RAW}/ServiceNow/geo-bench/40e4c42247d8fea86817295cfd1a3fa7ca806497/tests/data/converted`;
const ETT_REPO = `${GITHUB_RAW}/zhouhaoyi/ETDataset/1d16c8f4f943005d613b5bc962e9eeb06058cf07/ETT-small`;
const LTSF_REPO = `${GITHUB_RAW}/junwoopark92/Self-Supervised-Contrastive-Forecsating/f394705adbf5217811276f5e59576c6e7ea7586c/dataset`;

const GEOBENCH_FILES: [string, string][] = [
  [
    'ccb-test-classification/brick_kiln_v1.0/band_stats.json',
    '3088703ca4b69b836b041aaf3f465dd3cb9da31faa0fa75bbc28f90d14984279',
  ],
  [
    'ccb-test-classification/brick_kiln_v1.0/default_partition.json',
    '3584bfa3836b19cb76427cbd72a862dc728812a91eebc09b62a6aae7c8d10834',
  ],
  [
    'ccb-test-classification/brick_kiln_v1.0/examples_0_12.hdf5',
    'c3a7cfe9a040cdf5fe34dfdab169a1a1fb1da7766fe21854058a7f286edeff13',
  ],
  [
    'ccb-test-classification/brick_kiln_v1.0/examples_0_19.hdf5',
    'a08c3b55e643d2f4ffb9376b0be857f7f616b2aca5cd7fbe29f3d1da1f18b861',
  ],
  [
    'ccb-test-classification/brick_kiln_v1.0/examples_0_37.hdf5',
    '667ee63557faba6e30e3c297925c6b54c805f4106f1a0a0a3bec86c88f6e6307',
  ],
  [
    'ccb-test-classification/brick_kiln_v1.0/examples_0_40.hdf5',
    '13e6ee543e00262f73e241fe1d9554df58a5fbb843bfd8222334bad49591c4f9',
  ],
  [
    'ccb-test-classification/brick_kiln_v1.0/examples_0_9.hdf5',
    '08ea20e4a96a0411eade4d6b3450dbdf66096f44fc30ce1737d027dfc6234040',
  ],
  [
    'ccb-test-segmentation/cvpr_chesapeake_landcover/band_stats.json',
    'e7d807deef2b1f64b352bd6ffdf1e739b530fa851d35ebaa9e559a6938a9a107',
  ],
  [
    'ccb-test-segmentation/cvpr_chesapeake_landcover/default_partition.json',
    '3f4254e2e83c6f39207186017fe20afe6afaa130b71f352b6d09b682e81c830d',
  ],
  [
    'ccb-test-segmentation/cvpr_chesapeake_landcover/id_000051.hdf5',
    'e5526ed77b49e45fb4eb8cb630a0b43d764af419c6ea5725b02652a4cfcff410',
  ],
  [
    'ccb-test-segmentation/cvpr_chesapeake_landcover/id_000138.hdf5',
    '97ec5f2b6cbb8ce3dcd9fbee471470699514b698c19cecdfb804dcdf8a035302',
  ],
  [
    'ccb-test-segmentation/cvpr_chesapeake_landcover/id_000181.hdf5',
    '4300d81075ec294b121264ed9fcb6473ccc4073d875f654dfc94113fd1f02aab',
  ],
  [
    'ccb-test-segmentation/cvpr_chesapeake_landcover/id_000184.hdf5',
    'aa513d1b0925209dd222a81a008f5fcdf5e3e96e8d53813480042f2d66784c45',
  ],
  [
    'ccb-test-segmentation/cvpr_chesapeake_landcover/id_000367.hdf5',
    '0b58b1870590fdad47d565d063da06f26568bd3ed516d138412714869a66285e',
  ],
  [
    'ccb-test-segmentation/cvpr_chesapeake_landcover/label_stats.json',
    'cd5aee5931a80a4fc141134d7890183505dc20c9395f84340098a9514d08414b',
  ],
];

const ETT_SHA256: Record<string, string> = {
  ETTh1: 'f18de3ad269cef59bb07b5438d79bb3042d3be49bdeecf01c1cd6d29695ee066',
  ETTh2: 'a3dc2c597b9218c7ce1cd55eb77b283fd459a1d09d753063f944967dd6b9218b',
  ETTm1: '6ce1759b1a18e3328421d5d75fadcb316c449fcd7cec32820c8dafda71986c9e',
  ETTm2: 'db973ca252c6410a30d0469b13d696cf919648d0f3fd588c60f03fdbdbadd1fd',
};

/** GUE as the DNABERT-2 authors distribute it (the file id of MAGICS-LAB's own download script). */
const GUE_DRIVE_ID = '1GRtbzTe3UXYF1oW27ASNhYX3SZ16D7N2';

/** The 18 tasks of the original Nucleotide Transformer release, as named on the Hub. */
export const NT_TASKS = [
  'promoter_all',
  'promoter_tata',
  'promoter_no_tata',
  'enhancers',
  'enhancers_types',
  'splice_sites_all',
  'splice_sites_acceptors',
  'splice_sites_donors',
  'H3',
  'H3K14ac',
  'H3K36me3',
  'H3K4me1',
  'H3K4me2',
  'H3K4me3',
  'H3K79me3',
  'H3K9ac',
  'H4',
  'H4ac',
] as const;
const NT_HUB =
  'https://huggingface.co/datasets/InstaDeepAI/nucleotide_transformer_downstream_tasks/resolve/main';

/**
 * GEO-Bench v0.9.1 on Zenodo: the folder names and record ids of GEO-Bench's own downloader
 * (geobench/geobench_download.py), the Chesapeake folder's spelling included.
 */
export const GEOBENCH_TASKS = [
  { name: 'm-bigearthnet', group: 'classification', record: '8277476' },
  { name: 'm-brick-kiln', group: 'classification', record: '8276814' },
  { name: 'm-eurosat', group: 'classification', record: '8276932' },
  { name: 'm-forestnet', group: 'classification', record: '8277532' },
  { name: 'm-pv4ger', group: 'classification', record: '8276974' },
  { name: 'm-so2sat', group: 'classification', record: '8276566' },
  { name: 'm-chesapeake-lancover', group: 'segmentation', record: '8276992' },
  { name: 'm-NeonTree', group: 'segmentation', record: '8277543' },
  { name: 'm-nz-cattle', group: 'segmentation', record: '8277048' },
  { name: 'm-pv4ger-seg', group: 'segmentation', record: '8277053' },
  { name: 'm-cashew-plantation', group: 'segmentation', record: '8277065' },
  { name: 'm-SA-crop-type', group: 'segmentation', record: '8277133' },
] as const;

export const DATASETS: readonly DatasetSource[] = [
  {
    name: 'gue',
    description: "GUE, all 28 tasks (the DNABERT-2 authors' archive GUE/<group>/<task>/{train,dev,test}.csv)",
    checksums:
      'none published (a Google Drive file): needs --allow-unverified; its sha256 and size are printed and recorded on first download',
    items: [
      {
        kind: 'archive',
        url: `https://drive.usercontent.google.com/download?id=${GUE_DRIVE_ID}&export=download&confirm=t`,
        saveAs: 'GUE.zip',
        checksum: {},
        stripPrefix: 'GUE/',
        into: 'genomics/gue',
      },
    ],
  },
  {
    name: 'gue-promoters',
    description:
      'GUE promoter tasks prom_core_all/notata/tata and prom_300_tata, byte copies (train/dev/test CSVs)',
    checksums: 'sha256 of every file, recorded in shared/data/README.md',
    items: Object.entries(GUE_SHA256).flatMap(([task, sums]) =>
      ['train', 'dev', 'test'].map((split, k) =>
        file(`${GUE_REPO}/${task}/${split}.csv`, `genomics/gue/${task}/${split}.csv`, sums[k]),
      ),
    ),
  },
  ...NT_TASKS.map((task): DatasetSource => ({
    name: `nt/${task}`,
    description: `Nucleotide Transformer downstream task ${task} (train/test parquet, Hugging Face Hub)`,
    checksums:
      'none recorded (the Hub lists a sha256 per file on its page, not reachable when this catalogue was written): needs --allow-unverified; sha256 and size are printed and recorded on first download',
    items: ['train', 'test'].map((split): RemoteFile => ({
      kind: 'file',
      url: `${NT_HUB}/${task}/${split}.parquet`,
      target: `genomics/nt/${task}/${split}.parquet`,
      checksum: {},
    })),
  })),
  {
    name: 'genomic-benchmarks',
    description: 'Genomic Benchmarks test splits: human_enhancers_cohn, human_nontata_promoters',
    checksums: 'sha256 of every file, recorded in shared/data/README.md',
    items: [
      file(
        `${GB_REPO}/test_human_enhancers_cohn.csv`,
        'genomics/genomic_benchmarks/human_enhancers_cohn/test.csv',
        '1154acf76491354ce17679fdbfb45bcab160daed8c646deded0c9e525fc41da6',
      ),
      file(
        `${GB_REPO}/test_human_nontata_promoters.csv`,
        'genomics/genomic_benchmarks/human_nontata_promoters/test.csv',
        'aab011d7aa457fb7001cd882101c01b98827328e79fc0cb839cc9495f486a48a',
      ),
    ],
  },
  {
    name: 'nt-revised-toy',
    description: 'Nucleotide Transformer (revised) toy subsample TSV, for format tests',
    checksums: 'sha256, recorded in shared/data/README.md',
    items: [
      file(
        `${NT_REPO}/toy_data/genomics/dna_sequences/nucleotide_transformer/train.tsv`,
        'genomics/nt/revised_toy_subsample/train.tsv',
        'b5654e81e6c79066ef94cd50c91500cfd69ef91e613dc7ee7dd4a9b01ba2eea5',
      ),
    ],
  },
  {
    name: 'geobench-fixtures',
    description: "GEO-Bench's 5-sample m-brick-kiln and Chesapeake test fixtures (HDF5)",
    checksums: 'sha256 of every file, recorded in shared/data/README.md',
    items: GEOBENCH_FILES.map(([p, sum]) => file(`${GEOBENCH_REPO}/${p}`, `satellite/geobench/${p}`, sum)),
  },
  {
    name: 'eurosat',
    description: 'EuroSAT RGB, all 27,000 JPEGs (official zip)',
    checksums: 'md5 of the zip as published by torchvision',
    items: [
      {
        kind: 'archive',
        url: 'https://madm.dfki.de/files/sentinel/EuroSAT.zip',
        checksum: { md5: 'c8fa014336c82ac7804f0398fcb19387' },
        stripPrefix: '2750/',
        into: 'satellite/eurosat',
      },
    ],
  },
  {
    name: 'ucmerced',
    description: 'UC Merced Land Use, 2,100 TIFFs (official zip)',
    checksums: 'none published: needs --allow-unverified (sha256 and size printed and recorded)',
    items: [
      {
        kind: 'archive',
        url: 'http://weegee.vision.ucmerced.edu/datasets/UCMerced_LandUse.zip',
        checksum: {},
        stripPrefix: 'UCMerced_LandUse/Images/',
        into: 'satellite/ucmerced',
      },
    ],
  },
  {
    name: 'ltsf',
    description: 'LTSF CSVs: ETTh1/2, ETTm1/2 (official ETDataset), weather, exchange_rate, national_illness',
    checksums: 'sha256 of every CSV, recorded in shared/data/timeseries/README.md',
    items: [
      ...Object.entries(ETT_SHA256).map(([name, sum]) =>
        file(`${ETT_REPO}/${name}.csv`, `timeseries/${name}.csv`, sum),
      ),
      {
        kind: 'archive',
        url: `${GITHUB_RAW}/Kyushu-U-AI/CME-Mamba/5a3c60cede21a6eac73f6c60b7bf347b1c047973/dataset/weather.zip`,
        checksum: {},
        members: [
          {
            name: 'weather/weather.csv',
            target: 'timeseries/weather.csv',
            checksum: { sha256: '34ee981d07313e51da2a50bb600072c8ae4a69cb4b0651f4cb93a069d7a2ba63' },
          },
        ],
      },
      file(
        `${LTSF_REPO}/exchange_rate/exchange_rate.csv`,
        'timeseries/exchange_rate.csv',
        'd55e7aa2641009814a18ba3279431b13f6d413b0eab195b9ff21988d8cf94e97',
      ),
      file(
        `${LTSF_REPO}/illness/national_illness.csv`,
        'timeseries/national_illness.csv',
        '8594cecb98c6f2f9dc014eca11c4d5d1e38ad5ce6ed0592d4abe65b146fce395',
      ),
    ],
  },
  ...GEOBENCH_TASKS.map(({ name, group, record }): DatasetSource => ({
    name: `geobench/${name}`,
    description: `GEO-Bench ${group} task ${name} (v0.9.1, Zenodo record ${record})`,
    checksums: "md5 of every file, as the Zenodo record publishes it (read from the record's JSON)",
    items: [
      {
        kind: 'zenodo',
        url: `https://zenodo.org/api/records/${record}`,
        into: `satellite/geobench/${group}_v0.9.1/${name}`,
        version: 'v0.9.1',
      },
    ],
  })),
];
