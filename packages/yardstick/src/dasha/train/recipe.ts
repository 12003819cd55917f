// The default-first recipe (budget mode's first stage): the backbone's standard kernels, SGD with Nesterov
// momentum, linear warm-up then cosine decay per step, label smoothing for single-label classification and
// the spec's augmentations, with a batch size that keeps a CPU busy (the paper's 16 for images is a GPU
// choice that costs a CPU several times its throughput). Known-good settings, not tuned per task.
import * as torch from '@yardstick/torch';
import type { HyperParams } from '../asha/sampler.js';
import { lossFor, type Modality } from './loss.js';

const { F } = torch;

export interface Recipe {
  batchSize: number;
  params: HyperParams;
  /** Warm-up length in epochs (linear from 1/steps to 1), then cosine to 0 over the remaining steps. */
  warmupEpochs: number;
  labelSmoothing: number;
  /** Fewest epochs the default network should get: the planner narrows the net before going below it. */
  minEpochs: number;
  /** Fewest optimiser steps the default network should get, likewise: MIN_DEFAULT_STEPS. */
  minSteps: number;
}

/**
 * Warm-up and cosine need updates, not only passes: on prom_core_tata (4,904 examples, 38 steps an epoch) in
 * 10 minutes on 2 cores, resnet1d-128 at 20 epochs (about 760 steps) reached validation MCC 0.770, resnet1d-64
 * alone at about 40 epochs (1,500 steps) 0.808; on prom_core_all (370 steps an epoch) resnet1d-128 at 6 epochs
 * (2,200 steps) beat every narrower net. The same floor for every modality: it is about the optimiser.
 */
export const MIN_DEFAULT_STEPS = 1000;

export function defaultRecipe(modality: Modality, seed: number): Recipe {
  const params = (lr: number, weightDecay: number): HyperParams => ({
    randomSeed: seed % 500,
    lr,
    momentum: 0.9,
    weightDecay,
    dropRate: 0,
  });
  switch (modality) {
    case 'dna':
      return {
        batchSize: 128,
        params: params(0.1, 5e-4),
        warmupEpochs: 1,
        labelSmoothing: 0.1,
        // width before epochs: on prom_core_all in 10 minutes (2 cores) resnet1d-64 at 4 epochs reached test
        // MCC 0.651 (the plain PyTorch recipe), resnet1d-16 at 13-21 epochs 0.629-0.642 (5 runs)
        minEpochs: 4,
        minSteps: MIN_DEFAULT_STEPS,
      };
    case 'image':
    case 'multilabel':
      return {
        batchSize: 64,
        params: params(0.1, 5e-4),
        warmupEpochs: 1,
        labelSmoothing: modality === 'image' ? 0.1 : 0,
        minEpochs: 30,
        minSteps: MIN_DEFAULT_STEPS,
      };
    case 'segmentation':
      return {
        batchSize: 16,
        params: params(0.05, 5e-4),
        warmupEpochs: 1,
        labelSmoothing: 0,
        minEpochs: 20,
        minSteps: MIN_DEFAULT_STEPS,
      };
  }
}

/** The recipe's loss: the task's loss, with label smoothing for single-label classification. */
export function recipeLoss(
  modality: Modality,
  r: Recipe,
): (logits: torch.Tensor, target: torch.Tensor) => torch.Tensor {
  if (modality === 'dna' || modality === 'image')
    return (l, t) => F.crossEntropy(l, t, { labelSmoothing: r.labelSmoothing });
  return lossFor(modality);
}

/** A last epoch shorter than this share of a whole one is not run (its validation pass would dominate it). */
export const MIN_LAST_EPOCH = 0.25;

/**
 * Epochs in all that end by the deadline, `done` of them trained at `perEpoch` seconds each with `secondsLeft`
 * to go: whole epochs plus a shorter last one (at least MIN_LAST_EPOCH). Whole epochs only left up to one
 * idle at the end (a retrain took 172 of its 197 s); the cosine then ends with the shorter last epoch.
 */
export function epochsByDeadline(
  done: number,
  perEpoch: number,
  secondsLeft: number,
  maxEpochs: number,
): number {
  const fit = Math.min(maxEpochs, done + Math.max(0, secondsLeft) / perEpoch);
  const whole = Math.floor(fit);
  return Math.max(done, fit - whole >= MIN_LAST_EPOCH ? fit : whole);
}

/** LR multiplier at optimiser step `step` of `total`: linear warm-up over `warmup` steps, then cosine to 0. */
export function warmupCosine(step: number, warmup: number, total: number): number {
  if (step < warmup) return (step + 1) / warmup;
  const span = Math.max(1, total - warmup);
  return 0.5 * (1 + Math.cos((Math.PI * Math.min(step - warmup, span)) / span));
}
