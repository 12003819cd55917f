// Orders a report into sections of tables and plots; the HTML shows both, Markdown and JSON the tables.
import { taskKey } from '../compare/benchmark.js';
import { architectureSpec, curvesSpec, forecastSpec, paramsPointsOfBenchmark, paramsPointsOfTask, paramsSpec, renderSvg, rungSpec, scoreSpec, type Chart } from './charts.js';
import type { ReportData } from './model.js';
import { architectureTable, comparisonTable, headToHeadTable, leaderboardTable, runTable, slug, trialsTable, type Table } from './tables.js';

export type Item = { table: Table } | { chart: Chart };

export interface Section {
  id: string;
  title: string;
  items: Item[];
}

async function chart(id: string, title: string, spec: Parameters<typeof renderSvg>[0]): Promise<Item> {
  return { chart: { id, title, svg: await renderSvg(spec) } };
}

export async function reportSections(data: ReportData): Promise<Section[]> {
  const sections: Section[] = [];
  const b = data.benchmark;
  if (b) {
    const items: Item[] = [{ table: leaderboardTable(b) }, { table: headToHeadTable(b) }];
    const points = paramsPointsOfBenchmark(b);
    if (points.length) items.push(await chart('params-benchmark', 'Average score against parameters', paramsSpec(points, `Average ${b.metric} against parameter count (entries with a published size)`, b.metric)));
    sections.push({ id: 'benchmark', title: `Benchmark ${b.benchmark}`, items });
  }
  for (const c of data.comparisons) {
    const key = slug(taskKey(c));
    const items: Item[] = [await chart(`score-${key}`, 'Scores with intervals', scoreSpec(c)), { table: comparisonTable(c) }];
    const points = paramsPointsOfTask(c);
    if (points.length > 1) items.push(await chart(`params-${key}`, 'Score against parameters', paramsSpec(points, `${c.metric} against parameter count`, c.metric)));
    sections.push({ id: `task-${key}`, title: `${c.task}${c.horizon !== null ? ` @ ${c.horizon}` : ''}`, items });
  }
  for (const d of data.runs) {
    const id = slug(d.run.id);
    const items: Item[] = [{ table: runTable(d) }];
    if (d.forecasts?.series.length) items.push(await chart(`forecast-${id}`, 'Actual against forecast', forecastSpec(d.forecasts, 'Test windows: actual (solid black) against forecast (dashed red)')));
    if (d.trials.length) items.push({ table: trialsTable(d) });
    if (d.rungs.length) items.push(await chart(`rungs-${id}`, 'ASHA rungs', rungSpec(d.rungs)));
    if (d.curves.length) items.push(await chart(`curves-${id}`, 'Learning curves', curvesSpec(d.curves)));
    if (d.architecture?.length) items.push({ table: architectureTable(d) }, await chart(`architecture-${id}`, 'DASH architecture', architectureSpec(d.architecture)));
    sections.push({ id: `run-${id}`, title: `Run ${d.run.id} (${d.model})`, items });
  }
  return sections;
}
