// A small Storage for tests: state in memory, every write appended to a JSON-lines journal (when a path
// is given) and replayed on open, so a child process killed mid-search leaves a readable ledger behind.
// A torn last line (kill during a write) is ignored, like a rolled-back transaction.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import type { MetricRecord, RunRecord, RungRecord, Storage, TrialRecord } from '../../../src/storage/types.js';

type Op =
  | { op: 'run'; run: RunRecord }
  | { op: 'trial'; trial: TrialRecord }
  | { op: 'rung'; rung: RungRecord }
  | { op: 'metrics'; metrics: MetricRecord[] };

export class JournalStorage implements Storage {
  private runs = new Map<string, RunRecord>();
  private trials = new Map<string, TrialRecord>();
  private rungs: RungRecord[] = [];
  private metrics: MetricRecord[] = [];

  constructor(private readonly path?: string) {
    if (path && existsSync(path)) {
      for (const line of readFileSync(path, 'utf8').split('\n')) {
        if (!line) continue;
        let op: Op;
        try {
          op = JSON.parse(line) as Op;
        } catch {
          continue;
        }
        this.apply(op);
      }
    }
  }

  private apply(op: Op): void {
    if (op.op === 'run') this.runs.set(op.run.id, op.run);
    else if (op.op === 'trial') this.trials.set(`${op.trial.runId}/${op.trial.trialId}`, op.trial);
    else if (op.op === 'rung') this.rungs.push(op.rung);
    else this.metrics.push(...op.metrics);
  }

  private write(op: Op): void {
    this.apply(structuredClone(op));
    if (this.path) appendFileSync(this.path, JSON.stringify(op) + '\n');
  }

  createRun(run: Omit<RunRecord, 'status' | 'finishedAt' | 'result'>): RunRecord {
    const r: RunRecord = { ...run, status: 'running', finishedAt: null, result: null };
    this.write({ op: 'run', run: r });
    return r;
  }
  getRun(id: string): RunRecord | undefined {
    return this.runs.get(id);
  }
  listRuns(filter: { workflow?: string; task?: string; status?: RunRecord['status'] } = {}): RunRecord[] {
    return [...this.runs.values()].filter(
      (r) => (!filter.workflow || r.workflow === filter.workflow) && (!filter.task || r.task === filter.task) && (!filter.status || r.status === filter.status),
    );
  }
  finishRun(id: string, status: Exclude<RunRecord['status'], 'running'>, result: Record<string, unknown> | null): void {
    const r = this.runs.get(id)!;
    this.write({ op: 'run', run: { ...r, status, result, finishedAt: new Date().toISOString() } });
  }
  updateRunResult(id: string, result: Record<string, unknown>): void {
    this.write({ op: 'run', run: { ...this.runs.get(id)!, result } });
  }
  upsertTrial(trial: TrialRecord): void {
    this.write({ op: 'trial', trial });
  }
  listTrials(runId: string): TrialRecord[] {
    return [...this.trials.values()].filter((t) => t.runId === runId).sort((a, b) => a.trialId - b.trialId);
  }
  recordRung(rung: RungRecord): void {
    this.write({ op: 'rung', rung });
  }
  listRungs(runId: string): RungRecord[] {
    return this.rungs.filter((r) => r.runId === runId);
  }
  logMetrics(metrics: MetricRecord[]): void {
    this.write({ op: 'metrics', metrics });
  }
  listMetrics(runId: string, filter: { stage?: string; name?: string; trialId?: number | null } = {}): MetricRecord[] {
    return this.metrics.filter(
      (m) =>
        m.runId === runId &&
        (filter.stage === undefined || m.stage === filter.stage) &&
        (filter.name === undefined || m.name === filter.name) &&
        (filter.trialId === undefined || m.trialId === filter.trialId),
    );
  }
  close(): void {}
}
