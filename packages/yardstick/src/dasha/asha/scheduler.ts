// Asynchronous successive halving (ASHA, Li et al. 2020) as a pure, deterministic state machine with the
// exact decision rule of Ray Tune's ASHAScheduler (one bracket, s = 0), which the DASHA reference uses:
// - rungs at minT * eta^k for k = 0..floor(log(maxT/minT)/log(eta)), checked from the highest down;
// - a report at time t >= a rung the trial has not been recorded at is compared with the cutoff of that rung
//   (the (1 - 1/eta) quantile, numpy-linear, of the values recorded there so far, taken BEFORE adding this
//   one), then recorded; the trial stops if its value is strictly below the cutoff;
// - any report at t >= maxT completes the trial (checked before the rungs).
// State is only the values recorded per rung, so it can be rebuilt from a ledger of rung decisions.
import { percentile } from '../../common/percentile.js';

export type AshaMode = 'max' | 'min';

export interface AshaConfig {
  /** Budget of the first rung (Ray's grace_period). */
  gracePeriod: number;
  /** Maximum budget per trial (Ray's max_t). */
  maxT: number;
  /** Reduction factor eta. */
  reductionFactor: number;
  mode: AshaMode;
}

export type RungDecision = 'promote' | 'stop' | 'complete';

export interface AshaDecision {
  action: 'continue' | 'stop';
  /** Set when this report was judged at a rung (or completed the trial). */
  rung?: number;
  decision?: RungDecision;
  /** The cutoff it was compared with (null when the rung was still empty). */
  cutoff?: number | null;
}

export function validateAshaConfig(c: AshaConfig): void {
  if (!(c.gracePeriod > 0)) throw new Error(`ASHA: gracePeriod must be > 0, got ${c.gracePeriod}`);
  if (!(c.maxT >= c.gracePeriod))
    throw new Error(`ASHA: maxT (${c.maxT}) must be >= gracePeriod (${c.gracePeriod})`);
  if (!(c.reductionFactor > 1))
    throw new Error(`ASHA: reductionFactor must be > 1, got ${c.reductionFactor}`);
}

/** Rung budgets in ascending order, as Ray computes them (int() of the log ratio, no epsilon). */
export function rungMilestones(c: AshaConfig): number[] {
  const count = Math.trunc(Math.log(c.maxT / c.gracePeriod) / Math.log(c.reductionFactor) + 1);
  return Array.from({ length: count }, (_, k) => c.gracePeriod * c.reductionFactor ** k);
}

export class AshaScheduler {
  readonly config: AshaConfig;
  readonly milestones: number[];
  /** milestone -> (trialId -> value in "higher is better" orientation). */
  private readonly recorded = new Map<number, Map<number, number>>();

  constructor(config: AshaConfig) {
    validateAshaConfig(config);
    this.config = { ...config };
    this.milestones = rungMilestones(config);
    for (const m of this.milestones) this.recorded.set(m, new Map());
  }

  private sign(): number {
    return this.config.mode === 'max' ? 1 : -1;
  }

  /** Judges one report (time t = epochs completed, value = the metric as reported). */
  onResult(trialId: number, t: number, value: number): AshaDecision {
    if (t >= this.config.maxT)
      return { action: 'stop', rung: this.config.maxT, decision: 'complete', cutoff: null };
    const v = this.sign() * value;
    for (let i = this.milestones.length - 1; i >= 0; i--) {
      const m = this.milestones[i];
      const rec = this.recorded.get(m)!;
      if (t < m || rec.has(trialId)) continue;
      const cutoff =
        rec.size === 0 ? null : percentile([...rec.values()], (1 - 1 / this.config.reductionFactor) * 100);
      const stop = cutoff !== null && v < cutoff;
      if (Number.isFinite(v)) rec.set(trialId, v);
      return {
        action: stop ? 'stop' : 'continue',
        rung: m,
        decision: stop ? 'stop' : 'promote',
        cutoff: cutoff === null ? null : this.sign() * cutoff,
      };
    }
    return { action: 'continue' };
  }

  /** Rebuilds state from a ledger entry (a value recorded at a rung by an earlier, interrupted process). */
  restore(trialId: number, rung: number, value: number): void {
    const rec = this.recorded.get(rung);
    if (!rec || !Number.isFinite(value)) return; // completions at maxT are not rung state; onResult skips non-finite too
    rec.set(trialId, this.sign() * value);
  }

  /** Values recorded at a rung, in the metric's own orientation (for reports and tests). */
  rungValues(rung: number): Map<number, number> {
    const rec = this.recorded.get(rung);
    if (!rec) throw new Error(`ASHA: ${rung} is not a rung (rungs: ${this.milestones.join(', ')})`);
    return new Map([...rec].map(([id, v]) => [id, this.sign() * v]));
  }
}
