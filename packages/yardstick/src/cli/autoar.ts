// `yardstick autoar <task or csv> --horizon H`: run Auto-AR, print its choices and test errors next to published
// foundation-model numbers, optionally write the forecast after the last row to CSV.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { AutoAR, runAndRecordAutoAR, type AutoArResult, type Mode } from '../autoar/index.js';
import { compareTask, fmLabel, outcomeWithMargin, type TaskComparison } from '../compare/index.js';
import { resolveDataDir } from '../data/data-dir.js';
import { loadLtsfTask, standardHorizons, type LtsfTask } from '../data/ltsf/index.js';
import { loadRegistry } from '../registry/index.js';
import { openStorage } from '../storage/index.js';
import { addDbOptions, databaseFile } from './db-options.js';
import { positiveInt } from './parsers.js';
import { createProgress } from './progress.js';

function list(v: string): string[] {
  return v === 'none' ? [] : v.split(',').map((s) => s.trim());
}

function lookbackGrid(v: string): 'paper' | 'zeroshot' | number[] {
  if (v === 'paper' || v === 'zeroshot') return v;
  return v.split(',').map((s) => positiveInt(s.trim()));
}

interface CliOptions {
  dateCol?: string[];
  columns?: string[];
  target?: string;
  features?: 'M' | 'S' | 'MS';
  naValues?: string[];
  horizon?: number;
  allHorizons?: boolean;
  mode: Mode | 'both';
  grid?: 'paper' | 'zeroshot' | number[];
  json?: boolean;
  forecastCsv?: string;
  db?: string;
}

/** The printable part of a result (the fitted model and per-window arrays stay in the run's artefacts). */
function summary(r: AutoArResult): Omit<AutoArResult, 'perWindow' | 'fitted'> {
  const { perWindow: _w, fitted: _f, ...rest } = r;
  return rest;
}

/** A progress bar on stderr (plain lines every 30 s when it is not a terminal); results print above it. */
function progressBar(total: number, enabled: boolean) {
  if (!enabled)
    return { step: () => {}, stage: () => {}, log: (line: string) => console.log(line), stop: () => {} };
  const progress = createProgress({ label: 'auto-ar', total });
  return {
    step: () => progress.increment(),
    stage: (stage: string) => progress.update(stage),
    log: (line: string) => progress.log(line),
    stop: () => progress.stop(),
  };
}

/** Timestamps after the last row, when the time column parses as dates with a regular step; else "+1", "+2", ... */
function futureTimes(task: LtsfTask, horizon: number): string[] {
  const n = task.times.length;
  const last = Date.parse(task.times[n - 1].replace(' ', 'T') + 'Z');
  const prev = Date.parse(task.times[n - 2]?.replace(' ', 'T') + 'Z');
  const step = last - prev;
  if (!Number.isFinite(step) || step <= 0) return Array.from({ length: horizon }, (_, j) => `+${j + 1}`);
  return Array.from({ length: horizon }, (_, j) =>
    new Date(last + (j + 1) * step).toISOString().replace('T', ' ').slice(0, 19),
  );
}

