// Auto-AR next to published foundation-model numbers for the same task, horizon and metric.
import type { FmResult } from '../registry/index.js';

export interface FmComparison {
  model: string;
  setting: string;
  lookback: number | null;
  metric: 'mse' | 'mae';
  published: number;
  autoar: number;
  winner: 'autoar' | 'fm' | 'tie';
  /** (published - autoar) / published: positive when Auto-AR's error is lower. */
  relativeGain: number;
  source: string;
}

/** Pairs one Auto-AR metric with every published row for it (lower is better for MSE and MAE). */
export function compareWithPublished(
  rows: readonly FmResult[],
  metric: 'mse' | 'mae',
  autoar: number,
): FmComparison[] {
  return rows
    .filter((r) => r.metric === metric && r.scale === 'x1')
    .map((r) => {
      // Published values carry 3 decimals: closer than half a unit of that is a tie.
      const winner = Math.abs(r.value - autoar) < 5e-4 ? 'tie' : autoar < r.value ? 'autoar' : 'fm';
      return {
        model: r.model,
        setting: r.setting,
        lookback: r.lookback ?? null,
        metric,
        published: r.value,
        autoar,
        winner,
        relativeGain: (r.value - autoar) / r.value,
        source: r.source.title,
      };
    });
}
