// A training loop for the memory test, run as its own process so that its resident memory is measured
// alone: prints {"baseline": rss after the warm-up steps, "peak": the largest rss seen afterwards}.
// Usage: memory-loop.ts <warmupSteps> <steps>
import * as torch from '@yardstick/torch';
import { nn, optim } from '@yardstick/torch';
import { SmallConvNet } from './small-conv-net.js';

const [warmup, steps] = process.argv.slice(2).map(Number);
torch.manualSeed(0);
const model = new SmallConvNet();
const opt = new optim.SGD(model.parameters(), { lr: 0.01, momentum: 0.9, nesterov: true, weightDecay: 5e-4 });
const schedule = new optim.lrScheduler.StepLR(opt, 100, 0.5);
const x = torch.randn([64, 5, 300]);
const y = torch.randint(0, 2, [64]);
const step = () =>
  torch.tidy(() => {
    opt.zeroGrad();
    const loss = nn.functional.crossEntropy(model.forward(x), y);
    loss.backward();
    nn.utils.clipGradNorm_(model.parameters(), 5);
    opt.step();
    schedule.step();
    return loss.item();
  });
for (let i = 0; i < warmup; i++) step();
const baseline = process.memoryUsage().rss;
let peak = baseline;
for (let i = 0; i < steps; i++) {
  step();
  if (i % 20 === 19) {
    peak = Math.max(peak, process.memoryUsage().rss);
    // Node releases the native wrappers of disposed tensors (N-API finalizers) from the event loop.
    await new Promise((resolve) => setImmediate(resolve));
  }
}
console.log(JSON.stringify({ baseline, peak }));
