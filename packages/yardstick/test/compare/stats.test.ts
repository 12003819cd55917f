import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  averageRanks,
  bootstrapMean,
  pairedBootstrap,
  signTest,
  studentTCdf,
  studentTQuantile,
  summarise,
} from '../../src/compare/stats.js';
import { comparePredictions } from '../../src/compare/index.js';

// scipy reference values; regenerate with fixtures/make-stats.py
const fx = JSON.parse(
  readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'stats.json'), 'utf8'),
);
// an independent seeded bootstrap (Python's mulberry32 + numpy); regenerate with fixtures/make-bootstrap.py
const fx_bootstrap = JSON.parse(
  readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'bootstrap.json'), 'utf8'),
);
const close = (a: number, b: number, tol: number, what: string) =>
  assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

describe('comparison statistics', () => {
  it('Student t CDF and quantiles match scipy', () => {
    for (const { t, df, cdf } of fx.t_cdf) close(studentTCdf(t, df), cdf, 1e-10, `cdf(${t}, ${df})`);
    // scipy's ppf stops at ~1e-9 (our CDF, matching scipy's betainc to 1e-16, is off by 4e-10 at its quantiles)
    for (const { p, df, q } of fx.t_quantiles) close(studentTQuantile(p, df), q, 1e-8, `ppf(${p}, ${df})`);
  });

  it('summaries give mean, sample std and the 95% t-interval', () => {
    for (const c of fx.intervals) {
      const s = summarise(c.xs);
      close(s.mean, c.mean, 1e-12, 'mean');
      close(s.std, c.std, 1e-12, 'std');
      close(s.interval![0], c.lo, 1e-9, 'lo');
      close(s.interval![1], c.hi, 1e-9, 'hi');
    }
    // hand-computed: [1, 3] → mean 2, s = √2, half-width = 12.7062 · √2/√2
    const two = summarise([1, 3]);
    close(two.interval![1] - 2, 12.706204736432095, 1e-9, 'n=2 half-width');
    assert.deepEqual(summarise([0.5]), { n: 1, mean: 0.5, std: 0, interval: null, level: 0.95 });
  });

  it('sign test equals scipy binomtest', () => {
    for (const { wins, losses, p } of fx.sign_tests)
      close(signTest(wins, losses), p, 1e-12, `${wins}/${losses}`);
    close(signTest(5, 0), 0.0625, 1e-14, 'by hand: 2 · 0.5^5');
  });

  it('average ranks equal scipy rankdata, in both directions', () => {
    for (const r of fx.ranks) {
      assert.deepEqual(averageRanks(r.values, false), r.ascending);
      assert.deepEqual(averageRanks(r.values, true), r.descending);
    }
  });

  it('bootstrap interval of a mean approaches the normal-theory interval', () => {
    const { xs, mean, sem } = fx.bootstrap_normal;
    const b = bootstrapMean(xs, mean, { resamples: 4000, seed: 1 });
    close(b.estimate, mean, 1e-12, 'estimate');
    close(b.interval[0], mean - 1.96 * sem, 0.25 * sem, 'lower'); // Monte Carlo error of a percentile interval
    close(b.interval[1], mean + 1.96 * sem, 0.25 * sem, 'upper');
    assert.ok(b.pValue > 0.5); // the null is the observed mean
    assert.ok(bootstrapMean(xs, mean + 5 * sem, { seed: 1 }).pValue < 0.01);
    // seeded: the resamples are mulberry32's stream from the seed, as an independent Python bootstrap draws them
    const seeded = fx_bootstrap.seeded;
    const again = bootstrapMean(xs, seeded.null, { seed: seeded.seed });
    close(again.interval[0], seeded.interval[0], 1e-12, 'seeded lower');
    close(again.interval[1], seeded.interval[1], 1e-12, 'seeded upper');
    assert.equal(again.pValue, seeded.pValue);
    assert.equal(again.resamples, seeded.resamples);
  });

  it('paired bootstrap sees a constant shift exactly and no shift as null', () => {
    const a = fx.bootstrap_normal.xs as number[];
    const shifted = pairedBootstrap(
      a.map((x) => x + 0.25),
      a,
      { seed: 3 },
    );
    close(shifted.estimate, 0.25, 1e-12, 'shift');
    close(shifted.interval[0], 0.25, 1e-12, 'shift lo');
    close(shifted.interval[1], 0.25, 1e-12, 'shift hi');
    assert.equal(shifted.pValue, 0);
    assert.equal(pairedBootstrap(a, a).pValue, 1);
    assert.throws(() => pairedBootstrap([1], [1, 2]), /equal lengths/);
  });
});

it('comparePredictions: the paired difference of a metric recomputed from two models on the same labels', () => {
  const labels = [0, 1, 0, 1, 0, 1, 0, 1];
  const a = { labels, predictions: [0, 1, 0, 1, 0, 1, 0, 0] }; // 7 of 8 right
  const b = { labels, predictions: [0, 1, 1, 0, 0, 1, 1, 0] }; // 4 of 8 right
  const r = comparePredictions('accuracy', a, b, { resamples: 500, seed: 1 });
  assert.equal(r.estimate, 7 / 8 - 4 / 8);
  // every resample's difference is (right_a - right_b) / 8 with a right wherever b is: never below 0
  assert.ok(r.interval[0] >= 0 && r.interval[1] <= 1 && r.interval[0] < r.interval[1]);
  const same = comparePredictions('accuracy', a, a, { resamples: 200 });
  assert.deepEqual([same.estimate, same.interval, same.pValue], [0, [0, 0], 1]);
  assert.throws(() => comparePredictions('miou', a, b), /'miou' cannot be recomputed from predictions/);
  assert.throws(
    () => comparePredictions('mcc', a, { ...b, labels: [1, ...labels.slice(1)] }),
    /different labels/,
  );
});
