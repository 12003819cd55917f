// The long-horizon forecasting (LTSF) split convention used by Auto-AR and the Informer/Autoformer code base.

export type SplitRule = 'ETTh' | 'ETTm' | 'ratio';

export interface SplitSizes {
  rule: SplitRule;
  train: number;
  val: number;
  test: number;
}

/** ETT: 12/4/4 months of 30 days (hourly, or x4 for 15-minute data); others 0.7/0.1/0.2 of all rows. */
export function splitSizes(rule: SplitRule, rows: number): SplitSizes {
  if (rule === 'ETTh' || rule === 'ETTm') {
    const perMonth = 30 * 24 * (rule === 'ETTm' ? 4 : 1);
    return { rule, train: 12 * perMonth, val: 4 * perMonth, test: 4 * perMonth };
  }
  const train = Math.floor(0.7 * rows);
  const test = Math.floor(0.2 * rows);
  return { rule, train, val: rows - train - test, test };
}

/** The reference's rule, decided from the file's base name. */
export function splitRuleForName(baseName: string): SplitRule {
  if (baseName.includes('ETTm')) return 'ETTm';
  if (baseName.includes('ETTh')) return 'ETTh';
  return 'ratio';
}
