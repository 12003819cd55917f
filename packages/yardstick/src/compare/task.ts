// Compares our baselines on one task (and horizon, or mean over horizons) with every published result for it.
// This is the one comparison engine: terminal headlines, tables, reports and the dashboard all read its verdicts.
import { accuracy, mcc } from '../metrics/index.js';
import { metricHigherIsBetter } from '../registry/normalise.js';
import type { FmResult } from '../registry/types.js';
import type { Registry } from '../registry/registry.js';
import { hashSeed } from '../common/random.js';
import { bootstrapIndices } from './aggregate.js';
import type { RunSet } from './load.js';
import { protocolFlags } from './protocol.js';
import { readPerExample, readPredictions, type ScoredRun } from './run-result.js';
import {
  bootstrapTest,
  DEFAULT_RESAMPLES,
  type BootstrapDistribution,
  distributionOfDraws,
  mean,
  resampleMeans,
  signTest,
  summarise,
  type BootstrapOptions,
  type BootstrapResult,
} from './stats.js';
import type {
  BaselineSummary,
  FmComparison,
  FmRow,
  PairComparison,
  SettingKind,
  StatedTest,
  TaskComparison,
  Verdict,
} from './types.js';

/** What the engine compares: runs loaded with their artefacts (compare/load.ts), and the published results. */
export interface CompareContext {
  runs: RunSet;
  registry: Registry;
  bootstrap?: BootstrapOptions;
}

/** Preferred metric per benchmark when ours and the published rows share several. */
const PRIMARY_METRICS: Record<string, string[]> = {
  ltsf: ['mse', 'mae'],
  gue: ['mcc', 'f1'],
  geobench: ['accuracy', 'f1', 'miou'],
  eurosat: ['accuracy'],
};

/** Metrics that can be recomputed from stored labels and predictions (for a bootstrap over test examples). */
const FROM_PREDICTIONS: Record<string, (y: ArrayLike<number>, p: ArrayLike<number>) => number> = {
  mcc,
  accuracy,
};

export function benchmarkOf(task: string): string {
  return task.split('/')[0];
}

/** The family of a published model: its name before any parenthesis ('TTM (granite-r2)' -> 'TTM'). */
export function familyOf(model: string): string {
  return model.split(' (')[0].trim();
}

/** Setting kinds compared like for like: frozen-feature probes (linear, kNN, frozen encoder) are one kind. */
export function settingKind(setting: string): SettingKind {
  if (['linear-probe', 'knn', 'frozen-encoder'].includes(setting)) return 'linear probe';
  if (setting === 'supervised-baseline') return 'trained';
  return setting;
}

export const roleOf = (r: FmResult): 'fm' | 'supervised-reference' => r.role ?? 'fm';

/** Finished runs of `task`, scored; runs that cannot be compared are listed in `skipped`. */
export function scoredRuns(runs: RunSet, task: string): { scored: ScoredRun[]; skipped: string[] } {
  return {
    scored: runs.scored.filter((s) => s.task === task),
    skipped: runs.skipped.filter((s) => s.run.task === task).map((s) => s.reason),
  };
}

export interface TaskQuery {
  task: string;
  horizon?: number;
  metric?: string;
  /** Only these runs (e.g. the one `yardstick autoar` just made); default: every finished run of the task. */
  runIds?: string[];
}

/**
 * One comparison per horizon that our runs cover (a single one for tasks without horizons), then one per set of
 * horizons that published records average over, when our runs cover every horizon of the set. `horizon`
 * restricts to one horizon (and no means); `metric` overrides the benchmark's preferred metric.
 */
