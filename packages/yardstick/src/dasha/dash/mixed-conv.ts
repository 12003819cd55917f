// The DASH mixed convolution (spec 1.4): |K| x |D| candidate kernels mixed with Gumbel-softmax weights and
// applied as ONE convolution with the aggregated kernel
//   W_agg = sum_c w_c * Centre_S(Dilate_d(W_c))      (S = largest receptive field, odd)
// padded by (S-1)/2 and strided like the original conv. Dilate+centre is the fixed 0/1 matrix P_c (k x S):
// W_c P_c in 1-D, P_c^T W_c P_c in 2-D, so the whole mixture stays differentiable in both W_c and alpha.
// By linearity this equals the weighted sum of the candidates' own 'same'-aligned dilated convolutions;
// `mode: 'separate'` computes that sum directly. Both give the same numbers (tested); 'auto' picks the one
// with fewer taps per output (the aggregated kernel in 1-D, the separate sum in 2-D, where S^2 >> sum k^2).
import * as torch from '@yardstick/torch';
import { streamRng, type Rng } from '../../common/random.js';
import {
  candidates,
  maxReceptiveField,
  placementMatrix,
  receptiveField,
  validateSpace,
  discretise,
  type ConvChoice,
  type SearchSpace,
} from './space.js';

const { F, nn } = torch;

export type MixtureEvaluation = 'aggregate' | 'separate' | 'auto';

export interface MixedConvOptions {
  dims: 1 | 2;
  inChannels: number;
  outChannels: number;
  stride: number;
  bias: boolean;
  /** Fan-in of the backbone's original conv, for its (kept) bias's default initialisation. */
  biasFanIn: number;
  space: SearchSpace;
  /** Depthwise candidates (groups = channels) when in == out, the reference's default. */
  separable: boolean;
  /** Seed of the Gumbel noise stream. */
  noiseSeed: number;
  temperature?: number;
  evaluation?: MixtureEvaluation;
}

export class MixedConv extends nn.Module {
  alpha: torch.nn.Parameter;
  bias: torch.nn.Parameter | null;
  readonly cands: ConvChoice[];
  readonly S: number;
  readonly groups: number;
  readonly evaluation: 'aggregate' | 'separate';
  private readonly noise: Rng;
  /** Cached placement matrices per dtype/device (P_c for 2-D, stacked [sum k, S] for 1-D). */
  private placements: torch.Tensor[] | null = null;
  private expansion: torch.Tensor | null = null;

  constructor(readonly opts: MixedConvOptions) {
    super();
    validateSpace(opts.space);
    this.cands = candidates(opts.space);
    this.S = maxReceptiveField(opts.space);
    this.groups = opts.separable && opts.inChannels === opts.outChannels ? opts.outChannels : 1;
    const cinPerGroup = opts.inChannels / this.groups;
    this.cands.forEach((c, i) => {
      const taps = opts.dims === 1 ? [c.k] : [c.k, c.k];
      this.registerParameter(
        `weight${i}`,
        new nn.Parameter(torch.randn([opts.outChannels, cinPerGroup, ...taps]).mul(0.01)),
      );
    });
    this.alpha = new nn.Parameter(torch.randn([this.cands.length]).mul(0.001));
    this.bias = opts.bias
      ? new nn.Parameter(
          torch
            .rand([opts.outChannels])
            .mul(2)
            .sub(1)
            .mul(1 / Math.sqrt(opts.biasFanIn)),
        )
      : null;
    this.noise = streamRng(opts.noiseSeed);
    const sumTaps = this.cands.reduce((n, c) => n + c.k ** opts.dims, 0);
    this.evaluation =
      opts.evaluation === 'aggregate' || opts.evaluation === 'separate'
        ? opts.evaluation
        : this.S ** opts.dims <= sumTaps
          ? 'aggregate'
          : 'separate';
  }

  candidateWeights(): torch.nn.Parameter[] {
    return this.cands.map((_, i) => Reflect.get(this, `weight${i}`) as torch.nn.Parameter);
  }

  /** Soft Gumbel-softmax: softmax((log_softmax(alpha) + g) / tau), fresh g ~ Gumbel(0, 1) per call. */
  mixtureWeights(): torch.Tensor {
    const g = new Float32Array(this.cands.length);
    for (let i = 0; i < g.length; i++)
      g[i] = -Math.log(-Math.log(Math.min(Math.max(this.noise.next(), 1e-12), 1 - 1e-12)));
    const noise = torch.tensor(g, { dtype: this.alpha.dtype, device: this.alpha.device as torch.Device });
    return F.softmax(
      F.logSoftmax(this.alpha, 0)
        .add(noise)
        .div(this.opts.temperature ?? 1),
      0,
    );
  }

