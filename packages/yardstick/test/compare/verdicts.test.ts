// Verdicts (TEST DATA: synthetic runs against invented registry records, and the default-run fixture against the
// curated registry): like for like, ties, horizon means, pretraining overlap, supervised references, predictions,
// and the terminal headline agreeing with the tables on every pair.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import {
  aggregateBenchmark,
  compareContext,
  compareTask,
  loadRunSet,
  headlines,
  outcomeText,
  strongestFm,
} from '../../src/compare/index.js';
import { mcc } from '../../src/metrics/index.js';
import { loadRegistry, Registry, type FmResult } from '../../src/registry/index.js';
import { summaryTable, verdictTable } from '../../src/report/index.js';
import { SqliteStorage } from '../../src/storage/index.js';
import { defaultRunDatabase } from '../report/helpers/default-run.js';
import { testMachine } from '../helpers/machine.js';

const close = (a: number, b: number, what: string) =>
  assert.ok(Math.abs(a - b) < 1e-9, `${what}: ${a} vs ${b}`);
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function rec(p: Partial<FmResult> & Pick<FmResult, 'id' | 'model' | 'value'>): FmResult {
  return {
    setting: 'zero-shot',
    benchmark: 'ltsf',
    task: 'ltsf/ETTh1',
    horizon: 96,
    lookback: null,
    params: null,
    split: 'standard test',
    metric: 'mse',
    scale: 'x1',
    higherIsBetter: false,
    source: { title: 'test' },
    original: {
      benchmark: 'LTSF',
      task: 'ETTh1',
      setting: p.setting ?? 'zero-shot',
      metric: 'MSE',
      scale: 'x1',
    },
    origin: 'test',
    role: 'fm',
    horizonMean: null,
    pretrainingOverlap: null,
    cost: null,
    ...p,
  };
}

function database() {
  const dir = mkdtempSync(path.join(tmpdir(), 'ys-verdicts-'));
  dirs.push(dir);
  const storage = new SqliteStorage(path.join(dir, 'y.db'));
  let n = 0;
  const add = (
    task: string,
    test: Record<string, number>,
    o: {
      horizon?: number;
      seed?: number | null;
      model?: string;
      workflow?: string;
      files?: Record<string, unknown>;
    } = {},
  ) => {
    const id = `run-${n++}`;
    const result: Record<string, unknown> = {
      test,
      model: o.model ?? 'Auto-AR',
      ...(o.horizon ? { horizon: o.horizon } : {}),
    };
    for (const [name, content] of Object.entries(o.files ?? {})) {
      writeFileSync(path.join(dir, `${id}-${name}`), JSON.stringify(content));
      result[name === 'predictions.json' ? 'predictions' : 'perExample'] = `${id}-${name}`;
    }
    storage.createRun({
      id,
      workflow: o.workflow ?? 'autoar',
      task,
      mode: 'test',
      config: {},
      machine: testMachine,
      seed: o.seed ?? null,
      budgetSeconds: null,
      startedAt: new Date(n * 1000).toISOString(),
      artifactDir: dir,
    });
    storage.finishRun(id, 'complete', result);
    return id;
  };
  return { storage, add };
}

