// The run record: owns the run id, the artefact folder and every write to Storage for one DASHA run (the
// stages stay free of storage details, as Auto-AR's estimator is). A run created here always ends closed:
// finish() with its result, or fail() with the error that stopped it, never left 'running'.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RunRecord, Storage } from '../storage/types.js';
import { describeMachine } from '../storage/machine.js';

export interface OpenRecord {
  storage: Storage;
  workflow: 'dasha';
  taskId: string;
  mode: string;
  seed: number;
  device: string;
  budgetSeconds: number | null;
  outDir: string;
  config: Record<string, unknown>;
  /** The run being resumed: continued in place while 'running', else under a new id with its ledger copied. */
  prior?: RunRecord;
}

/** Copies an interrupted run's ASHA ledger (trials, rung decisions, reported values) to its continuation. */
function copyLedger(storage: Storage, from: string, to: string): void {
  for (const t of storage.listTrials(from)) storage.upsertTrial({ ...t, runId: to });
  for (const r of storage.listRungs(from)) storage.recordRung({ ...r, runId: to });
  storage.logMetrics(storage.listMetrics(from, { stage: 'asha' }).map((m) => ({ ...m, runId: to })));
}

export class DashaRecord {
  private readonly partial: Record<string, unknown>;
  private closed = false;

  private constructor(
    readonly storage: Storage,
    readonly runId: string,
    readonly artifactDir: string,
    prior: Record<string, unknown> | null,
  ) {
    this.partial = { ...(prior ?? {}) };
  }

  static open(o: OpenRecord): DashaRecord {
    const { prior } = o;
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const runId =
      prior?.status === 'running'
        ? prior.id
        : prior
          ? `${prior.id}-resumed-${stamp}`
          : `dasha-${o.taskId.replace(/[^\w.-]+/g, '_')}-${stamp}-${o.seed}`;
    const artifactDir = prior?.artifactDir ?? path.resolve(o.outDir, runId);
    mkdirSync(artifactDir, { recursive: true });
    if (prior?.status !== 'running') {
      o.storage.createRun({
        id: runId,
        workflow: o.workflow,
        task: o.taskId,
        mode: o.mode,
        config: { ...o.config, ...(prior ? { resumedFrom: prior.id } : {}) },
        machine: describeMachine(o.device),
        seed: o.seed,
        budgetSeconds: o.budgetSeconds,
        startedAt: new Date().toISOString(),
        artifactDir,
      });
      if (prior) copyLedger(o.storage, prior.id, runId);
    }
    return new DashaRecord(o.storage, runId, artifactDir, prior?.result ?? null);
  }

  /** What earlier stages (of this run, or of the run it resumes) stored. */
  get progress(): Readonly<Record<string, unknown>> {
    return this.partial;
  }

  saveProgress(patch: Record<string, unknown>): void {
    Object.assign(this.partial, patch);
    this.storage.updateRunResult(this.runId, this.partial);
  }

  logMetric(stage: string, step: number, name: string, value: number, trialId: number | null = null): void {
    this.storage.logMetrics([
      { runId: this.runId, trialId, stage, step, name, value, at: new Date().toISOString() },
    ]);
  }

  artifact(name: string): string {
    return path.join(this.artifactDir, name);
  }

  writeJson(name: string, value: unknown): string {
    writeFileSync(this.artifact(name), JSON.stringify(value));
    return name;
  }

  finish(status: 'complete' | 'interrupted', result: Record<string, unknown>): void {
    this.storage.finishRun(this.runId, status, { ...this.partial, ...result });
    this.closed = true;
  }

  /** Marks the run failed with the error's message (what stopped it), unless it was already closed. */
  fail(error: unknown): void {
    if (this.closed) return;
    this.closed = true;
    const message = error instanceof Error ? error.message : String(error);
    this.storage.finishRun(this.runId, 'failed', { ...this.partial, error: message });
  }
}