  private ensurePlacements(like: torch.Tensor): void {
    if (
      this.placements &&
      this.placements[0].dtype === like.dtype &&
      this.placements[0].device === like.device
    )
      return;
    for (const t of this.placements ?? []) t.dispose();
    this.expansion?.dispose();
    const opts = { dtype: like.dtype, device: like.device as torch.Device };
    const Ps = this.cands.map((c) => placementMatrix(c, this.S));
    if (this.opts.dims === 1) {
      // one stacked P [sum k, S] and an expansion E [n, sum k] that repeats w_c over candidate c's k rows
      const sumK = this.cands.reduce((n, c) => n + c.k, 0);
      const stacked = new Float64Array(sumK * this.S);
      const E = new Float64Array(this.cands.length * sumK);
      let row = 0;
      this.cands.forEach((c, i) => {
        stacked.set(Ps[i], row * this.S);
        for (let j = 0; j < c.k; j++) E[i * sumK + row + j] = 1;
        row += c.k;
      });
      this.placements = [torch.keep(torch.tensor(stacked, { shape: [sumK, this.S], ...opts }))];
      this.expansion = torch.keep(torch.tensor(E, { shape: [this.cands.length, sumK], ...opts }));
    } else {
      this.placements = this.cands.map((c, i) =>
        torch.keep(torch.tensor(Ps[i], { shape: [c.k, this.S], ...opts })),
      );
    }
  }

  /** W_agg: [out, in/groups, S] (1-D) or [out, in/groups, S, S] (2-D). */
  aggregatedKernel(w: torch.Tensor): torch.Tensor {
    const W = this.candidateWeights();
    this.ensurePlacements(W[0]);
    if (this.opts.dims === 1) {
      const rowScale = torch.matmul(w.unsqueeze(0), this.expansion!).transpose(0, 1); // [sum k, 1]
      return torch.matmul(torch.cat(W, -1), this.placements![0].mul(rowScale));
    }
    let acc: torch.Tensor | null = null;
    this.cands.forEach((_, i) => {
      const P = this.placements![i];
      const term = torch.matmul(torch.matmul(P.transpose(0, 1), W[i]), P).mul(w.narrow(0, i, 1));
      acc = acc ? acc.add(term) : term;
    });
    return acc!;
  }

  /** The mixture with given weights, evaluated as one convolution with the aggregated kernel. */
  forwardAggregated(x: torch.Tensor, w: torch.Tensor): torch.Tensor {
    const opts = { stride: this.opts.stride, padding: (this.S - 1) / 2, groups: this.groups };
    const K = this.aggregatedKernel(w);
    return this.opts.dims === 1 ? F.conv1d(x, K, this.bias, opts) : F.conv2d(x, K, this.bias, opts);
  }

  /** The same mixture as the weighted sum of each candidate's 'same'-aligned dilated convolution. */
  forwardSeparate(x: torch.Tensor, w: torch.Tensor): torch.Tensor {
    const W = this.candidateWeights();
    let acc: torch.Tensor | null = null;
    this.cands.forEach((c, i) => {
      const opts = {
        stride: this.opts.stride,
        padding: (receptiveField(c) - 1) / 2,
        dilation: c.d,
        groups: this.groups,
      };
      const y = (this.opts.dims === 1 ? F.conv1d(x, W[i], null, opts) : F.conv2d(x, W[i], null, opts)).mul(
        w.narrow(0, i, 1),
      );
      acc = acc ? acc.add(y) : y;
    });
    const shape = this.opts.dims === 1 ? [1, -1, 1] : [1, -1, 1, 1];
    return this.bias ? acc!.add(this.bias.view(shape)) : acc!;
  }

  forward(x: torch.Tensor): torch.Tensor {
    const w = this.mixtureWeights();
    return this.evaluation === 'aggregate' ? this.forwardAggregated(x, w) : this.forwardSeparate(x, w);
  }

  /**
   * Spec 1.5: grad_alpha <- grad_alpha / (gradScale * (||grad_alpha|| + 1e-8)) + rfPenalty * RF, RF being the
   * candidates' receptive fields (a constant push against large receptive fields). Call after backward().
   */
  rescaleAlphaGrad(gradScale: number, rfPenalty = 1e-5): void {
    const g = this.alpha.grad;
    if (!g) return;
    torch.noGrad(() => {
      const rf = torch.tensor(Float32Array.from(this.cands, receptiveField), {
        dtype: g.dtype,
        device: g.device as torch.Device,
      });
      const scaled = g.div(torch.norm(g).add(1e-8).mul(gradScale)).add(rf.mul(rfPenalty));
      g.copy_(scaled);
      rf.dispose();
      scaled.dispose();
    });
    g.dispose();
  }

  /** argmax of the raw logits (no noise). */
  choice(): ConvChoice {
    return discretise(this.alpha.toArray(), this.opts.space);
  }

  override dispose(): void {
    for (const t of this.placements ?? []) t.dispose();
    this.expansion?.dispose();
    super.dispose();
  }

  override extraRepr(): string {
    return `${this.opts.inChannels}, ${this.opts.outChannels}, candidates=${this.cands.length}, S=${this.S}, groups=${this.groups}, ${this.evaluation}`;
  }
}
