// Comparisons over synthetic runs (TEST DATA) in a temporary database against a small invented registry.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { compareBenchmark, compareContext, compareTask } from '../../src/compare/index.js';
import { loadRegistry } from '../../src/registry/index.js';
import { SqliteStorage } from '../../src/storage/index.js';
import { testMachine } from '../helpers/machine.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const registry = loadRegistry({ curatedFile: path.join(here, 'fixtures', 'registry.json') });
const close = (a: number, b: number, what: string) =>
  assert.ok(Math.abs(a - b) < 1e-9, `${what}: ${a} vs ${b}`);

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function database() {
  const dir = mkdtempSync(path.join(tmpdir(), 'ys-cmp-'));
  dirs.push(dir);
  const storage = new SqliteStorage(path.join(dir, 'y.db'));
  let n = 0;
  const add = (
    workflow: string,
    task: string,
    test: Record<string, number>,
    extra: {
      horizon?: number;
      result?: Record<string, unknown>;
      artifactDir?: string;
      status?: 'complete' | 'failed';
    } = {},
  ) => {
    const id = `${workflow}-${n++}`;
    storage.createRun({
      id,
      workflow,
      task,
      mode: 'test',
      config: extra.horizon ? { horizon: extra.horizon } : {},
      machine: testMachine,
      seed: n,
      budgetSeconds: null,
      startedAt: new Date(n * 1000).toISOString(),
      artifactDir: extra.artifactDir ?? null,
    });
    storage.finishRun(id, extra.status ?? 'complete', {
      test,
      trainSeconds: 10 * n,
      params: 500,
      lookback: 336,
      ...extra.result,
    });
    return id;
  };
  return { storage, add, dir };
}

describe('compareTask', async () => {
  const { storage, add } = database();
  for (const mse of [0.37, 0.372, 0.374]) add('autoar', 'ltsf/ETTh1', { mse, mae: 0.4 }, { horizon: 96 });
  add('autoar', 'ltsf/ETTh1', { mse: 9 }, { horizon: 96, status: 'failed' });
  const [c] = compareTask(await compareContext({ storage, registry }), { task: 'ltsf/ETTh1', horizon: 96 });

  it('summarises our seeds with a 95% t-interval', () => {
    assert.equal(c.metric, 'mse');
    assert.equal(c.higherIsBetter, false);
    const b = c.baselines[0];
    assert.equal(b.model, 'Auto-AR');
    assert.equal(b.values.length, 3); // the failed run is left out
    close(b.summary.mean, 0.372, 'mean');
    close(b.summary.std, 0.002, 'std');
    const half = 4.302652729749464 * (0.002 / Math.sqrt(3)); // t(0.975, 2)
    close(b.summary.interval![0], 0.372 - half, 'lo');
    close(b.trainSeconds!, 20, 'mean train seconds (10, 20, 30)');
    assert.equal(b.lookback, 336);
  });

  it('names the winner and margin in the metric direction, with ties inside our interval', () => {
    const by = (id: string) => c.fm.find((f) => f.result.id === id)!.comparisons[0];
    const a = by('t-a');
    assert.equal(a.outcome, 'win');
    close(a.difference, 0.372 - 0.4, 'difference');
    close(a.relativeMargin!, 0.028 / 0.4, 'relative');
    assert.equal(by('t-b').outcome, 'loss');
    assert.equal(by('t-c').outcome, 'tie'); // 0.373 lies inside our interval
    assert.equal(by('t-c').tieReason, 'interval');
  });

  it('states a sign test over seeds and its floor', () => {
    const t = c.fm.find((f) => f.result.id === 't-a')!.comparisons[0].test;
    assert.equal(t.name, 'sign test over seeds');
    close(t.pValue!, 0.25, 'all 3 seeds better: 2 · 0.5³');
    assert.match(t.detail, /better in 3 of 3 seeds.*cannot go below 0.25/);
  });

  it('flags protocol differences', () => {
    const kinds = (id: string) =>
      c.fm.find((f) => f.result.id === id)!.comparisons[0].flags.map((f) => f.kind);
    assert.deepEqual(kinds('t-a'), []);
    assert.deepEqual(kinds('t-b'), ['lookback', 'setting', 'provenance']);
    assert.deepEqual(kinds('t-c'), ['lookback']);
  });

  it('converts our x1 scores to the published x100 scale and says so', async () => {
    const g = database();
    for (const mcc of [0.72, 0.74, 0.73]) g.add('dasha', 'gue/prom_core_all', { mcc, accuracy: 0.9 });
    // with seeds 72, 74, 73 the interval is 73 ± 2.48: the published 70.0 lies outside it
    const [p] = compareTask(await compareContext({ storage: g.storage, registry }), {
      task: 'gue/prom_core_all',
    });
    assert.equal(p.scale, 'x100');
    close(p.baselines[0].summary.mean, 73, 'mean x100');
    const cmp = p.fm[0].comparisons[0];
    close(cmp.difference, 3, 'difference');
    assert.equal(cmp.outcome, 'win');
    assert.ok(cmp.flags.some((f) => f.kind === 'scale'));
    assert.ok(cmp.flags.some((f) => f.kind === 'setting' && f.message.startsWith('fine-tuned')));
  });

  it('bootstraps per-example scores when runs stored them, and pairs our baselines', async () => {
    const g = database();
    const scores = Array.from({ length: 200 }, (_, i) => 0.3 + 0.1 * Math.sin(i)); // mean ≈ 0.3
    const m = scores.reduce((a, b) => a + b) / scores.length;
    for (const [wf, shift] of [
      ['autoar', 0],
      ['dasha', 0.05],
    ] as const) {
      const dir = mkdtempSync(path.join(g.dir, wf));
      writeFileSync(
        path.join(dir, 'per-example.json'),
        JSON.stringify({ mse: scores.map((s) => s + shift) }),
      );
      g.add(
        wf,
        'ltsf/ETTh1',
        { mse: m + shift },
        { horizon: 96, artifactDir: dir, result: { perExample: 'per-example.json' } },
      );
    }
    const [p] = compareTask(await compareContext({ storage: g.storage, registry, bootstrap: { seed: 1 } }), {
      task: 'ltsf/ETTh1',
    });
    const vsA = p.fm.find((f) => f.result.id === 't-a')!.comparisons[0];
    assert.equal(vsA.test.name, 'bootstrap over test examples');
    assert.ok(vsA.test.pValue! < 0.01);
    assert.equal(p.pairs.length, 1);
    close(p.pairs[0].test.estimate, -0.05, 'paired difference Auto-AR − DASHA');
  });

  it('compares runs whose per-example scores are empty without bootstrapping or pairing them', async () => {
    const g = database();
    for (const wf of ['autoar', 'dasha']) {
      const dir = mkdtempSync(path.join(g.dir, wf));
      writeFileSync(path.join(dir, 'per-example.json'), JSON.stringify({ mse: [] }));
      g.add(
        wf,
        'ltsf/ETTh1',
        { mse: 0.4 },
        { horizon: 96, artifactDir: dir, result: { perExample: 'per-example.json' } },
      );
    }
    const [p] = compareTask(await compareContext({ storage: g.storage, registry }), { task: 'ltsf/ETTh1' });
    assert.deepEqual(
      p.baselines.map((b) => b.intervalKind),
      [null, null],
    );
    assert.equal(p.pairs.length, 0);
  });

  it('refuses a task without finished runs, naming why', async () => {
    const ctx = await compareContext({ storage, registry });
    assert.throws(
      () => compareTask(ctx, { task: 'gue/tf_0' }),
      /no finished runs with test scores for gue\/tf_0/,
    );
  });
});

