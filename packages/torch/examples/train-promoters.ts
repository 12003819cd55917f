// Demo: trains a small conv net on GUE prom_core_tata and prints its dev and test accuracy.
// Run: npx tsx --conditions=source packages/torch/examples/train-promoters.ts
import path from 'node:path';
import * as torch from '@yardstick/torch';
import { accuracy, dataDir, loadSplit, predict, PromoterNet, train } from './promoters.js';

const dir = path.join(dataDir(), 'genomics/gue/prom_core_tata');
const trainSet = loadSplit(path.join(dir, 'train.csv'));
const dev = loadSplit(path.join(dir, 'dev.csv'));
const test = loadSplit(path.join(dir, 'test.csv'));
torch.manualSeed(0);
const model = new PromoterNet(trainSet.x.shape[2]);
console.log(
  `prom_core_tata: ${trainSet.y.shape[0]} train / ${dev.y.shape[0]} dev / ${test.y.shape[0]} test sequences; ${model.numParameters()} parameters`,
);
const started = performance.now();
const losses = train(model, trainSet);
const seconds = (performance.now() - started) / 1000;
console.log(
  `trained ${losses.length} steps in ${seconds.toFixed(1)} s; final loss ${losses.at(-1)!.toFixed(4)}`,
);
console.log(
  `dev accuracy ${accuracy(predict(model, dev.x), dev.y).toFixed(4)}, test accuracy ${accuracy(predict(model, test.x), test.y).toFixed(4)}`,
);
