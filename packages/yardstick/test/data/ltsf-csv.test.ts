// The series CSV reader on real-shaped files (fixtures/ltsf/make-csvs.py): UCI Air Quality's Date + Time columns,
// `;` and decimal commas, -200 sentinels; `2020/1/1 0:15` timestamps with a duplicate and a gap; files without a
// date column or newest first.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runAutoAR } from '../../src/autoar/index.js';
import { loadLtsfTask, parseSeriesCsv, readSeriesCsv } from '../../src/data/ltsf/index.js';
import { scratch } from './helpers.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const airQuality = path.join(here, '..', 'fixtures', 'ltsf', 'air-quality.csv');
const quarterHour = path.join(here, '..', 'fixtures', 'ltsf', 'quarter-hour.csv');

test('UCI Air Quality layout: Date + Time joined, ; and decimal commas, trailing ;; dropped, -200 flagged', () => {
  const t = readSeriesCsv(airQuality);
  assert.equal(t.timeColumn, 'Date Time');
  assert.equal(t.times[0], '10/03/2004 18.00.00');
  assert.deepEqual(t.channels, ['CO(GT)', 'PT08.S1(CO)', 'NMHC(GT)', 'T', 'RH']);
  assert.equal(t.values[0][0], 2.0);
  assert.equal(t.values[3][0], 14.0);
  assert.equal(t.values[4][1], 48.1);
  // dd/mm/yyyy read day-first (10 March, hourly): no order or spacing warning
  assert.ok(!t.warnings.some((w) => /step|duplicated|newest/.test(w)), t.warnings.join('; '));
  const sentinel = t.warnings.filter((w) => /--na-values -200/.test(w));
  assert.deepEqual(
    sentinel.map((w) => w.split(':')[0]),
    ['column "CO(GT)"', 'column "NMHC(GT)"'],
  );
  assert.match(sentinel[1], /-200 appears 32 times, always as the column minimum/);
});