describe('compareBenchmark', () => {
  it('averages, ranks and counts wins/ties/losses over the tasks we ran', async () => {
    const { storage, add } = database();
    for (const mse of [0.37, 0.372, 0.374]) add('autoar', 'ltsf/ETTh1', { mse }, { horizon: 96 });
    for (const mse of [0.42, 0.43, 0.44]) add('autoar', 'ltsf/ETTh1', { mse }, { horizon: 192 });
    const b = compareBenchmark(await compareContext({ storage, registry }), { benchmark: 'ltsf' });
    assert.equal(b.metric, 'mse');
    assert.deepEqual(b.taskKeys, ['ltsf/ETTh1@96', 'ltsf/ETTh1@192']);
    const entry = (label: string) => b.leaderboard.find((e) => e.label.startsWith(label))!;
    // h96: B 0.36 (1), ours 0.372 (2), C 0.373 (3), A 0.40 (4); h192: B 0.41 (1), ours 0.43 (2), A 0.45 (3)
    close(entry('Auto-AR').averageScore, (0.372 + 0.43) / 2, 'ours average');
    close(entry('Auto-AR').meanRank, 2, 'ours rank');
    close(entry('ModelA').meanRank, 3.5, 'A rank');
    close(entry('ModelB').meanRank, 1, 'B rank');
    assert.equal(entry('ModelC').tasks, 1);
    const vs = (label: string) => b.headToHead.find((h) => h.opponent.startsWith(label))!;
    // h192 interval: 0.43 ± 4.3027 · 0.01/√3 = [0.405, 0.455] holds both A (0.45) and B (0.41)
    assert.deepEqual([vs('ModelA').wins, vs('ModelA').ties, vs('ModelA').losses], [1, 1, 0]);
    assert.deepEqual([vs('ModelB').wins, vs('ModelB').ties, vs('ModelB').losses], [0, 1, 1]);
    assert.deepEqual([vs('ModelC').ties], [1]);
    assert.ok(b.notes.some((n) => n.includes('only some of the 2 tasks')));
  });
});
