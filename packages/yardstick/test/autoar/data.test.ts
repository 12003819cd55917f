import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fillMissingCubic, loadLtsfTask, parseSeriesCsv, splitSizes } from '../../src/data/ltsf/index.js';
import { resolveDataDir } from '../../src/data/data-dir.js';
import { runAutoAR } from '../../src/autoar/index.js';
import fill from '../fixtures/autoar/fill.json' with { type: 'json' };
import { needsSharedData } from '../helpers/shared-data.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ys-autoar-'));
function csvFile(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

test('LTSF split sizes follow the reference (ETT months, 0.7/0.1/0.2 ratios)', () => {
  assert.deepEqual(splitSizes('ETTh', 17420), { rule: 'ETTh', train: 8640, val: 2880, test: 2880 });
  assert.deepEqual(splitSizes('ETTm', 69680), { rule: 'ETTm', train: 34560, val: 11520, test: 11520 });
  assert.deepEqual(splitSizes('ratio', 52696), { rule: 'ratio', train: 36887, val: 5270, test: 10539 });
  assert.deepEqual(splitSizes('ratio', 966), { rule: 'ratio', train: 676, val: 97, test: 193 });
});

test(
  'built-in tasks load from the data directory, standardised on the training rows',
  { skip: needsSharedData('timeseries/ETTh1.csv') },
  () => {
    const task = loadLtsfTask('ltsf/ETTh1', resolveDataDir());
    assert.equal(task.channels.length, 7);
    assert.equal(task.series[0].length, 17420);
    const x = task.series[6].subarray(0, task.split.train);
    const mean = x.reduce((a, b) => a + b, 0) / x.length;
    const variance = x.reduce((a, b) => a + (b - mean) ** 2, 0) / x.length;
    assert.ok(Math.abs(mean) < 1e-12 && Math.abs(variance - 1) < 1e-12);
    assert.throws(() => loadLtsfTask('ltsf/nosuch', resolveDataDir()), /unknown LTSF dataset "nosuch"/);
  },
);

test('missing values are filled like pandas cubic interpolation (not-a-knot spline)', () => {
  const column = Float64Array.from(fill.input, (v) => (v === null ? NaN : v));
  assert.equal(fillMissingCubic(column), fill.holes.length);
  for (const i of fill.holes) {
    const expected = fill.filled[i]!;
    assert.ok(
      Math.abs(column[i] - expected) <= 1e-9 * Math.abs(expected),
      `row ${i}: ${column[i]} vs ${expected}`,
    );
  }
});

test('malformed CSVs are rejected with the file, row and column named', () => {
  assert.throws(() => parseSeriesCsv('', 'e.csv'), /e\.csv: the file is empty/);
  assert.throws(
    () => parseSeriesCsv('2020-01-01,1,2\n2020-01-02,3,4\n', 'h.csv'),
    /h\.csv: row 1 looks like data, not a header/,
  );
  assert.throws(
    () => parseSeriesCsv('date,a,b\n2020-01-01,1,2\n2020-01-02,3,x\n', 'n.csv'),
    /n\.csv: row 3, column "b": "x" is not a number/,
  );
  assert.throws(
    () => parseSeriesCsv('date,a,b\n2020-01-01,1,2\n2020-01-02,3\n', 'r.csv'),
    /r\.csv: row 3: expected 3 fields like the header, got 2/,
  );
  assert.throws(
    () => parseSeriesCsv('date,a,a\n2020-01-01,1,2\n', 'd.csv'),
    /d\.csv: row 1: column name "a" appears twice/,
  );
  assert.throws(() => parseSeriesCsv('date,a\n', 'o.csv'), /o\.csv: the file has a header but no data rows/);
  assert.throws(
    () => parseSeriesCsv('date\n2020-01-01\n', 'c.csv'),
    /c\.csv: row 1: expected a header with a time column and at least one channel/,
  );
  // a numeric channel name is a header (exchange_rate's are 0..6), and quoted fields are read
  const ok = parseSeriesCsv('date,0,"b,c"\n2020-01-01,1,2\n2020-01-02,,4\n', 'q.csv');
  assert.deepEqual(ok.channels, ['0', 'b,c']);
  assert.ok(Number.isNaN(ok.values[0][1]));
});

test('a user CSV too short for the horizon is rejected naming the file', () => {
  const rows = Array.from({ length: 100 }, (_, i) => `2020-01-${i},${Math.sin(i)},${Math.cos(i / 3)}`);
  const file = csvFile('short.csv', ['time,a,b', ...rows].join('\n'));
  const task = loadLtsfTask(file);
  assert.equal(task.split.test, 20);
  assert.throws(
    () => runAutoAR(task, 48, { mode: 'paper' }),
    new RegExp(`${file.replace(/[.]/g, '\\.')}: the test block has 20 rows, fewer than the horizon 48`),
  );
  assert.throws(() => loadLtsfTask(path.join(dir, 'absent.csv')), /absent\.csv: cannot read the file/);
});
