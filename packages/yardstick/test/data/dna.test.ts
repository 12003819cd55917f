import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { loadDnaSplits, readDnaSource } from '../../src/data/dna/load.js';
import { oneHotDna } from '../../src/data/dna/onehot.js';
import { readDnaFasta } from '../../src/data/dna/fasta.js';
import { readDnaParquet } from '../../src/data/dna/parquet.js';
import { readDnaTable } from '../../src/data/dna/table.js';
import { dataDir, fixtures, scratch } from './helpers.js';
import { needsSharedData } from '../helpers/shared-data.js';

const gue = (task: string, split: string) => path.join(dataDir, 'genomics', 'gue', task, `${split}.csv`);

/** The channel holding a 1 at each position of sample n (-1 for a padding column). */
function decode(x: Float32Array, n: number, length: number): number[] {
  return Array.from({ length }, (_, i) => {
    const hot = [0, 1, 2, 3, 4].filter((c) => x[(n * 5 + c) * length + i] === 1);
    return hot.length === 0 ? -1 : hot[0];
  });
}

test('one-hot encoding uses channels A, T, C, G, N and right-pads with zero columns', () => {
  const ds = oneHotDna([{ id: 'r', sequence: 'ATCGN', label: 1, where: 'here' }], 7);
  assert.deepEqual(ds.shape, [1, 5, 7]);
  assert.deepEqual(decode(ds.x, 0, 7), [0, 1, 2, 3, 4, -1, -1]);
  assert.deepEqual([...ds.y], [1]);
});

test(
  'GUE prom_core_tata loads with official train/dev/test and a stratified limit',
  { skip: needsSharedData('genomics/gue/prom_core_tata') },
  async () => {
    const data = await loadDnaSplits(
      {
        train: [{ path: gue('prom_core_tata', 'train') }],
        val: [{ path: gue('prom_core_tata', 'dev') }],
        test: [{ path: gue('prom_core_tata', 'test') }],
      },
      { limit: 100, seed: 3 },
    );
    assert.equal(data.numClasses, 2);
    assert.deepEqual(data.train.shape, [100, 5, 70]);
    assert.deepEqual(data.val!.shape, [100, 5, 70]);
    // train is 2,455 negatives / 2,449 positives: a proportional draw of 100 is 50 / 50
    assert.equal([...data.train.y].filter((v) => v === 1).length, 50);
    // every column of a 70-letter sequence is exactly one-hot
    for (let n = 0; n < 100; n++) assert.ok(decode(data.train.x, n, 70).every((c) => c >= 0));
  },
);

test(
  'the first GUE prom_core_all training row is encoded letter by letter',
  { skip: needsSharedData('genomics/gue/prom_core_all') },
  async () => {
    const records = await readDnaSource({ path: gue('prom_core_all', 'train') });
    assert.equal(records.length, 47356);
    const firstLine = readFileSync(gue('prom_core_all', 'train'), 'utf8').split('\n')[1];
    const [sequence, label] = firstLine.split(',');
    const ds = oneHotDna(records.slice(0, 1), 70);
    assert.deepEqual(
      decode(ds.x, 0, 70),
      [...sequence].map((ch) => 'ATCGN'.indexOf(ch)),
    );
    assert.equal(ds.y[0], Number(label));
    assert.equal(records[0].id, 'line 2');
  },
);

test(
  'Genomic Benchmarks seq,label files load, and their single N goes to channel 4',
  { skip: needsSharedData('genomics/genomic_benchmarks/human_nontata_promoters') },
  () => {
    const file = path.join(dataDir, 'genomics', 'genomic_benchmarks', 'human_nontata_promoters', 'test.csv');
    const records = readDnaTable(file);
    assert.equal(records.length, 9034);
    assert.equal(records.filter((r) => r.label === 1).length, 4915);
    const withN = records.filter((r) => r.sequence.includes('N'));
    assert.equal(withN.length, 1);
    const ds = oneHotDna(withN, 251);
    assert.equal(decode(ds.x, 0, 251)[withN[0].sequence.indexOf('N')], 4);
  },
);

test(
  'the NT revised TSV reads one task by its task column, with names as ids',
  { skip: needsSharedData('genomics/nt/revised_toy_subsample') },
  () => {
    const file = path.join(dataDir, 'genomics', 'nt', 'revised_toy_subsample', 'train.tsv');
    const records = readDnaTable(file, {
      idColumn: 'name',
      where: { column: 'task', equals: 'promoter_all' },
    });
    assert.equal(records.length, 71);
    assert.equal(records.filter((r) => r.label === 0).length, 35);
    assert.ok(records.every((r) => r.sequence.length === 300 && /^chr\w+:\d+-\d+\|[01]$/.test(r.id)));
  },
);