export function compareTask(ctx: CompareContext, q: TaskQuery): TaskComparison[] {
  const { scored: all, skipped } = scoredRuns(ctx.runs, q.task);
  const scored = q.runIds ? all.filter((s) => q.runIds!.includes(s.run.id)) : all;
  const horizons = [...new Set(scored.map((s) => s.horizon))].filter(
    (h) => q.horizon === undefined || h === q.horizon,
  );
  if (horizons.length === 0) {
    throw new Error(
      `no finished runs with test scores for ${q.task}${q.horizon ? ` at horizon ${q.horizon}` : ''}${skipped.length ? ` (${skipped.join('; ')})` : ''}`,
    );
  }
  const single = horizons
    .sort((a, b) => (a ?? 0) - (b ?? 0))
    .map((h) => {
      const runs = scored.filter((s) => s.horizon === h);
      const published = ctx.registry
        .find({ task: q.task, ...(h !== null ? { horizon: h } : {}) })
        .filter((r) => !r.horizonMean?.length);
      const metric = chooseMetric(q.task, runs, published, q.metric);
      const notes = [...skipped];
      const boot = horizonStream(ctx.bootstrap, h);
      const baselines = summariseBaselines(runs, metric, scaleFactor(published, metric), notes, boot);
      return assemble({
        task: q.task,
        horizon: h,
        horizons: null,
        metric,
        baselines,
        published,
        notes,
        boot,
      });
    });
  if (q.horizon !== undefined) return single;
  const notes: string[] = [];
  const means = compareHorizonMeans(ctx, q, scored, notes);
  single[0].notes.push(...notes);
  return [...single, ...means];
}

/**
 * The bootstrap stream of one horizon, (seed, horizon): a mean over horizons resamples each horizon (its stratum)
 * independently of the others, and our baselines at one horizon at the same test examples (paired).
 */
function horizonStream(boot: BootstrapOptions | undefined, horizon: number | null): BootstrapOptions {
  return horizon === null ? (boot ?? {}) : { ...boot, seed: hashSeed(boot?.seed ?? 0, horizon) };
}

function chooseMetric(task: string, runs: ScoredRun[], published: FmResult[], requested?: string): string {
  const ours = new Set(runs.flatMap((r) => Object.keys(r.test)));
  if (requested) {
    const m = requested.toLowerCase();
    if (!ours.has(m))
      throw new Error(
        `--metric ${requested}: no run of ${task} has a test ${requested} (they have ${[...ours].sort().join(', ')})`,
      );
    return m;
  }
  const shared = [...new Set(published.map((p) => p.metric))].filter((m) => ours.has(m));
  const preferred = PRIMARY_METRICS[benchmarkOf(task)] ?? [];
  const pick = (pool: string[]) => preferred.find((m) => pool.includes(m)) ?? [...pool].sort()[0];
  return pick(shared) ?? pick([...ours]);
}

/** Show everything at the scale most published rows use; ours are measured x1. */
function scaleFactor(published: FmResult[], metric: string): number {
  const rows = published.filter((p) => p.metric === metric);
  return rows.filter((p) => p.scale === 'x100').length > rows.length / 2 ? 100 : 1;
}

interface Assembly {
  task: string;
  horizon: number | null;
  horizons: number[] | null;
  metric: string;
  baselines: BaselineSummary[];
  published: FmResult[];
  notes: string[];
  /** The bootstrap stream of the baselines' test examples (horizonStream). */
  boot: BootstrapOptions;
}

