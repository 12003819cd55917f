// Engine side of bench/engine.mjs: the same models as engine_pytorch.py, written with @yardstick/torch.
// Usage: engine-worker.ts <case> <threads> <warmup> <steps>; prints one JSON object with per-step milliseconds
// (and, for the memory case, resident-memory samples).
import * as torch from '@yardstick/torch';
import { nn, optim, type Tensor } from '@yardstick/torch';
import { SmallConvNet } from '../packages/torch/test/helpers/small-conv-net.js';

const F = nn.functional;

class ResBlock1d extends nn.Module {
  convs: nn.ModuleList;
  bns: nn.ModuleList;
  shortConv: nn.Conv1d;
  shortBn: nn.BatchNorm1d;

  constructor(cin: number, cout: number, kernels = [8, 5, 3]) {
    super();
    const chans = [cin, cout, cout, cout];
    this.convs = new nn.ModuleList(
      kernels.map((k, i) => new nn.Conv1d(chans[i], chans[i + 1], k, { padding: 'same' })),
    );
    this.bns = new nn.ModuleList(kernels.map(() => new nn.BatchNorm1d(cout)));
    this.shortConv = new nn.Conv1d(cin, cout, 1);
    this.shortBn = new nn.BatchNorm1d(cout);
  }

  forward(x: Tensor): Tensor {
    let h = x;
    for (let i = 0; i < this.convs.length; i++) {
      h = this.bns.at(i).forward(this.convs.at(i).forward(h));
      if (i < this.convs.length - 1) h = F.relu(h);
    }
    return F.relu(h.add(this.shortBn.forward(this.shortConv.forward(x))));
  }
}

/** The DASHA genomics 1-D ResNet: 5 -> 128 -> 256 -> 256 channels, kernels 8/5/3, global average pool, linear. */
class ResNet1d extends nn.Module {
  blocks = new nn.Sequential(new ResBlock1d(5, 128), new ResBlock1d(128, 256), new ResBlock1d(256, 256));
  fc = new nn.Linear(256, 2);

  forward(x: Tensor): Tensor {
    return this.fc.forward(this.blocks.forward(x).mean(-1));
  }
}

/** Pre-activation basic block: BN -> ReLU -> conv -> BN -> ReLU -> conv (strided) + shortcut. */
class WideBlock extends nn.Module {
  bn1: nn.BatchNorm2d;
  conv1: nn.Conv2d;
  bn2: nn.BatchNorm2d;
  conv2: nn.Conv2d;
  shortcut: nn.Module;

  constructor(cin: number, cout: number, stride: number) {
    super();
    this.bn1 = new nn.BatchNorm2d(cin);
    this.conv1 = new nn.Conv2d(cin, cout, 3, { padding: 1 });
    this.bn2 = new nn.BatchNorm2d(cout);
    this.conv2 = new nn.Conv2d(cout, cout, 3, { stride, padding: 1 });
    this.shortcut =
      stride !== 1 || cin !== cout ? new nn.Conv2d(cin, cout, 1, { stride }) : new nn.Identity();
  }

  forward(x: Tensor): Tensor {
    const h = this.conv1.forward(F.relu(this.bn1.forward(x)));
    return this.conv2.forward(F.relu(this.bn2.forward(h))).add(this.shortcut.forward(x));
  }
}

/** WRN-depth-width for 2-D inputs (stage widths 16, 16w, 32w, 64w; strides 1, 2, 2). */
class WideResNet extends nn.Module {
  stem: nn.Conv2d;
  blocks = new nn.Sequential();
  bn: nn.BatchNorm2d;
  fc: nn.Linear;

  constructor(depth = 16, width = 4, cin = 13, classes = 10) {
    super();
    const n = (depth - 4) / 6;
    const widths = [16, 16 * width, 32 * width, 64 * width];
    this.stem = new nn.Conv2d(cin, widths[0], 3, { padding: 1 });
    [1, 2, 2].forEach((stride, stage) => {
      for (let b = 0; b < n; b++)
        this.blocks.append(
          new WideBlock(b === 0 ? widths[stage] : widths[stage + 1], widths[stage + 1], b === 0 ? stride : 1),
        );
    });
    this.bn = new nn.BatchNorm2d(widths[3]);
    this.fc = new nn.Linear(widths[3], classes);
  }

  forward(x: Tensor): Tensor {
    const h = F.relu(this.bn.forward(this.blocks.forward(this.stem.forward(x))));
    return this.fc.forward(F.adaptiveAvgPool2d(h, 1).flatten(1));
  }
}


/**
 * Times SGD (Nesterov) training steps, each in a tidy scope. Yields to the event loop every 100 steps, as an
 * application does between units of work: Node releases the small native wrappers of disposed tensors
 * (N-API finalizers) from the event loop, so a loop that never yields keeps ~200 bytes per tensor handle.
 */
async function trainSteps(
  model: nn.Module,
  x: Tensor,
  y: Tensor,
  warmup: number,
  steps: number,
  onStep?: (i: number) => void,
): Promise<number[]> {
  const opt = new optim.SGD(model.parameters(), {
    lr: 0.01,
    momentum: 0.9,
    nesterov: true,
    weightDecay: 5e-4,
  });
  const times: number[] = [];
  for (let i = 0; i < warmup + steps; i++) {
    const t0 = performance.now();
    torch.tidy(() => {
      opt.zeroGrad();
      const loss = F.crossEntropy(model.forward(x), y);
      loss.backward();
      opt.step();
      return loss.item();
    });
    if (i >= warmup) times.push(performance.now() - t0);
    onStep?.(i);
    if (i % 100 === 99) await new Promise((resolve) => setImmediate(resolve));
  }
  return times;
}

const [kind, threadsArg, warmupArg, stepsArg] = process.argv.slice(2);
const [threads, warmup, steps] = [threadsArg, warmupArg, stepsArg].map(Number);
torch.setNumThreads(threads);
torch.manualSeed(0);
let result: Record<string, unknown>;
if (kind === 'resnet1d') {
  result = {
    ms: await trainSteps(
      new ResNet1d(),
      torch.randn([128, 5, 300]),
      torch.randint(0, 2, [128]),
      warmup,
      steps,
    ),
  };
} else if (kind === 'wrn16_4') {
  result = {
    ms: await trainSteps(
      new WideResNet(),
      torch.randn([32, 13, 64, 64]),
      torch.randint(0, 10, [32]),
      warmup,
      steps,
    ),
  };
} else if (kind === 'xtx') {
  const x = torch.randn([200000, 512], { dtype: 'float64' });
  const ms: number[] = [];
  for (let i = 0; i < warmup + steps; i++) {
    const t0 = performance.now();
    torch.tidy(() => x.t().mm(x));
    if (i >= warmup) ms.push(performance.now() - t0);
  }
  result = { ms };
} else if (kind === 'memory') {
  // RSS every 500 steps after the warm-up steps.
  const rss: number[] = [];
  const ms = await trainSteps(
    new SmallConvNet(),
    torch.randn([32, 5, 100]),
    torch.randint(0, 2, [32]),
    warmup,
    steps,
    (i) => {
      if (i + 1 >= warmup && (i + 1 - warmup) % 500 === 0) rss.push(process.memoryUsage().rss);
    },
  );
  result = { ms, rss };
} else {
  throw new Error(`unknown case '${kind}'`);
}
console.log(JSON.stringify({ case: kind, threads: torch.getNumThreads(), ...result }));
