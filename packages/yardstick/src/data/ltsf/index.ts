// LTSF tasks: the built-in datasets under <data dir>/timeseries (`ltsf/<name>`) and user CSVs, loaded,
// NaN-filled, split and standardised exactly as the Auto-AR reference does.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { readSeriesCsv, type SeriesCsvOptions } from './csv.js';
import { fillMissingCubic } from './fill.js';
import { fitScaler, transform, type ChannelScaler } from './scaler.js';
import { splitRuleForName, splitSizes, type SplitSizes } from './splits.js';

export { parseSeriesCsv, readSeriesCsv, type SeriesCsvOptions, type SeriesTable } from './csv.js';
export { fillMissingCubic } from './fill.js';
export { ltsfTaskFromArrays } from './from-arrays.js';
export { fitScaler, inverseTransform, type ChannelScaler } from './scaler.js';
export { splitSizes, splitRuleForName, type SplitRule, type SplitSizes } from './splits.js';

export type LtsfFeatures = 'M' | 'S' | 'MS';

/** The CSV options plus the LTSF feature setting (S or MS need a target; default S when a target is named). */
export interface LtsfLoadOptions extends SeriesCsvOptions {
  features?: LtsfFeatures;
}

/** Built-in dataset names (file base names) and the short names the reference and the literature use. */
export const LTSF_DATASETS = [
  'ETTh1',
  'ETTh2',
  'ETTm1',
  'ETTm2',
  'weather',
  'exchange_rate',
  'national_illness',
  'electricity',
  'traffic',
] as const;
const ALIASES: Record<string, string> = {
  exchange: 'exchange_rate',
  er: 'exchange_rate',
  ili: 'national_illness',
  ecl: 'electricity',
};

/** Where a built-in LTSF dataset's CSV is expected, whether it is there, and how to get it. */
export function ltsfSource(
  dataset: string,
  dataDir: string,
): { file: string; present: boolean; origin: string; fetch: string } {
  const file = path.join(dataDir, 'timeseries', `${dataset}.csv`);
  const origin = dataset.startsWith('ETT')
    ? 'ETDataset (zhouhaoyi/ETDataset)'
    : ['electricity', 'traffic'].includes(dataset)
      ? 'LTSF collection (Autoformer); not in the download catalogue'
      : 'LTSF collection (Autoformer), public copies';
  const fetch = ['electricity', 'traffic'].includes(dataset)
    ? `no public origin in the download catalogue: place ${dataset}.csv in ${path.dirname(file)}`
    : 'yardstick download ltsf';
  return { file, present: existsSync(file), origin, fetch };
}

/** The horizons of the LTSF protocol: 24..60 for the weekly ILI series, 96..720 for the others. */
export function standardHorizons(dataset: string): number[] {
  return dataset === 'national_illness' ? [24, 36, 48, 60] : [96, 192, 336, 720];
}

export interface LtsfTask {
  /**
   * `ltsf/<dataset>` for built-ins, the file path for a user CSV; S and MS runs add `:<setting>:<target>`, so that
   * they are never compared with published numbers of the multivariate (M) setting.
   */
  name: string;
  /** Built-in dataset name (file base name), or the CSV's base name. */
  dataset: string;
  file: string;
  timeColumn: string;
  times: string[];
  channels: string[];
  /** Original units after NaN filling, one array per channel. */
  raw: Float64Array[];
  /** Standardised with the training rows' mean and std. */
  series: Float64Array[];
  scaler: ChannelScaler;
  split: SplitSizes;
  /** How many values were missing and filled. */
  filled: number;
  /** The LTSF feature setting: M (every channel), S (the target channel alone), MS (every channel in, the target scored). */
  features: LtsfFeatures;
  /** MS: the index of the channel whose forecast is scored. */
  target?: number;
  /** What the reader noticed about the file (see SeriesTable.warnings). */
  warnings: string[];
}

/** Resolves `ltsf/<name>` (case-insensitive, aliases allowed) to a file under <dataDir>/timeseries. */
export function builtinFile(name: string, dataDir: string): { dataset: string; file: string } {
  const key = name.replace(/^ltsf\//i, '');
  const canonical =
    LTSF_DATASETS.find((d) => d.toLowerCase() === key.toLowerCase()) ?? ALIASES[key.toLowerCase()];
  const folder = path.join(dataDir, 'timeseries');
  if (!canonical) {
    throw new Error(
      `unknown LTSF dataset "${key}"; built-in names are ${LTSF_DATASETS.map((d) => `ltsf/${d}`).join(', ')}`,
    );
  }
  const file = path.join(folder, `${canonical}.csv`);
  if (!existsSync(file)) {
    const present = existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith('.csv')) : [];
    throw new Error(
      `ltsf/${canonical}: ${file} not found` +
        (present.length ? ` (present: ${present.join(', ')})` : ` (no CSV files in ${folder})`) +
        (canonical === 'electricity' || canonical === 'traffic'
          ? '; place your copy of the CSV there to run it'
          : ''),
    );
  }
  return { dataset: canonical, file };
}

/**
 * Loads a task from `ltsf/<name>` or a path to a CSV (date/time columns plus numeric channels); `csv` chooses
 * columns, the target of the S setting and missing-value sentinels.
 */
export function loadLtsfTask(spec: string, dataDir?: string, csv: LtsfLoadOptions = {}): LtsfTask {
  const features = csv.features ?? (csv.target !== undefined ? 'S' : 'M');
  if (features !== 'M' && csv.target === undefined)
    throw new Error(`${spec}: the ${features} setting forecasts one target channel; name it with --target`);
  if (features === 'M' && csv.target !== undefined)
    throw new Error(`${spec}: --target names the channel of the S or MS setting, not of M (every channel)`);
  const isBuiltin = /^ltsf\//i.test(spec);
  if (isBuiltin && !dataDir) throw new Error(`${spec}: a data directory is needed for built-in tasks`);
  const { dataset, file } = isBuiltin
    ? builtinFile(spec, dataDir!)
    : { dataset: path.basename(spec, '.csv'), file: spec };
  // MS reads every channel and scores the target; S reads the target alone
  const table = readSeriesCsv(file, features === 'MS' ? { ...csv, target: undefined } : csv);
  const target = features === 'MS' ? table.channels.indexOf(csv.target!) : undefined;
  if (target === -1) throw new Error(`${file}: --target "${csv.target}" is not among the channels read`);
  const rows = table.times.length;
  const rule = isBuiltin ? splitRuleForName(dataset) : 'ratio';
  const split = splitSizes(rule, rows);
  if (split.train + split.val + split.test > rows || split.train < 2) {
    throw new Error(
      `${file}: ${rows} data rows, too few for the ${rule} split (${split.train}/${split.val}/${split.test})`,
    );
  }
  let filled = 0;
  table.values.forEach(
    (col, c) => (filled += fillMissingCubic(col, `${file}: column "${table.channels[c]}"`)),
  );
  const scaler = fitScaler(table.values, split.train);
  return {
    name: (isBuiltin ? `ltsf/${dataset}` : file) + (features === 'M' ? '' : `:${features}:${csv.target}`),
    dataset,
    file,
    timeColumn: table.timeColumn,
    times: table.times,
    channels: table.channels,
    raw: table.values,
    series: transform(table.values, scaler),
    scaler,
    split,
    filled,
    features,
    ...(target !== undefined ? { target } : {}),
    warnings: table.warnings,
  };
}
