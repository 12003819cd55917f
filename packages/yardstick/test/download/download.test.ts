import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { DATASETS, downloadDataset, type DatasetSource } from '../../src/data/download/index.js';
import { digestFile } from '../../src/data/download/fetch.js';
import { dataDir, scratch } from '../data/helpers.js';
import { loopbackServer } from './loopback.js';

const fixtureDir = new URL('../fixtures/download/', import.meta.url);
const body = Buffer.from('sequence,label\nACGT,1\n'.repeat(200));
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const files: Record<string, Buffer> = {
  '/data.csv': body,
  '/flaky.csv': body,
  '/classes.zip': readFileSync(new URL('classes.zip', fixtureDir)),
  '/evil.zip': readFileSync(new URL('evil.zip', fixtureDir)),
};
const server = loopbackServer(files);
const requests = server.requests;

const catalog = (items: DatasetSource['items']): DatasetSource[] => [
  { name: 'x', description: 'test', checksums: 'test', items },
];

test('a file is fetched, verified, and skipped when already present', async () => {
  const s = scratch();
  const lines: string[] = [];
  const items = catalog([
    { kind: 'file', url: `${server.base}/data.csv`, target: 'g/data.csv', checksum: { sha256: sha(body) } },
  ]);
  await downloadDataset('x', s.dir, { catalog: items, log: (l) => lines.push(l) });
  assert.deepEqual(readFileSync(path.join(s.dir, 'g', 'data.csv')), body);
  assert.ok(!existsSync(path.join(s.dir, 'g', 'data.csv.part')));
  const before = requests.length;
  await downloadDataset('x', s.dir, { catalog: items, log: (l) => lines.push(l) });
  assert.equal(requests.length, before); // nothing fetched the second time
  assert.match(lines.at(-1)!, /^present {2}.*data\.csv$/);
});

