// Auto-AR benchmark: every LTSF dataset x horizon in paper and default mode (MSE, MAE, wall time, peak memory,
// ratios to the reference run in shared/reference/autoar-reference-results.md), default mode against paper mode and
// the published supervised FITS and PatchTST/64 numbers (shared/reference/fm-results-supplement.json), plus seeded
// synthetic panels with Electricity's and Traffic's shapes for time and memory only. Each cell runs in its own process, so wall time and
// peak RSS are per cell, as the reference's `/usr/bin/time -v` measured them.
//   npm run bench -- autoar [--quick] [--only <dataset>] [--horizon <h>] [--skip-synthetic | --synthetic-only]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveDataDir } from '../packages/yardstick/src/data/data-dir.js';
import {
  loadLtsfTask,
  ltsfTaskFromArrays,
  standardHorizons,
  type LtsfTask,
} from '../packages/yardstick/src/data/ltsf/index.js';
import { runAutoAR, type Mode } from '../packages/yardstick/src/autoar/index.js';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const DATASETS = ['ETTh1', 'ETTh2', 'national_illness', 'exchange_rate', 'ETTm1', 'ETTm2', 'weather'];
const REFERENCE_NAMES: Record<string, string> = {
  ILI: 'national_illness',
  Exchange: 'exchange_rate',
  Weather: 'weather',
};
/** Preloaded as the CLI's launcher does: libtorch's large buffers then cost no page faults on every allocation. */
const JEMALLOC = '/usr/lib/x86_64-linux-gnu/libjemalloc.so.2';
const SYNTHETIC = { electricity: { rows: 26304, channels: 321 }, traffic: { rows: 17544, channels: 862 } };

/** Seeded AR(2)-plus-daily-cycle panel with a real dataset's shape (no accuracy claim is made on it). */
function syntheticTask(name: keyof typeof SYNTHETIC): LtsfTask {
  const { rows, channels } = SYNTHETIC[name];
  let s = 12345;
  const rand = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32 - 0.5;
  const raw = Array.from({ length: channels }, (_, c) => {
    const x = new Float64Array(rows);
    for (let t = 2; t < rows; t++)
      x[t] = 1.2 * x[t - 1] - 0.3 * x[t - 2] + Math.sin((2 * Math.PI * t) / 24 + c) + rand();
    return x;
  });
  return ltsfTaskFromArrays(`synthetic-${name}`, raw);
}

function runCell(dataset: string, horizon: number, mode: Mode): void {
  const t0 = performance.now();
  const task = dataset.startsWith('synthetic-')
    ? syntheticTask(dataset.slice('synthetic-'.length) as keyof typeof SYNTHETIC)
    : loadLtsfTask(`ltsf/${dataset}`, resolveDataDir());
  const r = runAutoAR(task, horizon, { mode });
  const { selection: _s, kpss: _k, perWindow: _w, fitted: _f, ...rest } = r;
  const cpu = process.cpuUsage();
  process.stdout.write(
    JSON.stringify({
      ...rest,
      totalSeconds: (performance.now() - t0) / 1000,
      // CPU time of the cell (user + system): what wall time would be on an idle machine, with 1 BLAS thread
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
    }) + '\n',
  );
}

interface Reference {
  mse: number;
  mae: number;
  wall: number;
  rssGb: number;
}
function referenceTable(): Map<string, Reference> {
  const file = path.join(resolveDataDir(), '..', 'reference', 'autoar-reference-results.md');
  const table = new Map<string, Reference>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const [name, h, , , mse, mae, wall, rss] = cells.slice(1);
    if (!/^\d+$/.test(h ?? '') || !Number.isFinite(Number(mse))) continue;
    table.set(`${REFERENCE_NAMES[name] ?? name}/${h}`, {
      mse: Number(mse),
      mae: Number(mae),
      wall: Number(wall),
      rssGb: Number(rss),
    });
  }
  return table;
}

interface Published {
  model: string;
  task: string;
  horizon: number;
  metric: string;
  value: number;
  lookback?: number;
  source: { title: string };
}
const PUBLISHED_MODELS = { FITS: 'FITS', PatchTST: 'PatchTST/64 (drop_last fixed)' };
const PUBLISHED_TASK: Record<string, string> = { weather: 'Weather' };

/** Supervised FITS and PatchTST/64 MSE per task/horizon, from the sourced supplement the registry is merged from. */
function publishedTable(): { rows: Map<string, Published>; fitsCells: number } {
  const file = path.join(resolveDataDir(), '..', 'reference', 'fm-results-supplement.json');
  const rows = new Map<string, Published>();
  let fitsCells = 0;
  for (const r of JSON.parse(readFileSync(file, 'utf8')) as Published[]) {
    if (r.metric !== 'MSE') continue;
    for (const [short, name] of Object.entries(PUBLISHED_MODELS)) {
      if (r.model !== name) continue;
      rows.set(`${short}/${r.task}/${r.horizon}`, r);
      if (short === 'FITS') fitsCells++;
    }
  }
  return { rows, fitsCells };
}