test('parquet in the NT layout (written by DuckDB) reads sequence, name and int64 label', async () => {
  const records = await readDnaParquet(path.join(fixtures, 'nt-format.parquet'));
  assert.deepEqual(
    records.map((r) => [r.sequence, r.id, r.label]),
    [
      ['ACGTACGTNN', 'chr1:100-110|1', 1],
      ['TTTTCCCCGG', 'chr1:200-210|0', 0],
      ['GATTACA', 'chr2:5-12|1', 1],
      ['CCGGAATT', 'chr3:40-48|0', 0],
      ['NNNNACGT', 'chr4:1-9|2', 2],
      ['ATATATATAT', 'chrX:77-87|0', 0],
    ],
  );
  const data = await loadDnaSplits({
    train: [{ path: path.join(fixtures, 'nt-format.parquet') }],
    test: [{ path: path.join(fixtures, 'nt-format.parquet') }],
  });
  assert.equal(data.numClasses, 3);
  assert.deepEqual(data.train.shape, [6, 5, 10]); // padded to the longest sequence
  assert.deepEqual(decode(data.train.x, 2, 10), [3, 0, 1, 1, 0, 2, 0, -1, -1, -1]);
});

test('FASTA labels come from "label=" in the header or from the file', () => {
  const s = scratch();
  const labelled = s.write('a.fa', '>seq1 label=1 source=x\nACGT\nAC\n\n>seq2 label=0\nNNA\n');
  assert.deepEqual(
    readDnaFasta(labelled).map((r) => [r.id, r.sequence, r.label]),
    [
      ['seq1', 'ACGTAC', 1],
      ['seq2', 'NNA', 0],
    ],
  );
  const perClass = s.write('b.fa', '>x\nGG\n>y\nTT\n');
  assert.deepEqual(
    readDnaFasta(perClass, 2).map((r) => r.label),
    [2, 2],
  );
});

test('malformed DNA inputs fail with the file and the record named', async () => {
  const s = scratch();
  const badLetter = s.write('bad.csv', 'sequence,label\nACGT,0\nACXT,1\n');
  assert.throws(() => oneHotDna(readDnaTable(badLetter), 4), {
    message: `${badLetter}:3: unknown letter "X" at position 3 (allowed: A, T, C, G, N)`,
  });
  const lower = s.write('lower.csv', 'sequence,label\nacgt,0\n');
  assert.throws(() => oneHotDna(readDnaTable(lower), 4), /lower\.csv:2: unknown letter "a" at position 1/);
  const ragged = s.write('ragged.csv', 'sequence,label\nACGT,0\nACGT,1,extra\n');
  assert.throws(() => readDnaTable(ragged), { message: `${ragged}:3: 3 fields, but the header has 2` });
  const noLabel = s.write('nolabel.csv', 'sequence,class\nACGT,0\n');
  assert.throws(() => readDnaTable(noLabel), {
    message: `${noLabel}: no column "label" in header ("sequence", "class")`,
  });
  const badLabel = s.write('badlabel.csv', 'seq,label\nACGT,yes\n');
  assert.throws(() => readDnaTable(badLabel), {
    message: `${badLabel}:2: label "yes" is not a non-negative integer`,
  });
  const long = s.write('long.csv', 'sequence,label\nACGTA,0\nACG,1\n');
  await assert.rejects(
    loadDnaSplits({ train: [{ path: long }], test: [{ path: long }], length: 4 }),
    /long\.csv:2: sequence of length 5 is longer than the task length 4/,
  );
  const fastaBad = s.write('bad.fa', '>r1 label=0\nACGT\n>r2 label=1\nAC-T\n');
  assert.throws(() => oneHotDna(readDnaFasta(fastaBad), 4), {
    message: `${fastaBad}:3 (record "r2"): unknown letter "-" at position 3 (allowed: A, T, C, G, N)`,
  });
  const fastaNoLabel = s.write('nolabel.fa', '>r1\nACGT\n');
  assert.throws(() => readDnaFasta(fastaNoLabel), /nolabel\.fa:1 \(record "r1"\): no label/);
  await assert.rejects(
    readDnaParquet(path.join(fixtures, 'nt-no-label.parquet')),
    /nt-no-label\.parquet: no column "label" \(columns: sequence, name\)/,
  );
  const notParquet = s.write('junk.parquet', 'this is not parquet');
  await assert.rejects(readDnaParquet(notParquet), /junk\.parquet: not a readable parquet file/);
  await assert.rejects(readDnaSource({ path: s.write('x.txt', '') }), /x\.txt: unknown DNA file type/);
});
