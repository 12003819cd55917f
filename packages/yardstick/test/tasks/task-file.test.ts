import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { getTask, readTaskFile } from '../../src/tasks/index.js';
import { dataDir, fixtures, scratch } from '../data/helpers.js';
import { needsSharedData } from '../helpers/shared-data.js';

const gue = path.join(dataDir, 'genomics', 'gue', 'prom_core_tata');

test('a YAML DNA task file with train/val/test CSVs', { skip: needsSharedData('genomics/gue/prom_core_tata') }, async () => {
  const s = scratch();
  const file = s.write(
    'promoters.yaml',
    `modality: dna\nsequenceLength: 80\ntrain: ${gue}/train.csv\nval: ${gue}/dev.csv\ntest: ${gue}/test.csv\n`,
  );
  const task = getTask(file);
  assert.equal(task.id, 'promoters');
  assert.equal(task.metric, 'mcc');
  const data = await task.load(dataDir, { limit: 8 });
  assert.deepEqual(data.train.shape, [8, 5, 80]);
  assert.equal(task.numClasses, 2);
});

test('a JSON task file with one parquet file split by the fixed rule, and per-class FASTA files', async () => {
  const s = scratch();
  const pq = s.write(
    'pq.json',
    JSON.stringify({
      id: 'nt-pq',
      modality: 'dna',
      metric: 'macro_f1',
      data: path.join(fixtures, 'nt-format.parquet'),
      split: { fractions: [0.5, 0, 0.5], seed: 1 },
    }),
  );
  const data = await readTaskFile(pq).load(dataDir);
  assert.equal(data.train.shape[0] + data.test.shape[0], 6);
  assert.equal(data.val!.shape[0], 0);
  s.write('neg.fa', '>a\nACGT\n>b\nTTTT\n');
  s.write('pos.fa', '>c\nGGGG\n>d\nCCCA\n');
  const fasta = s.write(
    'fa.yaml',
    'modality: dna\ntrain:\n  - { path: neg.fa, label: 0 }\n  - { path: pos.fa, label: 1 }\ntest: [{ path: pos.fa, label: 1 }]\n',
  );
  const fd = await readTaskFile(fasta).load(dataDir);
  assert.deepEqual([...fd.train.y], [0, 0, 1, 1]);
  assert.deepEqual(fd.train.ids, ['a', 'b', 'c', 'd']);
});

test('image task files: class folders with a fixed split, and a GEO-Bench HDF5 folder', { skip: needsSharedData('satellite/geobench/ccb-test-segmentation/cvpr_chesapeake_landcover') }, async () => {
  const s = scratch();
  const folder = s.write(
    'ucm.yaml',
    `modality: image\nimageSize: [8, 8]\ndata: ${path.join(fixtures, 'ucmerced-mini')}\n`,
  );
  const task = readTaskFile(folder);
  const data = await task.load(dataDir);
  assert.deepEqual(data.train.shape, [6, 3, 8, 8]);
  assert.equal(task.metric, 'accuracy');
  const ches = path.join(
    dataDir,
    'satellite',
    'geobench',
    'ccb-test-segmentation',
    'cvpr_chesapeake_landcover',
  );
  const seg = s.write(
    'seg.yaml',
    `modality: segmentation\nimageSize: [256, 256]\nnumClasses: 7\nbands: [Red, NearInfrared]\ndata: ${ches}\n`,
  );
  const segTask = readTaskFile(seg);
  assert.equal(segTask.metric, 'miou');
  const segData = await segTask.load(dataDir, { limit: 1 });
  assert.deepEqual(segData.test.shape, [1, 2, 256, 256]);
});

test('invalid task files get errors naming the file and the setting', () => {
  const s = scratch();
  const cases: [string, string, RegExp][] = [
    ['a.yaml', 'modality: dna\ntrain: x.csv\ntest: y.csv\nlabel_col: y\n', /unknown setting\(s\) label_col/],
    ['b.yaml', 'train: x.csv\n', /"modality" is required \(dna, image, segmentation\)/],
    [
      'c.yaml',
      'modality: dna\nmetric: auc\ntrain: x.csv\ntest: y.csv\n',
      /"metric" must be one of mcc, accuracy, macro_f1, map, miou, got "auc"/,
    ],
    ['d.yaml', 'modality: dna\ntrain: x.csv\n', /give "train" and "test"/],
    [
      'e.yaml',
      'modality: image\nimageSize: 64\ndata: imgs\n',
      /"imageSize" must be \[height, width\] in pixels/,
    ],
    [
      'f.yaml',
      'modality: dna\nsequenceLength: -3\ndata: x.csv\n',
      /"sequenceLength" must be a positive integer, got -3/,
    ],
    ['g.yaml', 'modality: [dna\n', /not valid YAML/],
    ['h.json', '{"modality": "dna",}', /not valid JSON/],
    [
      'i.yaml',
      'modality: dna\ndata: x.csv\nsplit: { fractions: [0.5, 0.6, 0.1] }\n',
      /"split.fractions" must be three non-negative numbers/,
    ],
    [
      'j.yaml',
      'modality: dna\ntrain: [{ label: 1 }]\ntest: y.csv\n',
      /"train"\[0\] must be a path or \{ path, label \}/,
    ],
    [
      'k.yaml',
      'modality: segmentation\nimageSize: [8, 8]\ndata: x\n',
      /segmentation task files need GEO-Bench HDF5 data/,
    ],
  ];
  for (const [name, text, message] of cases) {
    const file = s.write(name, text);
    assert.throws(
      () => readTaskFile(file),
      (err: Error) => err.message.startsWith(`task file ${file}: `) && message.test(err.message),
      name,
    );
  }
});
