// Writes a report's three files: report.html (self-contained), report.md and report.json.
import { mkdirSync } from 'node:fs';
import { writeFileAtomic } from '../common/atomic-write.js';
import path from 'node:path';
import type { ReportData } from './model.js';
import { reportHtml, reportMarkdown } from './render.js';
import { reportSections } from './sections.js';

export interface WrittenReport {
  dir: string;
  html: string;
  markdown: string;
  json: string;
}

export async function writeReport(data: ReportData, outDir: string): Promise<WrittenReport> {
  const sections = await reportSections(data);
  mkdirSync(outDir, { recursive: true });
  const out = { dir: outDir, html: path.join(outDir, 'report.html'), markdown: path.join(outDir, 'report.md'), json: path.join(outDir, 'report.json') };
  const tables = sections.flatMap((s) => s.items.flatMap((i) => ('table' in i ? [i.table] : [])));
  writeFileAtomic(out.json, JSON.stringify({ ...data, tables }, null, 1) + '\n');
  writeFileAtomic(out.markdown, reportMarkdown(data, sections));
  writeFileAtomic(out.html, reportHtml(data, sections));
  return out;
}

/** Default place for a report: <database folder>/reports/<target>. */
export function defaultReportDir(databaseFile: string, target: string): string {
  return path.join(path.dirname(path.resolve(databaseFile)), 'reports', target.replace(/[^A-Za-z0-9_.-]+/g, '_'));
}
