// Learning-rate schedules. Each is a closed form lr(epoch) per parameter group; step() advances the
// epoch and writes the rates into the optimiser's groups (PyTorch's chainable forms give the same values).
// As in PyTorch, a group's first scheduler records its rate as `initialLr`, and every later scheduler
// of that group uses it as its base, so schedules can be composed (SequentialLR).
import type { Optimizer } from './optimizer.js';

type AnyOptimizer = Optimizer<{ lr: number }>;
/** The rate of each group at an epoch, from the groups' base rates. */
export type Schedule = (epoch: number, baseLrs: number[]) => number[];

export interface SchedulerState {
  lastEpoch: number;
  baseLrs: number[];
}

/** Scales every base rate by the same factor of the epoch. */
function byFactor(factor: (epoch: number) => number): Schedule {
  return (epoch, base) => base.map((lr) => lr * factor(epoch));
}

function positiveInt(name: string, v: number): void {
  if (!Number.isInteger(v) || v <= 0) throw new RangeError(`${name} must be a positive integer, got ${v}`);
}

export class LRScheduler {
  /** Each group's rate before any schedule touched it. */
  baseLrs: number[];
  /** Number of step() calls so far (0 right after construction, as in PyTorch). */
  lastEpoch = 0;

  constructor(
    readonly optimizer: AnyOptimizer,
    private readonly schedule: Schedule,
  ) {
    for (const g of optimizer.paramGroups as { lr: number; initialLr?: number }[]) g.initialLr ??= g.lr;
    this.baseLrs = optimizer.paramGroups.map((g) => (g as { initialLr?: number }).initialLr!);
    this.apply();
  }

  /** The rate of each group at `epoch`. */
  lrAt(epoch: number): number[] {
    return this.schedule(epoch, this.baseLrs);
  }

  /** Advances one epoch (or jumps to `epoch`) and sets the groups' learning rates. */
  step(epoch?: number): void {
    this.lastEpoch = epoch ?? this.lastEpoch + 1;
    this.apply();
  }

  /** The learning rates set by the latest step. */
  getLastLr(): number[] {
    return this.optimizer.paramGroups.map((g) => g.lr);
  }

  stateDict(): SchedulerState {
    return { lastEpoch: this.lastEpoch, baseLrs: [...this.baseLrs] };
  }

  loadStateDict(s: SchedulerState): void {
    if (s.baseLrs.length !== this.baseLrs.length) {
      throw new Error(
        `${this.constructor.name}.loadStateDict: state has ${s.baseLrs.length} groups, the optimizer ${this.baseLrs.length}`,
      );
    }
    this.baseLrs = [...s.baseLrs];
    this.lastEpoch = s.lastEpoch;
    this.apply();
  }

  private apply(): void {
    const lrs = this.lrAt(this.lastEpoch);
    this.optimizer.paramGroups.forEach((g, i) => {
      g.lr = lrs[i];
    });
  }
}

/** lr = base * lambda(epoch), one lambda for all groups or one per group. */
export class LambdaLR extends LRScheduler {
  constructor(
    optimizer: AnyOptimizer,
    lrLambda: ((epoch: number) => number) | ((epoch: number) => number)[],
  ) {
    const n = optimizer.paramGroups.length;
    if (Array.isArray(lrLambda) && lrLambda.length !== n)
      throw new RangeError(`LambdaLR: expected ${n} lambdas, got ${lrLambda.length}`);
    super(optimizer, (epoch, base) =>
      base.map((lr, i) => lr * (Array.isArray(lrLambda) ? lrLambda[i] : lrLambda)(epoch)),
    );
  }
}

/** lr = base * gamma^floor(epoch / stepSize). */
export class StepLR extends LRScheduler {
  constructor(optimizer: AnyOptimizer, stepSize: number, gamma = 0.1) {
    positiveInt('StepLR stepSize', stepSize);
    super(
      optimizer,
      byFactor((epoch) => gamma ** Math.floor(epoch / stepSize)),
    );
  }
}

/** lr = base * gamma^(number of milestones <= epoch). */
export class MultiStepLR extends LRScheduler {
  constructor(optimizer: AnyOptimizer, milestones: number[], gamma = 0.1) {
    const sorted = [...milestones].sort((a, b) => a - b);
    super(
      optimizer,
      byFactor((epoch) => gamma ** sorted.filter((m) => m <= epoch).length),
    );
  }
}

/** lr = etaMin + (base - etaMin) * (1 + cos(pi * epoch / tMax)) / 2. */
export class CosineAnnealingLR extends LRScheduler {
  constructor(optimizer: AnyOptimizer, tMax: number, etaMin = 0) {
    positiveInt('CosineAnnealingLR tMax', tMax);
    super(optimizer, (epoch, base) =>
      base.map((lr) => etaMin + ((lr - etaMin) * (1 + Math.cos((Math.PI * epoch) / tMax))) / 2),
    );
  }
}

/** The factor ramps linearly from startFactor to endFactor over totalIters epochs, then stays. */
export class LinearLR extends LRScheduler {
  constructor(optimizer: AnyOptimizer, startFactor = 1 / 3, endFactor = 1, totalIters = 5) {
    if (!(startFactor > 0 && startFactor <= 1))
      throw new RangeError(`LinearLR: startFactor must be in (0, 1], got ${startFactor}`);
    if (!(endFactor >= 0 && endFactor <= 1))
      throw new RangeError(`LinearLR: endFactor must be in [0, 1], got ${endFactor}`);
    positiveInt('LinearLR totalIters', totalIters);
    super(
      optimizer,
      byFactor(
        (epoch) => startFactor + ((endFactor - startFactor) * Math.min(epoch, totalIters)) / totalIters,
      ),
    );
  }
}

/**
 * Runs schedulers one after another: scheduler i takes over at milestones[i-1] and counts epochs from
 * there (e.g. a 5-epoch LinearLR warm-up, then CosineAnnealingLR).
 */
export class SequentialLR extends LRScheduler {
  constructor(optimizer: AnyOptimizer, schedulers: LRScheduler[], milestones: number[]) {
    if (schedulers.length !== milestones.length + 1) {
      throw new RangeError(
        `SequentialLR: expected ${milestones.length + 1} schedulers for ${milestones.length} milestones, got ${schedulers.length}`,
      );
    }
    if (schedulers.some((s) => s.optimizer !== optimizer))
      throw new Error('SequentialLR: every scheduler must drive the same optimizer');
    if (milestones.some((m, i) => i > 0 && m <= milestones[i - 1]))
      throw new RangeError('SequentialLR: milestones must increase');
    super(optimizer, (epoch) => {
      const idx = milestones.filter((m) => m <= epoch).length;
      return schedulers[idx].lrAt(epoch - (idx === 0 ? 0 : milestones[idx - 1]));
    });
  }
}
