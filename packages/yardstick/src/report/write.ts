// Writes a report's three files: report.html (self-contained), report.md and report.json.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
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

/** Writes each file through a temporary name and a rename, so a reader never sees a half-written report. */
function writeAtomic(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/** Per-example scores and test predictions stay in the runs' artefacts (named there), not in report.json. */
function withoutExampleArrays(key: string, value: unknown): unknown {
  return (key === 'perExample' || key === 'predictions') && typeof value !== 'string' ? undefined : value;
}

export async function writeReport(data: ReportData, outDir: string): Promise<WrittenReport> {
  const sections = await reportSections(data);
  mkdirSync(outDir, { recursive: true });
  const out = {
    dir: outDir,
    html: path.join(outDir, 'report.html'),
    markdown: path.join(outDir, 'report.md'),
    json: path.join(outDir, 'report.json'),
  };
  const tables = sections.flatMap((s) => tablesOf(s.items));
  writeAtomic(out.json, JSON.stringify({ ...data, tables }, withoutExampleArrays, 1) + '\n');
  writeAtomic(out.markdown, reportMarkdown(data, sections));
  writeAtomic(out.html, reportHtml(data, sections));
  return out;
}

/** Default place for a report: <database folder>/reports/<target>. */
export function defaultReportDir(databaseFile: string, target: string): string {
  return path.join(
    path.dirname(path.resolve(databaseFile)),
    'reports',
    target.replace(/[^A-Za-z0-9_.-]+/g, '_'),
  );
}
