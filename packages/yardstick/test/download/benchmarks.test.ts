// The real catalogue entries (GUE's Drive archive, the NT parquet files on the Hub, GEO-Bench's Zenodo records)
// downloaded from a loopback server that answers for every origin host (/<host>/<path>) with fixtures in the
// origins' layouts (fixtures/download/make-benchmark-archives.py).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { downloadDataset, findDatasets } from '../../src/data/download/index.js';
import { fixtures as dataFixtures, scratch } from '../data/helpers.js';
import { getTask } from '../../src/tasks/index.js';
import { loopbackServer } from './loopback.js';

const fixtureDir = new URL('../fixtures/download/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, fixtureDir));
const md5 = (b: Uint8Array) => createHash('md5').update(b).digest('hex');
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

const gueZip = fixture('GUE.zip');
const brickZip = fixture('m-brick-kiln.zip');
const segZip = fixture('m-pv4ger-seg.zip');
const parquet = readFileSync(path.join(dataFixtures, 'nt-format.parquet'));
const NT = '/huggingface.co/datasets/InstaDeepAI/nucleotide_transformer_downstream_tasks/resolve/main';

const zenodoRecord = (id: string, key: string, zip: Buffer, checksum = md5(zip)) => ({
  metadata: { version: 'v0.9.1', title: `GEO-Bench: ${key}` },
  files: [
    {
      key,
      size: zip.length,
      checksum: `md5:${checksum}`,
      links: { self: `https://zenodo.org/api/records/${id}/files/${key}/content` },
    },
  ],
});

const files: Record<string, Buffer> = {
  '/drive.usercontent.google.com/download': gueZip,
  [`${NT}/enhancers_types/train.parquet`]: parquet,
  [`${NT}/enhancers_types/test.parquet`]: parquet,
  '/zenodo.org/api/records/8276814/files/m-brick-kiln.zip/content': brickZip,
  '/zenodo.org/api/records/8277053/files/m-pv4ger-seg.zip/content': segZip,
  '/zenodo.org/api/records/8276814': Buffer.from(
    JSON.stringify(zenodoRecord('8276814', 'm-brick-kiln.zip', brickZip)),
  ),
  '/zenodo.org/api/records/8276992/files/m-chesapeake-lancover.zip/content': segZip,
  '/zenodo.org/api/records/8276992': Buffer.from(
    JSON.stringify(zenodoRecord('8276992', 'm-chesapeake-lancover.zip', segZip)),
  ),
  // a record of another version than the catalogue entry's
  '/zenodo.org/api/records/8276932': Buffer.from(
    JSON.stringify({ ...zenodoRecord('8276932', 'm-eurosat.zip', brickZip), metadata: { version: 'v1.0' } }),
  ),
  // EuroSAT's official zip, answered with another archive: the published md5 refuses it
  '/madm.dfki.de/files/sentinel/EuroSAT.zip': fixture('classes.zip'),
  // a record whose published md5 does not match its file
  '/zenodo.org/api/records/8277053': Buffer.from(
    JSON.stringify(zenodoRecord('8277053', 'm-pv4ger-seg.zip', segZip, '0'.repeat(32))),
  ),
};

const server = loopbackServer(files, (p, req, res) => {
  if (p === '/signin.example/archive') {
    res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!DOCTYPE html><title>Sign in</title>');
    return true;
  }
  if (p !== '/huge.example/file.bin') return false;
  // declares a petabyte and sends nothing: the client must refuse before writing
  res.writeHead(200, { 'Content-Length': String(2 ** 50) });
  res.flushHeaders();
  req.socket.on('close', () => res.destroy());
  return true;
});
const requests = server.requests;

/** fetch with every origin mapped onto the loopback server, path kept: https://host/p -> base/host/p. */
const viaLoopback: typeof fetch = (input, init) =>
  fetch(String(input).replace(/^https:\/\//, `${server.base}/`), init);

test('GUE: the Drive archive needs consent, resumes after a cut, is recorded, and extracts to <group>/<task>', async () => {
  const s = scratch();
  await assert.rejects(
    downloadDataset('gue', s.dir, { fetch: viaLoopback }),
    /drive\.usercontent\.google\.com.*publishes no checksum.*--allow-unverified/,
  );
  const cutPart = path.join(s.dir, '.downloads', 'GUE.zip.part');
  server.cutNext('/drive.usercontent.google.com/download', cutPart);
  const lines: string[] = [];
  const opts = {
    fetch: viaLoopback,
    allowUnverified: true,
    log: (l: string) => lines.push(l),
    progressEveryMs: 0,
  };
  await assert.rejects(downloadDataset('gue', s.dir, opts), /download interrupted.*run again to resume/);
  const have = statSync(cutPart).size;
  assert.ok(have > 0 && have < gueZip.length, `partial ${have} of ${gueZip.length}`);
  await downloadDataset('gue', s.dir, opts);
  assert.equal(requests.at(-1)!.range, `bytes=${have}-`);
  assert.ok(lines.some((l) => l.includes(`recorded sha256 ${sha256(gueZip)}, ${gueZip.length} bytes`)));
  // progress lines, as plain lines (every 30 s by default; every chunk here)
  assert.ok(
    lines.some((l) => /^ {9}GUE\.zip(\.part)?: [\d.]+ MB of [\d.]+ MB \(\d+%\)$/.test(l)),
    lines.join('\n'),
  );
  assert.ok(lines.some((l) => /^ {9}GUE\.zip: \d+ files extracted, [\d.]+ MB$/.test(l)));
  const gue = path.join(s.dir, 'genomics', 'gue');
  assert.deepEqual(readdirSync(gue).sort(), [
    '.yardstick-download.json',
    'EMP',
    'mouse',
    'prom',
    'splice',
    'tf',
    'virus',
  ]);
  assert.deepEqual(readdirSync(path.join(gue, 'virus', 'covid')).sort(), [
    'dev.csv',
    'test.csv',
    'train.csv',
  ]);
  assert.ok(
    !existsSync(path.join(s.dir, '__MACOSX')) && !existsSync(path.join(s.dir, '.downloads', 'GUE.zip')),
  );
  // a rerun fetches nothing
  const n = requests.length;
  await downloadDataset('gue', s.dir, opts);
  assert.equal(requests.length, n);
  // the built-in tasks read the extracted layout: 9 classes for virus_covid, 3 for splice
  const covid = await getTask('gue/virus_covid').load(s.dir);
  assert.equal(covid.numClasses, 9);
  assert.deepEqual(covid.train.shape, [36, 5, 30]);
  assert.deepEqual(covid.val!.shape, [18, 5, 30]);
  const mouse = await getTask('gue/mouse_0').load(s.dir);
  assert.deepEqual(mouse.test.shape, [18, 5, 20]);
  assert.equal((await getTask('gue/splice_reconstructed').load(s.dir)).numClasses, 3);
});

test('NT: a group name fetches every task; the parquet files load as train/test', async () => {
  const s = scratch();
  assert.equal(findDatasets('nt').length, 18);
  const lines: string[] = [];
  await downloadDataset('nt/enhancers_types', s.dir, {
    fetch: viaLoopback,
    allowUnverified: true,
    log: (l) => lines.push(l),
  });
  for (const split of ['train', 'test'])
    assert.deepEqual(
      readFileSync(path.join(s.dir, 'genomics', 'nt', 'enhancers_types', `${split}.parquet`)),
      parquet,
    );
  // a second download holds the files to the sha256 recorded the first time
  await downloadDataset('nt/enhancers_types', s.dir, { fetch: viaLoopback, log: (l) => lines.push(l) });
  assert.match(lines.at(-1)!, /^present {2}.*enhancers_types\/test\.parquet$/);
  const data = await getTask('nt/enhancers_types').load(s.dir);
  assert.equal(data.train.shape[0], 6);
  assert.equal(data.test.shape[0], 6);
  assert.equal(data.val, undefined);
});

test('GEO-Bench: the Zenodo record gives the md5, the zip is extracted flat and the task loads its partition', async () => {
  const s = scratch();
  const lines: string[] = [];
  await downloadDataset('geobench/m-brick-kiln', s.dir, { fetch: viaLoopback, log: (l) => lines.push(l) });
  const dir = path.join(s.dir, 'satellite', 'geobench', 'classification_v0.9.1', 'm-brick-kiln');
  assert.ok(
    existsSync(path.join(dir, 'default_partition.json')) && existsSync(path.join(dir, 'id_0007.hdf5')),
  );
  assert.ok(lines.includes(`verified ${path.join(s.dir, '.downloads', 'zenodo', 'm-brick-kiln.zip')}`));
  assert.ok(lines.some((l) => l.includes('(version v0.9.1)')));
  const data = await getTask('geobench/m-brick-kiln').load(s.dir);
  assert.deepEqual([data.train.shape[0], data.val!.shape[0], data.test.shape[0]], [4, 2, 2]);
  assert.equal(data.train.shape[1], 2); // every band of the sample file (B1, B2)
  await assert.rejects(
    downloadDataset('geobench/m-pv4ger-seg', s.dir, { fetch: viaLoopback }),
    /m-pv4ger-seg\.zip\/content: md5 mismatch, expected 0{32}, got [0-9a-f]{32}; the partial file was removed/,
  );
  assert.ok(
    !existsSync(
      path.join(s.dir, 'satellite', 'geobench', 'segmentation_v0.9.1', 'm-pv4ger-seg', 'id_0000.hdf5'),
    ),
  );
});

test('GEO-Bench segmentation: the downloaded folder loads as masks', async () => {
  const s = scratch();
  await downloadDataset('geobench/m-chesapeake-lancover', s.dir, { fetch: viaLoopback });
  const data = await getTask('geobench/m-chesapeake').load(s.dir);
  assert.equal(data.train.shape[0], 2);
  assert.equal(data.train.y.length, 2 * data.train.shape[2] * data.train.shape[3]);
  assert.deepEqual(getTask('geobench/m-chesapeake').inputShape, data.train.shape.slice(1));
});

test('EuroSAT: the official zip is held to the md5 torchvision publishes', async () => {
  const s = scratch();
  await assert.rejects(downloadDataset('eurosat', s.dir, { fetch: viaLoopback }), {
    message: `https://madm.dfki.de/files/sentinel/EuroSAT.zip: md5 mismatch, expected c8fa014336c82ac7804f0398fcb19387, got ${md5(fixture('classes.zip'))}; the partial file was removed`,
  });
  assert.ok(!existsSync(path.join(s.dir, 'satellite', 'eurosat')));
});

test('a record of another version is refused; a download larger than the free disk space is refused up front', async () => {
  const s = scratch();
  await assert.rejects(downloadDataset('geobench/m-eurosat', s.dir, { fetch: viaLoopback }), {
    message:
      'https://zenodo.org/api/records/8276932: the record is version v1.0, not v0.9.1 (the version this catalogue entry is for)',
  });
  const catalog = [
    {
      name: 'huge',
      description: 'test',
      checksums: 'test',
      items: [
        {
          kind: 'file' as const,
          url: 'https://huge.example/file.bin',
          target: 'h.bin',
          checksum: { sha256: '0'.repeat(64) },
        },
      ],
    },
  ];
  await assert.rejects(
    downloadDataset('huge', s.dir, { fetch: viaLoopback, catalog }),
    /^Error: https:\/\/huge\.example\/file\.bin: 1073741824 MB to download but only \d+ MB free in /,
  );
  assert.ok(
    !existsSync(path.join(s.dir, 'h.bin.part')) || statSync(path.join(s.dir, 'h.bin.part')).size === 0,
  );
});

test('an unverified archive that turns out to be an HTML page is removed and never recorded', async () => {
  const s = scratch();
  const catalog = [
    {
      name: 'page',
      description: 'test',
      checksums: 'none',
      items: [
        {
          kind: 'archive' as const,
          url: 'https://signin.example/archive',
          saveAs: 'a.zip',
          checksum: {},
          into: 'a',
        },
      ],
    },
  ];
  await assert.rejects(
    downloadDataset('page', s.dir, { fetch: viaLoopback, catalog, allowUnverified: true }),
    {
      message:
        'https://signin.example/archive: the answer is not a zip archive (an error or sign-in page?); it was removed',
    },
  );
  assert.ok(!existsSync(path.join(s.dir, '.downloads', 'a.zip')));
  assert.ok(!existsSync(path.join(s.dir, '.downloads', 'unverified.json')));
});

test('unknown dataset names list near matches', () => {
  assert.throws(() => findDatasets('geobench/m-eurosatt'), /did you mean geobench\/m-eurosat/);
  assert.throws(() => findDatasets('nt/H3K9'), /did you mean .*nt\/H3K9ac/);
});
