// Writes a report's three files: report.html (self-contained), report.md and report.json.
import { mkdirSync } from 'node:fs';
import { writeFileAtomic } from '../common/atomic-write.js';
import { databaseCacheDir } from '../common/file-cache.js';
import path from 'node:path';
import { chartCache } from './chart-cache.js';
import type { ReportData } from './model.js';
import { reportHtml, reportMarkdown } from './render.js';
import { reportSections, type Item } from './sections.js';
import type { Table } from './tables.js';

const tablesOf = (items: Item[]): Table[] =>
  items.flatMap((i) => ('table' in i ? [i.table] : 'details' in i ? tablesOf(i.items) : []));

export interface WrittenReport {
  dir: string;
  html: string;
  markdown: string;
  json: string;
}

/** Per-example scores and test predictions stay in the runs' artefacts (named there), not in report.json. */
function withoutExampleArrays(key: string, value: unknown): unknown {
  return (key === 'perExample' || key === 'predictions') && typeof value !== 'string' ? undefined : value;
}

/** `chartCache`: a folder of charts drawn before (chart-cache.ts), e.g. chartCacheDir(database); none by default. */
export async function writeReport(
  data: ReportData,
  outDir: string,
  opts: { chartCache?: string } = {},
): Promise<WrittenReport> {
  const cache = opts.chartCache === undefined ? undefined : chartCache(opts.chartCache);
  const sections = await reportSections(data, cache?.render);
  if (cache?.misses) cache.prune();
  mkdirSync(outDir, { recursive: true });
  const out = {
    dir: outDir,
    html: path.join(outDir, 'report.html'),
    markdown: path.join(outDir, 'report.md'),
    json: path.join(outDir, 'report.json'),
  };
  const tables = sections.flatMap((s) => tablesOf(s.items));
  writeFileAtomic(out.json, JSON.stringify({ ...data, tables }, withoutExampleArrays, 1) + '\n');
  writeFileAtomic(out.markdown, reportMarkdown(data, sections));
  writeFileAtomic(out.html, reportHtml(data, sections));
  return out;
}

/** The charts drawn for the reports of a database: <database folder>/reports/.cache/charts. */
export function chartCacheDir(databaseFile: string): string {
  return databaseCacheDir(databaseFile, 'charts');
}

/** Default place for a report: <database folder>/reports/<target>. */
export function defaultReportDir(databaseFile: string, target: string): string {
  return path.join(
    path.dirname(path.resolve(databaseFile)),
    'reports',
    target.replace(/[^A-Za-z0-9_.-]+/g, '_'),
  );
}