/** Forecast of the h steps after the end of the file, in original units, refitted exactly as the run was. */
function writeForecastCsv(
  task: LtsfTask,
  horizon: number,
  mode: Mode,
  options: CliOptions,
  file: string,
): void {
  const model = new AutoAR({ horizon, mode, grid: options.grid }).fit(task);
  const forecast = model.predict(task.raw);
  const times = futureTimes(task, horizon);
  const quote = (s: string) => (/[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [[task.timeColumn, ...task.channels].map(quote).join(',')];
  for (let j = 0; j < horizon; j++) lines.push([times[j], ...forecast.map((f) => String(f[j]))].join(','));
  writeFileSync(file, lines.join('\n') + '\n');
}

function forecastPath(base: string, horizon: number, mode: Mode, many: boolean, modes: number): string {
  if (!many && modes === 1) return base;
  const ext = path.extname(base);
  return `${base.slice(0, base.length - ext.length)}-h${horizon}${modes > 1 ? `-${mode}` : ''}${ext || '.csv'}`;
}

function describe(r: AutoArResult): string {
  const extra = r.mode === 'default' ? `, ridge ${r.ridge}, ${r.strategy}` : '';
  return (
    `${r.dataset} h=${r.horizon} [${r.mode}] d=${r.d} lookback=${r.lookback}${extra}: ` +
    `MSE ${r.mse.toFixed(5)}  MAE ${r.mae.toFixed(5)}  (${r.seconds.toFixed(1)} s, peak ${Math.round(r.peakRssMb)} MB)`
  );
}

/** This run against each FM family at its best published number per setting kind (the comparison engine's verdicts). */
function comparisonLines(cs: TaskComparison[]): string[] {
  return cs.flatMap((c) =>
    c.verdicts.map((v) => {
      const b = c.baselines.find((x) => x.model === v.baseline)!;
      const lb = v.row.result.lookback ? `, lookback ${v.row.result.lookback}` : '';
      return `    ${c.metric.toUpperCase()} ${fmLabel(v)}${lb}: ${v.row.value.toFixed(3)} vs ${b.model} ${b.summary.mean.toFixed(3)} -> ${outcomeWithMargin(v.comparison, v.family)}`;
    }),
  );
}

export function registerAutoar(program: Command): void {
  const cmd = program
    .command('autoar')
    .description('Auto-AR on an LTSF task (ltsf/<name>) or a CSV (time column + numeric channels)')
    .argument('<task>', 'ltsf/ETTh1, ltsf/weather, ... or a path to a CSV file')
    .option('--horizon <H>', 'forecast horizon', positiveInt)
    .option('--date-col <cols>', 'date/time column(s), comma-separated and joined in order (e.g. Date,Time); "none" for a file without', list)
    .option('--columns <cols>', 'the channels to read, comma-separated (default: every other column)', list)
    .option('--target <col>', 'the channel of the LTSF S setting (it alone, univariate) or MS setting')
    .addOption(
      new Option('--features <setting>', 'LTSF setting: M every channel, S the target alone, MS every channel in and the target scored (default: S with --target, else M)').choices(['M', 'S', 'MS']),
    )
    .option('--na-values <values>', 'cell values that mean missing, comma-separated (e.g. -200 or -9999)', list)
    .option('--all-horizons', 'run the standard horizons (96/192/336/720; ILI 24/36/48/60)')
    .addOption(
      new Option('--mode <mode>', 'paper = the reference to the letter; default = validation-tuned; both')
        .choices(['paper', 'default', 'both'])
        .default('default'),
    )
    .option('--grid <grid>', "paper mode's lookback grid: paper, zeroshot, or a comma list", lookbackGrid)
    .option('--json', 'print one JSON object per run (with the published comparison)')
    .option(
      '--forecast-csv <path>',
      'write the forecast of the steps after the last row (original units) to this CSV',
    )
    .action((spec: string, options: CliOptions, command: Command) => {
      try {
        runCommand(spec, options, command);
      } catch (e) {
        command.error(`error: ${(e as Error).message}`);
      }
    });
  addDbOptions(cmd, { registry: false });
}

function runCommand(spec: string, options: CliOptions, command: Command): void {
  const globals = command.optsWithGlobals<{ dataDir?: string }>();
  const isBuiltin = /^ltsf\//i.test(spec);
  const dataDir = isBuiltin ? resolveDataDir(globals.dataDir) : undefined;
  const task = loadLtsfTask(spec, dataDir, {
    dateColumns: options.dateCol,
    columns: options.columns,
    target: options.target,
    features: options.features,
    naValues: options.naValues,
  });
  for (const w of task.warnings) console.error(`warning: ${task.file}: ${w}`);
  if (!options.horizon && !options.allHorizons)
    throw new InvalidArgumentError('give --horizon <H> or --all-horizons');
  const horizons = options.allHorizons ? standardHorizons(task.dataset) : [options.horizon!];
  const modes: Mode[] = options.mode === 'both' ? ['paper', 'default'] : [options.mode];
  const registry = isBuiltin ? loadRegistry() : undefined;
  const dbFile = databaseFile(options);
  const storage = openStorage(dbFile);
  const artifactRoot = path.join(path.dirname(dbFile), 'runs');
  const progress = progressBar(
    horizons.length * modes.length,
    !options.json,
  );
  try {
    for (const horizon of horizons) {
      for (const mode of modes) {
        const { runId, result } = runAndRecordAutoAR(task, horizon, {
          mode,
          grid: options.grid,
          onProgress: progress.stage,
          storage,
          artifactRoot,
        });
        progress.step();
        const comparisons = registry
          ? (['mse', 'mae'] as const).flatMap((metric) =>
              compareTask({ storage, registry }, { task: task.name, horizon, metric, runIds: [runId] }),
            )
          : [];
        const comparison = comparisons.flatMap((c) =>
          c.verdicts.map((v) => ({
            metric: c.metric,
            fm: fmLabel(v),
            published: v.row.value,
            source: v.row.result.source.title,
            ...v.comparison,
          })),
        );
        if (options.forecastCsv) {
          const file = forecastPath(options.forecastCsv, horizon, mode, horizons.length > 1, modes.length);
          writeForecastCsv(task, horizon, mode, options, file);
        }
        if (options.json) {
          process.stdout.write(JSON.stringify({ runId, ...summary(result), comparison }) + '\n');
        } else {
          progress.log(`${describe(result)}  [run ${runId}]`);
          if (comparison.length) {
            progress.log(
              '  best published FM numbers per setting (FM protocols as stated; Auto-AR: supervised on this split):',
            );
            progress.log(comparisonLines(comparisons).join('\n'));
          }
        }
      }
    }
  } finally {
    progress.stop();
    storage.close();
  }
}
