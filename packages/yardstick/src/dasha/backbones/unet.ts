// 2-D UNet (Ronneberger / milesial layout, spec 1.2): DoubleConv stem, four (max-pool, DoubleConv) down
// stages to 16b channels, four (2x2 transposed conv, centre-pad, concatenate skip, DoubleConv) up stages back
// to b channels (b = 64 in the reference). DoubleConv = (conv no-bias -> BN -> ReLU) x 2, both searchable:
// 18 slots. Heads: 'classify' is the reference's (1x1 conv b->256, BN, ReLU, 1x1 conv -> classes, global
// average pool); 'segment' is our dense design (a 1x1 conv to per-pixel class logits, no pooling).
import * as torch from '@yardstick/torch';
import type { ConvFactory } from './conv.js';

const { F, nn } = torch;

export interface UNetConfig {
  inChannels: number;
  numClasses: number;
  /** Channels of the first stage (64 in the reference). */
  base: number;
  head: 'classify' | 'segment';
  dropRate: number;
}

export const UNET_SLOTS = 18;

class DoubleConv extends nn.Module {
  conv1: torch.nn.Module;
  bn1: torch.nn.BatchNorm2d;
  conv2: torch.nn.Module;
  bn2: torch.nn.BatchNorm2d;
  constructor(
    cin: number,
    cout: number,
    firstSlot: number,
    makeConv: ConvFactory,
    private readonly dropRate: number,
  ) {
    super();
    const slot = (index: number, inChannels: number) => ({
      index,
      dims: 2 as const,
      inChannels,
      outChannels: cout,
      stride: 1,
      bias: false,
      defaultKernel: 3,
      alignment: 'same' as const,
    });
    this.conv1 = makeConv(slot(firstSlot, cin));
    this.bn1 = new nn.BatchNorm2d(cout);
    this.conv2 = makeConv(slot(firstSlot + 1, cout));
    this.bn2 = new nn.BatchNorm2d(cout);
  }
  forward(x: torch.Tensor): torch.Tensor {
    const y = F.relu(this.bn1.forward(this.conv1.forward(x)));
    return F.relu(
      this.bn2.forward(this.conv2.forward(F.dropout(y, { p: this.dropRate, training: this.training }))),
    );
  }
}

class Up extends nn.Module {
  up: torch.nn.ConvTranspose2d;
  conv: DoubleConv;
  constructor(cin: number, cout: number, firstSlot: number, makeConv: ConvFactory, dropRate: number) {
    super();
    this.up = new nn.ConvTranspose2d(cin, cin / 2, 2, { stride: 2 });
    this.conv = new DoubleConv(cin, cout, firstSlot, makeConv, dropRate);
  }
  forward(x: torch.Tensor, skip: torch.Tensor): torch.Tensor {
    const u = this.up.forward(x);
    const dy = skip.shape[2] - u.shape[2];
    const dx = skip.shape[3] - u.shape[3];
    const padded =
      dy || dx
        ? F.pad(u, [Math.floor(dx / 2), dx - Math.floor(dx / 2), Math.floor(dy / 2), dy - Math.floor(dy / 2)])
        : u;
    return this.conv.forward(torch.cat([skip, padded], 1));
  }
}

class ClassifierHead extends nn.Module {
  conv1: torch.nn.Conv2d;
  bn: torch.nn.BatchNorm2d;
  conv2: torch.nn.Conv2d;
  constructor(cin: number, classes: number) {
    super();
    this.conv1 = new nn.Conv2d(cin, 256, 1);
    this.bn = new nn.BatchNorm2d(256);
    this.conv2 = new nn.Conv2d(256, classes, 1);
  }
  forward(x: torch.Tensor): torch.Tensor {
    return this.conv2.forward(F.relu(this.bn.forward(this.conv1.forward(x)))).mean([-2, -1]);
  }
}

export class UNet2d extends nn.Module {
  inc: DoubleConv;
  downs: torch.nn.ModuleList;
  ups: torch.nn.ModuleList;
  head: torch.nn.Module;

  constructor(
    readonly cfg: UNetConfig,
    makeConv: ConvFactory,
  ) {
    super();
    const b = cfg.base;
    const ch = [b, 2 * b, 4 * b, 8 * b, 16 * b];
    this.inc = new DoubleConv(cfg.inChannels, b, 0, makeConv, cfg.dropRate);
    this.downs = new nn.ModuleList(
      ch.slice(1).map((c, i) => new DoubleConv(ch[i], c, 2 + 2 * i, makeConv, cfg.dropRate)),
    );
    this.ups = new nn.ModuleList(
      [3, 2, 1, 0].map((i, j) => new Up(ch[i + 1], ch[i], 10 + 2 * j, makeConv, cfg.dropRate)),
    );
    this.head =
      cfg.head === 'classify' ? new ClassifierHead(b, cfg.numClasses) : new nn.Conv2d(b, cfg.numClasses, 1);
  }

  forward(x: torch.Tensor): torch.Tensor {
    const skips = [this.inc.forward(x)];
    for (const down of this.downs.children())
      skips.push(down.forward(F.maxPool2d(skips[skips.length - 1], 2)));
    let h = skips.pop()!;
    for (const up of this.ups.children()) h = (up as Up).forward(h, skips.pop()!);
    return this.head.forward(h);
  }
}
