// The live view of one run, as an HTML fragment the page polls: current stage, time left, trials by rung,
// learning curves. Everything is read from the database on each poll.
import { formatDuration } from '../common/duration.js';
import type { ReadContext } from '../compare/load.js';
import { modelName } from '../compare/model-name.js';
import { runDetail } from '../report/model.js';
import { escapeHtml, sectionsHtml, tableHtml } from '../report/render.js';
import { reportSections } from '../report/sections.js';
import { asAsync, type StorageHandle } from '../storage/open.js';
import type { RunRecord } from '../storage/types.js';

export interface LiveState {
  status: RunRecord['status'];
  stage: string | null;
  elapsedSeconds: number;
  timeLeftSeconds: number | null;
  heartbeatAgeSeconds: number | null;
  trialsByStatus: Record<string, number>;
  trialsByRung: { rung: number; trials: number; promoted: number; stopped: number; completed: number }[];
}

export async function liveState(handle: StorageHandle, run: RunRecord, now = Date.now()): Promise<LiveState> {
  const storage = asAsync(handle);
  const end = run.finishedAt ? Date.parse(run.finishedAt) : now;
  const elapsed = (end - Date.parse(run.startedAt)) / 1000;
  const [metrics, trials, rungs] = await Promise.all([
    storage.listMetrics(run.id),
    storage.listTrials(run.id),
    storage.listRungs(run.id),
  ]);
  const last = metrics.at(-1);
  const trialsByStatus: Record<string, number> = {};
  for (const t of trials) trialsByStatus[t.status] = (trialsByStatus[t.status] ?? 0) + 1;
  const trialsByRung = [...new Set(rungs.map((r) => r.rung))]
    .sort((a, b) => a - b)
    .map((rung) => {
      const at = rungs.filter((r) => r.rung === rung);
      return {
        rung,
        trials: at.length,
        promoted: at.filter((r) => r.decision === 'promote').length,
        stopped: at.filter((r) => r.decision === 'stop').length,
        completed: at.filter((r) => r.decision === 'complete').length,
      };
    });
  return {
    status: run.status,
    stage: last?.stage ?? null,
    elapsedSeconds: elapsed,
    timeLeftSeconds:
      run.budgetSeconds === null || run.status !== 'running'
        ? null
        : Math.max(0, run.budgetSeconds - elapsed),
    heartbeatAgeSeconds: run.heartbeatAt ? (now - Date.parse(run.heartbeatAt)) / 1000 : null,
    trialsByStatus,
    trialsByRung,
  };
}

export async function liveFragment(ctx: ReadContext, run: RunRecord): Promise<string> {
  const s = await liveState(ctx.storage, run);
  const facts: [string, string][] = [
    ['status', s.status],
    ['current stage', s.stage ?? '—'],
    ['elapsed', formatDuration(s.elapsedSeconds)],
    ['time left in budget', s.timeLeftSeconds === null ? '—' : formatDuration(s.timeLeftSeconds)],
    ['last write', s.heartbeatAgeSeconds === null ? '—' : `${formatDuration(s.heartbeatAgeSeconds)} ago`],
    [
      'trials',
      Object.entries(s.trialsByStatus)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ') || '—',
    ],
  ];
  const summary = tableHtml({
    id: 'live-summary',
    title: `${modelName(run)} on ${run.task}`,
    columns: ['', ''],
    rows: facts,
  });
  const rungs = tableHtml({
    id: 'live-rungs',
    title: 'Trials by rung',
    columns: ['rung (epochs)', 'trials', 'promoted', 'stopped', 'completed'],
    rows: s.trialsByRung.map((r) => [r.rung, r.trials, r.promoted, r.stopped, r.completed].map(String)),
  });
  const notes: string[] = [];
  const detail = await runDetail(ctx, run, notes);
  // the run's own section (trials, rungs, curves, architecture), without the published comparison
  const sections = await reportSections({
    kind: 'run',
    target: run.id,
    title: '',
    generatedAt: '',
    comparisons: [],
    benchmark: null,
    runs: [detail],
    notes,
    registry: ctx.registry.info(),
  });
  return `${summary}${rungs}${sectionsHtml(sections)}${notes.map((n) => `<p class="notes">${escapeHtml(n)}</p>`).join('')}`;
}
