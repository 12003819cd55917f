// Rolling-window selection on synthetic series whose best lookback is known, and the messages for series that
// cannot be fitted; extreme scales (1e-300, 1e154) give the same result as scale 1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { rollingFolds, runAutoAR, type Candidate } from '../../src/autoar/index.js';
import { loadLtsfTask, ltsfTaskFromArrays, type LtsfTask } from '../../src/data/ltsf/index.js';

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
}

/** Differences follow a seasonal AR at lag 24: lookbacks under 24 cannot see it, 24 is enough. */
function seasonalTask(rows: number, channels: number): LtsfTask {
  const r = seeded(11);
  const raw = Array.from({ length: channels }, () => {
    const u = new Float64Array(rows);
    for (let t = 24; t < rows; t++) u[t] = 0.9 * u[t - 24] + r();
    let acc = 0;
    return u.map((v) => (acc += v));
  });
  return ltsfTaskFromArrays('seasonal', raw);
}

test('rolling folds: expanding fits that end before each block of validation origins', () => {
  const folds = rollingFolds(700, 100, 10, 50, 3);
  assert.deepEqual(folds, [
    { fit: { first: 50, count: 641 }, validation: { first: 700, count: 30 } },
    { fit: { first: 50, count: 671 }, validation: { first: 730, count: 30 } },
    { fit: { first: 50, count: 701 }, validation: { first: 760, count: 31 } },
  ]);
  for (const f of folds) assert.ok(f.fit.first + f.fit.count - 1 + 10 - 1 < f.validation.first);
  assert.equal(rollingFolds(700, 11, 10, 50, 3).length, 2);
});

test('selection on rolling validation windows finds the known lookback (24)', () => {
  const task = seasonalTask(3000, 3);
  const opts = {
    mode: 'default' as const,
    transforms: [{ d: 1, norm: 'none' as const }],
    strategies: ['direct' as const],
    ridges: [0],
    lookbacks: [6, 12, 24, 48, 96],
    perChannelLookbacks: [],
  };
  const r = runAutoAR(task, 12, opts);
  const v = r.validation!;
  const mse = new Map((r.selection as Candidate[]).map((c) => [c.lookback, c.valMse]));
  // lags under 24 miss the seasonal term: far worse on validation
  assert.ok(mse.get(12)! > 1.3 * mse.get(24)!, `L12 ${mse.get(12)} vs L24 ${mse.get(24)}`);
  assert.equal(r.lookback, 24);
  assert.ok([24, 48, 96].includes(v.minimum.lookback));
  const m = runAutoAR(task, 12, { ...opts, rule: 'minimum' });
  assert.equal(m.lookback, v.minimum.lookback);
});

function csvTask(dir: string, name: string, columns: ((i: number) => number)[], rows = 600): LtsfTask {
  const file = path.join(dir, `${name}.csv`);
  const lines = ['date,' + columns.map((_, c) => `x${c}`).join(',')];
  // hourly timestamps: a plain row number would be read as one more (varying) channel
  const time = (i: number) =>
    new Date(Date.UTC(2020, 0, 1) + i * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
  for (let i = 0; i < rows; i++) lines.push([time(i), ...columns.map((f) => String(f(i)))].join(','));
  writeFileSync(file, lines.join('\n') + '\n');
  return loadLtsfTask(file);
}

test('series of scale 1e-300 and 1e154 give the results of scale 1 (standardised first)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'autoar-scale-'));
  const r = seeded(5);
  const base = Array.from({ length: 600 }, (_, i) => Math.sin(i / 7) + 0.3 * r());
  const other = Array.from({ length: 600 }, (_, i) => Math.cos(i / 11) + 0.3 * r());
  const results = [1, 1e-300, 1e154].map((s) => {
    const task = csvTask(dir, `scale-${s}`, [(i) => base[i] * s, (i) => other[i] * s + 2 * s]);
    return [runAutoAR(task, 12, { mode: 'default' }), runAutoAR(task, 12, { mode: 'paper', grid: [16, 32] })];
  });
  for (const [def, paper] of results.slice(1)) {
    assert.ok(
      Math.abs(def.mse - results[0][0].mse) < 1e-6 * results[0][0].mse,
      `default ${def.mse} vs ${results[0][0].mse}`,
    );
    assert.ok(
      Math.abs(paper.mse - results[0][1].mse) < 1e-6 * results[0][1].mse,
      `paper ${paper.mse} vs ${results[0][1].mse}`,
    );
  }
});

test('constant series: one line naming the columns and the reason', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'autoar-const-'));
  const task = csvTask(dir, 'flat', [() => 3.5, () => -1]);
  for (const mode of ['default', 'paper'] as const) {
    assert.throws(
      () => runAutoAR(task, 12, { mode, grid: [16] }),
      (e: Error) =>
        /flat\.csv: nothing to fit: every column 'x0', 'x1' is constant over the 420 training rows/.test(
          e.message,
        ) && !e.message.includes('\n'),
    );
  }
  // one constant column among varying ones is fine: the pooled model forecasts it too
  const mixed = csvTask(dir, 'mixed', [() => 3.5, (i) => Math.sin(i / 5)]);
  assert.ok(Number.isFinite(runAutoAR(mixed, 12, { mode: 'default' }).mse));
});
