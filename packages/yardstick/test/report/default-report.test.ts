// The report of a default run (TEST DATA: helpers/default-run.ts, shaped like `yardstick run default`) leads with
// the answer, stays under 400 KB, and its first screen in Chromium shows the verdicts.
import assert from 'node:assert/strict';
import { readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { loadRegistry } from '../../src/registry/index.js';
import { buildSuiteReport, writeReport } from '../../src/report/index.js';
import { screenshot, watch, withBrowser } from './helpers/browser.js';
import { defaultRunDatabase } from './helpers/default-run.js';

const { storage, dir, runIds } = defaultRunDatabase();
after(() => {
  storage.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('default-run report', () => {
  it(
    'leads with the verdicts, folds the detail, stays under 400 KB and shows the answer on its first screen',
    { timeout: 180_000 },
    async () => {
      const registry = loadRegistry();
      const data = await buildSuiteReport(
        { storage, registry },
        'default',
        ['ltsf/ETTh1', 'gue/prom_core_tata'],
        runIds,
      );
      const out = await writeReport(data, path.join(dir, 'report'));
      const bytes = statSync(out.html).size;
      assert.ok(bytes < 400 * 1024, `report.html is ${bytes} bytes`);
      assert.deepEqual(
        data.benchmarks!.map((b) => b.benchmark),
        ['gue', 'ltsf'],
      );
      const md = readFileSync(out.markdown, 'utf8');
      assert.match(
        md,
        new RegExp(
          `published numbers: fm-results.json v${registry.version}, ${registry.results.length} records`,
        ),
      );

      await withBrowser(async (browser) => {
        const page = await browser.newPage();
        const seen = watch(page);
        await page.goto(pathToFileURL(out.html).href);
        assert.deepEqual(seen.errors, []);
        const sections = await page.locator('section').evaluateAll((els) => els.map((e) => e.id));
        assert.deepEqual(sections.slice(0, 3), ['summary', 'benchmark-gue', 'benchmark-ltsf']);
        const answers = await page.locator('#summary p.answer').allTextContents();
        assert.equal(answers.length, 2);
        assert.match(
          answers[0],
          /^GUE: against the strongest published FM number on each of 1 task, DASHA has /,
        );
        assert.match(
          answers[1],
          /^LTSF: against the strongest published FM number on each of 4 tasks, Auto-AR has /,
        );
        // one summary row per task × our model: 4 ETTh1 horizons and their mean (published Sundial and Moirai
        // numbers are means over the four) × 2 Auto-AR modes, and DASHA on prom_core_tata
        const rows = await page
          .locator('#summary-verdicts tbody tr')
          .evaluateAll((trs) =>
            trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
          );
        assert.equal(rows.length, 11);
        const dasha = rows.find((r) => r[2] === 'DASHA')!;
        assert.equal(dasha[0], 'gue/prom_core_tata');
        assert.match(
          dasha[3],
          /^7\d\.\d+ \[\d\d\.\d+, 7\d\.\d+\]$/,
          'mean of 3 seeds with its interval, ×100',
        );
        assert.match(dasha[5], /^(DASHA wins|DNABERT wins|tie \(inside our 95% interval\))$/);
        // the answer and the whole summary table are on the first screen (1280 × 900)
        for (const sel of ['#summary p.answer >> nth=1', '#summary-verdicts tbody tr >> nth=10']) {
          const box = await page.locator(sel).boundingBox();
          assert.ok(
            box && box.y + box.height <= 900,
            `${sel} within the first screen (${JSON.stringify(box)})`,
          );
        }
        // long lists are folded: every published row, leaderboards, run detail
        assert.equal(await page.locator('details[open]').count(), 0);
        assert.equal(await page.locator('#all-ltsf-ETTh1-96').isVisible(), false);
        assert.ok((await page.locator('details').count()) >= 5 + 2 + runIds.length);
        await screenshot(page, 'default-report-first-screen', undefined, { fullPage: false });
        await page.close();
      });
    },
  );
});
