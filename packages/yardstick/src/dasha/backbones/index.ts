// Backbone descriptions as plain data, the networks built from them, and their analytic cost (multiply-
// accumulates per sample of every convolution and linear layer; BatchNorm, activations and pooling are
// not counted, as usual for FLOP figures).
import type * as torch from '@yardstick/torch';
import type { ConvChoice } from '../dash/space.js';
import type { ConvFactory } from './conv.js';
import { RESNET1D_KERNELS, RESNET1D_SLOTS, ResNet1d } from './resnet1d.js';
import { UNET_SLOTS, UNet2d } from './unet.js';
import { WideResNet, wrnBlocksPerStage, wrnSlots } from './wrn.js';

export type BackboneSpec =
  | { kind: 'resnet1d'; width: number }
  | { kind: 'wrn'; depth: number; widen: number }
  | { kind: 'unet'; base: number; head: 'classify' | 'segment' };

export interface NetworkShape {
  inChannels: number;
  /** Spatial size of one sample: [L] or [H, W]. */
  spatial: number[];
  numClasses: number;
}

export interface BuildOptions {
  dropRate: number;
  /** Reproduce the reference's architectural quirks (causal 1-D ResNet, no block-3 skip, WRN BN momentum 0.9). */
  faithful: boolean;
}

export function describeBackbone(b: BackboneSpec): string {
  return b.kind === 'resnet1d'
    ? `resnet1d-${b.width}`
    : b.kind === 'wrn'
      ? `wrn-${b.depth}-${b.widen}`
      : `unet-${b.base}-${b.head}`;
}

export function slotCount(b: BackboneSpec): number {
  return b.kind === 'resnet1d' ? RESNET1D_SLOTS : b.kind === 'wrn' ? wrnSlots(b.depth) : UNET_SLOTS;
}

export function buildBackbone(
  b: BackboneSpec,
  shape: NetworkShape,
  opts: BuildOptions,
  makeConv: ConvFactory,
): torch.nn.Module {
  const common = { inChannels: shape.inChannels, numClasses: shape.numClasses, dropRate: opts.dropRate };
  const dims = shape.spatial.length;
  if ((b.kind === 'resnet1d') !== (dims === 1))
    throw new Error(`backbone ${describeBackbone(b)} does not take ${dims}-D inputs`);
  if (b.kind === 'resnet1d')
    return new ResNet1d({ ...common, width: b.width, faithful: opts.faithful }, makeConv);
  if (b.kind === 'wrn')
    return new WideResNet({ ...common, depth: b.depth, widen: b.widen, faithful: opts.faithful }, makeConv);
  return new UNet2d({ ...common, base: b.base, head: b.head }, makeConv);
}

function conv(cin: number, cout: number, k: number, dims: number, outPositions: number): number {
  return cin * cout * k ** dims * outPositions;
}

/** MACs per sample of the plain (retrain) network with the given (k, d) list (default kernels when omitted). */
export function macsPerSample(b: BackboneSpec, shape: NetworkShape, choices?: readonly ConvChoice[]): number {
  const k = (slot: number, dflt: number): number => (choices ? choices[slot].k : dflt);
  const C = shape.inChannels;
  if (b.kind === 'resnet1d') {
    const L = shape.spatial[0];
    const m = b.width;
    const chans = [C, m, 2 * m, 2 * m];
    let macs = 0;
    for (let blk = 0; blk < 3; blk++) {
      const [cin, cout] = [chans[blk], chans[blk + 1]];
      RESNET1D_KERNELS.forEach(
        (dk, j) => (macs += conv(j === 0 ? cin : cout, cout, k(3 * blk + j, dk), 1, L)),
      );
      if (cin !== cout) macs += conv(cin, cout, 1, 1, L);
    }
    return macs + 2 * m * shape.numClasses;
  }
  const [H, W] = shape.spatial;
  if (b.kind === 'wrn') {
    const n = wrnBlocksPerStage(b.depth);
    const widths = [16, 16 * b.widen, 32 * b.widen, 64 * b.widen];
    let [h, w] = [H, W];
    let macs = conv(C, 16, k(0, 3), 2, h * w);
    let s = 1;
    for (let stage = 0; stage < 3; stage++) {
      for (let blk = 0; blk < n; blk++) {
        const cin = blk === 0 ? widths[stage] : widths[stage + 1];
        const cout = widths[stage + 1];
        const stride = blk === 0 && stage > 0 ? 2 : 1;
        macs += conv(cin, cout, k(s, 3), 2, h * w);
        const [oh, ow] = [Math.ceil(h / stride), Math.ceil(w / stride)];
        macs += conv(cout, cout, k(s + 1, 3), 2, oh * ow);
        if (cin !== cout || stride !== 1) macs += conv(cin, cout, 1, 2, oh * ow);
        [h, w] = [oh, ow];
        s += 2;
      }
    }
    return macs + widths[3] * shape.numClasses;
  }
  const c = [b.base, 2 * b.base, 4 * b.base, 8 * b.base, 16 * b.base];
  const sizes = [[H, W]];
  for (let i = 1; i < 5; i++) sizes.push([Math.floor(sizes[i - 1][0] / 2), Math.floor(sizes[i - 1][1] / 2)]);
  const area = (i: number): number => sizes[i][0] * sizes[i][1];
  const double = (cin: number, cout: number, slot: number, i: number): number =>
    conv(cin, cout, k(slot, 3), 2, area(i)) + conv(cout, cout, k(slot + 1, 3), 2, area(i));
  let macs = double(C, c[0], 0, 0);
  for (let i = 1; i < 5; i++) macs += double(c[i - 1], c[i], 2 * i, i);
  [3, 2, 1, 0].forEach((i, j) => {
    macs += conv(c[i + 1], c[i + 1] / 2, 2, 2, area(i + 1)); // transposed conv: per input position
    macs += double(c[i + 1], c[i], 10 + 2 * j, i);
  });
  macs +=
    b.head === 'classify'
      ? conv(c[0], 256, 1, 2, area(0)) + conv(256, shape.numClasses, 1, 2, area(0))
      : conv(c[0], shape.numClasses, 1, 2, area(0));
  return macs;
}
