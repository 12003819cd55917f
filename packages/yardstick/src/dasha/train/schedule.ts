// Learning-rate multipliers per epoch (0-indexed), as the reference computes them.

/** gamma^(number of milestones strictly below the epoch): the reference's step schedules. */
export function stepMultiplier(epoch: number, milestones: readonly number[], gamma = 0.2): number {
  return gamma ** milestones.filter((m) => m < epoch).length;
}

/** Linear warm-up over `warmup` epochs, then linear decay reaching 0 at epoch `end` (the UNet schedules). */
export function warmupLinearMultiplier(epoch: number, warmup: number, end: number): number {
  if (epoch < warmup) return (epoch + 1) / warmup;
  return Math.max(0, (end - epoch) / (end - warmup));
}

/** Stretches a schedule written for `from` epochs to `to` epochs (budget mode's shorter runs keep its shape). */
export function rescaleMilestones(milestones: readonly number[], from: number, to: number): number[] {
  return milestones.map((m) => Math.round((m * to) / from));
}

export const SEARCH_MILESTONES = [30, 60, 80];
export const HPO_MILESTONES_1D = [6, 12, 18, 24, 32];
export const HPO_MILESTONES_2D = [12, 24, 32];
export const RETRAIN_MILESTONES_1D = [30, 60, 90, 120, 160];
export const RETRAIN_MILESTONES_2D = [60, 120, 160];
