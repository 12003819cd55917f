// The small 1-D conv net that the memory test and the engine's long memory benchmark both train.
// Each training step at batch 64, length 300 allocates about 6 MB of activations and gradients, so a step that
// leaked its temporaries would add hundreds of MB over a loop.
import { nn, type Tensor } from '@yardstick/torch';

export class SmallConvNet extends nn.Module {
  body = new nn.Sequential(
    new nn.Conv1d(5, 32, 7, { padding: 'same' }),
    new nn.BatchNorm1d(32),
    new nn.ReLU(),
    new nn.Conv1d(32, 32, 5, { padding: 'same' }),
    new nn.BatchNorm1d(32),
    new nn.ReLU(),
    new nn.AdaptiveAvgPool1d(1),
    new nn.Flatten(),
  );
  head = new nn.Linear(32, 2);

  forward(x: Tensor): Tensor {
    return this.head.forward(this.body.forward(x));
  }
}
