// The chart cache (TEST DATA: helpers/synthetic.ts): a hit gives the same page as vega drawing it, a damaged entry
// is drawn again and never served, a new run redraws only the charts whose data it changed, and the folder stays
// under its cap.
import assert from 'node:assert/strict';
import {
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { loadRegistry } from '../../src/registry/index.js';
import {
  buildReport,
  chartCache,
  reportSections,
  writeReport,
  type Item,
  type ReportData,
  type Section,
} from '../../src/report/index.js';
import { machine, syntheticDatabase } from './helpers/synthetic.js';

const { storage, dir } = syntheticDatabase();
const ctx = { storage, registry: loadRegistry(), bootstrap: { resamples: 200, seed: 0 } };
after(() => {
  storage.close();
  rmSync(dir, { recursive: true, force: true });
});

const chartsOf = (items: Item[]): Map<string, string> =>
  new Map(
    items.flatMap((i): [string, string][] =>
      'chart' in i ? [[i.chart.id, i.chart.svg]] : 'details' in i ? [...chartsOf(i.items)] : [],
    ),
  );
const charts = (sections: Section[]) => chartsOf(sections.flatMap((s) => s.items));
const entries = (cacheDir: string) => readdirSync(cacheDir).map((f) => path.join(cacheDir, f));

describe('chart cache', () => {
  let data: ReportData;
  const cacheDir = path.join(dir, 'reports', '.cache', 'charts');

  it('serves byte-identical pages from the cache, and draws nothing on a second report', async () => {
    data = await buildReport(ctx, 'ltsf');
    const cold = await writeReport(data, path.join(dir, 'cold'));
    const coldHtml = readFileSync(cold.html, 'utf8');
    const filled = await writeReport(data, path.join(dir, 'filled'), { chartCache: cacheDir });
    const drawn = charts(await reportSections(data)).size;
    assert.ok(drawn >= 3, `${drawn} charts`);
    assert.equal(entries(cacheDir).length, drawn, 'one entry per chart');
    assert.equal(readFileSync(filled.html, 'utf8'), coldHtml);

    const cache = chartCache(cacheDir);
    const hit = await writeReport(data, path.join(dir, 'hit'), { chartCache: cacheDir });
    await reportSections(data, cache.render);
    assert.deepEqual([cache.hits, cache.misses], [drawn, 0]);
    assert.equal(readFileSync(hit.html, 'utf8'), coldHtml);
  });

  it('draws a truncated, altered or foreign entry again instead of serving it', async () => {
    const [a, b, c] = entries(cacheDir);
    truncateSync(a, Math.floor(statSync(a).size / 2));
    const text = readFileSync(b, 'utf8');
    writeFileSync(
      b,
      text.replace(/<text[^>]*>[^<]+</, (t) => t.slice(0, -2) + 'X<'),
    );
    writeFileSync(c, 'not a chart');
    const cache = chartCache(cacheDir);
    const sections = await reportSections(data, cache.render);
    assert.equal(cache.misses, 3);
    assert.deepEqual(charts(sections), charts(await reportSections(data)));
    // the redrawn entries are whole again
    const again = chartCache(cacheDir);
    await reportSections(data, again.render);
    assert.equal(again.misses, 0);
  });

  it('after a new run, draws again only the charts whose data changed', async () => {
    const before = charts(await reportSections(data));
    storage.createRun({
      id: 'autoar-etth1-h96-s3',
      workflow: 'autoar',
      task: 'ltsf/ETTh1',
      mode: 'test',
      config: { horizon: 96 },
      machine,
      seed: 3,
      budgetSeconds: null,
      startedAt: '2026-01-06T09:00:00Z',
      artifactDir: null,
    });
    storage.finishRun('autoar-etth1-h96-s3', 'complete', { test: { mse: 0.3, mae: 0.4 }, lookback: 336 });
    const next = await buildReport(ctx, 'ltsf');
    const after = charts(await reportSections(next));
    const changed = [...after].filter(([id, svg]) => before.get(id) !== svg).length;
    assert.ok(changed > 0 && changed < after.size, `${changed} of ${after.size} charts changed`);
    const cache = chartCache(cacheDir);
    assert.deepEqual(charts(await reportSections(next, cache.render)), after);
    assert.deepEqual([cache.misses, cache.hits], [changed, after.size - changed]);
  });

  it('evicts the least recently used entries beyond its cap', async () => {
    const capped = path.join(dir, 'capped');
    const spec = (n: number) => ({
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      data: { values: Array.from({ length: n }, (_, i) => ({ x: i, y: i * i })) },
      mark: 'point' as const,
      encoding: { x: { field: 'x', type: 'quantitative' as const } },
    });
    const cache = chartCache(capped, Number.MAX_SAFE_INTEGER);
    const files: string[] = [];
    for (const n of [1, 2, 3, 4]) {
      await cache.render(spec(n));
      files.push(entries(capped).find((f) => !files.includes(f))!);
    }
    // last used: spec(1) longest ago, spec(4) last
    files.forEach((f, i) => utimesSync(f, 1_000_000 + i, 1_000_000 + i));
    const [, , third, fourth] = files;
    chartCache(capped, statSync(third).size + statSync(fourth).size).prune();
    assert.deepEqual(entries(capped).sort(), [third, fourth].sort());
  });
});
