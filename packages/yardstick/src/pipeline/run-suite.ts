// Runs every item of a suite in turn, storing each run; a task that cannot be loaded or a run that fails is
// recorded and reported, and the suite goes on with the rest.
import path from 'node:path';
import { runAndRecordAutoAR } from '../autoar/index.js';
import { loadDashaTask, runDasha, type DashaProgress } from '../dasha/index.js';
import { loadLtsfTask } from '../data/ltsf/index.js';
import type { StorageHandle } from '../storage/open.js';
import type { Suite, SuiteItem } from './suites.js';
import type * as torch from '@yardstick/torch';

export interface SuiteOptions {
  dataDir: string;
  /** The run database (SQLite or PostgreSQL, through the storage contract). */
  storage: StorageHandle;
  /** Folder under which each run gets its artefact folder. */
  artifactRoot: string;
  /** Overrides every DASHA item's budget. */
  budgetSeconds?: number;
  /** DASHA seeds: one run per seed and task. */
  seeds: number[];
  device: torch.Device;
  shouldStop?: () => boolean;
  onEvent?: (e: SuiteEvent) => void;
}

export type SuiteEvent =
  | { kind: 'start'; label: string }
  | { kind: 'done'; label: string; runId: string; summary: string }
  | { kind: 'skipped'; label: string; reason: string }
  | { kind: 'failed'; label: string; error: string }
  | { kind: 'dasha'; label: string; progress: DashaProgress };

export interface SuiteOutcome {
  runIds: string[];
  tasks: string[];
  problems: string[];
}

/** One run of an item: its label, and the run, which stores itself and says what it found. */
interface SuiteRun {
  label: string;
  run: () => Promise<{ runId: string; summary: string }>;
}

/**
 * Loads an item's task (one it cannot load is recorded as skipped) and does its runs in turn, each announced and
 * recorded; a failed run is recorded as a problem, and the suite goes on.
 */
async function runItem<T>(
  item: SuiteItem,
  o: SuiteOptions,
  out: SuiteOutcome,
  load: () => T | Promise<T>,
  runsOf: (task: T) => SuiteRun[],
): Promise<void> {
  let task: T;
  try {
    task = await load();
  } catch (e) {
    const reason = (e as Error).message;
    out.problems.push(`${item.task}: skipped (${reason})`);
    o.onEvent?.({ kind: 'skipped', label: item.task, reason });
    return;
  }
  for (const { label, run } of runsOf(task)) {
    if (o.shouldStop?.()) return;
    o.onEvent?.({ kind: 'start', label });
    try {
      const { runId, summary } = await run();
      out.runIds.push(runId);
      o.onEvent?.({ kind: 'done', label, runId, summary });
    } catch (e) {
      out.problems.push(`${label}: ${(e as Error).message}`);
      o.onEvent?.({ kind: 'failed', label, error: (e as Error).message });
    }
  }
  out.tasks.push(item.task);
}

function autoArRuns(
  item: Extract<SuiteItem, { workflow: 'autoar' }>,
  o: SuiteOptions,
  task: ReturnType<typeof loadLtsfTask>,
): SuiteRun[] {
  return item.horizons.flatMap((horizon) =>
    item.modes.map((mode) => ({
      label: `Auto-AR ${mode} ${item.task} h${horizon}`,
      run: async () => {
        const { runId, result } = await runAndRecordAutoAR(task, horizon, {
          mode,
          storage: o.storage,
          artifactRoot: o.artifactRoot,
        });
        return {
          runId,
          summary: `d=${result.d} L=${result.lookback} MSE ${result.mse.toFixed(4)} MAE ${result.mae.toFixed(4)} (${result.seconds.toFixed(1)} s)`,
        };
      },
    })),
  );
}

function dashaRuns(
  item: Extract<SuiteItem, { workflow: 'dasha' }>,
  o: SuiteOptions,
  task: Awaited<ReturnType<typeof loadDashaTask>>,
): SuiteRun[] {
  return o.seeds.map((seed) => {
    const label = `DASHA ${item.task} seed ${seed}`;
    return {
      label,
      run: async () => {
        const r = await runDasha({
          task,
          mode: 'budget',
          budgetSeconds: o.budgetSeconds ?? item.budgetSeconds,
          seed,
          device: o.device,
          storage: o.storage,
          outDir: path.join(o.artifactRoot, 'dasha'),
          shouldStop: o.shouldStop,
          onProgress: (progress) => o.onEvent?.({ kind: 'dasha', label, progress }),
        });
        const score = r.testScore === null ? 'no test score' : `test ${r.metric} ${r.testScore.toFixed(4)}`;
        return {
          runId: r.runId,
          summary: `${score}, ${r.architecture.backbone}, ${Math.round(r.wallSeconds)} s`,
        };
      },
    };
  });
}

export async function runSuite(suite: Suite, o: SuiteOptions): Promise<SuiteOutcome> {
  const out: SuiteOutcome = { runIds: [], tasks: [], problems: [] };
  for (const item of suite.items) {
    if (o.shouldStop?.()) break;
    if (item.workflow === 'autoar')
      await runItem(
        item,
        o,
        out,
        () => loadLtsfTask(item.task, o.dataDir),
        (task) => autoArRuns(item, o, task),
      );
    else
      await runItem(
        item,
        o,
        out,
        () => loadDashaTask(item.task, o.dataDir),
        (task) => dashaRuns(item, o, task),
      );
  }
  return out;
}