function assemble(a: Assembly): TaskComparison {
  const published = a.published.filter((r) => r.metric === a.metric);
  const notes = a.notes;
  const scale: 'x1' | 'x100' = scaleFactor(published, a.metric) === 100 ? 'x100' : 'x1';
  const direction = published[0]?.higherIsBetter ?? metricHigherIsBetter(a.metric) ?? true;
  const mixed = published.filter((p) => p.scale !== scale);
  if (mixed.length)
    notes.push(`${mixed.length} published row(s) use another scale and were converted to ${scale}`);
  const rows: FmRow[] = published.map((result) => {
    const factor = result.scale === scale ? 1 : scale === 'x100' ? 100 : 0.01;
    const value = result.value * factor;
    const halfUnit = 0.5 * 10 ** -decimals(result.value) * factor;
    return {
      result,
      family: familyOf(result.model),
      kind: settingKind(result.setting),
      value,
      comparisons: a.baselines.map((b) =>
        compareWithFm(b, result, value, halfUnit, direction, scale, a.horizons, a.boot),
      ),
    };
  });
  const fm = rows.filter((r) => roleOf(r.result) === 'fm');
  const references = rows.filter((r) => roleOf(r.result) === 'supervised-reference');
  const where = a.horizons
    ? ` averaged over horizons ${a.horizons.join(', ')}`
    : a.horizon !== null
      ? ` at horizon ${a.horizon}`
      : '';
  if (fm.length === 0) notes.push(`no published FM ${a.metric} results for ${a.task}${where}`);
  return {
    task: a.task,
    horizon: a.horizon,
    horizons: a.horizons,
    metric: a.metric,
    higherIsBetter: direction,
    scale,
    baselines: a.baselines,
    fm,
    verdicts: likeForLike(a.baselines, fm, direction),
    references,
    pairs: pairBaselines(a.baselines, a.metric, a.boot),
    notes,
  };
}

