import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fitAutoAr } from '../../src/autoar/index.js';
import { compareContext, compareTask } from '../../src/compare/index.js';
import { loadLtsfTask } from '../../src/data/ltsf/index.js';
import { getSuite, runSuite, type Suite, type SuiteEvent } from '../../src/pipeline/index.js';
import { loadRegistry } from '../../src/registry/index.js';
import { buildSuiteReport } from '../../src/report/index.js';
import { openStorage } from '../../src/storage/index.js';
import { needsSharedData, sharedDataDir } from '../helpers/shared-data.js';

const dataDir = sharedDataDir;
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Runs a suite of Auto-AR items on one seed into a fresh database (the caller closes it). */
async function runInFreshDatabase(name: string, items: Suite['items'], onEvent?: (e: SuiteEvent) => void) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ys-suite-'));
  dirs.push(dir);
  const storage = openStorage(path.join(dir, 'y.db'));
  const suite: Suite = { name, description: 'test', items };
  const artifactRoot = path.join(dir, 'runs');
  const out = await runSuite(suite, { dataDir, storage, artifactRoot, seeds: [0], device: 'cpu', onEvent });
  return { storage, out };
}

test(
  'a suite stores every run, records a missing task as skipped, and its report covers the runs',
  { skip: needsSharedData('timeseries/national_illness.csv') },
  async () => {
    const events: SuiteEvent[] = [];
    const { storage, out } = await runInFreshDatabase(
      'tiny',
      [
        { workflow: 'autoar', task: 'ltsf/national_illness', horizons: [24], modes: ['paper', 'default'] },
        { workflow: 'autoar', task: 'ltsf/traffic', horizons: [96], modes: ['paper'] }, // not in the shared data
      ],
      (e) => events.push(e),
    );
    try {
      assert.equal(out.runIds.length, 2);
      assert.deepEqual(out.tasks, ['ltsf/national_illness']);
      assert.equal(out.problems.length, 1);
      assert.match(out.problems[0], /^ltsf\/traffic: skipped/);
      assert.deepEqual(
        events.map((e) => e.kind),
        ['start', 'done', 'start', 'done', 'skipped'],
      );

      const paper = storage.getRun(out.runIds[0])!;
      assert.equal(paper.status, 'complete');
      assert.equal(paper.result!.model, 'Auto-AR (paper)');
      // the reference's ILI h24 MSE (autoar-reference-results.md)
      const mse = (paper.result!.test as { mse: number }).mse;
      assert.ok(Math.abs(mse / 2.02996 - 1) < 0.005, `MSE ${mse}`);
      // per-window scores average to the reported test MSE (170 test windows for ILI h24, spec 3.10)
      const perWindow = JSON.parse(readFileSync(path.join(paper.artifactDir!, 'per-example.json'), 'utf8'))
        .mse as number[];
      assert.equal(perWindow.length, 170);
      assert.ok(Math.abs(perWindow.reduce((a, b) => a + b, 0) / perWindow.length - mse) < 1e-9);

      const ctx = { storage, registry: loadRegistry() };
      const comparisons = compareTask(await compareContext(ctx), {
        task: 'ltsf/national_illness',
        horizon: 24,
      });
      assert.deepEqual(comparisons[0].baselines.map((b) => b.model).sort(), ['Auto-AR', 'Auto-AR (paper)']);
      // ILI's published numbers are supervised models (PatchTST, DLinear): context, never in a verdict
      assert.ok(comparisons[0].references.length > 0, 'published ILI references exist (PatchTST, DLinear)');
      assert.ok(
        comparisons[0].references.every((r) => r.result.role === 'supervised-reference'),
        'references are supervised models',
      );
      assert.ok(comparisons[0].fm.every((r) => r.result.role === 'fm'));
      const report = await buildSuiteReport(ctx, 'tiny', out.tasks, out.runIds);
      assert.equal(report.runs.length, 2);
      assert.ok(report.runs[0].forecasts!.series.length > 0);
    } finally {
      storage.close();
    }
  },
);

test(
  'stored forecast samples equal a hand-written recursive AR forecast on differences',
  { skip: needsSharedData('timeseries/national_illness.csv') },
  async () => {
    const { storage, out } = await runInFreshDatabase('t', [
      { workflow: 'autoar', task: 'ltsf/national_illness', horizons: [36], modes: ['paper'] },
    ]);
    const run = storage.getRun(out.runIds[0])!;
    storage.close();
    const { series } = JSON.parse(readFileSync(path.join(run.artifactDir!, 'forecasts.json'), 'utf8'));
    const task = loadLtsfTask('ltsf/national_illness', dataDir);
    const fitted = fitAutoAr(task, 36, { mode: 'paper' });
    assert.equal(fitted.d, 1);
    const { coefficients: a, intercept } = fitted.ar!;
    const testStart = task.split.train + task.split.val;
    for (const s of series) {
      const x = task.series[task.channels.indexOf(s.channel)];
      s.t.forEach((t: number, i: number) => assert.equal(s.actual[i], x[testStart + t]));
      const first = s.forecast.findIndex((v: number | null) => v !== null);
      const origin = testStart + s.t[first];
      // spec 3.8 for d = 1: recurse on first differences, then cumulate from the last observed level
      const diffs = Array.from(
        { length: a.length },
        (_, k) => x[origin - 1 - k] - x[origin - 2 - k],
      ).reverse();
      let level = x[origin - 1];
      for (let j = 0; j < 36; j++) {
        let next = intercept;
        for (let k = 1; k <= a.length; k++) next += a[k - 1] * diffs[diffs.length - k];
        diffs.push(next);
        level += next;
        assert.ok(
          Math.abs(s.forecast[first + j] - level) < 1e-8,
          `${s.channel} window ${s.window} step ${j}`,
        );
      }
    }
  },
);

test('the default suite is the embedded main job: ETTh1 at four horizons in both modes, and a budgeted GUE task', () => {
  const s = getSuite('default');
  assert.deepEqual(
    s.items.map((i) => i.task),
    ['ltsf/ETTh1', 'gue/prom_core_tata'],
  );
  assert.throws(() => getSuite('nope'), /unknown benchmark 'nope' \(known: default, ltsf, gue, satellite\)/);
});
