// GEO-Bench HDF5 samples: a damaged file gives one line naming it (the HDF5 library's error stack is not printed),
// an empty partition is named, and `bands: 'all'` reads every band of the sample by name.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { readGeobenchSample, readPickleMultiLabel } from '../../src/data/image/geobench.js';
import { loadGeobenchFolder } from '../../src/data/image/task-data.js';
import { getTask } from '../../src/tasks/index.js';
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

// str(pickle.dumps({..., "label": np.array(...)})) lines written by make-multilabel-pickles.py
const [int64Labels, uint8Labels, nineteen] = readFileSync(fx('multilabel-pickles.txt'), 'utf8')
  .trim()
  .split('\n');

test('multi-label targets: a NumPy label vector in the pickle is read as data into a multi-hot vector', () => {
  const a = readPickleMultiLabel(int64Labels, 'a.hdf5', 43);
  assert.deepEqual(
    [...a.keys()].filter((i) => a[i] === 1),
    [1, 5, 42],
  );
  assert.equal(
    a.reduce((x, y) => x + y, 0),
    3,
  );
  const b = readPickleMultiLabel(uint8Labels, 'b.hdf5', 43);
  assert.deepEqual(
    [...b.keys()].filter((i) => b[i] === 1),
    [0],
  );
  assert.throws(() => readPickleMultiLabel(nineteen, 'c.hdf5', 43), {
    message:
      'c.hdf5: the "label" in attribute "pickle" is not a NumPy label vector (19 entries, expected 43)',
  });
  // an integer label (single-label tasks) is not a vector
  assert.throws(
    () => readPickleMultiLabel("b'\\x80\\x04}\\x94\\x8c\\x05label\\x94K\\x01s.'", 'd.hdf5', 43),
    /d\.hdf5: the "label" in attribute "pickle" is not a NumPy label vector/,
  );
});

test('geobench/m-bigearthnet loads multi-hot targets from HDF5 samples in the GEO-Bench layout', async () => {
  const s = scratch();
  const dir = path.join(s.dir, 'satellite', 'geobench', 'classification_v0.9.1', 'm-bigearthnet');
  mkdirSync(dir, { recursive: true });
  const h5wasm = (await import('h5wasm/node')).default;
  await h5wasm.ready;
  const ids = ['id_0', 'id_1', 'id_2'];
  ids.forEach((id, k) => {
    const f = new h5wasm.File(path.join(dir, `${id}.hdf5`), 'w');
    for (const band of ['02 - Blue', '01 - Coastal aerosol'])
      f.create_dataset({
        name: band,
        data: new Float32Array(16).fill(k + band.length),
        shape: [4, 4],
        dtype: '<f4',
      });
    f.create_attribute('pickle', k === 1 ? uint8Labels : int64Labels);
    f.close();
  });
  writeFileSync(
    path.join(dir, 'default_partition.json'),
    JSON.stringify({ train: ids, valid: ['id_1'], test: ['id_2'] }),
  );
  const task = getTask('geobench/m-bigearthnet');
  assert.deepEqual([task.modality, task.metric, task.numClasses], ['multilabel', 'map', 43]);
  const data = await task.load(s.dir);
  assert.ok(data.train.y instanceof Float32Array);
  assert.equal(data.train.y.length, 3 * 43);
  assert.deepEqual(
    [...data.val!.y.keys()].filter((i) => data.val!.y[i] === 1),
    [0],
  );
  assert.deepEqual(data.train.shape, [3, 2, 4, 4]);
});
