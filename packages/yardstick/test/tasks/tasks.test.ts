import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { listImageFolder } from '../../src/data/image/folder.js';
import { stratifiedSplit } from '../../src/data/split.js';
import { loadRegistry } from '../../src/registry/index.js';
import { FIXED_SPLIT, getTask, listTasks } from '../../src/tasks/index.js';
import { dataDir, fixtures, scratch } from '../data/helpers.js';
import { needsSharedData } from '../helpers/shared-data.js';

test('every built-in task is listed with its usage flag: 28 GUE, 18 NT, 12 GEO-Bench tasks and the shared copies', () => {
  const tasks = listTasks();
  const family = (prefix: string) => tasks.filter((t) => t.id.startsWith(prefix) && t.usage === 'benchmark');
  assert.equal(family('gue/').length, 28);
  assert.equal(family('nt/').length, 18);
  assert.equal(family('geobench/').length, 12);
  assert.equal(new Set(tasks.map((t) => t.id)).size, tasks.length);
  const others = Object.fromEntries(
    tasks
      .filter((t) => !/^(gue|nt|geobench)\//.test(t.id) || t.usage !== 'benchmark')
      .map((t) => [t.id, t.usage]),
  );
  assert.deepEqual(others, {
    'eurosat/rgb': 'benchmark',
    'genomic-benchmarks/human_enhancers_cohn': 'scoring-only',
    'genomic-benchmarks/human_nontata_promoters': 'scoring-only',
    'nt/revised-toy': 'format-test',
    ucmerced: 'benchmark',
    'geobench/m-brick-kiln-fixtures': 'format-test',
    'geobench/chesapeake': 'format-test',
  });
  // every benchmark task id is one the registry knows, so published numbers apply to its runs
  const registered = new Set(loadRegistry().tasks());
  for (const t of tasks.filter((x) => /^(gue|geobench|eurosat)\//.test(x.id) && x.usage === 'benchmark'))
    assert.ok(registered.has(t.id), t.id);
  assert.throws(() => getTask('gue/nope'), /unknown task "gue\/nope": not a built-in task/);
});

test(
  'built-in tasks on the real data load with the declared shapes',
  { skip: needsSharedData('genomics', 'satellite', 'timeseries') },
  async () => {
    for (const id of [
      'gue/prom_core_all',
      'gue/prom_300_tata',
      'nt/revised-toy',
      'eurosat/rgb',
      'geobench/m-brick-kiln-fixtures',
      'geobench/chesapeake',
    ]) {
      const task = getTask(id);
      const data = await task.load(dataDir, { limit: 4, seed: 1 });
      assert.equal(data.numClasses, task.numClasses, id);
      for (const split of [data.train, data.val!, data.test])
        assert.deepEqual(split.shape.slice(1), task.inputShape, id);
      assert.ok(data.train.shape[0] > 0 && data.train.shape[0] <= 4, id);
    }
  },
);

test(
  'Genomic Benchmarks tasks have an empty train split and score on the official test split',
  { skip: needsSharedData('genomics/genomic_benchmarks/human_nontata_promoters') },
  async () => {
    const data = await getTask('genomic-benchmarks/human_nontata_promoters').load(dataDir, { limit: 10 });
    assert.deepEqual(data.train.shape, [0, 5, 251]);
    assert.deepEqual(data.test.shape, [10, 5, 251]);
  },
);

test(
  'the EuroSAT split is the recorded stratified 60/20/20 rule and loads reproducibly',
  { skip: needsSharedData('satellite/eurosat') },
  async () => {
    const listing = listImageFolder(path.join(dataDir, 'satellite', 'eurosat'));
    const labels = listing.files.map((f) => f.label);
    const [train, val, test] = stratifiedSplit(labels, FIXED_SPLIT.fractions, FIXED_SPLIT.seed);
    assert.deepEqual([train.length, val.length, test.length], [3000, 1000, 1000]);
    assert.equal(new Set([...train, ...val, ...test]).size, 5000);
    for (let k = 0; k < 10; k++) assert.equal(val.filter((i) => labels[i] === k).length, 100);
    assert.equal(getTask('eurosat').id, 'eurosat/rgb'); // the earlier id
    const a = await getTask('eurosat/rgb').load(dataDir, { limit: 10, seed: 5 });
    const b = await getTask('eurosat/rgb').load(dataDir, { limit: 10, seed: 5 });
    assert.deepEqual(a.test.ids, b.test.ids);
    const testFiles = new Set(
      test.map((i) => path.relative(path.join(dataDir, 'satellite', 'eurosat'), listing.files[i].path)),
    );
    assert.ok(a.test.ids!.every((id) => testFiles.has(id)));
    assert.deepEqual(a.classNames, listing.classNames);
    // standardised with training statistics: training pixels have mean ~0 per channel
    const plane = 64 * 64;
    for (let c = 0; c < 3; c++) {
      let sum = 0;
      for (let n = 0; n < a.train.shape[0]; n++)
        for (let p = 0; p < plane; p++) sum += a.train.x[(n * 3 + c) * plane + p];
      assert.ok(Math.abs(sum / (a.train.shape[0] * plane)) < 1e-4, `channel ${c}`);
    }
  },
);

test(
  'GEO-Bench fixture tasks: the partition repeats the same samples in every split',
  { skip: needsSharedData('satellite/geobench') },
  async () => {
    const kiln = await getTask('geobench/m-brick-kiln-fixtures').load(dataDir);
    assert.deepEqual(kiln.train.ids, kiln.test.ids);
    assert.deepEqual([...kiln.train.y], [0, 0, 0, 0, 0]);
    const ches = await getTask('geobench/chesapeake').load(dataDir, { limit: 2 });
    assert.deepEqual(ches.train.shape, [2, 4, 256, 256]);
    assert.equal(ches.train.y.length, 2 * 256 * 256);
  },
);

test('the ucmerced task reads the UC Merced folder layout when present, and says where it looked when not', async () => {
  const s = scratch();
  await assert.rejects(getTask('ucmerced').load(s.dir), {
    message: `ucmerced: no data at ${s.dir}/satellite/ucmerced; fetch it with: yardstick download ucmerced --allow-unverified`,
  });
  mkdirSync(path.join(s.dir, 'satellite'));
  symlinkSync(path.join(fixtures, 'ucmerced-mini'), path.join(s.dir, 'satellite', 'ucmerced'));
  const data = await getTask('ucmerced').load(s.dir);
  // 5 per class: round(5 * 0.2) = 1 for val and test, 3 for train
  assert.deepEqual(
    [data.train.shape, data.val!.shape, data.test.shape],
    [
      [6, 3, 256, 256],
      [2, 3, 256, 256],
      [2, 3, 256, 256],
    ],
  );
  assert.deepEqual(data.classNames, ['agricultural', 'beach']);
});