test('--na-values turns the sentinels into missing values, filled as any other; --target gives the S setting', () => {
  const t = readSeriesCsv(airQuality, { naValues: ['-200'] });
  assert.ok(Number.isNaN(t.values[0][3]) && Number.isNaN(t.values[2][1]));
  assert.ok(!t.warnings.some((w) => /--na-values/.test(w)));
  const task = loadLtsfTask(airQuality, undefined, { naValues: ['-200'], target: 'CO(GT)' });
  assert.equal(task.features, 'S');
  assert.deepEqual(task.channels, ['CO(GT)']);
  assert.equal(task.filled, 7);
  assert.ok(task.raw[0].every(Number.isFinite));
  const m = loadLtsfTask(airQuality, undefined, { naValues: ['-200'], columns: ['T', 'RH'] });
  assert.deepEqual([m.features, m.channels], ['M', ['T', 'RH']]);
  assert.throws(
    () => readSeriesCsv(airQuality, { target: 'CO' }),
    /air-quality\.csv: --target: no column "CO" \(near: CO\(GT\), .*\) \(columns: Date, Time, CO\(GT\)/,
  );
  assert.throws(
    () => readSeriesCsv(airQuality, { columns: ['T'], target: 'RH' }),
    /--target "RH" is not among --columns/,
  );
});

test('`2020/1/1 0:15` timestamps: a duplicated timestamp and a 45-minute gap are reported with their rows', () => {
  const t = readSeriesCsv(quarterHour);
  assert.equal(t.timeColumn, 'date');
  assert.equal(t.times[0], '2020/1/1 0:15');
  assert.deepEqual(t.warnings, [
    '"date": 1 duplicated timestamp (first at row 12); Auto-AR treats rows as equally spaced',
    '"date": 1 step differs from the usual 15 minutes (first at row 27): gaps or irregular sampling; Auto-AR treats rows as equally spaced',
  ]);
  // --date-col names it explicitly; a column that is not there is an error with near matches
  assert.deepEqual(readSeriesCsv(quarterHour, { dateColumns: ['date'] }).channels, ['load', 'temp']);
  assert.throws(
    () => readSeriesCsv(quarterHour, { dateColumns: ['Date'] }),
    /--date-col: no column "Date" \(near: date\)/,
  );
});

test('a CSV without a date column keeps every channel and says so; --date-col none reads it the same way', () => {
  const text = 'a,b\n1,10\n2,20\n3,30\n';
  const t = parseSeriesCsv(text, 'nodate.csv');
  assert.deepEqual(t.channels, ['a', 'b']);
  assert.deepEqual([...t.values[0]], [1, 2, 3]);
  assert.deepEqual(t.times, ['1', '2', '3']);
  assert.match(t.warnings[0], /^no date column .*every column is a channel/);
  assert.deepEqual(parseSeriesCsv(text, 'nodate.csv', { dateColumns: [] }).channels, ['a', 'b']);
});

test('rows newest first are reversed with a warning; rows out of order are an error naming the row', () => {
  const t = parseSeriesCsv('date,x\n2020-01-03,3\n2020-01-02,2\n2020-01-01,1\n', 'rev.csv');
  assert.deepEqual(t.times, ['2020-01-01', '2020-01-02', '2020-01-03']);
  assert.deepEqual([...t.values[0]], [1, 2, 3]);
  assert.deepEqual(t.warnings, ['"date": rows run newest first; they were reversed to oldest first']);
  assert.throws(
    () => parseSeriesCsv('date,x\n2020-01-01,1\n2020-01-03,3\n2020-01-02,2\n', 'mixed.csv'),
    /^Error: mixed\.csv: "date" goes back in time at row 4 \(1 such step\); sort the file by time$/,
  );
});

test('a/b/yyyy dates are read month-first when that is the regular reading', () => {
  // 03/10..03/13/2004 daily: month-first gives 1-day steps; day-first would jump months
  const t = parseSeriesCsv('day,x\n03/10/2004,1\n03/11/2004,2\n03/12/2004,3\n03/13/2004,4\n', 'us.csv');
  assert.deepEqual(t.warnings, []);
  const eu = parseSeriesCsv('day,x\n10/03/2004,1\n11/03/2004,2\n12/03/2004,3\n13/03/2004,4\n', 'eu.csv');
  assert.deepEqual(eu.warnings, []);
  // 31 February is not a date: the order is then not checked, and that is said
  const bad = parseSeriesCsv('day,x\n2020-02-31,1\n2020-03-01,2\n', 'feb.csv');
  assert.match(bad.warnings[0], /not every row is a date this reader knows/);
});

test('LTSF settings: S reads the target alone; MS fits on every channel and scores the target', () => {
  const s = scratch();
  const rows = Array.from({ length: 600 }, (_, i) => {
    const t = new Date(Date.UTC(2021, 0, 1, i)).toISOString().slice(0, 16).replace('T', ' ');
    return `${t},${Math.sin(i / 5) + 0.01 * (i % 7)},${Math.cos(i / 9)},${Math.sin(i / 3) * 2}`;
  });
  const file = s.write('three.csv', ['time,a,b,c', ...rows].join('\n'));
  const m = runAutoAR(loadLtsfTask(file), 8, { mode: 'paper' });
  const ms = ['a', 'b', 'c'].map((target) => {
    const task = loadLtsfTask(file, undefined, { target, features: 'MS' });
    assert.deepEqual([task.features, task.channels.length, task.name], ['MS', 3, `${file}:MS:${target}`]);
    return runAutoAR(task, 8, { mode: 'paper' });
  });
  // the model is the multivariate one; the score is the target's share of it (equal windows per channel)
  for (const r of ms) assert.deepEqual([r.d, r.lookback, r.channels], [m.d, m.lookback, 1]);
  const mean = ms.reduce((acc, r) => acc + r.mse, 0) / 3;
  assert.ok(Math.abs(mean - m.mse) < 1e-12 * Math.max(1, m.mse), `${mean} vs ${m.mse}`);
  const single = loadLtsfTask(file, undefined, { target: 'b' });
  assert.deepEqual([single.features, single.channels], ['S', ['b']]);
  assert.throws(
    () => loadLtsfTask(file, undefined, { features: 'MS' }),
    /the MS setting forecasts one target channel; name it with --target/,
  );
});
