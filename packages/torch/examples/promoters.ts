// A small 1-D convolutional network for promoter detection on GUE prom_core_tata (70-bp DNA, binary),
// written with @yardstick/torch only. Used by the runnable demo (train-promoters.ts) and the tests.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as torch from '@yardstick/torch';
import { nn, optim, type Tensor } from '@yardstick/torch';

const F = nn.functional;
const ALPHABET = 'ACGTN';

/** The shared data folder: YARDSTICK_DATA_DIR, else ../shared/data beside the repository. */
export function dataDir(): string {
  const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
  return process.env.YARDSTICK_DATA_DIR ?? path.resolve(repo, '../shared/data');
}

export interface Split {
  /** One-hot sequences [N, 5, L] (channels A, C, G, T, N; any other letter counts as N). */
  x: Tensor;
  /** Labels [N] (int64). */
  y: Tensor;
}

/** Reads a GUE CSV (header `sequence,label`) into one-hot tensors; `limit` keeps the first rows. */
export function loadSplit(file: string, limit = Infinity): Split {
  if (!existsSync(file))
    throw new Error(`GUE file not found: ${file} (set YARDSTICK_DATA_DIR to the shared data folder)`);
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  if (lines[0].trim() !== 'sequence,label')
    throw new Error(`${file}: expected the header 'sequence,label', got '${lines[0]}'`);
  const rows = lines.slice(1, 1 + Math.min(limit, lines.length - 1)).map((line, i) => {
    const [seq, label] = line.trim().split(',');
    if (!seq || !(label === '0' || label === '1'))
      throw new Error(`${file}: row ${i + 2} is not 'sequence,0|1'`);
    return { seq: seq.toUpperCase(), label: Number(label) };
  });
  const len = rows[0].seq.length;
  const onehot = new Float32Array(rows.length * ALPHABET.length * len);
  rows.forEach(({ seq }, n) => {
    if (seq.length !== len)
      throw new Error(`${file}: sequence ${n + 1} has length ${seq.length}, expected ${len}`);
    for (let i = 0; i < len; i++) {
      const c = ALPHABET.indexOf(seq[i]);
      onehot[(n * ALPHABET.length + (c < 0 ? 4 : c)) * len + i] = 1;
    }
  });
  return {
    x: torch.tensor(onehot, { shape: [rows.length, ALPHABET.length, len] }),
    y: torch.tensor(
      Int32Array.from(rows, (r) => r.label),
      { dtype: 'int64' },
    ),
  };
}

/** Conv(5->32, k=9) -> BN -> ReLU -> MaxPool(2) -> Conv(32->32, k=5) -> BN -> ReLU -> MaxPool(2) -> Linear. */
export class PromoterNet extends nn.Module {
  features = new nn.Sequential(
    new nn.Conv1d(5, 32, 9, { padding: 'same' }),
    new nn.BatchNorm1d(32),
    new nn.ReLU(),
    new nn.MaxPool1d(2),
    new nn.Conv1d(32, 32, 5, { padding: 'same' }),
    new nn.BatchNorm1d(32),
    new nn.ReLU(),
    new nn.MaxPool1d(2),
    new nn.Flatten(),
  );
  dropout = new nn.Dropout(0.2);
  head: nn.Linear;

  constructor(length: number) {
    super();
    this.head = new nn.Linear(32 * Math.floor(Math.floor(length / 2) / 2), 2);
  }

  forward(x: Tensor): Tensor {
    return this.head.forward(this.dropout.forward(this.features.forward(x)));
  }
}

export interface TrainOptions {
  epochs?: number;
  batchSize?: number;
  lr?: number;
  /** Stop after this many optimiser steps (for short reproducibility checks). */
  maxSteps?: number;
}

/**
 * Trains with AdamW and cosine decay; returns the loss of every step. Shuffling and dropout draw from
 * libtorch's generator (seed it with torch.manualSeed before building the model for a reproducible run).
 * Each step runs in its own tidy scope, so only the parameters and optimiser state outlive it.
 */
export function train(model: PromoterNet, data: Split, opts: TrainOptions = {}): number[] {
  const { epochs = 8, batchSize = 64, lr = 3e-3, maxSteps = Infinity } = opts;
  const n = data.y.shape[0];
  const perEpoch = Math.ceil(n / batchSize);
  const opt = new optim.AdamW(model.parameters(), { lr, weightDecay: 1e-2 });
  const schedule = new optim.lrScheduler.CosineAnnealingLR(opt, epochs * perEpoch);
  const losses: number[] = [];
  model.train();
  for (let epoch = 0; epoch < epochs && losses.length < maxSteps; epoch++) {
    const order = torch.randperm(n);
    for (let start = 0; start < n && losses.length < maxSteps; start += batchSize) {
      const loss = torch.tidy(() => {
        const idx = order.narrow(0, start, Math.min(batchSize, n - start));
        opt.zeroGrad();
        const l = F.crossEntropy(model.forward(data.x.indexSelect(0, idx)), data.y.indexSelect(0, idx));
        l.backward();
        opt.step();
        return l.item();
      });
      schedule.step();
      losses.push(loss);
    }
    order.dispose();
  }
  return losses;
}

/** Predicted classes in evaluation mode, without autograd. */
export function predict(model: PromoterNet, x: Tensor): number[] {
  model.eval();
  return torch.noGrad(() => torch.tidy(() => model.forward(x).argmax(1).toArray()));
}

export function accuracy(predicted: number[], labels: Tensor): number {
  const y = labels.toArray();
  return predicted.filter((p, i) => p === y[i]).length / y.length;
}