/** Each FM family at its best published number per setting kind, against each of our baselines. */
function likeForLike(baselines: BaselineSummary[], fm: FmRow[], higherIsBetter: boolean): Verdict[] {
  const groups = new Map<string, FmRow[]>();
  for (const r of fm) {
    const k = `${r.family}\u0000${r.kind}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const better = (x: number, y: number) => (higherIsBetter ? x > y : x < y);
  const best = [...groups.values()]
    .map((rows) => ({
      row: rows.reduce((b, r) => (better(r.value, b.value) ? r : b)),
      variants: rows.length,
    }))
    .sort((x, y) => (higherIsBetter ? y.row.value - x.row.value : x.row.value - y.row.value));
  return baselines.flatMap((b, i) =>
    best.map(({ row, variants }) => ({
      baseline: b.model,
      family: row.family,
      kind: row.kind,
      row,
      comparison: row.comparisons[i],
      variants,
    })),
  );
}

function summariseBaselines(
  runs: ScoredRun[],
  metric: string,
  factor: number,
  notes: string[],
  boot: BootstrapOptions,
): BaselineSummary[] {
  const byModel = new Map<string, ScoredRun[]>();
  for (const r of runs) {
    if (r.test[metric] === undefined) {
      notes.push(`run ${r.run.id} (${r.model}) has no test ${metric}`);
      continue;
    }
    byModel.set(r.model, [...(byModel.get(r.model) ?? []), r]);
  }
  const bases = [...byModel].map(([model, rs]) => {
    const values = rs.map((r) => r.test[metric] * factor);
    const known = <T>(xs: (T | null)[]) => xs.filter((x): x is T => x !== null);
    const params = known(rs.map((r) => r.params));
    const seconds = known(rs.map((r) => r.trainSeconds));
    const lookbacks = [...new Set(rs.map((r) => r.lookback))];
    const attempt = <T>(f: () => T | null): T | null => {
      try {
        return f();
      } catch (e) {
        notes.push((e as Error).message);
        return null;
      }
    };
    const perExample = attempt(() => {
      const per = rs.map((r) => readPerExample(r, metric));
      if (!per.every((p): p is number[] => p !== null && p.length === per[0]!.length)) return null;
      return per[0].map((_, i) => mean(per.map((p) => p[i])) * factor);
    });
    const predictions = attempt(() => readPredictions(rs[rs.length - 1]));
    const summary = summarise(values);
    return {
      model,
      runIds: rs.map((r) => r.run.id),
      seeds: rs.map((r) => r.run.seed),
      values,
      summary,
      params: params.length ? mean(params) : null,
      trainSeconds: seconds.length ? mean(seconds) : null,
      hardware: [...new Set(rs.map((r) => r.hardware))],
      // runs with different lookbacks (Auto-AR picks its own) have no single lookback
      lookback: lookbacks.length === 1 ? lookbacks[0] : null,
      lookbacks: known(lookbacks).sort((x, y) => x - y),
      split: rs[0].split,
      perExample,
      predictions,
    };
  });
  resampledTogether(
    bases.flatMap((b) => (b.perExample && b.perExample.length > 1 ? [b.perExample] : [])),
    boot,
  );
  return bases.map((b) => ({ ...b, ...ourInterval(b, metric, factor, boot) }));
}

/** Seeds when they differ; else test examples (per-example scores, or the metric recomputed from predictions). */
function ourInterval(
  b: Omit<BaselineSummary, 'interval' | 'intervalKind'>,
  metric: string,
  factor: number,
  boot: BootstrapOptions,
): Pick<BaselineSummary, 'interval' | 'intervalKind'> {
  if (b.summary.interval && b.summary.std > 0) return { interval: b.summary.interval, intervalKind: 'seeds' };
  if (b.perExample && b.perExample.length > 1) {
    return {
      interval: bootstrapTest(resampled(b.perExample, boot).d, b.summary.mean).interval,
      intervalKind: 'test examples',
    };
  }
  const f = FROM_PREDICTIONS[metric];
  if (f && b.predictions && b.predictions.labels.length > 1) {
    const r = bootstrapPredictions(b.predictions, f, null, boot);
    return { interval: [r.interval[0] * factor, r.interval[1] * factor], intervalKind: 'test examples' };
  }
  return { interval: null, intervalKind: null };
}

function bootstrapPredictions(
  p: { labels: number[]; predictions: number[] },
  f: (y: ArrayLike<number>, p: ArrayLike<number>) => number,
  other: { labels: number[]; predictions: number[] } | null,
  boot?: BootstrapOptions,
) {
  const y = new Int32Array(p.labels.length);
  const a = new Int32Array(p.labels.length);
  const b = new Int32Array(p.labels.length);
  return bootstrapIndices(
    p.labels.length,
    (idx) => {
      idx.forEach((j, i) => {
        y[i] = p.labels[j];
        a[i] = p.predictions[j];
        if (other) b[i] = other.predictions[j];
      });
      return other ? f(y, a) - f(y, b) : f(y, a);
    },
    boot,
  );
}

/**
 * Decimal places a published number was reported with. A stored number has lost its trailing zeros (0.400 reads
 * 0.4), so it counts as at least three significant figures, as the sources' tables print them.
 */
export function decimals(x: number): number {
  const s = String(x);
  const shown = s.includes('e-')
    ? Number(s.split('e-')[1]) + (s.split('e-')[0].split('.')[1]?.length ?? 0)
    : s.includes('.')
      ? s.split('.')[1].length
      : 0;
  return x === 0 ? shown : Math.max(shown, 2 - Math.floor(Math.log10(Math.abs(x))));
}

function compareWithFm(
  b: BaselineSummary,
  fm: FmResult,
  value: number,
  halfUnit: number,
  higherIsBetter: boolean,
  scale: 'x1' | 'x100',
  horizons: number[] | null,
  boot: BootstrapOptions,
): FmComparison {
  const ours = b.summary.mean;
  const difference = ours - value;
  const inInterval = b.interval !== null && value >= b.interval[0] && value <= b.interval[1];
  const inPrecision = Math.abs(difference) <= halfUnit * (1 + 1e-9);
  const better = higherIsBetter ? difference > 0 : difference < 0;
  const flags = protocolFlags(b, fm, 'x1', scale);
  if (fm.pretrainingOverlap) {
    flags.unshift({
      kind: 'overlap',
      message: `not zero-shot here: ${familyOf(fm.model)}'s pretraining corpus includes ${fm.pretrainingOverlap.dataset} (${fm.pretrainingOverlap.source.title})`,
    });
  }
  if (horizons)
    flags.push({
      kind: 'horizons',
      message: `mean over horizons ${horizons.join(', ')}: ours averaged over our runs at each`,
    });
  return {
    baseline: b.model,
    outcome: inInterval || inPrecision ? 'tie' : better ? 'win' : 'loss',
    tieReason: inInterval ? 'interval' : inPrecision ? 'precision' : null,
    notZeroShot: Boolean(fm.pretrainingOverlap),
    difference,
    margin: Math.abs(difference),
    relativeMargin: value !== 0 ? Math.abs(difference) / Math.abs(value) : null,
    test: statedTest(b, value, higherIsBetter, boot),
    flags,
  };
}

