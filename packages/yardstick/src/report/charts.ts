// The report's plots as Vega-Lite specifications, rendered to static SVG in Node (vega's headless View).
import type { TopLevelSpec } from 'vega-lite';
import type { BenchmarkComparison, TaskComparison } from '../compare/types.js';
import type { MetricRecord, RungRecord } from '../storage/types.js';
import type { Architecture, ForecastArtifact } from './artifacts.js';
import { fmtParams, taskLabel } from './tables.js';

export interface Chart {
  id: string;
  title: string;
  svg: string;
}

const OURS = '#d62728';
const PUBLISHED = '#1f77b4';
const REFERENCE = '#7f7f7f';
const WIDTH = 560;
const MAX_FORECAST_PANELS = 6;
const MAX_COLOURED_TRIALS = 20;

/** Geometry (path data, transforms, points) to 0.1 px: a third of the bytes, no visible change; text untouched. */
export function compactSvg(svg: string): string {
  return svg.replace(
    / (d|transform|points)="([^"]*)"/g,
    (_, name: string, v: string) => ` ${name}="${v.replace(/(-?\d+\.\d)\d+/g, '$1')}"`,
  );
}

/** A chart's SVG as the report inlines it (vega imported on first use; chart-cache.ts skips it on a hit). */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const { vegaSvg } = await import('./vega-render.js');
  return compactSvg(await vegaSvg(spec));
}

/** Each model's score on one task: ours with its 95% interval, each FM family × setting kind at its best number. */
export function scoreSpec(c: TaskComparison): TopLevelSpec {
  const best = [...new Set(c.verdicts.map((v) => v.row))];
  const values = [
    ...c.baselines.map((b) => ({
      label: `${b.model} (ours)`,
      kind: 'ours',
      value: b.summary.mean,
      lo: b.interval?.[0] ?? b.summary.mean,
      hi: b.interval?.[1] ?? b.summary.mean,
    })),
    ...best.map((f) => ({
      label: `${f.family} · ${f.kind}`,
      kind: 'published',
      value: f.value,
      lo: f.value,
      hi: f.value,
    })),
    ...c.references.map((f) => ({
      label: `${f.family} · supervised reference`,
      kind: 'reference',
      value: f.value,
      lo: f.value,
      hi: f.value,
    })),
  ];
  const y = {
    field: 'label',
    type: 'nominal' as const,
    sort: { field: 'value', order: c.higherIsBetter ? ('descending' as const) : ('ascending' as const) },
    title: null,
    axis: { labelLimit: 380 },
  };
  const color = {
    field: 'kind',
    type: 'nominal' as const,
    scale: { domain: ['ours', 'published', 'reference'], range: [OURS, PUBLISHED, REFERENCE] },
    title: null,
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: taskLabel(c),
    width: WIDTH,
    height: { step: 16 },
    data: { values },
    layer: [
      {
        mark: { type: 'rule', strokeWidth: 2 },
        encoding: {
          y,
          x: { field: 'lo', type: 'quantitative', scale: { zero: false }, title: c.metric },
          x2: { field: 'hi' },
          color,
        },
      },
      {
        mark: { type: 'point', filled: true, size: 50 },
        encoding: { y, x: { field: 'value', type: 'quantitative' }, color },
      },
    ],
  };
}

/** Performance profiles (rliable): fraction of runs × tasks whose relative score exceeds τ, with 95% bands. */
export function profileSpec(b: BenchmarkComparison): TopLevelSpec {
  const values = b.aggregates.flatMap((a) =>
    a.profile.taus.map((tau, i) => ({
      model: a.baseline,
      tau,
      value: a.profile.values[i],
      lo: a.profile.lower[i],
      hi: a.profile.upper[i],
    })),
  );
  const x = {
    field: 'tau',
    type: 'quantitative' as const,
    title: 'τ: score relative to the strongest published FM (1 = equal)',
  };
  const color = { field: 'model', type: 'nominal' as const, title: null };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: `Benchmark ${b.benchmark}: performance profile`,
    width: WIDTH,
    height: 220,
    config: { legend: { orient: 'bottom' } },
    data: { values },
    layer: [
      {
        mark: { type: 'area', opacity: 0.2 },
        encoding: {
          x,
          y: {
            field: 'lo',
            type: 'quantitative',
            title: 'fraction of runs × tasks above τ',
            scale: { domain: [0, 1] },
          },
          y2: { field: 'hi' },
          color,
        },
      },
      {
        mark: { type: 'line', strokeWidth: 2 },
        encoding: { x, y: { field: 'value', type: 'quantitative' }, color },
      },
      {
        mark: { type: 'rule', strokeDash: [4, 3], color: '#888' },
        data: { values: [{ tau: 1 }] },
        encoding: { x: { field: 'tau', type: 'quantitative' } },
      },
    ],
  };
}

