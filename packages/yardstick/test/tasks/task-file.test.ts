import assert from 'node:assert/strict';
import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { getTask, readTaskFile } from '../../src/tasks/index.js';
import { dataDir, fixtures, scratch } from '../data/helpers.js';
import { needsSharedData } from '../helpers/shared-data.js';

const gue = path.join(dataDir, 'genomics', 'gue', 'prom_core_tata');

/** A scratch folder with `target` linked into it as `name` (task-file paths stay inside the file's folder). */
function linked(name: string, target: string) {
  const s = scratch();
  symlinkSync(target, path.join(s.dir, name));
  return s;
}

test(
  'a YAML DNA task file with train/val/test CSVs',
  { skip: needsSharedData('genomics/gue/prom_core_tata') },
  async () => {
    const s = linked('gue', gue);
    const file = s.write(
      'promoters.yaml',
      `modality: dna\nsequenceLength: 80\ntrain: gue/train.csv\nval: gue/dev.csv\ntest: gue/test.csv\n`,
    );
    const task = getTask(file);
    assert.equal(task.id, 'promoters');
    assert.equal(task.metric, 'mcc');
    const data = await task.load(dataDir, { limit: 8 });
    assert.deepEqual(data.train.shape, [8, 5, 80]);
    assert.equal(task.numClasses, 2);
  },
);

