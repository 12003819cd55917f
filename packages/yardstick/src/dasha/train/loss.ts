// Loss per task kind (spec 2.4): cross-entropy for DNA, with label smoothing 0.1 for single-label images,
// multi-label soft margin for multi-label images, per-pixel cross-entropy for segmentation (our design).
import * as torch from '@yardstick/torch';
import type { TargetKind } from './batches.js';

const { F } = torch;

export type Modality = 'dna' | 'image' | 'segmentation' | 'multilabel';

export function targetKind(modality: Modality): TargetKind {
  return modality === 'multilabel' ? 'multilabel' : modality === 'segmentation' ? 'mask' : 'class';
}

export function lossFor(modality: Modality): (logits: torch.Tensor, target: torch.Tensor) => torch.Tensor {
  switch (modality) {
    case 'dna':
      return (l, t) => F.crossEntropy(l, t);
    case 'image':
      return (l, t) => F.crossEntropy(l, t, { labelSmoothing: 0.1 });
    case 'segmentation':
      return (l, t) => F.crossEntropy(l, t); // logits [N, C, H, W] against masks [N, H, W]
    case 'multilabel':
      return (l, t) => F.multilabelSoftMarginLoss(l, t);
  }
}