describe('like for like', async () => {
  const { storage, add } = database();
  for (const mse of [0.37, 0.372, 0.374]) add('ltsf/ETTh1', { mse }, { horizon: 96, seed: mse * 1000 });
  for (const mse of [0.39, 0.392, 0.394])
    add('ltsf/ETTh1', { mse }, { horizon: 96, seed: mse * 1000, model: 'Auto-AR (paper)' });
  const registry = new Registry([
    rec({ id: 'a', model: 'TTM (granite-r1)', value: 0.4 }),
    rec({ id: 'b', model: 'TTM (granite-r2)', value: 0.38, lookback: 512 }),
    rec({ id: 'c', model: 'TTM (granite-r2)', value: 0.36, setting: 'fine-tuned' }),
    rec({ id: 'd', model: 'Chronos', value: 0.45, setting: 'knn' }),
    rec({ id: 'p', model: 'PatchTST/42', value: 0.3, setting: 'trained', role: 'supervised-reference' }),
  ]);
  const [c] = compareTask(await compareContext({ storage, registry }), { task: 'ltsf/ETTh1', horizon: 96 });

  it('shows each FM family at its best number per setting kind, one line per our model', () => {
    const lines = c.verdicts.map((v) => [
      v.baseline,
      v.family,
      v.kind,
      v.row.result.id,
      v.variants,
      v.comparison.outcome,
    ]);
    assert.deepEqual(lines, [
      ['Auto-AR', 'TTM', 'fine-tuned', 'c', 1, 'loss'],
      ['Auto-AR', 'TTM', 'zero-shot', 'b', 2, 'win'], // 0.38 lies above our interval 0.372 ± 0.005
      ['Auto-AR', 'Chronos', 'linear probe', 'd', 1, 'win'],
      ['Auto-AR (paper)', 'TTM', 'fine-tuned', 'c', 1, 'loss'],
      ['Auto-AR (paper)', 'TTM', 'zero-shot', 'b', 2, 'loss'],
      ['Auto-AR (paper)', 'Chronos', 'linear probe', 'd', 1, 'win'],
    ]);
    assert.ok(c.verdicts.every((v) => v.comparison.baseline === v.baseline));
    const table = verdictTable(c);
    assert.deepEqual(
      table.rows.map((r) => r[0]),
      [...Array(3).fill('Auto-AR'), ...Array(3).fill('Auto-AR (paper)')],
    );
  });

  it('keeps supervised references out of the verdicts and shows them as context', () => {
    assert.deepEqual(
      c.references.map((r) => r.result.id),
      ['p'],
    );
    assert.ok(!c.fm.some((r) => r.result.id === 'p'));
    assert.ok(!c.verdicts.some((v) => v.family.startsWith('PatchTST')));
    assert.equal(strongestFm(c)!.result.id, 'c'); // PatchTST's 0.30 is not the strongest FM
    const b = aggregateBenchmark('ltsf', [c]);
    assert.ok(!b.headToHead.some((h) => h.opponent.startsWith('PatchTST')));
    assert.ok(!b.leaderboard.some((e) => e.label.startsWith('PatchTST')));
    // the reference is still compared, as context
    assert.equal(c.references[0].comparisons[0].outcome, 'loss');
  });

  it('normalises each run by the strongest FM number (lower is better: FM ÷ ours) for the IQM', () => {
    const b = aggregateBenchmark('ltsf', [c], { bootstrap: { resamples: 200 } });
    const a = b.aggregates.find((x) => x.baseline === 'Auto-AR')!;
    assert.deepEqual(a.tasks, ['ltsf/ETTh1@96']);
    const ratios = [0.37, 0.372, 0.374].map((v) => 0.36 / v);
    a.normalised[0].forEach((r, i) => close(r, ratios[i], `run ${i}`));
    // three values: the 25% trim removes none
    close(a.iqm.estimate, ratios.reduce((x, y) => x + y) / 3, 'IQM');
    assert.ok(a.iqm.lower <= a.iqm.estimate && a.iqm.estimate <= a.iqm.upper);
    assert.deepEqual([a.wins, a.ties, a.losses], [0, 0, 1]);
    assert.match(
      b.answer,
      /^LTSF: against the strongest published FM number on each of 1 task, Auto-AR has 0 wins, 0 ties and 1 loss; the IQM of its relative score is 0\.968 \[0\.96\d, 0\.97\d\] .*: reliably worse\.$/,
    );
  });
});

describe('ties', () => {
  it('a single run ties a published number it equals at the published precision, and no closer one', async () => {
    const { storage, add } = database();
    add('ltsf/ETTh1', { mse: 0.3804 }, { horizon: 96 });
    const registry = new Registry([
      rec({ id: 'same', model: 'A', value: 0.38 }),
      rec({ id: 'near', model: 'B', value: 0.379 }),
    ]);
    const [c] = compareTask(await compareContext({ storage, registry }), { task: 'ltsf/ETTh1' });
    const by = (id: string) => c.fm.find((f) => f.result.id === id)!.comparisons[0];
    // 0.38 is read as 0.380 (three significant figures): |0.3804 − 0.380| ≤ 0.0005
    assert.equal(by('same').outcome, 'tie');
    assert.equal(by('same').tieReason, 'precision');
    assert.equal(by('near').outcome, 'loss');
    assert.equal(outcomeText(by('same'), 'A'), 'tie (within the published precision)');
  });
});

