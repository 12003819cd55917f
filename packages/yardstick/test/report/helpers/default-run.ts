// TEST DATA: a database shaped like the one `yardstick run default` leaves: Auto-AR (paper and default modes) on
// ETTh1 at the four horizons, with per-window scores and forecast samples of the real sizes, and DASHA on GUE
// prom_core_tata with 3 seeds (ASHA trials, rungs, learning curves, the DASH architecture and test predictions).
// Scores are near what those workflows measure here, but no number is a real result.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRng } from '../../../src/common/random.js';
import { SqliteStorage } from '../../../src/storage/index.js';
import { machine, recordAshaTrials } from './synthetic.js';

/** ETTh1 test split: 2880 rows, so 2880 - h + 1 windows. */
const HORIZONS = [96, 192, 336, 720];
const MSE: Record<string, number[]> = {
  paper: [0.3782, 0.4276, 0.4681, 0.4716],
  default: [0.3605, 0.4012, 0.4275, 0.4521],
};
const TATA_TEST = 613;

export function defaultRunDatabase(): {
  storage: SqliteStorage;
  file: string;
  dir: string;
  runIds: string[];
} {
  const dir = mkdtempSync(path.join(tmpdir(), 'ys-default-'));
  const file = path.join(dir, 'yardstick.db');
  const storage = new SqliteStorage(file);
  const rand = createRng(7).next;
  const noise = (s: number) => (rand() - 0.5) * 2 * s;
  const t0 = Date.parse('2026-02-01T08:00:00Z');
  let k = 0;
  const at = () => new Date(t0 + 5_000 * k++).toISOString();
  const runIds: string[] = [];

  for (const [hi, horizon] of HORIZONS.entries()) {
    for (const mode of ['paper', 'default'] as const) {
      const id = `autoar-ETTh1-h${horizon}-${mode}`;
      const art = path.join(dir, 'runs', id);
      mkdirSync(art, { recursive: true });
      const windows = 2880 - horizon + 1;
      // per-window squared error: skewed and positive, averaging to the run's MSE
      const raw = Array.from(
        { length: windows },
        (_, w) => Math.exp(noise(1.2)) * (1 + 0.3 * Math.sin(w / 40)),
      );
      const scale = MSE[mode][hi] / (raw.reduce((a, b) => a + b, 0) / windows);
      const mse = raw.map((x) => x * scale);
      const mae = mse.map((x) => Math.sqrt(x) * 0.95);
      writeFileSync(path.join(art, 'per-example.json'), JSON.stringify({ mse, mae }));
      const context = Math.min(horizon, 96);
      const series = ['OT', 'HUFL'].flatMap((channel, c) =>
        [0, Math.floor((windows - 1) / 2), windows - 1].map((window) => {
          const t = Array.from({ length: context + horizon }, (_, i) => window - context + i);
          const actual = t.map((x) => Math.sin(x / 12 + c) + noise(0.2));
          return {
            channel,
            window,
            t,
            actual,
            forecast: t.map((x, i) => (i < context ? null : 0.8 * Math.sin(x / 12 + c))),
          };
        }),
      );
      writeFileSync(path.join(art, 'forecasts.json'), JSON.stringify({ series }));
      storage.createRun({
        id,
        workflow: 'autoar',
        task: 'ltsf/ETTh1',
        mode,
        config: { horizon, mode },
        machine,
        seed: null,
        budgetSeconds: null,
        startedAt: at(),
        artifactDir: art,
      });
      const lookback = mode === 'paper' ? 192 : 336;
      storage.finishRun(id, 'complete', {
        model: mode === 'paper' ? 'Auto-AR (paper)' : 'Auto-AR',
        test: { mse: MSE[mode][hi], mae: mae.reduce((a, b) => a + b, 0) / windows },
        horizon,
        lookback,
        params: lookback + 1,
        trainSeconds: 18 + horizon / 10 + rand() * 5,
        split: 'standard test',
        hyperparameters: { d: 1, lookback },
        perExample: 'per-example.json',
        forecasts: 'forecasts.json',
      });
      runIds.push(id);
    }
  }

  for (const seed of [0, 1, 2]) {
    const id = `dasha-gue_prom_core_tata-s${seed}`;
    const art = path.join(dir, 'runs', id);
    mkdirSync(art, { recursive: true });
    storage.createRun({
      id,
      workflow: 'dasha',
      task: 'gue/prom_core_tata',
      mode: 'budget',
      config: { seed },
      machine,
      seed,
      budgetSeconds: 600,
      startedAt: at(),
      artifactDir: art,
    });
    recordAshaTrials(storage, id, {
      trials: 27,
      quality: (trial) => 0.6 + 0.004 * trial + noise(0.04),
      epochs: (trial) => (trial < 18 ? 1 : trial < 24 ? 3 : 9),
      rise: 0.12,
      status: (_, epochs) => (epochs === 9 ? 'complete' : 'stopped'),
      rand,
      noise,
      at,
    });
    // test predictions: binary promoter labels, about 87% right (MCC near 0.73); the seeds share most of their
    // errors, as models trained on the same data do
    const labels = Array.from({ length: TATA_TEST }, (_, i) => (i % 2 === 0 ? 1 : 0));
    const hard = createRng(99).next;
    const predictions = labels.map((y) => (hard() < 0.125 + 0.006 * seed ? 1 - y : y));
    writeFileSync(path.join(art, 'predictions.json'), JSON.stringify({ labels, predictions }));
    const [tp, tn, fp, fn] = [
      labels.filter((y, i) => y === 1 && predictions[i] === 1).length,
      labels.filter((y, i) => y === 0 && predictions[i] === 0).length,
      labels.filter((y, i) => y === 0 && predictions[i] === 1).length,
      labels.filter((y, i) => y === 1 && predictions[i] === 0).length,
    ];
    const mcc = (tp * tn - fp * fn) / Math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn));
    storage.finishRun(id, 'complete', {
      model: 'DASHA',
      test: { mcc, accuracy: (tp + tn) / TATA_TEST },
      params: 2_310_000 + 1000 * seed,
      trainSeconds: 590 + 5 * seed,
      split: 'standard test (GUE fixed split)',
      architecture: Array.from({ length: 8 }, (_, layer) => ({
        layer: `conv${layer + 1}`,
        kernel: [3, 5, 7, 9, 11][(layer + seed) % 5],
        dilation: [1, 2, 4][layer % 3],
      })),
      hyperparameters: { lr: 0.01, weight_decay: 5e-5, momentum: 0.9, drop_rate: 0.1 },
      predictions: 'predictions.json',
    });
    runIds.push(id);
  }
  return { storage, file, dir, runIds };
}
