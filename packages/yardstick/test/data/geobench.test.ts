// GEO-Bench HDF5 samples: a damaged file gives one line naming it (the HDF5 library's error stack is not printed),
// an empty partition is named, and `bands: 'all'` reads every band of the sample by name.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { readGeobenchSample } from '../../src/data/image/geobench.js';
import { loadGeobenchFolder } from '../../src/data/image/task-data.js';
import { fixtures, scratch } from './helpers.js';

const fx = (name: string) => path.join(fixtures, name);

test('a truncated HDF5 file is one error line naming it, and nothing reaches stderr', () => {
  const s = scratch();
  const cut = s.write('cut.hdf5', readFileSync(fx('geobench-label1.hdf5')).subarray(0, 3000));
  // in a child process, so that whatever the HDF5 library prints is captured
  const script = `
    import { readGeobenchSample } from ${JSON.stringify(fileURLToPath(new URL('../../src/data/image/geobench.ts', import.meta.url)))};
    try { await readGeobenchSample(${JSON.stringify(cut)}, 'all', 'label'); console.log('no error'); }
    catch (e) { console.log(e.message); }`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
  });
  assert.equal(r.stderr, '');
  assert.equal(
    r.stdout.trim(),
    `${cut}: not a readable HDF5 file (truncated file: eof = 3000, sblock->base_addr = 0, stored_eof = ${readFileSync(fx('geobench-label1.hdf5')).length})`,
  );
});

test("bands: 'all' reads every 2-D dataset but the label, by name", async () => {
  const all = await readGeobenchSample(fx('geobench-label1.hdf5'), 'all', 'label');
  const named = await readGeobenchSample(fx('geobench-label1.hdf5'), ['B1', 'B2'], 'label');
  assert.deepEqual(all.data, named.data);
  const seg = await readGeobenchSample(fx('geobench-seg.hdf5'), 'all', 'mask');
  assert.equal(seg.data.length, 2 * seg.height * seg.width);
});

test('an empty partition is one line naming the partition file and the split', async () => {
  const s = scratch();
  copyFileSync(fx('geobench-label1.hdf5'), path.join(s.dir, 'a.hdf5'));
  const partition = path.join(s.dir, 'default_partition.json');
  writeFileSync(partition, JSON.stringify({ train: ['a'], valid: [], test: ['a'] }));
  await assert.rejects(loadGeobenchFolder(s.dir, { bands: 'all', target: 'label', numClasses: 2 }), {
    message: `${partition}: the "valid" partition lists no samples`,
  });
});
