// Named benchmark suites for `yardstick run`: which workflow runs on which task, with which budget. A suite names
// every task of its benchmark; `withDataPresent` keeps those whose data is in the data directory and says how to
// fetch the others.
import type { Mode } from '../autoar/index.js';
import { LTSF_DATASETS, ltsfSource, standardHorizons } from '../data/ltsf/index.js';
import { BUILTIN_TASKS, getTask } from '../tasks/index.js';

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

const dasha = (task: string, minutes: number): DashaItem => ({
  workflow: 'dasha',
  task,
  budgetSeconds: minutes * 60,
});

const SUITES: Suite[] = [
  {
    name: 'default',
    description:
      'The embedded default: Auto-AR on ETTh1 at all four horizons (paper and default modes) and a 10-minute budgeted DASHA on GUE prom_core_tata for each of 3 seeds (about 35 minutes on 2 cores; --seeds 1 for about 12)',
    items: [autoar('ETTh1'), dasha('gue/prom_core_tata', 10)],
  },
  {
    name: 'ltsf',
    description:
      'Auto-AR (both modes) on every LTSF dataset at its standard horizons (those missing from the data directory are listed with how to get them)',
    items: LTSF_DATASETS.map(autoar),
  },
  {
    name: 'gue',
    description:
      'Budgeted DASHA on every GUE task present in the data directory, of all 28 (60 minutes each unless --budget is given)',
    items: benchmarkTasks('gue/').map((t) => dasha(t, 60)),
  },
  {
    name: 'satellite',
    description:
      'Budgeted DASHA on EuroSAT and every GEO-Bench classification and segmentation task present in the data directory (60 minutes each unless --budget is given)',
    items: ['eurosat/rgb', ...benchmarkTasks('geobench/')].map((t) => dasha(t, 60)),
  },
];

function benchmarkTasks(prefix: string): string[] {
  return BUILTIN_TASKS.filter((t) => t.id.startsWith(prefix) && t.usage === 'benchmark').map((t) => t.id);
}

export interface MissingTask {
  task: string;
  /** How to get its data. */
  fetch: string;
}

/** Where an item's data is expected, and how to fetch it when it is not there. */
function dataOf(item: SuiteItem, dataDir: string): { present: boolean; fetch: string } {
  if (item.workflow === 'autoar') {
    const { present, fetch } = ltsfSource(item.task.replace(/^ltsf\//, ''), dataDir);
    return { present, fetch };
  }
  const source = getTask(item.task).source;
  return source
    ? { present: source.locate(dataDir) !== null, fetch: source.download }
    : { present: true, fetch: '' };
}

/** The suite restricted to the tasks whose data is in `dataDir`, and the others with how to fetch them. */
export function withDataPresent(suite: Suite, dataDir: string): { suite: Suite; missing: MissingTask[] } {
  const missing: MissingTask[] = [];
  const items = suite.items.filter((item) => {
    const d = dataOf(item, dataDir);
    if (!d.present) missing.push({ task: item.task, fetch: d.fetch });
    return d.present;
  });
  return { suite: { ...suite, items }, missing };
}

/** One line per fetch command: which tasks it would bring. */
export function describeMissing(missing: readonly MissingTask[]): string[] {
  const byFetch = new Map<string, string[]>();
  for (const m of missing) byFetch.set(m.fetch, [...(byFetch.get(m.fetch) ?? []), m.task]);
  return [...byFetch].map(
    ([fetch, tasks]) =>
      `missing ${tasks.length} task${tasks.length > 1 ? 's' : ''} (${tasks.join(', ')}): ${fetch.startsWith('yardstick') ? `fetch with: ${fetch}` : fetch}`,
  );
}

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
  return suite.items.reduce(
    (n, it) => n + (it.workflow === 'autoar' ? it.horizons.length * it.modes.length : seeds),
    0,
  );
}
