// Reports: HTML with plots, Markdown and JSON of the same tables, from the run database and the registry.
export { buildReport, buildSuiteReport, runDetail, type ReportData, type RunDetail } from './model.js';
export { writeReport, defaultReportDir, chartCacheDir, type WrittenReport } from './write.js';
export { chartCache, type ChartCache } from './chart-cache.js';
export { reportSections, type Section, type Item } from './sections.js';
export { reportHtml, reportMarkdown, sectionsHtml, escapeHtml, STYLE } from './render.js';
export {
  comparisonTable,
  verdictTable,
  referencesTable,
  summaryTable,
  aggregateTable,
  leaderboardTable,
  headToHeadTable,
  type Table,
} from './tables.js';
export { renderSvg } from './charts.js';
export type { ForecastArtifact, Architecture } from './artifacts.js';
