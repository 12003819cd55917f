// Orders a report so it leads with the answer: a summary of verdicts per task and benchmark, then each
// benchmark's aggregates, then compact per-task tables; long variant lists, leaderboards and run detail are
// folded. The HTML shows tables and plots, Markdown and JSON the tables.
import { comparisonKey } from '../compare/verdict.js';
import type { BenchmarkComparison } from '../compare/types.js';
import {
  architectureSpec,
  curvesSpec,
  forecastSpec,
  paramsPointsOfBenchmark,
  paramsPointsOfTask,
  paramsSpec,
  profileSpec,
  renderSvg,
  rungSpec,
  scoreSpec,
  type Chart,
} from './charts.js';
import type { ReportData } from './model.js';
import {
  aggregateTable,
  architectureTable,
  comparisonTable,
  headToHeadTable,
  leaderboardTable,
  referencesTable,
  runTable,
  slug,
  summaryTable,
  trialsTable,
  verdictTable,
  type Table,
} from './tables.js';

/** A suite report plots a few forecast windows only; a run's own report shows all it stored. */
const SUITE_FORECAST_PANELS = 2;

export type Item =
  | { table: Table }
  | { chart: Chart }
  | { text: string; className?: string }
  /** Folded in HTML (<details>); Markdown and JSON show the content. */
  | { details: string; items: Item[] };

export interface Section {
  id: string;
  title: string;
  items: Item[];
}

function benchmarksOf(data: ReportData): BenchmarkComparison[] {
  return data.benchmarks ?? (data.benchmark ? [data.benchmark] : []);
}

/** `render` draws a chart's SVG: vega each time by default, or through a ChartCache (chart-cache.ts). */
export async function reportSections(data: ReportData, render = renderSvg): Promise<Section[]> {
  const chart = async (id: string, title: string, spec: Parameters<typeof render>[0]): Promise<Item> => ({
    chart: { id, title, svg: await render(spec) },
  });
  const sections: Section[] = [];
  const benchmarks = benchmarksOf(data);
  if (data.comparisons.length) {
    const items: Item[] = benchmarks.map((b) => ({ text: b.answer, className: 'answer' }));
    items.push({ table: summaryTable(data.comparisons) });
    sections.push({ id: 'summary', title: 'Summary: does a foundation model beat our baselines?', items });
  }
  for (const b of benchmarks) {
    const items: Item[] = [];
    if (b.aggregates.length) {
      items.push(
        { table: aggregateTable(b) },
        await chart(`profile-${slug(b.benchmark)}`, 'Performance profile', profileSpec(b)),
      );
    }
    items.push({ table: headToHeadTable(b) });
    const folded: Item[] = [{ table: leaderboardTable(b) }];
    const points = paramsPointsOfBenchmark(b);
    if (points.length && data.kind !== 'suite')
      folded.push(
        await chart(
          `params-${slug(b.benchmark)}`,
          'Average score against parameters',
          paramsSpec(
            points,
            `Average ${b.metric} against parameter count (entries with a published size)`,
            b.metric,
          ),
        ),
      );
    items.push({
      details: `Leaderboard: average score and mean rank of ${b.leaderboard.length} entries`,
      items: folded,
    });
    sections.push({ id: `benchmark-${slug(b.benchmark)}`, title: `Benchmark ${b.benchmark}`, items });
  }
  for (const c of data.comparisons) {
    const key = slug(comparisonKey(c));
    const items: Item[] = [{ table: verdictTable(c) }];
    if (c.verdicts.length || c.references.length)
      items.push(await chart(`score-${key}`, 'Scores with intervals', scoreSpec(c)));
    if (c.references.length) items.push({ table: referencesTable(c) });
    const folded: Item[] = [{ table: comparisonTable(c) }];
    const points = paramsPointsOfTask(c);
    // one task alone gets its size plot; a suite or benchmark has it once per benchmark
    if (data.kind !== 'suite' && data.kind !== 'benchmark' && points.length > 1) {
      folded.push(
        await chart(
          `params-${key}`,
          'Score against parameters',
          paramsSpec(points, `${c.metric} against parameter count`, c.metric),
        ),
      );
    }
    items.push({
      details: `Every published FM row (${c.fm.length}), protocol notes and tests`,
      items: folded,
    });
    sections.push({
      id: `task-${key}`,
      title: `${c.task}${c.horizons ? ` @ mean of ${c.horizons.join('/')}` : c.horizon !== null ? ` @ ${c.horizon}` : ''}`,
      items,
    });
  }
  const plotted = new Set<string>();
  for (const d of data.runs) {
    const id = slug(d.run.id);
    const items: Item[] = [{ table: runTable(d) }];
    // a suite plots one run per task and workflow (the rest: `yardstick report <run id>`), keeping the page small
    const group = `${d.run.task}|${d.run.workflow}`;
    if (data.kind === 'suite' && plotted.has(group)) {
      if (d.trials.length) items.push({ table: trialsTable(d) });
      items.push({ text: `Plots of this run: yardstick report ${d.run.id}`, className: 'notes' });
      sections.push({
        id: `run-${id}`,
        title: `Run ${d.run.id} (${d.model})`,
        items: [{ details: `Run detail: ${d.model}, ${d.run.task}, seed ${d.run.seed ?? '—'}`, items }],
      });
      continue;
    }
    plotted.add(group);
    if (d.forecasts?.series.length) {
      const panels = data.kind === 'suite' ? SUITE_FORECAST_PANELS : undefined;
      items.push(
        await chart(
          `forecast-${id}`,
          'Actual against forecast',
          forecastSpec(
            d.forecasts,
            'Test windows: actual (solid black) against forecast (dashed red)',
            panels,
          ),
        ),
      );
    }
    if (d.trials.length) items.push({ table: trialsTable(d) });
    if (d.rungs.length) items.push(await chart(`rungs-${id}`, 'ASHA rungs', rungSpec(d.rungs)));
    if (d.curves.length) items.push(await chart(`curves-${id}`, 'Learning curves', curvesSpec(d.curves)));
    if (d.architecture?.length)
      items.push(
        { table: architectureTable(d) },
        await chart(`architecture-${id}`, 'DASH architecture', architectureSpec(d.architecture)),
      );
    // a single-run report shows its run open; a suite's runs are folded under their summary line
    const body =
      data.kind === 'run'
        ? items
        : [{ details: `Run detail: ${d.model}, ${d.run.task}, seed ${d.run.seed ?? '—'}`, items }];
    sections.push({ id: `run-${id}`, title: `Run ${d.run.id} (${d.model})`, items: body });
  }
  return sections;
}