describe('pretraining overlap', () => {
  it('an overlap-flagged number never produces an unflagged FM win', async () => {
    const { storage, add } = database();
    for (const mse of [0.37, 0.372, 0.374]) add('ltsf/ETTh1', { mse }, { horizon: 96, seed: mse * 1000 });
    const runs = await loadRunSet({ storage });
    const overlap = { dataset: 'ETTh1', source: { title: 'TimesFM paper, pretraining data' } };
    fc.assert(
      fc.property(fc.double({ min: 0.2, max: 0.6, noNaN: true }), (value) => {
        const registry = new Registry([
          rec({ id: 't', model: 'TimesFM (200M)', value, pretrainingOverlap: overlap }),
        ]);
        const [c] = compareTask({ runs, registry }, { task: 'ltsf/ETTh1' });
        const v = c.verdicts[0];
        assert.equal(v.comparison.notZeroShot, true);
        assert.equal(v.comparison.flags[0].kind, 'overlap');
        assert.match(
          v.comparison.flags[0].message,
          /^not zero-shot here: TimesFM's pretraining corpus includes ETTh1/,
        );
        const texts = [
          outcomeText(v.comparison, v.family),
          ...headlines(c),
          ...summaryTable([c]).rows.map((r) => r[5]),
          ...verdictTable(c).rows.map((r) => r[5]),
        ];
        for (const t of texts)
          if (/TimesFM wins/.test(t)) assert.match(t, /TimesFM wins.*\(flagged: not zero-shot here\)/);
        if (v.comparison.outcome === 'loss')
          assert.ok(texts.every((t) => !t.includes('wins') || t.includes('flagged: not zero-shot here')));
      }),
      { numRuns: 40 },
    );
    const registry = new Registry([
      rec({ id: 't', model: 'TimesFM (200M)', value: 0.3, pretrainingOverlap: overlap }),
    ]);
    const [c] = compareTask({ runs, registry }, { task: 'ltsf/ETTh1' });
    assert.equal(c.verdicts[0].comparison.outcome, 'loss');
    const b = aggregateBenchmark('ltsf', [c]);
    assert.deepEqual([b.headToHead[0].losses, b.headToHead[0].flaggedLosses], [1, 1]);
    assert.equal(b.aggregates.length, 0, 'a flagged number is not the strongest FM to normalise by');
  });
});

describe('means over horizons', async () => {
  const { storage, add } = database();
  for (const [seed, mse] of [
    [0, 0.37],
    [1, 0.372],
    [2, 0.374],
  ])
    add('ltsf/ETTh1', { mse }, { horizon: 96, seed });
  for (const [seed, mse] of [
    [0, 0.42],
    [1, 0.43],
    [2, 0.44],
  ])
    add('ltsf/ETTh1', { mse }, { horizon: 192, seed });
  const registry = new Registry([
    rec({ id: 'h96', model: 'TTM', value: 0.36 }),
    rec({ id: 'mean2', model: 'Sundial (Large)', value: 0.39, horizon: null, horizonMean: [96, 192] }),
    rec({ id: 'mean3', model: 'Sundial (Large)', value: 0.41, horizon: null, horizonMean: [96, 192, 336] }),
  ]);
  const cs = compareTask(await compareContext({ storage, registry }), { task: 'ltsf/ETTh1' });

  it('compares a horizon-mean record only with our mean over the same horizons', () => {
    assert.deepEqual(
      cs.map((c) => [c.horizon, c.horizons]),
      [
        [96, null],
        [192, null],
        [null, [96, 192]],
      ],
    );
    for (const c of cs.slice(0, 2))
      assert.ok(!c.fm.some((f) => f.result.horizonMean), 'never against a single horizon');
    const m = cs[2];
    assert.deepEqual(
      m.fm.map((f) => f.result.id),
      ['mean2'],
    );
    const b = m.baselines[0];
    // per-seed means over the two horizons: 0.395, 0.401, 0.407
    close(b.summary.mean, 0.401, 'mean over horizons');
    assert.deepEqual(
      b.values.map((v) => Number(v.toFixed(6))),
      [0.395, 0.401, 0.407],
    );
    assert.equal(b.intervalKind, 'seeds');
    const half = 4.302652729749464 * (0.006 / Math.sqrt(3));
    close(b.interval![1], 0.401 + half, 'upper bound');
    // 0.39 lies inside 0.401 ± 0.0149: a tie by our interval, and the comparison says it is a mean
    assert.equal(m.fm[0].comparisons[0].outcome, 'tie');
    assert.equal(m.fm[0].comparisons[0].tieReason, 'interval');
    assert.ok(m.fm[0].comparisons[0].flags.some((f) => f.kind === 'horizons'));
  });

  it('is absent when we lack any of the horizons, and says why', async () => {
    assert.ok(!cs.some((c) => c.fm.some((f) => f.result.id === 'mean3')));
    assert.ok(
      cs[0].notes.some((n) =>
        /Auto-AR has no mse run at horizon 336: no mean over horizons 96, 192, 336/.test(n),
      ),
    );
    // asking for one horizon never brings in a mean
    assert.equal(
      compareTask(await compareContext({ storage, registry }), { task: 'ltsf/ETTh1', horizon: 96 }).length,
      1,
    );
  });
});

