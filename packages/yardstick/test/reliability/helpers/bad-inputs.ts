// Generator of malformed inputs (TEST DATA, written fresh into a scratch folder): CSV series, DNA tables, FASTA,
// parquet, PNG/JPEG/TIFF images, GeoTIFF bands, GEO-Bench HDF5 folders, task files, registry files, run
// databases, command-line arguments, and (for the dashboard) URLs and cookies. Each case names the subject its
// error line must mention. Inputs that look bad but have a defined, correct reading (no date column, rows newest
// first, a duplicated timestamp, extreme scales) are `accepted` cases: exit 0 with a warning per oddity.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { encode as encodePng } from 'fast-png';
import { writeArrayBuffer } from 'geotiff';
import jpeg from 'jpeg-js';
import { SqliteStorage } from '../../../src/storage/index.js';
import { testMachine } from '../../helpers/machine.js';

/** A command line that must fail with `code` and one `error:` line that contains `subject`. */
export interface CliCase {
  id: string;
  argv: string[];
  code: 1 | 2;
  subject: string;
}

/** A request to the dashboard that must be refused with `status` (and leave the server answering). */
export interface HttpCase {
  id: string;
  path: string;
  headers?: Record<string, string>;
  method?: string;
  status: number;
  /** Send to the server that requires a token (the default server has none). */
  tokenServer?: boolean;
}

/** A command line that must succeed with exactly `warnings` stderr lines, each `warning:` naming `subject`. */
export interface AcceptedCase {
  id: string;
  argv: string[];
  warnings: number;
  subject: string;
}

function png(width: number, height: number, channels: number, depth: 8 | 16 = 8, value = 100): Uint8Array {
  const n = width * height * channels;
  const data = depth === 16 ? new Uint16Array(n).fill(value * 257) : new Uint8Array(n).fill(value);
  return encodePng({ width, height, channels, depth, data });
}

/** A PNG whose IHDR declares width x height, with no image data (the header is all a size check may read). */
function pngHeader(width: number, height: number): Uint8Array {
  const bytes = Buffer.from(png(1, 1, 3));
  bytes.writeUInt32BE(width, 16);
  bytes.writeUInt32BE(height, 20);
  return bytes;
}

function jpg(width: number, height: number): Uint8Array {
  return jpeg.encode({ data: Buffer.alloc(width * height * 4, 120), width, height }, 90).data;
}

function tiff(width: number, height: number, bands: Float32Array[], float = true): Uint8Array {
  const values = new Float32Array(bands.length * width * height);
  // geotiff writes pixel-interleaved samples
  for (let p = 0; p < width * height; p++) bands.forEach((b, c) => (values[p * bands.length + c] = b[p]));
  const buf = writeArrayBuffer(float ? values : Uint8Array.from(values), {
    width,
    height,
    SamplesPerPixel: bands.length,
    BitsPerSample: bands.map(() => (float ? 32 : 8)),
    SampleFormat: bands.map(() => (float ? 3 : 1)),
    PlanarConfiguration: 1,
  } as never);
  return new Uint8Array(buf);
}

const DNA_OK = 'sequence,label\nACGTACGT,0\nTTGCAACG,1\nACGTTTGA,0\nGGGCATCA,1\n';

