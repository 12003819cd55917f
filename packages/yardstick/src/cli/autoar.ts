// `yardstick autoar <task or csv> --horizon H`: run Auto-AR, print its choices and test errors next to published
// foundation-model numbers, optionally write the forecast after the last row to CSV.
import path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { runAndRecordAutoAR, type AutoArResult, type Mode } from '../autoar/index.js';
import {
  compareContext,
  compareTask,
  fmLabel,
  outcomeWithMargin,
  type TaskComparison,
} from '../compare/index.js';
import { resolveDataDir } from '../data/data-dir.js';
import { loadLtsfTask, standardHorizons } from '../data/ltsf/index.js';
import { loadRegistry } from '../registry/index.js';
import { openAsyncStorage } from '../storage/open.js';
import { addDbOptions, databaseFile, localDatabasePath } from './db-options.js';
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

/** The printable part of a result (the fitted model, per-window arrays and validation curve stay in the artefacts). */
function summary(r: AutoArResult) {
  const { perWindow: _w, fitted: _f, selection, ...rest } = r;
  return r.validation ? rest : { ...rest, selection };
}

/**
 * A progress bar on stderr (plain lines every 30 s when it is not a terminal); results print above it. Also with
 * --json, whose lines go to stdout: a log of stderr still shows the sweep is alive.
 */
function progressBar(total: number) {
  const progress = createProgress({ label: 'auto-ar', total });
  return {
    step: () => progress.increment(),
    stage: (stage: string) => progress.update(stage),
    log: (line: string) => progress.log(line),
    stop: () => progress.stop(),
  };
}

function forecastPath(base: string, horizon: number, mode: Mode, many: boolean, modes: number): string {
  if (!many && modes === 1) return base;
  const ext = path.extname(base);
  return `${base.slice(0, base.length - ext.length)}-h${horizon}${modes > 1 ? `-${mode}` : ''}${ext || '.csv'}`;
}

function describe(r: AutoArResult): string {
  const v = r.validation;
  const extra = v
    ? `, ${r.norm === 'none' ? '' : `${r.norm}-normalised, `}ridge ${r.ridge}, ${r.strategy}, ${r.pooling}` +
      `${v.paperFit ? ' (paper mode model)' : ''}` +
      ` (${v.rule} over ${v.folds.length} validation folds: MSE ${v.chosen.valMse.toFixed(4)}, lowest ${v.minimum.valMse.toFixed(4)})`
    : '';
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
    .option(
      '--date-col <cols>',
      'date/time column(s), comma-separated and joined in order (e.g. Date,Time); "none" for a file without',
      list,
    )
    .option('--columns <cols>', 'the channels to read, comma-separated (default: every other column)', list)
    .option('--target <col>', 'the channel of the LTSF S setting (it alone, univariate) or MS setting')
    .addOption(
      new Option(
        '--features <setting>',
        'LTSF setting: M every channel, S the target alone, MS every channel in and the target scored (default: S with --target, else M)',
      ).choices(['M', 'S', 'MS']),
    )
    .option(
      '--na-values <values>',
      'cell values that mean missing, comma-separated (e.g. -200 or -9999)',
      list,
    )
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
    .action(runCommand); // errors leave through cli/main.ts: usage 2, data 1
  addDbOptions(cmd, { registry: false });
}

async function runCommand(spec: string, options: CliOptions, command: Command): Promise<void> {
  // a usage error before any data is read
  if (!options.horizon && !options.allHorizons)
    throw new InvalidArgumentError('give --horizon <H> or --all-horizons');
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
  const horizons = options.allHorizons ? standardHorizons(task.dataset) : [options.horizon!];
  const modes: Mode[] = options.mode === 'both' ? ['paper', 'default'] : [options.mode];
  const registry = isBuiltin ? loadRegistry() : undefined;
  const storage = await openAsyncStorage(databaseFile(options));
  const artifactRoot = path.join(path.dirname(localDatabasePath(options)), 'runs');
  const progress = progressBar(horizons.length * modes.length);
  try {
    for (const horizon of horizons) {
      for (const mode of modes) {
        const forecastCsv = options.forecastCsv
          ? forecastPath(options.forecastCsv, horizon, mode, horizons.length > 1, modes.length)
          : undefined;
        const { runId, result } = await runAndRecordAutoAR(task, horizon, {
          mode,
          grid: options.grid,
          onProgress: progress.stage,
          storage,
          artifactRoot,
          forecastCsv,
        });
        progress.step();
        const ctx = registry && (await compareContext({ storage, registry }, { task: task.name }));
        const comparisons = ctx
          ? (['mse', 'mae'] as const).flatMap((metric) =>
              compareTask(ctx, { task: task.name, horizon, metric, runIds: [runId] }),
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
    await storage.close();
  }
}
