// The live view of one run, as an HTML fragment the page polls: current stage, time left, trials by rung,
// learning curves. Everything is read from the database on each poll.
import { formatDuration } from '../common/duration.js';
import type { CompareContext } from '../compare/task.js';
import { modelName } from '../compare/model-name.js';
import { runDetail } from '../report/model.js';
import { escapeHtml, sectionsHtml, tableHtml } from '../report/render.js';
import { reportSections } from '../report/sections.js';
import type { RunRecord, Storage } from '../storage/types.js';

export interface LiveState {
  status: RunRecord['status'];
  stage: string | null;
  elapsedSeconds: number;
  timeLeftSeconds: number | null;
  heartbeatAgeSeconds: number | null;
  trialsByStatus: Record<string, number>;
  trialsByRung: { rung: number; trials: number; promoted: number; stopped: number; completed: number }[];
}

export function liveState(storage: Storage, run: RunRecord, now = Date.now()): LiveState {
  const end = run.finishedAt ? Date.parse(run.finishedAt) : now;
  const elapsed = (end - Date.parse(run.startedAt)) / 1000;
  const last = storage.listMetrics(run.id).at(-1);
  const trialsByStatus: Record<string, number> = {};
  for (const t of storage.listTrials(run.id)) trialsByStatus[t.status] = (trialsByStatus[t.status] ?? 0) + 1;
  const rungs = storage.listRungs(run.id);
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

export async function liveFragment(ctx: CompareContext, run: RunRecord): Promise<string> {
  const s = liveState(ctx.storage, run);
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
  const detail = runDetail(ctx, run, notes);
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