/**
 * Our resample means and their distribution, drawn once per set of scores and options: they do not depend on the
 * FM number they are tested against (a task has hundreds of those), pairs and means over horizons combine them,
 * and a horizon's scores come back for the mean over horizons. Keyed by content (a hash of the values' bits,
 * checked against the stored values on a hit).
 */
interface Resampled {
  draws: Float64Array;
  d: BootstrapDistribution;
}
const byContent = new Map<string, { values: Float64Array; r: Resampled }>();
const seen = new WeakMap<readonly number[], { options: string; r: Resampled }>();

function resampled(values: readonly number[], boot: BootstrapOptions): Resampled {
  return resampledTogether([values], boot)[0];
}

/** Sets of scores on the same examples (baselines at one horizon) share one set of draws (resampleMeans). */
function resampledTogether(sets: readonly (readonly number[])[], boot: BootstrapOptions): Resampled[] {
  const { cache, ...drawn } = boot;
  const options = JSON.stringify(drawn);
  const found = sets.map((values) => {
    const same = seen.get(values);
    if (same?.options === options) return { values, r: same.r };
    const xs = Float64Array.from(values);
    const words = new Uint32Array(xs.buffer);
    let h = 0x811c9dc5;
    for (let i = 0; i < words.length; i++) h = Math.imul(h ^ words[i], 0x01000193);
    const key = `${options}:${xs.length}:${h >>> 0}`;
    const hit = byContent.get(key);
    let r = hit && hit.values.every((x, i) => Object.is(x, xs[i])) ? hit.r : undefined;
    const stored = r ? undefined : cache?.get(options, xs);
    if (stored && stored.length === (boot.resamples ?? DEFAULT_RESAMPLES)) {
      r = { draws: stored, d: distributionOfDraws(mean(xs), stored, boot.level) };
      byContent.set(key, { values: xs, r });
    }
    return { values, xs, key, r };
  });
  for (const n of new Set(found.filter((f) => !f.r).map((f) => f.values.length))) {
    const group = found.filter((f) => !f.r && f.values.length === n);
    const draws = resampleMeans(
      group.map((f) => f.xs!),
      drawn,
    );
    group.forEach((f, i) => {
      f.r = { draws: draws[i], d: distributionOfDraws(mean(f.xs!), draws[i], boot.level) };
      byContent.set(f.key!, { values: f.xs!, r: f.r });
      cache?.set(options, f.xs!, draws[i]);
    });
  }
  return found.map((f) => {
    seen.set(f.values, { options, r: f.r! });
    return f.r!;
  });
}

function statedTest(
  b: BaselineSummary,
  value: number,
  higherIsBetter: boolean,
  boot: BootstrapOptions,
): StatedTest {
  if (b.perExample && b.perExample.length > 1) {
    const r = bootstrapTest(resampled(b.perExample, boot).d, value);
    return {
      name: 'bootstrap over test examples',
      pValue: r.pValue,
      detail: `${r.resamples} resamples of ${b.perExample.length} test examples; 95% interval of our mean ${r.interval[0].toPrecision(4)}–${r.interval[1].toPrecision(4)}`,
    };
  }
  if (b.values.length > 1) {
    const wins = b.values.filter((v) => (higherIsBetter ? v > value : v < value)).length;
    const losses = b.values.filter((v) => (higherIsBetter ? v < value : v > value)).length;
    const p = signTest(wins, losses);
    const floor =
      b.values.length < 6
        ? ` (with ${b.values.length} seeds p cannot go below ${signTest(b.values.length, 0).toPrecision(2)})`
        : '';
    return {
      name: 'sign test over seeds',
      pValue: p,
      detail: `ours better in ${wins} of ${b.values.length} seeds, worse in ${losses}${floor}`,
    };
  }
  if (b.interval && b.intervalKind === 'test examples') {
    return {
      name: 'bootstrap over test examples',
      pValue: null,
      detail: `95% interval of our score from resampled test predictions: ${b.interval[0].toPrecision(4)}–${b.interval[1].toPrecision(4)}`,
    };
  }
  return { name: 'none', pValue: null, detail: 'one run and no per-example scores: no test possible' };
}

