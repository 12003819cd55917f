import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { CURATED_FILE, loadRegistry } from '../../src/registry/index.js';
import { MAX_USER_FILE_BYTES } from '../../src/registry/user-file.js';
import { assertAsWritten } from './helpers/as-written.js';

const registry = loadRegistry({ userDir: null });
const curated = JSON.parse(readFileSync(CURATED_FILE, 'utf8')).records as Record<string, unknown>[];

const scratch = mkdtempSync(path.join(tmpdir(), 'ys-reg-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
// Loads that do not say otherwise include the user's registry folder: keep it empty here.
process.env.YARDSTICK_HOME = scratch;
delete process.env.YARDSTICK_DB;

function tmpFile(name: string, text: string): string {
  const f = path.join(mkdtempSync(path.join(scratch, 'f-')), name);
  writeFileSync(f, text);
  return f;
}

describe('curated registry', () => {
  it('keeps every record, value and source exactly as curated', () => {
    assert.equal(registry.results.length, 1424);
    for (const raw of curated) assertAsWritten(registry.get(raw.id as string), raw);
  });

  it('normalises benchmarks and tasks to project ids', () => {
    const count = (benchmark: string) => registry.find({ benchmark }).length;
    assert.deepEqual(
      ['ltsf', 'gue', 'geobench', 'chronos-bench-ii', 'eurosat'].map(count),
      [850, 280, 214, 54, 26],
    );
    assert.deepEqual(registry.tasks('ltsf'), [
      'ltsf/ETTh1',
      'ltsf/ETTh2',
      'ltsf/ETTm1',
      'ltsf/ETTm2',
      'ltsf/electricity',
      'ltsf/exchange_rate',
      'ltsf/national_illness',
      'ltsf/traffic',
      'ltsf/weather',
    ]);
    assert.ok(registry.tasks('gue').includes('gue/prom_core_all'));
    assert.ok(registry.tasks('geobench').includes('geobench/m-brick-kiln'));
    assert.equal(registry.find({ task: 'eurosat' }).length, 6); // the 13-band EuroSAT-MS rows only
    assert.deepEqual(
      [...new Set(registry.find({ task: 'ltsf/national_illness' }).map((r) => r.horizon))].sort(),
      [24, 36, 48, 60],
    );
  });

  it('finds by task, horizon and metric, accepting the published names too', () => {
    const rows = registry.find({ task: 'ltsf/ETTh1', horizon: 96, metric: 'mse' });
    assert.ok(rows.length > 10);
    assert.ok(
      rows.every(
        (r) => r.metric === 'mse' && r.horizon === 96 && r.higherIsBetter === false && r.scale === 'x1',
      ),
    );
    assert.deepEqual(registry.find({ task: 'ETTh1', horizon: 96, metric: 'MSE', benchmark: 'LTSF' }), rows);
    const dlinear = registry.find({ task: 'ltsf/ETTh1', horizon: 96, metric: 'mse', model: 'DLinear' });
    assert.deepEqual(
      dlinear.map((r) => [r.value, r.setting]),
      [[0.375, 'trained']],
    );
  });

  it('separates few-shot from fine-tuned and marks assumed metrics', () => {
    assert.equal(registry.find({ setting: 'few-shot' }).length, 164);
    assert.ok(registry.find({ setting: 'few-shot' }).every((r) => r.model.startsWith('TTM')));
    const assumed = registry.results.filter((r) => r.metricAssumed);
    assert.equal(assumed.length, 24);
    assert.ok(assumed.every((r) => r.original.metric.startsWith('unstated')));
    const gue = registry.find({ task: 'gue/prom_core_all', model: 'DNABERT-2' });
    assert.deepEqual(
      gue.map((r) => [r.metric, r.scale, r.higherIsBetter]),
      [['mcc', 'x100', true]],
    );
  });
});

describe('user results files', () => {
  const header =
    'model,params,setting,lookback,benchmark,task,horizon,split,metric,scale,value,source_title,source_url';
  it('adds valid CSV rows next to the curated ones', () => {
    const f = tmpFile(
      'mine.csv',
      `${header}\nMyFM,1.5e8,zero-shot,512,LTSF,ETTh1,96,standard test,MSE,x1,0.351,My paper,https://example.org\n`,
    );
    const reg = loadRegistry({ extraFiles: [f] });
    const mine = reg.find({ model: 'MyFM' });
    assert.equal(mine.length, 1);
    assert.equal(mine[0].task, 'ltsf/ETTh1');
    assert.equal(mine[0].params, 1.5e8);
    assert.equal(mine[0].id, 'mine.csv#1');
    assert.equal(mine[0].origin, f);
  });

  it('names file, row and column for a bad number', () => {
    const f = tmpFile(
      'bad.csv',
      `${header}\nA,,zero-shot,,LTSF,ETTh1,96,test,MSE,x1,0.3,T,\nB,,zero-shot,,LTSF,ETTh1,96,test,MSE,x1,abc,T,\n`,
    );
    assert.throws(
      () => loadRegistry({ extraFiles: [f] }),
      (e: Error) => e.message.includes(`${f} row 2 (line 3), column 'value': expected a number, got 'abc'`),
    );
  });

  it('rejects unknown columns, missing fields and contradictory directions', () => {
    const typo = tmpFile('typo.csv', 'model,valeu\nA,1\n');
    assert.throws(() => loadRegistry({ extraFiles: [typo] }), /unknown column\(s\) 'valeu'/);
    const missing = tmpFile('missing.csv', `${header}\nA,,zero-shot,,LTSF,ETTh1,96,test,MSE,x1,0.3,,\n`);
    assert.throws(() => loadRegistry({ extraFiles: [missing] }), /row 1 \(line 2\): column 'source_title'/);
    const dir = tmpFile(
      'dir.csv',
      `${header},higherIsBetter\nA,,zero-shot,,LTSF,ETTh1,96,test,MSE,x1,0.3,T,,true\n`,
    );
    assert.throws(
      () => loadRegistry({ extraFiles: [dir] }),
      /column 'higherIsBetter': true contradicts metric 'mse'/,
    );
    const unknownMetric = tmpFile(
      'metric.csv',
      `${header}\nA,,zero-shot,,gue,prom_core_all,,test,bleu,x1,0.3,T,\n`,
    );
    assert.throws(() => loadRegistry({ extraFiles: [unknownMetric] }), /metric 'bleu' is not known/);
    const scale = tmpFile('scale.csv', `${header}\nA,,zero-shot,,LTSF,ETTh1,96,test,MSE,percent,0.3,T,\n`);
    assert.throws(
      () => loadRegistry({ extraFiles: [scale] }),
      /row 1 \(line 2\), column 'scale': unknown scale 'percent'/,
    );
  });

  it('validates JSON records with field paths and catches duplicate ids', () => {
    const rec = {
      id: 'x',
      model: 'M',
      setting: 'fine-tuned',
      benchmark: 'gue',
      task: 'gue/prom_core_all',
      split: 'test',
      metric: 'mcc',
      scale: 'x100',
      value: 70.1,
      source: { title: 'T' },
    };
    const ok = tmpFile('ok.json', JSON.stringify([rec]));
    assert.equal(loadRegistry({ extraFiles: [ok] }).find({ model: 'M' })[0].value, 70.1);
    const bad = tmpFile('bad.json', JSON.stringify({ records: [{ ...rec, source: {} }] }));
    assert.throws(
      () => loadRegistry({ extraFiles: [bad] }),
      (e: Error) => e.message.includes(`${bad} record 1 (id 'x'): field 'source.title'`),
    );
    const dup = tmpFile('dup.json', JSON.stringify([rec, rec]));
    assert.throws(() => loadRegistry({ extraFiles: [dup] }), /record 2: id 'x' already used/);
    assert.throws(
      () => loadRegistry({ extraFiles: ['/nonexistent/f.json'] }),
      /cannot read FM results file \/nonexistent\/f\.json/,
    );
  });

  it('refuses an oversized file before reading it, and other file types', () => {
    const big = tmpFile('big.csv', '');
    truncateSync(big, MAX_USER_FILE_BYTES + 1); // sparse: nothing is written
    assert.throws(
      () => loadRegistry({ extraFiles: [big] }),
      (e: Error) =>
        e.message ===
        `cannot read FM results file ${big}: 67108865 bytes is more than the limit of 67108864 bytes (64 MiB)`,
    );
    assert.throws(
      () => loadRegistry({ extraFiles: [tmpFile('r.xlsx', 'x')] }),
      /r\.xlsx: expected a \.csv or \.json file/,
    );
  });
});
