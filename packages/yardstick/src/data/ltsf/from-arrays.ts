// An LTSF task from series already in memory (seeded synthetic panels in benchmarks and tests, arrays a library user
// holds): split and standardised as a CSV would be, rows equally spaced and numbered.
import { fitScaler, transform } from './scaler.js';
import { splitSizes, type SplitRule } from './splits.js';
import type { LtsfTask } from './index.js';

export function ltsfTaskFromArrays(
  dataset: string,
  raw: Float64Array[],
  rule: SplitRule = 'ratio',
): LtsfTask {
  const rows = raw[0]?.length ?? 0;
  const split = splitSizes(rule, rows);
  if (raw.length === 0 || raw.some((x) => x.length !== rows) || split.train < 2)
    throw new Error(`${dataset}: expected channels of equal length with enough rows for the ${rule} split`);
  const scaler = fitScaler(raw, split.train);
  return {
    name: `in-memory/${dataset}`,
    dataset,
    file: `${dataset} (in memory)`,
    timeColumn: 'row',
    times: Array.from({ length: rows }, (_, i) => String(i + 1)),
    channels: raw.map((_, c) => `c${c}`),
    raw,
    series: transform(raw, scaler),
    scaler,
    split,
    filled: 0,
    features: 'M',
    warnings: [],
  };
}