/** Paired bootstrap between our baselines scored on the same test examples. */
function pairBaselines(
  baselines: BaselineSummary[],
  metric: string,
  boot: BootstrapOptions,
): PairComparison[] {
  const pairs: PairComparison[] = [];
  const f = FROM_PREDICTIONS[metric];
  for (let i = 0; i < baselines.length; i++) {
    for (let j = i + 1; j < baselines.length; j++) {
      const [a, b] = [baselines[i], baselines[j]];
      let test: BootstrapResult | null = null;
      if (
        a.perExample &&
        b.perExample &&
        a.perExample.length > 1 &&
        a.perExample.length === b.perExample.length
      ) {
        // one stream resamples both at the same examples: the difference of their resample means is paired
        const [ra, rb] = [resampled(a.perExample, boot), resampled(b.perExample, boot)];
        const diff = ra.draws.map((x, r) => x - rb.draws[r]);
        test = bootstrapTest(distributionOfDraws(ra.d.estimate - rb.d.estimate, diff, boot.level), 0);
      } else if (
        f &&
        a.predictions &&
        b.predictions &&
        sameLabels(a.predictions.labels, b.predictions.labels)
      ) {
        test = pairedPredictionTest(f, a.predictions, b.predictions, boot);
      }
      if (test) pairs.push({ a: a.model, b: b.model, test });
    }
  }
  return pairs;
}

/** Two models' predictions on the same test examples: the metric's difference (a - b), paired bootstrap. */
function pairedPredictionTest(
  f: (y: ArrayLike<number>, p: ArrayLike<number>) => number,
  a: { labels: number[]; predictions: number[] },
  b: { labels: number[]; predictions: number[] },
  boot?: BootstrapOptions,
): BootstrapResult {
  const r = bootstrapPredictions(a, f, b, boot);
  const estimate = f(a.labels, a.predictions) - f(b.labels, b.predictions);
  return { estimate, interval: r.interval, pValue: r.pValue, resamples: r.resamples };
}

/**
 * Paired bootstrap over test examples of `metric`(a) - `metric`(b) for two models scored on the same labels
 * (benchmarks comparing a run with a comparator's predictions); throws for a metric that cannot be
 * recomputed from predictions or for different labels.
 */
export function comparePredictions(
  metric: string,
  a: { labels: number[]; predictions: number[] },
  b: { labels: number[]; predictions: number[] },
  boot?: BootstrapOptions,
): BootstrapResult {
  const f = FROM_PREDICTIONS[metric];
  if (!f) throw new Error(`compare: '${metric}' cannot be recomputed from predictions`);
  if (!sameLabels(a.labels, b.labels))
    throw new Error('compare: the two models were scored on different labels');
  return pairedPredictionTest(f, a, b, boot);
}

const sameLabels = (x: number[], y: number[]) => x.length === y.length && x.every((v, i) => v === y[i]);

/**
 * Published records that average over horizons (`horizonMean`) are compared only with our mean over the same
 * horizons: for each of our models with runs at every one of them, the mean of its per-horizon means.
 */