/** Score against parameter count (log scale), for the entries whose size is known. */
export function paramsSpec(
  points: { label: string; kind: string; params: number; value: number }[],
  title: string,
  metric: string,
): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width: WIDTH,
    height: 260,
    config: { legend: { orient: 'bottom' } },
    data: { values: points.map((p) => ({ ...p, size: fmtParams(p.params) })) },
    layer: [
      {
        mark: { type: 'point', filled: true, size: 70 },
        encoding: {
          x: {
            field: 'params',
            type: 'quantitative',
            scale: { type: 'log' },
            title: 'parameters (log scale)',
          },
          y: { field: 'value', type: 'quantitative', scale: { zero: false }, title: metric },
          color: {
            field: 'kind',
            type: 'nominal',
            scale: { domain: ['ours', 'published'], range: [OURS, PUBLISHED] },
            title: null,
          },
        },
      },
      {
        mark: { type: 'text', align: 'left', dx: 6, fontSize: 9 },
        encoding: {
          x: { field: 'params', type: 'quantitative' },
          y: { field: 'value', type: 'quantitative' },
          text: { field: 'label' },
        },
      },
    ],
  };
}

export function paramsPointsOfTask(c: TaskComparison) {
  return [
    ...c.baselines
      .filter((b) => b.params !== null)
      .map((b) => ({ label: b.model, kind: 'ours', params: b.params!, value: b.summary.mean })),
    ...[...new Set(c.verdicts.map((v) => v.row))]
      .filter((f) => f.result.params != null)
      .map((f) => ({
        label: `${f.family} (${f.kind})`,
        kind: 'published',
        params: f.result.params!,
        value: f.value,
      })),
  ];
}

export function paramsPointsOfBenchmark(b: BenchmarkComparison) {
  return b.leaderboard
    .filter((e) => e.params !== null)
    .map((e) => ({
      label: e.label,
      kind: e.kind === 'ours' ? 'ours' : 'published',
      params: e.params!,
      value: e.averageScore,
    }));
}

export function forecastSpec(f: ForecastArtifact, title: string, panels = MAX_FORECAST_PANELS): TopLevelSpec {
  const values = f.series.slice(0, panels).flatMap((s) => {
    const name = `${s.channel}${s.window !== undefined ? `, window ${s.window}` : ''}`;
    return s.t.flatMap((t, i) => [
      { series: name, t, kind: 'actual', value: s.actual[i] },
      { series: name, t, kind: 'forecast', value: s.forecast[i] },
    ]);
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    data: { values },
    facet: { field: 'series', type: 'nominal', title: null },
    columns: 2,
    resolve: { scale: { y: 'independent', x: 'independent' } },
    spec: {
      width: 260,
      height: 140,
      mark: { type: 'line', strokeWidth: 1.5 },
      encoding: {
        x: { field: 't', type: 'quantitative', scale: { zero: false }, title: 'time step' },
        y: { field: 'value', type: 'quantitative', scale: { zero: false }, title: null },
        color: {
          field: 'kind',
          type: 'nominal',
          scale: { domain: ['actual', 'forecast'], range: ['#333333', OURS] },
          title: null,
        },
        strokeDash: {
          field: 'kind',
          type: 'nominal',
          scale: {
            domain: ['actual', 'forecast'],
            range: [
              [1, 0],
              [4, 2],
            ],
          },
          legend: null,
        },
      },
    },
  };
}

export function rungSpec(rungs: RungRecord[]): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'ASHA: trials at each rung',
    width: WIDTH,
    height: 240,
    data: {
      values: rungs.map((r) => ({ rung: r.rung, trial: r.trialId, value: r.value, decision: r.decision })),
    },
    mark: { type: 'point', filled: true, size: 60, opacity: 0.8 },
    encoding: {
      x: { field: 'rung', type: 'ordinal', title: 'rung (epochs)' },
      xOffset: { field: 'trial', type: 'nominal' },
      y: { field: 'value', type: 'quantitative', scale: { zero: false }, title: 'validation score' },
      color: {
        field: 'decision',
        type: 'nominal',
        scale: { domain: ['promote', 'stop', 'complete'], range: ['#2ca02c', '#7f7f7f', OURS] },
      },
      tooltip: [{ field: 'trial' }, { field: 'value' }],
    },
  };
}

export function curvesSpec(curves: MetricRecord[]): TopLevelSpec {
  const trials = new Set(curves.map((m) => m.trialId));
  const colourByTrial = trials.size <= MAX_COLOURED_TRIALS;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Learning curves (validation score per epoch, one line per trial)',
    width: WIDTH,
    height: 240,
    data: { values: curves.map((m) => ({ trial: `trial ${m.trialId}`, epoch: m.step, value: m.value })) },
    mark: { type: 'line', point: curves.length < 400, strokeWidth: 1.2, opacity: 0.85 },
    encoding: {
      x: { field: 'epoch', type: 'quantitative', title: 'epoch' },
      y: { field: 'value', type: 'quantitative', scale: { zero: false }, title: 'validation score' },
      ...(colourByTrial
        ? { color: { field: 'trial', type: 'nominal', title: null } }
        : { detail: { field: 'trial', type: 'nominal' } }),
    },
  };
}

export function architectureSpec(a: Architecture): TopLevelSpec {
  const values = a.flatMap((l) => [
    { layer: String(l.layer), what: 'kernel size', value: l.kernel },
    { layer: String(l.layer), what: 'dilation', value: l.dilation },
  ]);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'DASH choice per layer',
    width: WIDTH,
    height: 200,
    data: { values },
    mark: 'bar',
    encoding: {
      x: { field: 'layer', type: 'ordinal', sort: null, title: 'layer' },
      xOffset: { field: 'what', type: 'nominal' },
      y: { field: 'value', type: 'quantitative', title: null },
      color: { field: 'what', type: 'nominal', scale: { range: [PUBLISHED, '#ff7f0e'] }, title: null },
    },
  };
}