export function generateBadInputs(dir: string): {
  cli: CliCase[];
  http: HttpCase[];
  accepted: AcceptedCase[];
} {
  const cli: CliCase[] = [];
  const accepted: AcceptedCase[] = [];
  const put = (rel: string, content: string | Uint8Array): string => {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
    return file;
  };
  const add = (id: string, argv: string[], code: 1 | 2, subject: string) =>
    cli.push({ id, argv, code, subject });

  mkdirSync(path.join(dir, 'data-dir')); // an empty data directory: built-in tasks find nothing
  // ---- run databases (one valid, empty database for the commands that need one)
  const db = path.join(dir, 'db', 'ok.db');
  mkdirSync(path.dirname(db), { recursive: true });
  const seeded = new SqliteStorage(db);
  seeded.createRun({
    id: 'autoar-etth1',
    workflow: 'autoar',
    task: 'ltsf/ETTh1',
    mode: 'default',
    config: { horizon: 96 },
    machine: testMachine,
    seed: 0,
    budgetSeconds: null,
    startedAt: new Date().toISOString(),
    artifactDir: null,
  });
  seeded.finishRun('autoar-etth1', 'complete', {
    test: { mse: 0.38, mae: 0.4 },
    horizon: 96,
    lookback: 336,
    params: 500,
  });
  seeded.close();
  const junkDb = put(
    'db/junk.db',
    'this is not an SQLite file, just text that is long enough to have a header.\n'.repeat(20),
  );
  const foreign = path.join(dir, 'db', 'foreign.db');
  new Database(foreign).exec('CREATE TABLE songs (title TEXT)').close();
  const newer = path.join(dir, 'db', 'newer.db');
  new Database(newer).pragma('user_version = 99');
  const missingDb = path.join(dir, 'db', 'missing.db');
  add('db/runs-missing', ['runs', '--db', missingDb], 1, missingDb);
  add('db/runs-junk', ['runs', '--db', junkDb], 1, junkDb);
  add('db/runs-directory', ['runs', '--db', path.join(dir, 'db')], 1, path.join(dir, 'db'));
  add('db/runs-foreign', ['runs', '--db', foreign], 1, foreign);
  add('db/runs-newer-schema', ['runs', '--db', newer], 1, newer);
  add('db/compare-missing', ['compare', 'ltsf/ETTh1', '--db', missingDb], 1, missingDb);
  add('db/report-junk', ['report', 'ltsf/ETTh1', '--db', junkDb, '--out', path.join(dir, 'out')], 1, junkDb);
  add('db/serve-junk', ['serve', '--db', junkDb, '--port', '0'], 1, junkDb);
  add('db/serve-missing', ['serve', '--db', missingDb, '--port', '0'], 1, missingDb);
  add('db/runs-one-byte', ['runs', '--db', put('db/byte.db', 'x')], 1, 'byte.db');
  add(
    'db/runs-truncated-header',
    ['runs', '--db', put('db/cut.db', 'SQLite format 3\u0000\u0010\u0000')],
    1,
    'cut.db',
  );

  // ---- command-line arguments (usage errors: exit 2, one line naming the option or argument)
  const usage: [string, string[], string][] = [
    ['budget-zero', ['dasha', 'gue/prom_core_tata', '--budget', '0'], '--budget'],
    ['budget-negative', ['dasha', 'gue/prom_core_tata', '--budget', '-5m'], '--budget'],
    ['budget-words', ['dasha', 'gue/prom_core_tata', '--budget', 'soon'], '--budget'],
    ['budget-unit', ['dasha', 'gue/prom_core_tata', '--budget', '30q'], '--budget'],
    ['budget-empty', ['dasha', 'gue/prom_core_tata', '--budget', ''], '--budget'],
    ['budget-trailing', ['dasha', 'gue/prom_core_tata', '--budget', '30m extra'], '--budget'],
    ['seed-negative', ['dasha', 'gue/prom_core_tata', '--seed', '-1'], '--seed'],
    ['seed-fraction', ['dasha', 'gue/prom_core_tata', '--seed', '1.5'], '--seed'],
    ['seed-word', ['dasha', 'gue/prom_core_tata', '--seed', 'abc'], '--seed'],
    ['limit-zero', ['dasha', 'gue/prom_core_tata', '--limit', '0'], '--limit'],
    ['limit-huge', ['dasha', 'gue/prom_core_tata', '--limit', '1e400'], '--limit'],
    ['mode-bogus', ['dasha', 'gue/prom_core_tata', '--mode', 'fast'], '--mode'],
    ['device-gpu', ['dasha', 'gue/prom_core_tata', '--device', 'gpu'], '--device'],
    ['device-cuda-n', ['dasha', 'gue/prom_core_tata', '--device', 'cuda:x'], '--device'],
    ['dasha-no-task', ['dasha'], 'task'],
    ['dasha-extra-arg', ['dasha', 'gue/prom_core_tata', 'extra'], "'dasha'"],
    ['dasha-unknown-option', ['dasha', 'gue/prom_core_tata', '--bugdet', '1h'], '--bugdet'],
    ['dasha-budget-missing-value', ['dasha', 'gue/prom_core_tata', '--budget'], '--budget'],
    ['autoar-horizon-zero', ['autoar', 'ltsf/ETTh1', '--horizon', '0'], '--horizon'],
    ['autoar-horizon-word', ['autoar', 'ltsf/ETTh1', '--horizon', 'long'], '--horizon'],
    ['autoar-mode-bogus', ['autoar', 'ltsf/ETTh1', '--horizon', '96', '--mode', 'quick'], '--mode'],
    ['autoar-no-task', ['autoar'], 'task'],
    ['autoar-no-horizon', ['autoar', 'ltsf/ETTh1'], '--horizon'],
    ['run-seeds-zero', ['run', 'default', '--seeds', '0'], '--seeds'],
    ['run-budget-zero', ['run', 'default', '--budget', '0'], '--budget'],
    ['run-device-bogus', ['run', 'default', '--device', 'tpu'], '--device'],
    ['runs-status-bogus', ['runs', '--status', 'done'], '--status'],
    ['runs-extra-arg', ['runs', 'extra'], "'runs'"],
    ['serve-port-high', ['serve', '--port', '70000'], '--port'],
    ['serve-port-negative', ['serve', '--port', '-1'], '--port'],
    ['serve-port-word', ['serve', '--port', 'http'], '--port'],
    ['serve-token-empty', ['serve', '--token', ''], '--token'],
    ['serve-token-short', ['serve', '--token', 'x'], '--token'],
    ['serve-token-21', ['serve', '--token', 'a'.repeat(21)], '--token'],
    ['serve-token-space', ['serve', '--token', `${'a'.repeat(22)} b`], '--token'],
    ['tasks-show-no-task', ['tasks', 'show'], 'task'],
    ['tasks-show-limit-zero', ['tasks', 'show', 'gue/prom_core_tata', '--limit', '0'], '--limit'],
    ['compare-no-target', ['compare'], 'target'],
    ['compare-horizon-word', ['compare', 'ltsf/ETTh1', '--horizon', 'x'], '--horizon'],
    ['report-no-target', ['report'], 'target'],
    ['unknown-command', ['trian'], 'trian'],
    ['unknown-global-option', ['--verbose', 'tasks'], '--verbose'],
    ['data-dir-no-value', ['--data-dir'], '--data-dir'],
  ];
  for (const [id, argv, subject] of usage) add(`args/${id}`, argv, 2, subject);

  // ---- task ids and task files (`tasks show` and `dasha` read them)
  const task = (rel: string, text: string) => put(rel, text);
  // task files name their data relative to themselves (paths that leave the folder may be refused)
  put('dna/ok.csv', DNA_OK);
  const okCsv = 'ok.csv';
  put('tasks/ok.csv', DNA_OK);
  add('task/unknown-id', ['tasks', 'show', 'gue/nope'], 1, 'gue/nope');
  add('task/missing-file', ['tasks', 'show', path.join(dir, 'tasks', 'missing.yaml')], 1, 'missing.yaml');
  add(
    'task/dasha-unknown-id',
    ['dasha', 'gue/nope', '--db', db, '--out', path.join(dir, 'out')],
    1,
    'gue/nope',
  );
  const taskFiles: [string, string, string][] = [
    ['bad-yaml', 'modality: dna\ntrain: [unclosed\n', 'bad-yaml.yaml'],
    ['bad-json', '{"modality": "dna", ', 'bad-json.json'],
    ['not-a-mapping', '- just\n- a list\n', 'not-a-mapping.yaml'],
    ['empty', '', 'empty.yaml'],
    ['modality-bogus', `modality: audio\ntrain: ${okCsv}\ntest: ${okCsv}\n`, 'modality'],
    ['modality-missing', `train: ${okCsv}\ntest: ${okCsv}\n`, 'modality'],
    ['metric-bogus', `modality: dna\nmetric: vibes\ntrain: ${okCsv}\ntest: ${okCsv}\n`, 'metric'],
    ['no-test', `modality: dna\ntrain: ${okCsv}\n`, 'test'],
    ['train-missing-file', `modality: dna\ntrain: nowhere.csv\ntest: ${okCsv}\n`, 'nowhere.csv'],
    [
      'sequence-length-word',
      `modality: dna\nsequenceLength: long\ntrain: ${okCsv}\ntest: ${okCsv}\n`,
      'sequenceLength',
    ],
    [
      'sequence-length-short',
      `modality: dna\nsequenceLength: 4\ntrain: ${okCsv}\ntest: ${okCsv}\n`,
      'ok.csv',
    ],
    ['format-bogus', `modality: dna\nformat: xlsx\ntrain: ${okCsv}\ntest: ${okCsv}\n`, 'format'],
    ['image-size-bad', 'modality: image\nimageSize: [0, -3]\ndata: .\n', 'imageSize'],
    [
      'split-fractions',
      `modality: dna\ndata: ${okCsv}\nsplit: { fractions: [0.9, 0.9, 0.2], seed: 1 }\n`,
      'fractions',
    ],
    ['unknown-key', `modality: dna\ntrian: ${okCsv}\ntrain: ${okCsv}\ntest: ${okCsv}\n`, 'trian'],
    ['conflicting-keys', `modality: dna\ndata: ${okCsv}\ntrain: ${okCsv}\ntest: ${okCsv}\n`, 'data'],
    ['path-escapes', 'modality: dna\ntrain: ../dna/ok.csv\ntest: ok.csv\n', '"train"'],
    ['numclasses-zero', `modality: dna\nnumClasses: 0\ntrain: ${okCsv}\ntest: ${okCsv}\n`, 'numClasses'],
    ['numclasses-too-small', `modality: dna\nnumClasses: 1\ntrain: ${okCsv}\ntest: ${okCsv}\n`, 'ok.csv'],
  ];
  for (const [id, text, subject] of taskFiles) {
    const file = task(`tasks/${id}.${id === 'bad-json' ? 'json' : 'yaml'}`, text);
    add(`taskfile/${id}`, ['tasks', 'show', file], 1, subject);
  }

  // ---- DNA tables, FASTA and parquet, each as the training file of a task file
  const dnaTask = (id: string, file: string, subject = path.basename(file), extra = '') => {
    const tf = task(
      `dna/${id}.task.yaml`,
      `modality: dna\n${extra}train: ${path.relative(path.join(dir, 'dna'), file)}\ntest: ${okCsv}\n`,
    );
    add(`dna/${id}`, ['tasks', 'show', tf], 1, subject);
  };
  const tables: [string, string, string][] = [
    ['empty', 'csv', ''],
    ['header-only', 'csv', 'sequence,label\n'],
    ['header-only-crlf', 'csv', 'sequence,label\r\n'],
    ['bom-only', 'csv', '\uFEFF'],
    ['no-label-column', 'csv', 'sequence,class\nACGT,0\nACGA,1\n'],
    ['no-sequence-column', 'csv', 'dna,label\nACGT,0\nACGA,1\n'],
    ['label-word', 'csv', 'sequence,label\nACGT,yes\nACGA,1\n'],
    ['label-negative', 'csv', 'sequence,label\nACGT,-1\nACGA,1\n'],
    ['label-fraction', 'csv', 'sequence,label\nACGT,0.5\nACGA,1\n'],
    ['label-empty', 'csv', 'sequence,label\nACGT,\nACGA,1\n'],
    ['label-million', 'csv', 'sequence,label\nACGT,0\nACGA,1000000\n'],
    ['label-gap', 'csv', 'sequence,label\nACGT,0\nACGA,5\n'],
    ['label-huge', 'csv', 'sequence,label\nACGT,0\nACGA,99999999999999999999\n'],
    ['one-class', 'csv', 'sequence,label\nACGT,0\nACGA,0\nTTTT,0\n'],
    ['ragged-long', 'csv', 'sequence,label\nACGT,0\nACGA,1,extra\n'],
    ['ragged-short', 'csv', 'sequence,label\nACGT,0\nACGA\n'],
    ['unclosed-quote', 'csv', 'sequence,label\n"ACGT,0\nACGA,1\n'],
    ['empty-line', 'csv', 'sequence,label\nACGT,0\n\nACGA,1\n'],
    ['bad-letter', 'csv', 'sequence,label\nACGT,0\nACXT,1\n'],
    ['lower-case', 'csv', 'sequence,label\nacgt,0\nACGA,1\n'],
    ['unicode-letter', 'csv', 'sequence,label\nACGT,0\nACGÄ,1\n'],
    ['quoted-comma-in-sequence', 'csv', 'sequence,label\n"AC,GT",0\nACGA,1\n'],
    ['tsv-with-commas', 'tsv', 'sequence,label\nACGT,0\n'],
    ['tsv-ragged', 'tsv', 'sequence\tlabel\nACGT\t0\nACGA\t1\tx\n'],
    ['binary', 'csv', '\u0000\u0001\u0002\u0003PK\u0003\u0004'],
  ];
  for (const [id, ext, text] of tables) dnaTask(id, put(`dna/${id}.${ext}`, text));
  dnaTask(
    'too-long-for-length',
    put('dna/too-long.csv', 'sequence,label\nACGTACGTACGT,0\nACGA,1\n'),
    'too-long.csv',
    'sequenceLength: 8\n',
  );
  const fastas: [string, string][] = [
    ['fasta-empty', ''],
    ['fasta-comments-only', '; nothing here\n; at all\n'],
    ['fasta-no-header', 'ACGTACGT\n'],
    ['fasta-no-id', '> label=0\nACGT\n'],
    ['fasta-no-label', '>r1\nACGT\n>r2 label=1\nACGA\n'],
    ['fasta-bad-label', '>r1 label=x\nACGT\n'],
    ['fasta-empty-sequence', '>r1 label=0\n>r2 label=1\nACGA\n'],
    ['fasta-bad-letter', '>r1 label=0\nACGT\n>r2 label=1\nAC-T\n'],
    ['fasta-one-class', '>r1 label=1\nACGT\n>r2 label=1\nACGA\n'],
    ['fasta-label-million', '>r1 label=0\nACGT\n>r2 label=1000000\nACGA\n'],
  ];
  for (const [id, text] of fastas) dnaTask(id, put(`dna/${id}.fa`, text));
  const parquets: [string, string | Uint8Array][] = [
    ['parquet-junk', 'this is not parquet at all'],
    ['parquet-empty', ''],
    ['parquet-magic-only', 'PAR1PAR1'],
    ['parquet-truncated', 'PAR1' + 'x'.repeat(64)],
  ];
  for (const [id, content] of parquets) dnaTask(id, put(`dna/${id}.parquet`, content));
  const fixturesDir = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'data');
  copyFileSync(path.join(fixturesDir, 'nt-no-label.parquet'), path.join(dir, 'dna', 'nt-no-label.parquet'));
  dnaTask('parquet-no-label', path.join(dir, 'dna', 'nt-no-label.parquet'));
  dnaTask('unknown-extension', put('dna/seqs.xlsx', 'a,b\n'), 'seqs.xlsx');

  // ---- images: a train/test pair of class-folder trees, with one bad file in train/a
  const imageTask = (
    id: string,
    bad: { name: string; content: Uint8Array | string } | null,
    opts: { float?: boolean; extra?: (root: string) => void } = {},
  ) => {
    const root = path.join(dir, 'img', id);
    const good = opts.float ? tiff(4, 4, [ones, ones, ones]) : png(4, 4, 3);
    for (const split of ['train', 'test'])
      for (const cls of ['a', 'b'])
        for (let i = 0; i < 2; i++)
          put(`img/${id}/${split}/${cls}/${cls}${i}.${opts.float ? 'tif' : 'png'}`, good);
    if (bad) put(`img/${id}/train/a/${bad.name}`, bad.content);
    opts.extra?.(root);
    const tf = task(
      `img/${id}.task.yaml`,
      `modality: image\nimageSize: [4, 4]\nchannels: 3\ntrain: ${id}/train\ntest: ${id}/test\n`,
    );
    return { tf, subject: bad ? bad.name : id };
  };
  const ones = new Float32Array(16).fill(1);
  const nan = new Float32Array(16).fill(1);
  nan[5] = NaN;
  const inf = new Float32Array(16).fill(1);
  inf[15] = Infinity;
  const validPng = png(4, 4, 3);
  const validJpg = jpg(8, 8);
  const images: [string, string, Uint8Array | string][] = [
    [
      'png-junk',
      'junk.png',
      Buffer.concat([Buffer.from(validPng.slice(0, 8)), Buffer.from('garbage'.repeat(10))]),
    ],
    ['png-truncated', 'cut.png', validPng.slice(0, 40)],
    ['png-header-only', 'head.png', validPng.slice(0, 20)],
    ['png-12000x12000', 'huge.png', pngHeader(12000, 12000)],
    ['png-1x100000000', 'strip.png', pngHeader(1, 100_000_000)],
    ['png-zero-width', 'zero.png', pngHeader(0, 4)],
    ['png-16-bit-among-8-bit', 'deep.png', png(4, 4, 3, 16)],
    ['png-gray-among-rgb', 'gray.png', png(4, 4, 1)],
    ['png-rgba-among-rgb', 'rgba.png', png(4, 4, 4)],
    ['png-text-with-extension', 'text.png', 'just some text, not an image'],
    ['png-empty-file', 'empty.png', ''],
    ['jpeg-junk', 'junk.jpg', Buffer.concat([Buffer.from([0xff, 0xd8]), Buffer.from('garbage'.repeat(20))])],
    ['jpeg-truncated', 'cut.jpg', validJpg.slice(0, Math.floor(validJpg.length / 3))],
    ['jpeg-soi-only', 'soi.jpg', Buffer.from([0xff, 0xd8])],
    [
      'tiff-junk',
      'junk.tif',
      Buffer.concat([Buffer.from([0x49, 0x49, 42, 0]), Buffer.from('garbage'.repeat(20))]),
    ],
    ['tiff-truncated', 'cut.tif', tiff(4, 4, [ones, ones, ones]).slice(0, 30)],
    ['geotiff-nan-pixel', 'nan.tif', tiff(4, 4, [ones, nan, ones])],
    ['geotiff-infinite-pixel', 'inf.tif', tiff(4, 4, [ones, ones, inf])],
    ['geotiff-two-bands', 'bands.tif', tiff(4, 4, [ones, ones])],
    ['geotiff-float-among-8-bit', 'float.tif', tiff(4, 4, [ones, ones, ones])],
  ];
  for (const [id, name, content] of images) {
    const { tf, subject } = imageTask(
      id,
      { name, content },
      { float: id.startsWith('geotiff-') && id.endsWith('-pixel') },
    );
    add(`image/${id}`, ['tasks', 'show', tf], 1, subject);
  }
  const emptyClass = imageTask('empty-class-folder', null, {
    extra: (root) => mkdirSync(path.join(root, 'train', 'c'), { recursive: true }),
  });
  add('image/empty-class-folder', ['tasks', 'show', emptyClass.tf], 1, path.join('train', 'c'));
  const differing = imageTask('classes-differ', null, {
    extra: (root) => put(path.relative(dir, path.join(root, 'test', 'z', 'z.png')), png(4, 4, 3)),
  });
  add('image/classes-differ', ['tasks', 'show', differing.tf], 1, 'test');
  const noFolder = task(
    'img/no-folder.task.yaml',
    'modality: image\nimageSize: [4, 4]\ntrain: none/train\ntest: none/test\n',
  );
  add('image/folder-missing', ['tasks', 'show', noFolder], 1, path.join('none', 'train'));
  put('img/flat/x.png', png(4, 4, 3));
  const flat = task('img/flat.task.yaml', 'modality: image\nimageSize: [4, 4]\ndata: flat\n');
  add('image/no-class-folders', ['tasks', 'show', flat], 1, 'flat');

  // ---- GEO-Bench HDF5 folders (default_partition.json + <sample>.hdf5)
  const geo = (id: string, partition: string | null, samples: [string, string | null][], subject: string) => {
    const folder = path.join(dir, 'geo', id);
    mkdirSync(folder, { recursive: true });
    if (partition !== null) put(`geo/${id}/default_partition.json`, partition);
    for (const [name, fixture] of samples) {
      if (fixture === null) put(`geo/${id}/${name}.hdf5`, 'not an HDF5 file');
      else copyFileSync(path.join(fixturesDir, fixture), path.join(folder, `${name}.hdf5`));
    }
    const tf = task(
      `geo/${id}.task.yaml`,
      `modality: image\nimageSize: [4, 4]\nnumClasses: 2\nbands: [B1, B2]\ndata: ${id}\n`,
    );
    add(`hdf5/${id}`, ['tasks', 'show', tf], 1, subject);
  };
  const part = (train: string[], valid: string[], test: string[]) => JSON.stringify({ train, valid, test });
  geo('no-partition', null, [['s0', 'geobench-label1.hdf5']], 'default_partition.json');
  geo('partition-junk', '{ not json', [['s0', 'geobench-label1.hdf5']], 'default_partition.json');
  geo(
    'partition-not-list',
    JSON.stringify({ train: 's0', valid: [], test: ['s0'] }),
    [['s0', 'geobench-label1.hdf5']],
    'default_partition.json',
  );
  geo(
    'partition-empty-train',
    part([], ['s0'], ['s0']),
    [['s0', 'geobench-label1.hdf5']],
    'default_partition.json',
  );
  geo(
    'partition-numbers',
    JSON.stringify({ train: [1, 2], valid: [], test: [3] }),
    [],
    'default_partition.json',
  );
  geo('junk-sample', part(['s0'], ['s0'], ['s0']), [['s0', null]], 's0.hdf5');
  geo('missing-sample', part(['s0', 's1'], ['s0'], ['s0']), [['s0', 'geobench-label1.hdf5']], 's1.hdf5');
  geo('label-out-of-range', part(['s0'], ['s0'], ['s0']), [['s0', 'geobench-label300.hdf5']], 's0.hdf5');
  geo('missing-band', part(['s0'], ['s0'], ['s0']), [['s0', 'geobench-missing-band.hdf5']], 's0.hdf5');

  // ---- time-series CSVs for Auto-AR
  const rows = (n: number, f: (i: number) => string) =>
    Array.from(
      { length: n },
      (_, i) =>
        `2020-01-${String(1 + Math.floor(i / 24)).padStart(2, '0')} ${String(i % 24).padStart(2, '0')}:00:00,${f(i)}`,
    ).join('\n');
  const series: [string, string, string?][] = [
    ['empty', ''],
    ['header-only', 'date,a,b\n'],
    ['one-column', 'date\n2020-01-01\n2020-01-02\n'],
    ['word-cell', `date,a\n${rows(200, (i) => (i === 57 ? 'twelve' : String(Math.sin(i))))}\n`, 'row'],
    ['too-short', `date,a\n${rows(5, (i) => String(i))}\n`],
    ['ragged', `date,a,b\n${rows(200, (i) => (i === 30 ? '1' : `${Math.sin(i)},${Math.cos(i)}`))}\n`],
    ['all-missing-column', `date,a,b\n${rows(200, (i) => `${Math.sin(i)},`)}\n`, 'b'],
    ['infinite-cell', `date,a\n${rows(200, (i) => (i === 9 ? 'Infinity' : String(Math.sin(i))))}\n`, 'row'],
    ['binary', '\u0000\u0001\u0002PK'],
    // the line must give the reason, not only "no candidate model could be fitted"
    ['constant', `date,a\n${rows(400, () => '3.5')}\n`, 'constant'],
  ];
  // named so that the subject 'constant' can only come from the message itself
  const fileName: Record<string, string> = { constant: 'flat' };
  for (const [id, text, subject] of series) {
    const file = put(`series/${fileName[id] ?? id}.csv`, text);
    add(`series/${id}`, ['autoar', file, '--horizon', '4', '--db', db], 1, subject ?? `${id}.csv`);
  }
  // read as documented, each oddity reported (the values are checked in data/ltsf-csv and autoar/selection tests)
  const odd: [string, string, number][] = [
    [
      'no-date-column',
      `a,b\n${Array.from({ length: 300 }, (_, i) => `${Math.sin(i)},${Math.cos(i)}`).join('\n')}\n`,
      1,
    ],
    [
      'dates-reversed',
      `date,a\n${rows(300, (i) => String(Math.sin(i) + i / 100))
        .split('\n')
        .reverse()
        .join('\n')}\n`,
      1,
    ],
    [
      'dates-duplicated',
      `date,a\n${rows(300, (i) => String(Math.sin(i))).replace(/2020-01-02 05:00:00/, '2020-01-02 04:00:00')}\n`,
      2, // the duplicate and the two-hour step after it
    ],
    ['scale-1e-300', `date,a\n${rows(400, (i) => String(1e-300 * Math.sin(i / 3)))}\n`, 0],
    ['scale-1e154', `date,a\n${rows(400, (i) => String(1e154 * Math.sin(i / 3)))}\n`, 0],
  ];
  for (const [id, text, warnings] of odd) {
    const file = put(`series/${id}.csv`, text);
    accepted.push({
      id: `series/${id}`,
      argv: ['autoar', file, '--horizon', '4', '--db', db],
      warnings,
      subject: file,
    });
  }
  add(
    'series/missing-file',
    ['autoar', path.join(dir, 'series', 'nope.csv'), '--horizon', '4', '--db', db],
    1,
    'nope.csv',
  );
  add('series/directory', ['autoar', path.join(dir, 'series'), '--horizon', '4', '--db', db], 1, 'series');
  add('series/unknown-builtin', ['autoar', 'ltsf/NOPE', '--horizon', '4', '--db', db], 1, 'NOPE');

  // ---- registry files given with --fm-results
  const reg = (id: string, name: string, text: string, subject = name) => {
    const file = put(`registry/${name}`, text);
    add(`registry/${id}`, ['compare', 'ltsf/ETTh1', '--db', db, '--fm-results', file], 1, subject);
  };
  reg('missing-file-ext', 'results.txt', 'model,task\nX,ltsf/ETTh1\n');
  reg('json-junk', 'junk.json', '{ "records": [ ');
  reg('json-not-records', 'shape.json', '{ "rows": 3 }');
  reg('json-record-not-object', 'scalar.json', '{ "records": [1, 2] }');
  const header = 'model,setting,benchmark,task,horizon,split,metric,scale,value,source_title';
  const row = (value: string) => `X,zero-shot,LTSF,ETTh1,96,standard test,MSE,standardised,${value},test`;
  const record = {
    model: 'X',
    params: null,
    setting: 'zero-shot',
    benchmark: 'LTSF',
    task: 'ETTh1',
    horizon: 96,
    lookback: null,
    split: 'standard test',
    metric: 'MSE',
    scale: 'standardised',
    value: 0.4,
    source: { title: 'test' },
  };
  reg('header-only', 'header.csv', `${header}\n`);
  reg('csv-value-word', 'word.csv', `${header}\n${row('low')}\n`);
  reg('csv-unknown-column', 'column.csv', `${header},colour\n${row('0.4')},red\n`, 'colour');
  reg('negative-mse', 'negative.csv', `${header}\n${row('-0.5')}\n`);
  reg(
    'json-unknown-field',
    'unknown.json',
    JSON.stringify({ records: [{ ...record, colour: 'red' }] }),
    'colour',
  );
  reg('json-value-string', 'string.json', JSON.stringify({ records: [{ ...record, value: 'low' }] }));
  reg(
    'json-metric-bogus',
    'metric.json',
    JSON.stringify({ records: [{ ...record, metric: 'vibes' }] }),
    'vibes',
  );
  add(
    'registry/missing',
    ['compare', 'ltsf/ETTh1', '--db', db, '--fm-results', path.join(dir, 'registry', 'none.json')],
    1,
    'none.json',
  );
  add('compare/metric-bogus', ['compare', 'ltsf/ETTh1', '--db', db, '--metric', 'bogus'], 1, 'bogus');
  add('compare/unknown-target', ['compare', 'nope/nothing', '--db', db], 1, 'nope/nothing');
  add(
    'report/unknown-target',
    ['report', 'no-such-run', '--db', db, '--out', path.join(dir, 'out')],
    1,
    'no-such-run',
  );
  add('download/unknown-dataset', ['download', 'imagenet'], 1, 'imagenet');

  // ---- dashboard requests: URLs and cookies
  const http: HttpCase[] = [
    { id: 'url/malformed-escape-run', path: '/runs/%E0%A4%A', status: 400 },
    { id: 'url/malformed-escape-report', path: '/reports/%zz', status: 400 },
    { id: 'url/malformed-escape-api', path: '/api/runs/%/live', status: 400 },
    { id: 'url/unknown-run', path: '/runs/nope', status: 404 },
    { id: 'url/unknown-live', path: '/api/runs/nope/live', status: 404 },
    { id: 'url/unknown-path', path: '/etc/passwd', status: 404 },
    { id: 'url/dot-dot', path: '/runs/..%2F..%2Fetc', status: 404 },
    { id: 'url/post', path: '/', method: 'POST', status: 405 },
    { id: 'url/rebinding-host', path: '/', headers: { host: 'evil.example:8765' }, status: 421 },
    { id: 'url/no-port-host', path: '/', headers: { host: 'localhost' }, status: 421 },
    // a token server refuses every malformed or wrong token cookie
    ...(
      [
        ['malformed-escape', 'yardstick_token=%E0%A4%A'],
        ['empty-value', 'yardstick_token='],
        ['no-equals', 'yardstick_token'],
        ['many-equals', 'yardstick_token===%%=='],
        ['huge', `yardstick_token=${'%'.repeat(6000)}`],
        ['separators-only', ';;;; ; =;='],
        ['unicode', 'yardstick_token=%F0%9F%92%A9'],
      ] as const
    ).map(([name, cookie]) => ({
      id: `cookie/${name}`,
      path: '/',
      headers: { cookie },
      status: 401,
      tokenServer: true,
    })),
    {
      id: 'auth/bearer-empty',
      path: '/',
      headers: { authorization: 'Bearer ' },
      status: 401,
      tokenServer: true,
    },
    { id: 'auth/query-wrong', path: '/?token=wrong', status: 401, tokenServer: true },
    { id: 'auth/query-malformed', path: '/?token=%E0%A4%A', status: 401, tokenServer: true },
  ];
  return { cli, http, accepted };
}