function compareHorizonMeans(
  ctx: CompareContext,
  q: TaskQuery,
  scored: ScoredRun[],
  missing: string[],
): TaskComparison[] {
  const records = ctx.registry.find({ task: q.task }).filter((r) => r.horizonMean?.length);
  const sets = new Map<string, number[]>();
  for (const r of records) {
    const hs = [...new Set(r.horizonMean!)].sort((a, b) => a - b);
    sets.set(hs.join(','), hs);
  }
  const out: TaskComparison[] = [];
  for (const [key, hs] of sets) {
    const published = records.filter(
      (r) => [...new Set(r.horizonMean!)].sort((a, b) => a - b).join(',') === key,
    );
    const notes: string[] = [];
    const metric = chooseMetric(q.task, scored, published, q.metric);
    const factor = scaleFactor(published, metric);
    const models = [...new Set(scored.map((s) => s.model))];
    const baselines: BaselineSummary[] = [];
    for (const model of models) {
      const perHorizon = hs.map((h) =>
        scored.filter((s) => s.model === model && s.horizon === h && s.test[metric] !== undefined),
      );
      const lacking = hs.filter((_, i) => perHorizon[i].length === 0);
      if (lacking.length) {
        missing.push(
          `${model} has no ${metric} run at horizon ${lacking.join(', ')}: no mean over horizons ${hs.join(', ')}`,
        );
        continue;
      }
      const per = summariseBaselines(perHorizon.flat(), metric, factor, notes, ctx.bootstrap ?? {});
      const boots = hs.map((h) => horizonStream(ctx.bootstrap, h));
      const parts = hs.map((_, i) => summariseBaselines(perHorizon[i], metric, factor, [], boots[i])[0]);
      baselines.push(meanOverHorizons(per[0], parts, boots));
    }
    if (baselines.length === 0) continue;
    const boot = ctx.bootstrap ?? {};
    out.push(
      assemble({ task: q.task, horizon: null, horizons: hs, metric, baselines, published, notes, boot }),
    );
  }
  return out;
}

/**
 * Our mean over horizons from each horizon's summary. Interval: over seeds when every horizon has the same
 * seeds (per-seed means); else a bootstrap over test examples stratified by horizon. `boots`: each horizon's
 * bootstrap stream.
 */
function meanOverHorizons(
  all: BaselineSummary,
  parts: BaselineSummary[],
  boots: BootstrapOptions[],
): BaselineSummary {
  const value = mean(parts.map((p) => p.summary.mean));
  const seedSets = parts.map((p) => p.seeds.map(String).sort().join(','));
  const sameSeeds =
    parts[0].seeds.length > 1 &&
    parts[0].seeds.every((s) => s !== null) &&
    seedSets.every((s) => s === seedSets[0]);
  let values = [value];
  if (sameSeeds) {
    values = parts[0].seeds.map((seed) => mean(parts.map((p) => p.values[p.seeds.indexOf(seed)])));
  }
  const summary = summarise(values);
  let interval: [number, number] | null = summary.interval && summary.std > 0 ? summary.interval : null;
  let intervalKind: BaselineSummary['intervalKind'] = interval ? 'seeds' : null;
  if (!interval && parts.every((p) => p.perExample && p.perExample.length > 1)) {
    // Each horizon is a stratum, resampled from its own stream; the mean of per-horizon means is linear in them,
    // so its r-th resample is the mean of the horizons' r-th resample means (drawn already for their intervals).
    const draws = parts.map((p, i) => resampled(p.perExample!, boots[i]).draws);
    const meanOfMeans = draws[0].map((_, r) => mean(draws.map((d) => d[r])));
    const d = distributionOfDraws(mean(parts.map((p) => mean(p.perExample!))), meanOfMeans, boots[0].level);
    interval = bootstrapTest(d, d.estimate).interval;
    intervalKind = 'test examples';
  }
  return {
    ...all,
    values,
    summary: { ...summary, mean: value },
    lookback: null,
    perExample: null,
    predictions: null,
    interval,
    intervalKind,
  };
}