test('a JSON task file with one parquet file split by the fixed rule, and per-class FASTA files', async () => {
  const s = linked('nt.parquet', path.join(fixtures, 'nt-format.parquet'));
  const pq = s.write(
    'pq.json',
    JSON.stringify({
      id: 'nt-pq',
      modality: 'dna',
      metric: 'macro_f1',
      data: 'nt.parquet',
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

test(
  'image task files: class folders with a fixed split, and a GEO-Bench HDF5 folder',
  { skip: needsSharedData('satellite/geobench/ccb-test-segmentation/cvpr_chesapeake_landcover') },
  async () => {
    const s = linked('ucm', path.join(fixtures, 'ucmerced-mini'));
    const folder = s.write('ucm.yaml', `modality: image\nimageSize: [8, 8]\ndata: ./ucm\n`);
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
    symlinkSync(ches, path.join(s.dir, 'ches'));
    const seg = s.write(
      'seg.yaml',
      `modality: segmentation\nimageSize: [256, 256]\nnumClasses: 7\nbands: [Red, NearInfrared]\ndata: ches\n`,
    );
    const segTask = readTaskFile(seg);
    assert.equal(segTask.metric, 'miou');
    const segData = await segTask.load(dataDir, { limit: 1 });
    assert.deepEqual(segData.test.shape, [1, 2, 256, 256]);
  },
);

test('invalid task files get one line naming the file and the key, never the file contents', () => {
  const s = scratch();
  const cases: [string, string, RegExp][] = [
    [
      'a.yaml',
      'modality: dna\ntrain: x.csv\ntest: y.csv\nlabel_col: y\n',
      /^unknown setting\(s\) label_col \(known: benchmark, task, id, modality/,
    ],
    [
      'a2.yaml',
      'modality: dna\ndata: x.csv\ncolumns: { seq: s }\n',
      /^unknown setting\(s\) in "columns" seq$/,
    ],
    ['b.yaml', 'train: x.csv\n', /^"modality" is required$/],
    [
      'c.yaml',
      'modality: dna\nmetric: auc\ntrain: x.csv\ntest: y.csv\n',
      /^"metric" must be one of mcc, accuracy, macro_f1, map, miou, got "auc"$/,
    ],
    ['d.yaml', 'modality: dna\ntrain: x.csv\n', /^"train" give "train" and "test"/],
    [
      'e.yaml',
      'modality: image\nimageSize: 64\ndata: imgs\n',
      /^"imageSize" must be \[height, width\] in pixels$/,
    ],
    [
      'f.yaml',
      'modality: dna\nsequenceLength: -3\ndata: x.csv\n',
      /^"sequenceLength" must be a positive integer, got -3$/,
    ],
    ['g.yaml', 'modality: [dna, secret-token-123\n', /^not valid YAML \(line \d+, column \d+\)$/],
    ['h.json', '{"modality": "dna", "password": "hunter2",}', /^not valid JSON( \(at character \d+\))?$/],
    [
      'i.yaml',
      'modality: dna\ndata: x.csv\nsplit: { fractions: [0.5, 0.6, 0.1] }\n',
      /^"split.fractions" must be three non-negative numbers/,
    ],
    [
      'j.yaml',
      'modality: dna\ntrain: [{ label: 1 }]\ntest: y.csv\n',
      /^"train" must be a path or a list of paths or \{ path, label \}$/,
    ],
    [
      'k.yaml',
      'modality: segmentation\nimageSize: [8, 8]\ndata: x\n',
      /^"modality" segmentation task files need GEO-Bench HDF5 data/,
    ],
    // conflicting keys
    ['l.yaml', 'modality: dna\ndata: x.csv\ntrain: x.csv\n', /^"train" conflicts with "data"/],
    [
      'm.yaml',
      'modality: dna\ntrain: x.csv\ntest: y.csv\nsplit: { seed: 1 }\n',
      /^"split" applies only to "data"/,
    ],
    [
      'n.yaml',
      'modality: dna\nimageSize: [8, 8]\ndata: x.csv\n',
      /^"imageSize" is an image setting; this task file has modality dna$/,
    ],
    [
      'o.yaml',
      'modality: image\nimageSize: [8, 8]\nsequenceLength: 9\ndata: x\n',
      /^"sequenceLength" is a DNA setting/,
    ],
    [
      'p.yaml',
      'modality: image\nimageSize: [8, 8]\nbands: [B1]\nchannels: 3\nnumClasses: 2\ndata: x\n',
      /^"channels" conflicts with "bands"/,
    ],
    [
      'q.yaml',
      'benchmark: GUE\ntask: mouse_0\nid: mine\nmodality: dna\ndata: x.csv\n',
      /^"id" conflicts with "benchmark"/,
    ],
    [
      'r.yaml',
      'benchmark: GUE\nmodality: dna\ndata: x.csv\n',
      /^"benchmark" give "benchmark" and "task" together/,
    ],
    // paths may not leave the task file's folder
    [
      's.yaml',
      'modality: dna\ntrain: ../x.csv\ntest: y.csv\n',
      /^"train" names a path outside the task file's folder/,
    ],
    ['t.yaml', 'modality: dna\ndata: /etc/passwd\n', /^"data" names a path outside the task file's folder/],
    [
      'u.yaml',
      'modality: dna\ntrain: [ok.csv, sub/../../x.csv]\ntest: y.csv\n',
      /^"train" names a path outside/,
    ],
    // published tasks that match nothing
    [
      'v.yaml',
      'benchmark: GUE\ntask: mouse_9\nmodality: dna\ndata: x.csv\n',
      /^"task": no published gue task "mouse_9" \(near: gue\/mouse_0, gue\/mouse_1/,
    ],
    [
      'w.yaml',
      'benchmark: GUEE\ntask: mouse_0\nmodality: dna\ndata: x.csv\n',
      /^"benchmark": no published benchmark "GUEE" \(near: gue\)/,
    ],
    ['x.csv', 'sequence,label\nACGT,1\n', /^a task file is \.json, \.yaml or \.yml$/],
  ];
  for (const [name, text, message] of cases) {
    const file = s.write(name, text);
    assert.throws(
      () => readTaskFile(file),
      (err: Error) => {
        const prefix = `task file ${file}: `;
        assert.ok(err.message.startsWith(prefix), `${name}: ${err.message}`);
        const rest = err.message.slice(prefix.length);
        assert.match(rest, message, name);
        assert.ok(!rest.includes('\n'), `${name}: one line`);
        assert.ok(!/secret-token|hunter2|passwd|ACGT/.test(rest), `${name} echoes the file: ${rest}`);
        return true;
      },
      name,
    );
  }
  // a long value is described, not repeated
  const long = s.write('y.yaml', `modality: ${'z'.repeat(200)}\ndata: x.csv\n`);
  assert.throws(
    () => readTaskFile(long),
    /"modality" must be one of dna, image, segmentation, got a string$/,
  );
});

test('a task file naming a published task takes its registry id, so published numbers apply', async () => {
  const s = linked('gue', gue);
  const file = s.write(
    'tata.yaml',
    'benchmark: GUE\ntask: prom_core_tata\nmodality: dna\ntrain: gue/train.csv\nval: gue/dev.csv\ntest: gue/test.csv\n',
  );
  const task = readTaskFile(file);
  assert.equal(task.id, 'gue/prom_core_tata');
  assert.match(task.splitNote, /declared as the published task gue\/prom_core_tata$/);
  const geo = s.write(
    'kiln.yaml',
    'benchmark: GEO-Bench\ntask: m-brick-kiln\nmodality: dna\ntrain: gue/train.csv\ntest: gue/test.csv\n',
  );
  assert.equal(readTaskFile(geo).id, 'geobench/m-brick-kiln');
  assert.equal((await task.load(dataDir, { limit: 4 })).numClasses, 2);
});
