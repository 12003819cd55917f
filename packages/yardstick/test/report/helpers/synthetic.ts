// TEST DATA: a synthetic but realistic run database (Auto-AR on ETTh1, DASHA on a GUE promoter task, and a
// DASHA search still running) for report and dashboard tests. No number here is a real result.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRng } from '../../../src/common/random.js';
import { SqliteStorage } from '../../../src/storage/index.js';
import type { MachineInfo, TrialRecord } from '../../../src/storage/types.js';

export const machine: MachineInfo = {
  hostname: 'test-host',
  platform: 'linux',
  cpus: 2,
  cpuModel: 'Synthetic CPU @ 2.0GHz',
  memoryGb: 8,
  device: 'cpu',
};

/**
 * A DASHA run's ASHA trials: per-epoch validation curves rising to each trial's quality, rung decisions at 1, 3
 * and 9 epochs, and the trial rows with sampled hyperparameters. `noise(s)` is uniform in ±s.
 */
export function recordAshaTrials(
  storage: SqliteStorage,
  runId: string,
  o: {
    trials: number;
    quality: (trial: number) => number;
    epochs: (trial: number) => number;
    /** The curve's start below its quality: quality - rise / epoch. */
    rise: number;
    status: (trial: number, epochs: number) => TrialRecord['status'];
    rand: () => number;
    noise: (s: number) => number;
    at: () => string;
  },
): void {
  for (let trial = 0; trial < o.trials; trial++) {
    const quality = o.quality(trial);
    const epochs = o.epochs(trial);
    const metrics = Array.from({ length: epochs }, (_, e) => ({
      runId,
      trialId: trial,
      stage: 'asha',
      step: e + 1,
      name: 'val_score',
      value: quality - o.rise / (e + 1) + o.noise(0.01),
      at: o.at(),
    }));
    storage.logMetrics(metrics);
    for (const rung of [1, 3, 9].filter((r) => r <= epochs)) {
      const decision = rung === epochs ? (rung === 9 ? 'complete' : 'stop') : 'promote';
      storage.recordRung({ runId, rung, trialId: trial, value: metrics[rung - 1].value, decision });
    }
    storage.upsertTrial({
      runId,
      trialId: trial,
      status: o.status(trial, epochs),
      params: {
        lr: 10 ** (-3 + o.rand() * 2),
        weight_decay: 10 ** (-6 + o.rand() * 3),
        momentum: 0.9,
        drop_rate: 0.1 * (trial % 3),
      },
      lastEpoch: epochs,
      bestValue: Math.max(...metrics.map((m) => m.value)),
      initWeightsPath: null,
      updatedAt: o.at(),
    });
  }
}

export function syntheticDatabase(): { storage: SqliteStorage; file: string; dir: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'ys-synth-'));
  const file = path.join(dir, 'yardstick.db');
  const storage = new SqliteStorage(file);
  const rng = createRng(42);
  const rand = () => rng.next();
  const noise = (s: number) => (rand() - 0.5) * 2 * s;
  const t0 = Date.parse('2026-01-05T09:00:00Z');
  let k = 0;
  const at = () => new Date(t0 + 60_000 * k++).toISOString();

  for (const horizon of [96, 192]) {
    for (const seed of [0, 1, 2]) {
      const id = `autoar-etth1-h${horizon}-s${seed}`;
      const art = path.join(dir, 'artifacts', id);
      mkdirSync(art, { recursive: true });
      const series = ['OT', 'HUFL'].flatMap((channel, c) =>
        [0, 1].map((window) => {
          const t = Array.from({ length: 48 }, (_, i) => window * 500 + i);
          const actual = t.map((x) => Math.sin(x / 8 + c) + noise(0.15));
          return { channel, window, t, actual, forecast: t.map((x) => 0.85 * Math.sin(x / 8 + c)) };
        }),
      );
      writeFileSync(path.join(art, 'forecasts.json'), JSON.stringify({ series }));
      const base = horizon === 96 ? 0.385 : 0.43;
      const perExample = Array.from({ length: 300 }, () => Math.max(0, base + noise(0.2)));
      const mse = perExample.reduce((a, b) => a + b) / perExample.length;
      writeFileSync(path.join(art, 'per-example.json'), JSON.stringify({ mse: perExample }));
      storage.createRun({
        id,
        workflow: 'autoar',
        task: 'ltsf/ETTh1',
        mode: 'test',
        config: { horizon },
        machine,
        seed,
        budgetSeconds: null,
        startedAt: at(),
        artifactDir: art,
      });
      const lookback = 336 + 96 * seed;
      storage.finishRun(id, 'complete', {
        test: { mse, mae: 0.41 + noise(0.01) },
        lookback,
        params: lookback * 7 + 1,
        trainSeconds: 2.5 + rand(),
        hyperparameters: { differencing: 0, lookback },
        perExample: 'per-example.json',
      });
    }
  }

  const dasha = (id: string, seed: number, finished: boolean) => {
    storage.createRun({
      id,
      workflow: 'dasha',
      task: 'gue/prom_core_all',
      mode: 'test',
      config: { backbone: 'resnet1d' },
      machine,
      seed,
      budgetSeconds: 900,
      startedAt: finished ? at() : new Date(Date.now() - 300_000).toISOString(),
      artifactDir: null,
    });
    recordAshaTrials(storage, id, {
      trials: finished ? 9 : 6,
      quality: (trial) => 0.55 + 0.02 * trial + noise(0.03),
      epochs: (trial) => (finished ? (trial < 3 ? 1 : trial < 7 ? 3 : 9) : trial < 4 ? 1 : 3),
      rise: 0.15,
      status: (trial, epochs) =>
        !finished && trial >= 4 ? 'running' : epochs === 9 ? 'complete' : 'stopped',
      rand,
      noise,
      at,
    });
    if (!finished) return;
    storage.logMetrics(
      Array.from({ length: 12 }, (_, e) => ({
        runId: id,
        trialId: null,
        stage: 'retrain',
        step: e + 1,
        name: 'train_loss',
        value: 0.7 / (e + 1),
        at: at(),
      })),
    );
    storage.finishRun(id, 'complete', {
      test: { mcc: 0.69 + 0.02 * seed, accuracy: 0.85 + 0.01 * seed },
      params: 1_234_567,
      trainSeconds: 840 + 20 * seed,
      architecture: Array.from({ length: 8 }, (_, layer) => ({
        layer,
        kernel: [3, 5, 7, 9][(layer + seed) % 4],
        dilation: [1, 2, 4][layer % 3],
      })),
      hyperparameters: { lr: 0.012, weight_decay: 5e-5, momentum: 0.9, drop_rate: 0.1 },
    });
  };
  dasha('dasha-prom-core-s0', 0, true);
  dasha('dasha-prom-core-s1', 1, true);
  dasha('dasha-live', 2, false);
  return { storage, file, dir };
}
