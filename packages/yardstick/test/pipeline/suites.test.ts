import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveDataDir } from '../../src/data/data-dir.js';
import { describeMissing, getSuite, withDataPresent } from '../../src/pipeline/index.js';
import { scratch } from '../data/helpers.js';

const shared = resolveDataDir();
const tasks = (name: string, dir: string) => withDataPresent(getSuite(name), dir);

test('run gue covers all 28 tasks: those in the data directory run, the others are listed with their download', () => {
  assert.equal(getSuite('gue').items.length, 28);
  const { suite, missing } = tasks('gue', shared);
  assert.deepEqual(suite.items.map((i) => i.task).sort(), [
    'gue/prom_300_tata',
    'gue/prom_core_all',
    'gue/prom_core_notata',
    'gue/prom_core_tata',
  ]);
  assert.equal(missing.length, 24);
  const lines = describeMissing(missing);
  assert.equal(lines.length, 1);
  assert.match(
    lines[0],
    /^missing 24 tasks \(gue\/emp_H3, .*gue\/virus_covid\): fetch with: yardstick download gue --allow-unverified$/,
  );
});

test('run satellite covers EuroSAT and the 12 GEO-Bench tasks, one download line per missing task', () => {
  const { suite, missing } = tasks('satellite', shared);
  assert.deepEqual(
    suite.items.map((i) => i.task),
    ['eurosat/rgb'],
  );
  assert.equal(missing.length, 12);
  const lines = describeMissing(missing);
  assert.ok(
    lines.includes('missing 1 task (geobench/m-so2sat): fetch with: yardstick download geobench/m-so2sat'),
  );
});

test('run ltsf: the seven downloadable datasets present, electricity and traffic missing with where to put them', () => {
  const { suite, missing } = tasks('ltsf', shared);
  assert.equal(suite.items.length, 7);
  assert.deepEqual(
    missing.map((m) => m.task),
    ['ltsf/electricity', 'ltsf/traffic'],
  );
  assert.match(
    missing[0].fetch,
    /^no public origin in the download catalogue: place electricity\.csv in .*timeseries$/,
  );
  const empty = tasks('ltsf', scratch().dir);
  assert.equal(empty.suite.items.length, 0);
  assert.ok(
    describeMissing(empty.missing).some((l) =>
      /^missing 7 tasks \(ltsf\/ETTh1, .*\): fetch with: yardstick download ltsf$/.test(l),
    ),
  );
});
