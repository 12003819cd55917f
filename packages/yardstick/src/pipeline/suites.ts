// Named benchmark suites for `yardstick run`: which workflow runs on which task, with which budget.
import type { Mode } from '../autoar/index.js';
import { LTSF_DATASETS, standardHorizons } from '../data/ltsf/index.js';

export interface AutoArItem {
  workflow: 'autoar';
  task: string;
  horizons: number[];
  modes: Mode[];
}

export interface DashaItem {
  workflow: 'dasha';
  task: string;
  /** Default wall-clock budget per run (overridden by --budget). */
  budgetSeconds: number;
}

export type SuiteItem = AutoArItem | DashaItem;

export interface Suite {
  name: string;
  description: string;
  items: SuiteItem[];
}

const autoar = (dataset: string): AutoArItem => ({
  workflow: 'autoar',
  task: `ltsf/${dataset}`,
  horizons: standardHorizons(dataset),
  modes: ['paper', 'default'],
});

const dasha = (task: string, minutes: number): DashaItem => ({ workflow: 'dasha', task, budgetSeconds: minutes * 60 });

const SUITES: Suite[] = [
  {
    name: 'default',
    description:
      'The embedded default: Auto-AR on ETTh1 at all four horizons (paper and default modes) and a 10-minute budgeted DASHA on GUE prom_core_tata (about 12 minutes on 2 cores)',
    items: [autoar('ETTh1'), dasha('gue/prom_core_tata', 10)],
  },
  {
    name: 'ltsf',
    description: 'Auto-AR (both modes) on every LTSF dataset at its standard horizons (datasets missing from the data directory are skipped and listed)',
    items: LTSF_DATASETS.map(autoar),
  },
  {
    name: 'gue',
    description: 'Budgeted DASHA on the four GUE promoter tasks (60 minutes each unless --budget is given)',
    items: ['prom_core_all', 'prom_core_notata', 'prom_core_tata', 'prom_300_tata'].map((t) => dasha(`gue/${t}`, 60)),
  },
  {
    name: 'satellite',
    description: 'Budgeted DASHA on EuroSAT, the real replacement for UC Merced (60 minutes unless --budget is given)',
    items: [dasha('eurosat', 60)],
  },
];

export function listSuites(): Suite[] {
  return SUITES;
}

export function getSuite(name: string): Suite {
  const suite = SUITES.find((s) => s.name === name.toLowerCase());
  if (!suite) throw new Error(`unknown benchmark '${name}' (known: ${SUITES.map((s) => s.name).join(', ')})`);
  return suite;
}

/** Number of runs a suite makes, for progress display. */
export function runCount(suite: Suite, seeds: number): number {
  return suite.items.reduce((n, it) => n + (it.workflow === 'autoar' ? it.horizons.length * it.modes.length : seeds), 0);
}
