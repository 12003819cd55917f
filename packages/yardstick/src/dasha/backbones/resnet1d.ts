// The 1-D ResNet of the DASHA genomics tasks (spec 1.2): three residual blocks (channels C_in -> m -> 2m -> 2m),
// each three conv units (conv -> dropout -> BatchNorm -> ReLU; default kernels 8, 5, 3), all nine convs
// searchable; a 1x1 conv + BatchNorm shortcut where the channel count changes; mean over the sequence,
// then a linear head. `faithful` reproduces the reference exactly: causal (chomped) convolutions after the
// search, and NO skip connection in the third block (equal channels). The default fixes both: centred
// convolutions (as the search saw them) and an identity skip in block 3.
import * as torch from '@yardstick/torch';
import type { ConvFactory, ConvSlot } from './conv.js';

const { F, nn } = torch;

export interface ResNet1dConfig {
  inChannels: number;
  numClasses: number;
  /** m, the first block's width (the reference uses 128 for genomics). */
  width: number;
  dropRate: number;
  faithful: boolean;
}

export const RESNET1D_KERNELS = [8, 5, 3] as const;
export const RESNET1D_SLOTS = 9;

class ConvUnit extends nn.Module {
  conv: torch.nn.Module;
  bn: torch.nn.BatchNorm1d;
  constructor(
    conv: torch.nn.Module,
    out: number,
    private readonly dropRate: number,
  ) {
    super();
    this.conv = conv;
    this.bn = new nn.BatchNorm1d(out);
  }
  forward(x: torch.Tensor): torch.Tensor {
    const y = F.dropout(this.conv.forward(x), { p: this.dropRate, training: this.training });
    return F.relu(this.bn.forward(y));
  }
}

class Shortcut extends nn.Module {
  conv: torch.nn.Conv1d;
  bn: torch.nn.BatchNorm1d;
  constructor(cin: number, cout: number) {
    super();
    this.conv = new nn.Conv1d(cin, cout, 1);
    this.bn = new nn.BatchNorm1d(cout);
  }
  forward(x: torch.Tensor): torch.Tensor {
    return this.bn.forward(this.conv.forward(x));
  }
}

class Block extends nn.Module {
  unit0: ConvUnit;
  unit1: ConvUnit;
  unit2: ConvUnit;
  shortcut: Shortcut | null;
  private readonly identitySkip: boolean;
  constructor(cin: number, cout: number, firstSlot: number, cfg: ResNet1dConfig, makeConv: ConvFactory) {
    super();
    const units = RESNET1D_KERNELS.map((k, j) => {
      const slot: ConvSlot = {
        index: firstSlot + j,
        dims: 1,
        inChannels: j === 0 ? cin : cout,
        outChannels: cout,
        stride: 1,
        bias: true,
        defaultKernel: k,
        alignment: cfg.faithful ? 'causal' : 'same',
      };
      return new ConvUnit(makeConv(slot), cout, cfg.dropRate);
    });
    [this.unit0, this.unit1, this.unit2] = units;
    this.shortcut = cin !== cout ? new Shortcut(cin, cout) : null;
    this.identitySkip = cin === cout && !cfg.faithful;
  }
  forward(x: torch.Tensor): torch.Tensor {
    const y = this.unit2.forward(this.unit1.forward(this.unit0.forward(x)));
    if (this.shortcut) return y.add(this.shortcut.forward(x));
    return this.identitySkip ? y.add(x) : y;
  }
}

export class ResNet1d extends nn.Module {
  block0: Block;
  block1: Block;
  block2: Block;
  head: torch.nn.Linear;

  constructor(
    readonly cfg: ResNet1dConfig,
    makeConv: ConvFactory,
  ) {
    super();
    const m = cfg.width;
    this.block0 = new Block(cfg.inChannels, m, 0, cfg, makeConv);
    this.block1 = new Block(m, 2 * m, 3, cfg, makeConv);
    this.block2 = new Block(2 * m, 2 * m, 6, cfg, makeConv);
    this.head = new nn.Linear(2 * m, cfg.numClasses);
  }

  forward(x: torch.Tensor): torch.Tensor {
    const h = this.block2.forward(this.block1.forward(this.block0.forward(x)));
    return this.head.forward(h.mean(-1));
  }
}
