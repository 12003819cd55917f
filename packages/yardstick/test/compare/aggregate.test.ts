// IQM, its stratified-bootstrap interval and performance profiles against the rliable package itself
// (fixtures/rliable.json, made by fixtures/make-rliable.py).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { iqm, iqmInterval, profileInterval, scoreDistribution } from '../../src/compare/aggregate.js';

interface Case {
  scores: number[][];
  taus: number[];
  iqm: number;
  iqm_interval: [number, number][];
  profile: number[];
  profile_interval: [number[], number[]];
}
const fx = JSON.parse(
  readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'rliable.json'), 'utf8'),
) as { cases: Case[] };
/** rliable's matrices are runs × tasks; our strata are tasks, each with its runs. */
const strata = (c: Case) => c.scores[0].map((_, t) => c.scores.map((run) => run[t]));

describe('aggregates as rliable computes them', () => {
  it('IQM equals rliable.metrics.aggregate_iqm (scipy trim_mean 0.25), and by hand', () => {
    for (const c of fx.cases) assert.ok(Math.abs(iqm(c.scores.flat()) - c.iqm) < 1e-12);
    // 8 values: drop the 2 lowest and 2 highest
    assert.equal(iqm([10, 1, 2, 3, 4, 5, 6, -7]), 3.5);
  });

  it('the stratified-bootstrap interval of the IQM matches rliable within its Monte Carlo spread', () => {
    for (const c of fx.cases) {
      const ours = iqmInterval(strata(c), { resamples: 20000, seed: 3 });
      const [a, b] = c.iqm_interval;
      const width = a[1] - a[0];
      // two rliable seeds differ by up to ~1.5% of the width here; allow 4% of it
      for (const [k, v] of [
        [0, ours.lower],
        [1, ours.upper],
      ] as const) {
        const ref = (a[k] + b[k]) / 2;
        assert.ok(Math.abs(v - ref) < 0.04 * width, `bound ${k}: ${v} vs rliable ${ref} (width ${width})`);
      }
      assert.ok(Math.abs(ours.estimate - c.iqm) < 1e-12);
    }
    // one run per task: every resample is the sample, so the interval is the point (by hand: IQM of 1..4 is 2.5)
    assert.deepEqual(iqmInterval([[1], [2], [3], [4]]), {
      estimate: 2.5,
      lower: 2.5,
      upper: 2.5,
      resamples: 2000,
    });
  });

  it('performance profiles equal rliable score distributions, with matching bootstrap bands', () => {
    for (const c of fx.cases) {
      const p = scoreDistribution(c.scores.flat(), c.taus);
      p.forEach((v, i) => assert.ok(Math.abs(v - c.profile[i]) < 1e-12, `tau ${c.taus[i]}`));
      const band = profileInterval(strata(c), c.taus, { resamples: 5000, seed: 1 });
      const n = c.scores.flat().length;
      // bounds move in steps of 1/n: ours may land one step from rliable's
      band.lower.forEach((v, i) =>
        assert.ok(
          Math.abs(v - c.profile_interval[0][i]) <= 1 / n + 1e-9,
          `lower at ${c.taus[i]}: ${v} vs ${c.profile_interval[0][i]}`,
        ),
      );
      band.upper.forEach((v, i) =>
        assert.ok(
          Math.abs(v - c.profile_interval[1][i]) <= 1 / n + 1e-9,
          `upper at ${c.taus[i]}: ${v} vs ${c.profile_interval[1][i]}`,
        ),
      );
    }
  });
});
