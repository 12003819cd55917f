// Convolution slots: every backbone asks a factory for its searchable convolutions, in registration order.
// The search supernet's factory returns mixtures; the retrain factory returns plain convolutions with the
// chosen (kernel, dilation) list. Non-searchable convolutions (shortcuts, heads) are built directly.
// Initial weights come from libtorch's generator: seed it (torch.manualSeed) before building a network.
import * as torch from '@yardstick/torch';
import type { ConvChoice } from '../dash/space.js';

const { F, nn } = torch;

/** How a plain convolution aligns its output: 'same' (centred) or 'causal' (left-padded, the 1-D ResNet's chomp). */
export type Alignment = 'same' | 'causal';

export interface ConvSlot {
  /** Position in the backbone's list of searchable convolutions. */
  index: number;
  dims: 1 | 2;
  inChannels: number;
  outChannels: number;
  stride: number;
  bias: boolean;
  /** The backbone's own kernel size (used when no search result is given). */
  defaultKernel: number;
  alignment: Alignment;
}

export type ConvFactory = (slot: ConvSlot) => torch.nn.Module;

/** A dense convolution with a given kernel size and dilation and the slot's alignment. */
export class PlainConv extends nn.Module {
  conv: torch.nn.Conv1d | torch.nn.Conv2d;
  /** Explicit [left, right] padding per spatial axis when the conv's own symmetric padding cannot align it. */
  private readonly explicitPad: number[] | null;

  constructor(slot: Omit<ConvSlot, 'index' | 'defaultKernel'>, choice: ConvChoice) {
    super();
    const { k, d } = choice;
    if (slot.alignment === 'causal' && slot.dims !== 1)
      throw new Error('causal alignment is for 1-D convolutions');
    const span = d * (k - 1);
    // causal: pad (k-1)d on both sides then drop the last (k-1)d outputs == pad (k-1)d on the left only.
    // same: span/2 per side; an even kernel (odd span) puts the extra tap on the right, as padding='same' does.
    const symmetric = slot.alignment === 'same' && span % 2 === 0;
    const side =
      slot.alignment === 'causal' ? [span, 0] : [Math.floor(span / 2), span - Math.floor(span / 2)];
    this.explicitPad = symmetric ? null : slot.dims === 1 ? side : [...side, ...side];
    const opts = { stride: slot.stride, dilation: d, bias: slot.bias, padding: symmetric ? span / 2 : 0 };
    this.conv =
      slot.dims === 1
        ? new nn.Conv1d(slot.inChannels, slot.outChannels, k, opts)
        : new nn.Conv2d(slot.inChannels, slot.outChannels, k, opts);
  }

  forward(x: torch.Tensor): torch.Tensor {
    return this.conv.forward(this.explicitPad ? F.pad(x, this.explicitPad) : x);
  }
}

/** Retrain factory: slot i gets choices[i]; without choices, the backbone's default kernel at dilation 1. */
export function plainConvFactory(choices?: readonly ConvChoice[]): ConvFactory {
  return (slot) => {
    if (choices && slot.index >= choices.length) {
      throw new Error(
        `architecture has ${choices.length} (kernel, dilation) pairs but the backbone needs more (slot ${slot.index})`,
      );
    }
    return new PlainConv(slot, choices ? choices[slot.index] : { k: slot.defaultKernel, d: 1 });
  };
}
