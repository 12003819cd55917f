// Report benchmark: the size of the default run's report.html and a screenshot of its first screen (1280 x 900 in
// Debian's Chromium), written to bench/results/report.jsonl and bench/results/report-first-screen.png. The run
// database is the test fixture shaped like the one `yardstick run default` leaves (Auto-AR paper and default modes
// on ETTh1 at the four horizons, DASHA on GUE prom_core_tata with 3 seeds, artefacts of the real sizes): its scores
// are not results, only the report's shape and size are measured.
//   npm run bench -- report
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { loadRegistry } from '../packages/yardstick/src/registry/index.js';
import { buildSuiteReport, writeReport } from '../packages/yardstick/src/report/index.js';
import { defaultRunDatabase } from '../packages/yardstick/test/report/helpers/default-run.js';
import { screenshot, withBrowser } from '../packages/yardstick/test/report/helpers/browser.js';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const results = path.join(root, 'bench', 'results');
const LIMIT_BYTES = 400 * 1024;

const { storage, dir, runIds } = defaultRunDatabase();
try {
  const data = await buildSuiteReport(
    { storage, registry: loadRegistry() },
    'default',
    ['ltsf/ETTh1', 'gue/prom_core_tata'],
    runIds,
  );
  const out = await writeReport(data, path.join(dir, 'report'));
  const png = path.join(results, 'report-first-screen.png');
  mkdirSync(results, { recursive: true });
  await withBrowser(async (browser) => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(out.html).href);
    await screenshot(page, 'report-first-screen', undefined, { fullPage: false, file: png });
    await page.close();
  });
  const lines = [
    {
      bench: 'report',
      case: 'default-run/report.html',
      metric: 'bytes',
      value: statSync(out.html).size,
      unit: 'B',
      target: `<${LIMIT_BYTES}`,
      screenshot: path.relative(root, png),
    },
    {
      bench: 'report',
      case: 'default-run/report.md',
      metric: 'bytes',
      value: statSync(out.markdown).size,
      unit: 'B',
    },
    {
      bench: 'report',
      case: 'default-run/report.json',
      metric: 'bytes',
      value: statSync(out.json).size,
      unit: 'B',
    },
  ].map((l) => JSON.stringify(l));
  for (const l of lines) console.log(l);
  writeFileSync(path.join(results, 'report.jsonl'), `${lines.join('\n')}\n`);
} finally {
  storage.close();
  rmSync(dir, { recursive: true, force: true });
}
