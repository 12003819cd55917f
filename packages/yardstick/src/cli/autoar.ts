// `yardstick autoar <task or csv> --horizon H`: run Auto-AR, print its choices and test errors next to published
// foundation-model numbers, optionally write the forecast after the last row to CSV.
import path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import cliProgress from 'cli-progress';
import { runAndRecordAutoAR, type AutoArResult, type Mode } from '../autoar/index.js';
import { compareWithPublished, type FmComparison } from '../autoar/compare-fm.js';
import { resolveDataDir } from '../data/data-dir.js';
import { loadLtsfTask, standardHorizons } from '../data/ltsf/index.js';
import { loadRegistry } from '../registry/index.js';
import { openStorage } from '../storage/index.js';
import { addDbOptions, databaseFile } from './db-options.js';
import { positiveInt } from './parsers.js';

function lookbackGrid(v: string): 'paper' | 'zeroshot' | number[] {
  if (v === 'paper' || v === 'zeroshot') return v;
  return v.split(',').map((s) => positiveInt(s.trim()));
}

interface CliOptions {
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

/** A progress bar on stderr when it is a terminal (each update redraws synchronously); results print above it. */
function progressBar(total: number, enabled: boolean) {
  if (!enabled)
    return { step: () => {}, stage: () => {}, log: (line: string) => console.log(line), stop: () => {} };
  const bars = new cliProgress.MultiBar(
    { format: 'auto-ar [{bar}] {value}/{total} runs | {stage}', hideCursor: true, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  const bar = bars.create(total, 0, { stage: 'starting' });
  return {
    step: () => bar.increment(),
    stage: (stage: string) => bar.update({ stage }),
    log: (line: string) => bars.log(line + '\n'),
    stop: () => bars.stop(),
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
    ? `, ${r.norm === 'none' ? '' : `${r.norm}-normalised, `}ridge ${r.ridge}, ${r.strategy}` +
      ` (${v.rule} over ${v.folds.length} validation folds: MSE ${v.chosen.valMse.toFixed(4)}, lowest ${v.minimum.valMse.toFixed(4)})`
    : '';
  return (
    `${r.dataset} h=${r.horizon} [${r.mode}] d=${r.d} lookback=${r.lookback}${extra}: ` +
    `MSE ${r.mse.toFixed(5)}  MAE ${r.mae.toFixed(5)}  (${r.seconds.toFixed(1)} s, peak ${Math.round(r.peakRssMb)} MB)`
  );
}

function comparisonTable(rows: FmComparison[], mode: Mode): string[] {
  return rows.map((c) => {
    const verdict =
      c.winner === 'tie'
        ? 'tie'
        : c.winner === 'autoar'
          ? `Auto-AR better by ${(100 * c.relativeGain).toFixed(1)}%`
          : `FM better by ${(-100 * c.relativeGain).toFixed(1)}%`;
    const lb = c.lookback ? `, lookback ${c.lookback}` : '';
    return `    ${c.metric.toUpperCase()} ${c.model} (${c.setting}${lb}): ${c.published.toFixed(3)} vs Auto-AR ${mode} ${c.autoar.toFixed(3)} -> ${verdict}`;
  });
}

export function registerAutoar(program: Command): void {
  const cmd = program
    .command('autoar')
    .description('Auto-AR on an LTSF task (ltsf/<name>) or a CSV (time column + numeric channels)')
    .argument('<task>', 'ltsf/ETTh1, ltsf/weather, ... or a path to a CSV file')
    .option('--horizon <H>', 'forecast horizon', positiveInt)
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
  const task = loadLtsfTask(spec, dataDir);
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
    !options.json && process.stderr.isTTY === true,
  );
  try {
    for (const horizon of horizons) {
      for (const mode of modes) {
        const forecastCsv = options.forecastCsv
          ? forecastPath(options.forecastCsv, horizon, mode, horizons.length > 1, modes.length)
          : undefined;
        const { runId, result } = runAndRecordAutoAR(task, horizon, {
          mode,
          grid: options.grid,
          onProgress: progress.stage,
          storage,
          artifactRoot,
          forecastCsv,
        });
        progress.step();
        const published = registry?.find({ task: task.name, horizon }) ?? [];
        const comparison = [
          ...compareWithPublished(published, 'mse', result.mse),
          ...compareWithPublished(published, 'mae', result.mae),
        ];
        if (options.json) {
          process.stdout.write(JSON.stringify({ runId, ...summary(result), comparison }) + '\n');
        } else {
          progress.log(`${describe(result)}  [run ${runId}]`);
          if (comparison.length) {
            progress.log('  published numbers (FM protocols as stated; Auto-AR: supervised on this split):');
            progress.log(comparisonTable(comparison, mode).join('\n'));
          }
        }
      }
    }
  } finally {
    progress.stop();
    storage.close();
  }
}
