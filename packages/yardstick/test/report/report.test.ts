// Reports from a synthetic database (TEST DATA) against the curated registry, checked in headless chromium.
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { decode } from 'fast-png';
import { loadRegistry } from '../../src/registry/index.js';
import { buildReport, writeReport } from '../../src/report/index.js';
import { screenshot, watch, withBrowser } from './helpers/browser.js';
import { syntheticDatabase } from './helpers/synthetic.js';

const { storage, dir } = syntheticDatabase();
const ctx = { storage, registry: loadRegistry(), bootstrap: { resamples: 500, seed: 0 } };
after(() => {
  storage.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('report', () => {
  it('builds run, task and benchmark reports and refuses unknown targets', async () => {
    assert.equal((await buildReport(ctx, 'dasha-prom-core-s0')).kind, 'run');
    assert.equal((await buildReport(ctx, 'gue/prom_core_all')).kind, 'task');
    const b = await buildReport(ctx, 'ltsf');
    assert.equal(b.kind, 'benchmark');
    assert.deepEqual(b.benchmark!.taskKeys, ['ltsf/ETTh1@96', 'ltsf/ETTh1@192']);
    await assert.rejects(buildReport(ctx, 'nope'), /'nope' is neither a run id nor a task or benchmark/);
  });

  it('writes HTML, Markdown and JSON with the same tables', async () => {
    const out = await writeReport(await buildReport(ctx, 'ltsf'), path.join(dir, 'reports', 'ltsf'));
    const json = JSON.parse(readFileSync(out.json, 'utf8'));
    const md = readFileSync(out.markdown, 'utf8');
    const html = readFileSync(out.html, 'utf8');
    assert.ok(json.tables.length >= 4);
    for (const t of json.tables) {
      assert.ok(md.includes(`### ${t.title}`), `markdown has ${t.title}`);
      assert.ok(html.includes(`id="${t.id}"`), `html has ${t.id}`);
    }
    assert.ok(
      !/<script|<link|src="http/i.test(html),
      'self-contained: no script, stylesheet or remote source',
    );
    assert.match(md, /\| Auto-AR \| ours \| trained \| 2\/2 \|/);
  });

  it('renders in chromium without console errors or network requests', { timeout: 120_000 }, async () => {
    const targets = {
      benchmark: 'ltsf',
      'dasha-run': 'dasha-prom-core-s0',
      'autoar-run': 'autoar-etth1-h96-s0',
    };
    const written = Object.fromEntries(
      await Promise.all(
        Object.entries(targets).map(
          async ([name, target]) =>
            [
              name,
              await writeReport(await buildReport(ctx, target), path.join(dir, 'reports', name)),
            ] as const,
        ),
      ),
    );
    await withBrowser(async (browser) => {
      for (const [name, out] of Object.entries(written)) {
        const page = await browser.newPage();
        const seen = watch(page);
        const url = pathToFileURL(out.html).href;
        await page.goto(url);
        assert.deepEqual(seen.errors, [], `${name}: console errors`);
        assert.deepEqual(seen.requests, [url], `${name}: only the file itself is loaded`);
        const svgs = await page.locator('figure svg').count();
        const captions = await page.locator('table caption').allTextContents();
        if (name === 'benchmark') {
          assert.ok(captions.some((c) => c.startsWith('Benchmark ltsf: mse over 2 task(s)')));
          assert.ok(captions.some((c) => c.startsWith('ltsf/ETTh1, horizon 96 — mse')));
          assert.ok((await page.locator('#leaderboard-ltsf tbody tr').count()) > 3);
          // the page leads with the answer: the summary section comes first, with one sentence per benchmark
          assert.equal(await page.locator('section').first().getAttribute('id'), 'summary');
          assert.match(
            (await page.locator('#summary p.answer').first().textContent()) ?? '',
            /^LTSF: against the strongest published FM number on each of 2 tasks/,
          );
          assert.equal(
            await page.locator('#leaderboard-ltsf').isVisible(),
            false,
            'the leaderboard is folded',
          );
          assert.ok(svgs >= 3);
        }
        if (name === 'dasha-run') {
          assert.ok(captions.some((c) => c.startsWith('ASHA trials (9)')));
          assert.ok(captions.some((c) => c.startsWith('Kernel size and dilation chosen by DASH')));
          assert.equal(await page.locator('#architecture-dasha-prom-core-s0 tbody tr').count(), 8);
          for (const id of [
            '#rungs-dasha-prom-core-s0',
            '#curves-dasha-prom-core-s0',
            '#architecture-dasha-prom-core-s0',
          ])
            assert.equal(await page.locator(`figure${id} svg`).count(), 1, id);
          // GUE rows are published ×100: our MCC is shown converted and flagged
          assert.match(
            (await page.locator('table[id^="compare-"]').first().textContent()) ?? '',
            /shown ×100/,
          );
        }
        if (name === 'autoar-run') {
          assert.equal(await page.locator('figure#forecast-autoar-etth1-h96-s0 svg').count(), 1);
          assert.match(
            (await page.locator('#forecast-autoar-etth1-h96-s0').textContent()) ?? '',
            /OT, window 0/,
          );
        }
        // the screenshot is the whole rendered page (its document size) and not blank: text and charts are drawn
        const png = decode(readFileSync(await screenshot(page, `report-${name}`)));
        const size = await page.evaluate(() => [
          document.documentElement.scrollWidth,
          document.documentElement.scrollHeight,
        ]);
        assert.deepEqual([png.width, png.height], size, `${name}: screenshot size`);
        let inked = 0;
        for (let i = 0; i < png.data.length; i += png.channels) if (png.data[i] < 128) inked++;
        assert.ok(
          inked > 0.005 * png.width * png.height,
          `${name}: ${inked} dark pixels of ${png.width * png.height}`,
        );
        const sections = await page.locator('section').evaluateAll((els) => els.map((e) => e.id));
        for (const id of sections.slice(0, 3))
          await screenshot(page, `report-${name}-${id}`, `section#${id}`);
        await page.close();
      }
    });
  });
});
