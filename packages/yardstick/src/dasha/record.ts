// The run record: owns the run id, the artefact folder and every write to Storage for one DASHA run (the
// stages stay free of storage details, as Auto-AR's estimator is). A run created here always ends closed:
// finish() with its result, or fail() with the error that stopped it, never left 'running'. It writes through
// the storage contract, so the run may live in SQLite or PostgreSQL. Metrics logged from inside a stage's
// synchronous callbacks are queued in order and settled at the next saveProgress/flush/finish, where a failed
// write surfaces as the stage's error.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AsyncStorage } from '../storage/contract.js';
import type { RunRecord } from '../storage/types.js';
import { describeMachine } from '../storage/machine.js';

export interface OpenRecord {
  storage: AsyncStorage;
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
async function copyLedger(storage: AsyncStorage, from: string, to: string): Promise<void> {
  // a trial the interrupted run left running has no live owner: it continues as pending
  for (const t of await storage.listTrials(from))
    await storage.upsertTrial({ ...t, runId: to, status: t.status === 'running' ? 'pending' : t.status });
  for (const r of await storage.listRungs(from)) await storage.recordRung({ ...r, runId: to });
  await storage.logMetrics(
    (await storage.listMetrics(from, { stage: 'asha' })).map((m) => ({ ...m, runId: to })),
  );
}

export class DashaRecord {
  private readonly partial: Record<string, unknown>;
  private closed = false;
  private writes: Promise<void> = Promise.resolve();
  private writeError: unknown = null;

  private constructor(
    readonly storage: AsyncStorage,
    readonly runId: string,
    readonly artifactDir: string,
    prior: Record<string, unknown> | null,
  ) {
    this.partial = { ...(prior ?? {}) };
  }

  static async open(o: OpenRecord): Promise<DashaRecord> {
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
      await o.storage.createRun({
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
      if (prior) await copyLedger(o.storage, prior.id, runId);
    }
    return new DashaRecord(o.storage, runId, artifactDir, prior?.result ?? null);
  }

  /** What earlier stages (of this run, or of the run it resumes) stored. */
  get progress(): Readonly<Record<string, unknown>> {
    return this.partial;
  }

  saveProgress(patch: Record<string, unknown>): Promise<void> {
    Object.assign(this.partial, patch);
    const snapshot = { ...this.partial };
    this.enqueue(() => this.storage.updateRunResult(this.runId, snapshot));
    return this.flush();
  }

  /** Queues one metric row (callable from synchronous progress callbacks); settled by the next flush. */
  logMetric(stage: string, step: number, name: string, value: number, trialId: number | null = null): void {
    const at = new Date().toISOString();
    this.enqueue(() =>
      this.storage.logMetrics([{ runId: this.runId, trialId, stage, step, name, value, at }]),
    );
  }

  /** Waits for every queued write; throws the first one that failed. */
  async flush(): Promise<void> {
    await this.writes;
    if (this.writeError !== null) throw this.writeError;
  }

  private enqueue(write: () => Promise<void>): void {
    this.writes = this.writes.then(write).catch((e: unknown) => {
      this.writeError ??= e;
    });
  }

  artifact(name: string): string {
    return path.join(this.artifactDir, name);
  }

  writeJson(name: string, value: unknown): string {
    writeFileSync(this.artifact(name), JSON.stringify(value));
    return name;
  }

  async finish(status: 'complete' | 'interrupted', result: Record<string, unknown>): Promise<void> {
    await this.flush();
    await this.storage.finishRun(this.runId, status, { ...this.partial, ...result });
    this.closed = true;
  }

  /** Marks the run failed with the error's message (what stopped it), unless it was already closed. */
  async fail(error: unknown): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.writes;
    const message = error instanceof Error ? error.message : String(error);
    await this.storage.finishRun(this.runId, 'failed', { ...this.partial, error: message });
  }
}
