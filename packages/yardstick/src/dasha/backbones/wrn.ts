// Wide-ResNet wrn-D-W (spec 1.2), pre-activation: depth D = 6n+4 (n basic blocks per stage), stage widths
// 16, 16W, 32W, 64W, stage strides 1, 2, 2 (on the first block's second conv). Searchable: the stem and both
// convs of every block (6n+1, independent of W, so a narrow net's search result fits a wide retrain net).
// `faithful` keeps the reference's final BatchNorm momentum of 0.9 (running stats ~ last batch); the default
// uses the usual 0.1.
import * as torch from '@yardstick/torch';
import type { ConvFactory, ConvSlot } from './conv.js';

const { F, nn } = torch;

export interface WrnConfig {
  inChannels: number;
  numClasses: number;
  depth: number;
  widen: number;
  dropRate: number;
  faithful: boolean;
}

export function wrnBlocksPerStage(depth: number): number {
  if (!Number.isInteger(depth) || depth < 10 || (depth - 4) % 6 !== 0)
    throw new Error(`wrn: depth must be 6n+4 (10, 16, 22, 28, ...), got ${depth}`);
  return (depth - 4) / 6;
}

export function wrnSlots(depth: number): number {
  return 6 * wrnBlocksPerStage(depth) + 1;
}

function slot(index: number, inChannels: number, outChannels: number, stride: number): ConvSlot {
  return { index, dims: 2, inChannels, outChannels, stride, bias: true, defaultKernel: 3, alignment: 'same' };
}

class BasicBlock extends nn.Module {
  bn1: torch.nn.BatchNorm2d;
  conv1: torch.nn.Module;
  bn2: torch.nn.BatchNorm2d;
  conv2: torch.nn.Module;
  shortcut: torch.nn.Conv2d | null;
  constructor(
    cin: number,
    cout: number,
    stride: number,
    firstSlot: number,
    private readonly dropRate: number,
    makeConv: ConvFactory,
  ) {
    super();
    this.bn1 = new nn.BatchNorm2d(cin);
    this.conv1 = makeConv(slot(firstSlot, cin, cout, 1));
    this.bn2 = new nn.BatchNorm2d(cout);
    this.conv2 = makeConv(slot(firstSlot + 1, cout, cout, stride));
    this.shortcut = cin !== cout || stride !== 1 ? new nn.Conv2d(cin, cout, 1, { stride }) : null;
  }
  forward(x: torch.Tensor): torch.Tensor {
    const a = F.relu(this.bn1.forward(x));
    let y = this.conv1.forward(a);
    y = F.dropout(y, { p: this.dropRate, training: this.training });
    y = this.conv2.forward(F.relu(this.bn2.forward(y)));
    // as in the common WRN port, a projecting shortcut sees the pre-activated input
    return y.add(this.shortcut ? this.shortcut.forward(a) : x);
  }
}

export class WideResNet extends nn.Module {
  stem: torch.nn.Module;
  blocks: torch.nn.Sequential;
  bn: torch.nn.BatchNorm2d;
  head: torch.nn.Linear;

  constructor(
    readonly cfg: WrnConfig,
    makeConv: ConvFactory,
  ) {
    super();
    const n = wrnBlocksPerStage(cfg.depth);
    const widths = [16, 16 * cfg.widen, 32 * cfg.widen, 64 * cfg.widen];
    this.stem = makeConv(slot(0, cfg.inChannels, widths[0], 1));
    const blocks: torch.nn.Module[] = [];
    let s = 1;
    for (let stage = 0; stage < 3; stage++) {
      for (let b = 0; b < n; b++) {
        const cin = b === 0 ? widths[stage] : widths[stage + 1];
        blocks.push(
          new BasicBlock(cin, widths[stage + 1], b === 0 && stage > 0 ? 2 : 1, s, cfg.dropRate, makeConv),
        );
        s += 2;
      }
    }
    this.blocks = new nn.Sequential(...blocks);
    this.bn = new nn.BatchNorm2d(widths[3], { momentum: cfg.faithful ? 0.9 : 0.1 });
    this.head = new nn.Linear(widths[3], cfg.numClasses);
    // reference init: Xavier-uniform (gain sqrt 2) conv weights, zero conv biases (mixtures keep their own)
    for (const m of this.modules()) {
      if (m instanceof nn.Conv2d) {
        nn.init.xavierUniform_(m.weight, Math.SQRT2);
        if (m.bias) nn.init.zeros_(m.bias);
      }
    }
  }

  forward(x: torch.Tensor): torch.Tensor {
    const h = F.relu(this.bn.forward(this.blocks.forward(this.stem.forward(x))));
    return this.head.forward(h.mean([-2, -1]));
  }
}