function spawnCell(dataset: string, horizon: number, mode: Mode) {
  const start = performance.now();
  const r = spawnSync(
    process.execPath,
    [
      '--conditions=source',
      '--import',
      'tsx',
      fileURLToPath(import.meta.url),
      '--cell',
      dataset,
      String(horizon),
      mode,
    ],
    {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 1 << 24,
      // the environment the CLI's launcher gives `yardstick autoar` (packages/yardstick/bin/yardstick.js)
      env: {
        ...process.env,
        OPENBLAS_NUM_THREADS: process.env.OPENBLAS_NUM_THREADS ?? '1',
        ...(existsSync(JEMALLOC) && process.env.YARDSTICK_JEMALLOC !== '0'
          ? { LD_PRELOAD: JEMALLOC, MALLOC_CONF: 'dirty_decay_ms:-1,muzzy_decay_ms:-1' }
          : {}),
      },
    },
  );
  const wall = (performance.now() - start) / 1000;
  if (r.status !== 0) throw new Error(`cell ${dataset} h${horizon} ${mode} failed:\n${r.stderr}`);
  return { ...JSON.parse(r.stdout.trim().split('\n').pop()!), processWallSeconds: wall };
}

function main(): void {
  const args = process.argv.slice(2);
  if (args[0] === '--cell') return runCell(args[1], Number(args[2]), args[3] as Mode);
  const only = args.includes('--synthetic-only')
    ? []
    : args.includes('--only')
      ? [args[args.indexOf('--only') + 1]]
      : DATASETS;
  const quick = args.includes('--quick');
  const horizon = args.includes('--horizon') ? Number(args[args.indexOf('--horizon') + 1]) : undefined;
  const horizons = (dataset: string) =>
    horizon !== undefined
      ? [horizon]
      : quick
        ? standardHorizons(dataset).slice(0, 1)
        : standardHorizons(dataset);
  const reference = referenceTable();
  const published = publishedTable();
  // sums over the cells: FITS comparisons, the slowest and heaviest default cell, the paper sweep, default wins
  const t = {
    atOrBelowFits: 0,
    fitsCompared: 0,
    slowest: 0,
    slowestCpu: 0,
    heaviest: 0,
    ourPaperWall: 0,
    ourPaperInProcess: 0,
    referenceWall: 0,
    peak: 0,
    defaultWins: 0,
    compared: 0,
  };
  const lines: object[] = [];
  const emit = (o: object) => {
    lines.push(o);
    process.stdout.write(JSON.stringify(o) + '\n');
  };
  const loadBefore = loadavg();
  for (const dataset of only) {
    for (const h of horizons(dataset)) {
      const ref = reference.get(`${dataset}/${h}`);
      const paper = spawnCell(dataset, h, 'paper');
      const def = spawnCell(dataset, h, 'default');
      const cell = `${dataset}/${h}`;
      t.peak = Math.max(t.peak, paper.peakRssMb);
      const vsReference = (metric: 'mse' | 'mae') => ({
        bench: 'autoar',
        case: `${cell}/paper`,
        metric,
        value: paper[metric],
        baseline: 'reference',
        baseline_value: ref?.[metric] ?? null,
        ratio: ref ? paper[metric] / ref[metric] : null,
      });
      emit({
        ...vsReference('mse'),
        target: 'ratio within 1 +- 0.005',
        d: paper.d,
        lookback: paper.lookback,
      });
      emit(vsReference('mae'));
      emit({
        bench: 'autoar',
        case: `${cell}/paper`,
        metric: 'wall_s',
        value: paper.processWallSeconds,
        unit: 's',
        in_process_s: paper.totalSeconds,
        baseline: 'reference',
        baseline_value: ref?.wall ?? null,
        ratio: ref ? ref.wall / paper.processWallSeconds : null,
        target: 'speed-up >= 20 (sweep total)',
      });
      emit({
        bench: 'autoar',
        case: `${cell}/paper`,
        metric: 'peak_rss_mb',
        value: paper.peakRssMb,
        unit: 'MB',
        baseline: 'reference',
        baseline_value: ref ? ref.rssGb * 1024 : null,
        target: '< 2048',
      });
      emit({
        bench: 'autoar',
        case: `${cell}/default`,
        metric: 'mse',
        value: def.mse,
        mae: def.mae,
        baseline: 'paper mode',
        baseline_value: paper.mse,
        ratio: def.mse / paper.mse,
        target: '<= 1 on every cell',
        d: def.d,
        normalisation: def.norm,
        lookback: def.lookback,
        ridge: def.ridge,
        strategy: def.strategy,
        pooling: def.pooling,
        selection: def.validation
          ? {
              rule: def.validation.rule,
              paper_fit: def.validation.paperFit,
              folds: def.validation.folds.length,
              chosen_val_mse: def.validation.chosen.valMse,
              lowest_val_mse: def.validation.minimum.valMse,
            }
          : null,
      });
      const publishedTask = PUBLISHED_TASK[dataset] ?? dataset;
      for (const model of Object.keys(PUBLISHED_MODELS)) {
        const row = published.rows.get(`${model}/${publishedTask}/${h}`);
        if (!row) continue;
        // Published values carry 3 decimals: compare at that precision.
        const atOrBelow = Number(def.mse.toFixed(3)) <= row.value;
        if (model === 'FITS') {
          t.fitsCompared++;
          if (atOrBelow) t.atOrBelowFits++;
        }
        emit({
          bench: 'autoar',
          case: `${cell}/default`,
          metric: 'mse',
          value: def.mse,
          baseline: `${row.model} (supervised, lookback ${row.lookback ?? '?'}, published)`,
          baseline_value: row.value,
          ratio: def.mse / row.value,
          target: model === 'FITS' ? '<= 1 on >= 15 of the 20 FITS cells' : 'reference only',
          at_or_below: atOrBelow,
          source: row.source.title,
        });
      }
      t.slowest = Math.max(t.slowest, def.processWallSeconds);
      t.slowestCpu = Math.max(t.slowestCpu, def.cpuSeconds);
      t.heaviest = Math.max(t.heaviest, def.peakRssMb);
      emit({
        bench: 'autoar',
        case: `${cell}/default`,
        metric: 'wall_s',
        value: def.processWallSeconds,
        unit: 's',
        in_process_s: def.totalSeconds,
        cpu_s: def.cpuSeconds,
        load_avg: loadavg(),
        peak_rss_mb: def.peakRssMb,
        baseline: 'paper mode',
        baseline_value: paper.processWallSeconds,
        target: '< 60 s and < 1024 MB per cell',
      });
      if (ref) {
        t.ourPaperWall += paper.processWallSeconds;
        t.ourPaperInProcess += paper.totalSeconds;
        t.referenceWall += ref.wall;
      }
      t.compared++;
      if (def.mse <= paper.mse) t.defaultWins++;
    }
  }
  emit({
    bench: 'autoar',
    case: 'paper sweep (cells with a reference run)',
    metric: 'wall_s',
    value: t.ourPaperWall,
    unit: 's',
    baseline: 'reference',
    baseline_value: t.referenceWall,
    ratio: t.referenceWall / t.ourPaperWall,
    target: '>= 20',
    in_process_s: t.ourPaperInProcess,
    in_process_ratio: t.referenceWall / t.ourPaperInProcess,
    peak_rss_mb: t.peak,
    load_avg_before: loadBefore,
    load_avg_after: loadavg(),
  });
  emit({
    bench: 'autoar',
    case: 'default vs paper',
    metric: 'cells_default_at_or_below_paper',
    value: t.defaultWins,
    of: t.compared,
    target: 'all',
  });
  emit({
    bench: 'autoar',
    case: 'default vs FITS (published)',
    metric: 'cells_default_at_or_below_fits',
    value: t.atOrBelowFits,
    of: t.fitsCompared,
    fits_cells_published: published.fitsCells,
    note: 'FITS cells without a local dataset (Electricity, Traffic: CSVs not obtainable) cannot be run',
    target: '>= 15 of 20',
  });
  emit({
    bench: 'autoar',
    case: 'default mode, slowest and heaviest cell',
    metric: 'wall_s',
    value: t.slowest,
    unit: 's',
    cpu_s: t.slowestCpu,
    peak_rss_mb: t.heaviest,
    target: '< 60 s and < 1024 MB',
  });
  if (!args.includes('--skip-synthetic')) {
    for (const name of Object.keys(SYNTHETIC)) {
      for (const [mode, h] of [
        ['paper', 96],
        ['default', 96],
        ['default', 720],
      ] as [Mode, number][]) {
        if (horizon !== undefined && h !== horizon) continue;
        const r = spawnCell(`synthetic-${name}`, h, mode);
        emit({
          bench: 'autoar',
          case: `synthetic-${name}/${h}/${mode}`,
          metric: 'peak_rss_mb',
          value: r.peakRssMb,
          unit: 'MB',
          wall_s: r.processWallSeconds,
          cpu_s: r.cpuSeconds,
          load_avg: loadavg(),
          channels: r.channels,
          target: mode === 'default' ? '< 1024 MB and < 60 s' : 'a few GB (< 4096)',
          note: 'seeded synthetic panel with the real shape: time and memory only',
        });
      }
    }
  }
  if (only === DATASETS && !quick && horizon === undefined) {
    mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
    writeFileSync(
      path.join(root, 'bench', 'results', 'autoar.jsonl'),
      lines.map((l) => JSON.stringify(l)).join('\n') + '\n',
    );
  }
}

main();