describe('bootstrap over test examples at several horizons', async () => {
  // Closed forms: the bootstrap mean of n scores has variance s²/n (s² with the 1/n denominator), a paired
  // difference s_d²/n, and the mean of H stratum means, each stratum resampled independently, Σ s_h²/n_h / H².
  // Scores rise with the example index, so horizons (or models) resampled at the same positions would correlate
  // and widen the mean over horizons by about a third, and unpaired models would widen their difference 30-fold.
  const { storage, add } = database();
  const h96 = Array.from({ length: 400 }, (_, i) => i / 400);
  const h192 = Array.from({ length: 400 }, (_, i) => 0.1 + (2 * i) / 400);
  const paper96 = h96.map((x, i) => x + 0.03 + 0.02 * Math.sin(i));
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = (xs: number[]) => avg(xs.map((x) => (x - avg(xs)) ** 2)) / xs.length;
  for (const [model, horizon, scores] of [
    ['Auto-AR', 96, h96],
    ['Auto-AR', 192, h192],
    ['Auto-AR (paper)', 96, paper96],
  ] as const)
    add(
      'ltsf/ETTh1',
      { mse: avg([...scores]) },
      { horizon, model, files: { 'per-example.json': { mse: scores } } },
    );
  const registry = new Registry([
    rec({ id: 'h96', model: 'TTM', value: 0.36 }),
    rec({ id: 'mean2', model: 'Sundial (Large)', value: 0.39, horizon: null, horizonMean: [96, 192] }),
  ]);
  const cs = compareTask(
    await compareContext({ storage, registry, bootstrap: { resamples: 4000, seed: 5 } }),
    {
      task: 'ltsf/ETTh1',
    },
  );
  // a percentile bound of 4000 resamples has a Monte Carlo error of ~0.04 sd; allow 0.2 sd
  const near = (bounds: [number, number], centre: number, v: number, what: string) => {
    const sd = Math.sqrt(v);
    for (const [bound, z] of [
      [bounds[0], -1.96],
      [bounds[1], 1.96],
    ])
      assert.ok(Math.abs(bound - (centre + z * sd)) < 0.2 * sd, `${what}: ${bound} vs ${centre + z * sd}`);
  };

  it('gives each horizon the normal-theory interval of its mean', () => {
    const [c96, c192] = cs;
    const ours96 = c96.baselines.find((b) => b.model === 'Auto-AR')!;
    assert.equal(ours96.intervalKind, 'test examples');
    near(ours96.interval!, avg(h96), variance(h96), 'h96');
    near(c192.baselines[0].interval!, avg(h192), variance(h192), 'h192');
  });

  it('pairs models at one horizon on the same resampled examples', () => {
    const [pair] = cs[0].pairs;
    const d = h96.map((x, i) => x - paper96[i]);
    assert.deepEqual([pair.a, pair.b], ['Auto-AR', 'Auto-AR (paper)']);
    close(pair.test.estimate, avg(d), 'paired difference');
    near(pair.test.interval, avg(d), variance(d), 'paired interval');
    assert.equal(pair.test.pValue, 0);
  });

  it('resamples each horizon independently for the mean over horizons (a stratified bootstrap)', () => {
    const m = cs.find((c) => c.horizons)!;
    assert.deepEqual(m.horizons, [96, 192]);
    const b = m.baselines.find((x) => x.model === 'Auto-AR')!;
    assert.equal(b.intervalKind, 'test examples');
    close(b.summary.mean, (avg(h96) + avg(h192)) / 2, 'mean of the horizon means');
    near(b.interval!, b.summary.mean, (variance(h96) + variance(h192)) / 4, 'mean over horizons');
    assert.ok(!m.baselines.some((x) => x.model === 'Auto-AR (paper)'), 'paper mode lacks horizon 192');
  });
});

