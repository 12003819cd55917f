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

async function runAutoArItem(
  item: Extract<SuiteItem, { workflow: 'autoar' }>,
  o: SuiteOptions,
  out: SuiteOutcome,
): Promise<void> {
  let task;
  try {
    task = loadLtsfTask(item.task, o.dataDir);
  } catch (e) {
    const reason = (e as Error).message;
    out.problems.push(`${item.task}: skipped (${reason})`);
    o.onEvent?.({ kind: 'skipped', label: item.task, reason });
    return;
  }
  for (const horizon of item.horizons) {
    for (const mode of item.modes) {
      if (o.shouldStop?.()) return;
      const label = `Auto-AR ${mode} ${item.task} h${horizon}`;
      o.onEvent?.({ kind: 'start', label });
      try {
        const { runId, result } = await runAndRecordAutoAR(task, horizon, {
          mode,
          storage: o.storage,
          artifactRoot: o.artifactRoot,
        });
        out.runIds.push(runId);
        o.onEvent?.({
          kind: 'done',
          label,
          runId,
          summary: `d=${result.d} L=${result.lookback} MSE ${result.mse.toFixed(4)} MAE ${result.mae.toFixed(4)} (${result.seconds.toFixed(1)} s)`,
        });
      } catch (e) {
        out.problems.push(`${label}: ${(e as Error).message}`);
        o.onEvent?.({ kind: 'failed', label, error: (e as Error).message });
      }
    }
  }
  out.tasks.push(item.task);
}

async function runDashaItem(
  item: Extract<SuiteItem, { workflow: 'dasha' }>,
  o: SuiteOptions,
  out: SuiteOutcome,
): Promise<void> {
  let task;
  try {
    task = await loadDashaTask(item.task, o.dataDir);
  } catch (e) {
    const reason = (e as Error).message;
    out.problems.push(`${item.task}: skipped (${reason})`);
    o.onEvent?.({ kind: 'skipped', label: item.task, reason });
    return;
  }
  for (const seed of o.seeds) {
    if (o.shouldStop?.()) return;
    const label = `DASHA ${item.task} seed ${seed}`;
    o.onEvent?.({ kind: 'start', label });
    try {
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
      out.runIds.push(r.runId);
      const score = r.testScore === null ? 'no test score' : `test ${r.metric} ${r.testScore.toFixed(4)}`;
      o.onEvent?.({
        kind: 'done',
        label,
        runId: r.runId,
        summary: `${score}, ${r.architecture.backbone}, ${Math.round(r.wallSeconds)} s`,
      });
    } catch (e) {
      out.problems.push(`${label}: ${(e as Error).message}`);
      o.onEvent?.({ kind: 'failed', label, error: (e as Error).message });
    }
  }
  out.tasks.push(item.task);
}

export async function runSuite(suite: Suite, o: SuiteOptions): Promise<SuiteOutcome> {
  const out: SuiteOutcome = { runIds: [], tasks: [], problems: [] };
  for (const item of suite.items) {
    if (o.shouldStop?.()) break;
    if (item.workflow === 'autoar') await runAutoArItem(item, o, out);
    else await runDashaItem(item, o, out);
  }
  return out;
}