test('a bad checksum removes the partial file and names both digests; a 404 names the URL', async () => {
  const s = scratch();
  const wrong = '0'.repeat(64);
  await assert.rejects(
    downloadDataset('x', s.dir, {
      catalog: catalog([
        { kind: 'file', url: `${server.base}/data.csv`, target: 'd.csv', checksum: { sha256: wrong } },
      ]),
    }),
    {
      message: `${server.base}/data.csv: sha256 mismatch, expected ${wrong}, got ${sha(body)}; the partial file was removed`,
    },
  );
  assert.ok(!existsSync(path.join(s.dir, 'd.csv')) && !existsSync(path.join(s.dir, 'd.csv.part')));
  await assert.rejects(
    downloadDataset('x', s.dir, {
      catalog: catalog([
        { kind: 'file', url: `${server.base}/missing.csv`, target: 'm.csv', checksum: { sha256: wrong } },
      ]),
    }),
    {
      message: `${server.base}/missing.csv: HTTP 404 Not Found`,
    },
  );
  await assert.rejects(
    downloadDataset('nope', s.dir),
    /unknown dataset "nope" \(known: gue, gue-promoters, nt, genomic-benchmarks/,
  );
});

test('an interrupted download keeps its .part file and the rerun resumes it with a Range request', async () => {
  const s = scratch();
  const items = catalog([
    { kind: 'file', url: `${server.base}/flaky.csv`, target: 'f.csv', checksum: { sha256: sha(body) } },
  ]);
  server.cutNext('/flaky.csv', path.join(s.dir, 'f.csv.part'));
  await assert.rejects(
    downloadDataset('x', s.dir, { catalog: items }),
    /flaky\.csv: download interrupted .*run again to resume/,
  );
  const partSize = readFileSync(path.join(s.dir, 'f.csv.part')).length;
  assert.ok(partSize > 0 && partSize < body.length);
  await downloadDataset('x', s.dir, { catalog: items });
  assert.deepEqual(readFileSync(path.join(s.dir, 'f.csv')), body);
  assert.equal(requests.at(-1)!.range, `bytes=${partSize}-`);
});

test('an existing file with other content is never overwritten', async () => {
  const s = scratch();
  writeFileSync(path.join(s.dir, 'd.csv'), 'mine');
  await assert.rejects(
    downloadDataset('x', s.dir, {
      catalog: catalog([
        { kind: 'file', url: `${server.base}/data.csv`, target: 'd.csv', checksum: { sha256: sha(body) } },
      ]),
    }),
    /d\.csv: sha256 mismatch.*the file exists with other content; remove it to download again/,
  );
  assert.equal(readFileSync(path.join(s.dir, 'd.csv'), 'utf8'), 'mine');
});

test('archives: verified, extracted below the prefix; unverified ones need consent; members escaping the folder are refused', async () => {
  const s = scratch();
  const zip = files['/classes.zip'];
  const md5 = createHash('md5').update(zip).digest('hex');
  await downloadDataset('x', s.dir, {
    catalog: catalog([
      {
        kind: 'archive',
        url: `${server.base}/classes.zip`,
        checksum: { md5 },
        stripPrefix: '2750/',
        into: 'sat/eurosat',
      },
    ]),
  });
  assert.equal(
    readFileSync(path.join(s.dir, 'sat', 'eurosat', 'Forest', 'Forest_1.jpg'), 'utf8'),
    'forest bytes\n',
  );
  assert.equal(
    readFileSync(path.join(s.dir, 'sat', 'eurosat', 'SeaLake', 'SeaLake_1.jpg'), 'utf8'),
    'sea bytes\n'.repeat(100),
  );
  assert.ok(!existsSync(path.join(s.dir, 'sat', 'eurosat', 'readme.txt')));
  assert.ok(!existsSync(path.join(s.dir, '.downloads', 'classes.zip'))); // the archive is removed after extraction
  const unverified = catalog([
    { kind: 'archive', url: `${server.base}/classes.zip`, checksum: {}, stripPrefix: '2750/', into: 'u' },
  ]);
  await assert.rejects(
    downloadDataset('x', s.dir, { catalog: unverified }),
    /classes\.zip: the origin publishes no checksum for this file; rerun with --allow-unverified/,
  );
  const lines: string[] = [];
  await downloadDataset('x', s.dir, {
    catalog: unverified,
    allowUnverified: true,
    log: (l) => lines.push(l),
  });
  assert.ok(
    lines.includes(
      `unverified .downloads/classes.zip: no published checksum; recorded sha256 ${sha(zip)}, ${zip.length} bytes`,
    ),
  );
  const member = catalog([
    {
      kind: 'archive',
      url: `${server.base}/classes.zip`,
      checksum: {},
      members: [
        {
          name: '2750/Forest/Forest_1.jpg',
          target: 'one.jpg',
          checksum: { sha256: sha(Buffer.from('forest bytes\n')) },
        },
      ],
    },
  ]);
  await downloadDataset('x', s.dir, { catalog: member });
  assert.equal(readFileSync(path.join(s.dir, 'one.jpg'), 'utf8'), 'forest bytes\n');
  await assert.rejects(
    downloadDataset('x', s.dir, {
      catalog: catalog([
        { kind: 'archive', url: `${server.base}/evil.zip`, checksum: {}, stripPrefix: '2750/', into: 'e' },
      ]),
      allowUnverified: true,
    }),
    /evil\.zip: archive member "\.\.\/\.\.\/escape\.txt" points outside the target folder/,
  );
  assert.ok(
    !existsSync(path.join(s.dir, 'escape.txt')) && !existsSync(path.join(path.dirname(s.dir), 'escape.txt')),
  );
});

test('the catalogue digests match the files of the shared data directory', async () => {
  for (const source of DATASETS) {
    for (const item of source.items) {
      const targets = item.kind === 'file' ? [item] : item.kind === 'archive' ? (item.members ?? []) : [];
      if (targets.some((t) => !t.checksum.sha256)) continue; // published without a checksum, not in the shared copy
      for (const t of targets) {
        const file = path.join(dataDir, t.target);
        assert.equal(await digestFile(file, 'sha256'), t.checksum.sha256, t.target);
      }
    }
  }
});