describe('predictions', () => {
  it('bootstraps our MCC over test examples from stored predictions, and pairs models on the same examples', async () => {
    const { storage, add } = database();
    const labels = Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const good = labels.map((y, i) => (i % 10 === 0 ? 1 - y : y));
    const worse = labels.map((y, i) => (i % 5 === 0 ? 1 - y : y));
    add(
      'gue/prom_core_all',
      { mcc: mcc(labels, good) },
      { model: 'DASHA', workflow: 'dasha', files: { 'predictions.json': { labels, predictions: good } } },
    );
    add(
      'gue/prom_core_all',
      { mcc: mcc(labels, worse) },
      { model: 'Other', workflow: 'other', files: { 'predictions.json': { labels, predictions: worse } } },
    );
    const registry = new Registry([
      rec({
        id: 'g',
        model: 'DNABERT-2',
        value: 70,
        benchmark: 'gue',
        task: 'gue/prom_core_all',
        horizon: null,
        metric: 'mcc',
        scale: 'x100',
        higherIsBetter: true,
        setting: 'fine-tuned',
      }),
    ]);
    const [c] = compareTask(await compareContext({ storage, registry, bootstrap: { seed: 3 } }), {
      task: 'gue/prom_core_all',
    });
    const d = c.baselines.find((b) => b.model === 'DASHA')!;
    assert.equal(d.intervalKind, 'test examples');
    close(d.summary.mean, 100 * mcc(labels, good), 'x100');
    assert.ok(d.interval![0] < d.summary.mean && d.summary.mean < d.interval![1]);
    // a binomial-scale interval: 40 errors in 400 give an MCC standard error of a few points ×100
    assert.ok(
      d.interval![1] - d.interval![0] > 4 && d.interval![1] - d.interval![0] < 20,
      `width ${d.interval![1] - d.interval![0]}`,
    );
    assert.equal(c.pairs.length, 1);
    close(c.pairs[0].test.estimate, mcc(labels, good) - mcc(labels, worse), 'paired MCC difference');
    assert.ok(c.pairs[0].test.interval[0] > 0, 'DASHA reliably better on the same examples');
  });
});

describe('headline and tables', async () => {
  const { storage, dir } = defaultRunDatabase();
  after(() => {
    storage.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const registry = loadRegistry();
  const ctx = await compareContext({ storage, registry, bootstrap: { resamples: 500 } });
  const cs = ['ltsf/ETTh1', 'gue/prom_core_tata'].flatMap((task) => compareTask(ctx, { task }));

  it('agree on every pair of the default-run fixture, ties included', () => {
    const summary = summaryTable(cs);
    let row = 0;
    const outcomes = new Set<string>();
    for (const c of cs) {
      const lines = headlines(c);
      const table = verdictTable(c);
      c.baselines.forEach((b, i) => {
        const mine = c.verdicts.filter((v) => v.baseline === b.model);
        // the headline names the strongest published FM and the same verdict as the summary table
        const verdict = lines[i]
          .split(' -> ')[1]
          .replace(/ wins by [^ ]+ \([^)]*\)/, ' wins')
          .replace(/ \[\d+ protocol.*$|; over .*$/, '');
        assert.equal(verdict, summary.rows[row][5], `${c.task} ${b.model}`);
        assert.equal(summary.rows[row][2], b.model);
        const rows = table.rows.filter((r) => r[0] === b.model);
        assert.deepEqual(
          rows.map((r) => r[5]),
          mine.map((v) => outcomeText(v.comparison, v.family)),
        );
        assert.equal(
          rows[0][5],
          summary.rows[row][5],
          'the summary is the first (strongest) line of the task table',
        );
        const count = (word: string) => rows.filter((r) => r[5].startsWith(word)).length;
        const wtl = `${rows.filter((r) => / wins/.test(r[5]) && r[5].startsWith(b.model)).length} / ${count('tie')} / ${rows.filter((r) => / wins/.test(r[5]) && !r[5].startsWith(b.model)).length}`;
        assert.equal(summary.rows[row][6].split(' (')[0], wtl);
        mine.forEach((v) => outcomes.add(v.comparison.outcome));
        row++;
      });
    }
    assert.equal(row, summary.rows.length);
    assert.deepEqual(
      [...outcomes].sort(),
      ['loss', 'tie', 'win'],
      'the fixture exercises all three outcomes',
    );
  });
});
