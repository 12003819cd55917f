// The window-statistics shortcuts against brute force on small random series: Gram matrices against materialised
// windows, the composed forecast map against step-by-step recursion, the quadratic-form SSE against explicit
// forecasts, and OLS against closed forms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyForecaster, recursiveForecaster, windowStats } from '../../src/autoar/index.js';
import { forecastErrors, sseFromStats } from '../../src/autoar/errors.js';
import { fitPooledAr } from '../../src/autoar/paper-mode.js';
import { createRng } from '../../src/common/random.js';
import { zeros } from '../../src/autoar/dense.js';

function seeded(seed: number): () => number {
  const rng = createRng(seed);
  return () => rng.next() * 2 - 1;
}
function randomSeries(channels: number, length: number, seed: number): Float64Array[] {
  const r = seeded(seed);
  return Array.from({ length: channels }, () => {
    const x = new Float64Array(length);
    for (let i = 1; i < length; i++) x[i] = 0.9 * x[i - 1] + r();
    return x;
  });
}
const close = (a: number, b: number, tol: number, what: string) =>
  assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

// short windows (product loops) and long ones (the first row by FFT correlation)
for (const [rows, first, count, before, after] of [
  [120, 10, 90, 7, 5],
  [400, 50, 300, 41, 30],
]) {
  test(`window Gram matrix and sums equal the materialised windows (K = ${before + after})`, () => {
    const z = randomSeries(3, rows, 1);
    const stats = windowStats(z, { first, count }, before, after);
    const K = before + after;
    for (let a = 0; a < K; a++) {
      let s = 0;
      for (const x of z) for (let t = first; t < first + count; t++) s += x[t - before + a];
      close(stats.sums[a], s, 1e-12, `sums[${a}]`);
      for (let b = 0; b < K; b++) {
        let q = 0;
        for (const x of z)
          for (let t = first; t < first + count; t++) q += x[t - before + a] * x[t - before + b];
        close(stats.gram[a * K + b], q, 1e-12, `gram[${a}][${b}]`);
      }
    }
    assert.equal(stats.count, 3 * count);
  });
}

/** The reference's recursion (spec 3.8) written out step by step. */
function stepRecursion(
  x: Float64Array,
  t: number,
  ar: Float64Array,
  c: number,
  d: number,
  h: number,
): number[] {
  const diff = (v: number[]): number[] => v.slice(1).map((y, i) => y - v[i]);
  let levels = Array.from(x.subarray(0, t));
  const hist: number[][] = [levels];
  for (let k = 0; k < d; k++) hist.push(diff(hist[hist.length - 1]));
  const u = hist[d];
  const preds: number[] = [];
  for (let j = 0; j < h; j++) {
    let v = c;
    for (let k = 1; k <= ar.length; k++) v += ar[k - 1] * u[u.length - k];
    u.push(v);
    preds.push(v);
  }
  // integrate back: d = 1 cumsum from the last level; d = 2 cumsum from the last first difference, then again
  let out = preds;
  for (let k = d - 1; k >= 0; k--) {
    let acc = hist[k][hist[k].length - 1];
    out = out.map((v) => (acc += v));
  }
  levels = out;
  return levels;
}

test('the composed forecast map equals step-by-step recursion with un-differencing (d = 0, 1, 2)', () => {
  const [x] = randomSeries(1, 80, 2);
  const r = seeded(3);
  for (const d of [0, 1, 2]) {
    const ar = Float64Array.from({ length: 6 }, () => 0.15 * r());
    const f = recursiveForecaster(ar, 0.03, d, 9);
    const t = 60;
    const inputs = Array.from({ length: f.inputs }, (_, m) => x[t - 1 - m]);
    const got = applyForecaster(f, inputs);
    stepRecursion(x, t, ar, 0.03, d, 9).forEach((v, j) => close(got[j], v, 1e-12, `d=${d} step ${j}`));
  }
});

test('SSE from window statistics equals explicit forecasting of every window', () => {
  const z = randomSeries(2, 200, 4);
  const ar = Float64Array.from([0.5, -0.2, 0.1]);
  const f = recursiveForecaster(ar, 0.01, 1, 7);
  const origins = { first: 20, count: 150 };
  const stats = windowStats(z, origins, f.inputs + 2, f.horizon);
  const explicit = forecastErrors(z, origins, f);
  close(sseFromStats(stats, f), explicit.sse, 1e-10, 'sse');
  assert.equal(explicit.count, 2 * 150 * 7);
});

test('FFT forecast errors equal forecasting every window one by one (per window, squared and absolute)', () => {
  const r = seeded(9);
  // a dense direct map with a bias (every weight used), a series ending exactly at the last target, a one-input
  // map, and the largest horizon relative to the windows
  for (const [inputs, h, count] of [
    [11, 6, 37],
    [1, 3, 20],
    [4, 25, 8],
  ]) {
    const z = randomSeries(3, inputs + count + h - 1 + 5, 10 + inputs);
    const f = {
      horizon: h,
      inputs,
      weights: Float64Array.from({ length: h * inputs }, () => 0.3 * r()),
      bias: Float64Array.from({ length: h }, () => r()),
    };
    const origins = { first: 5 + inputs, count };
    const got = forecastErrors(z, origins, f);
    let sse = 0;
    let sae = 0;
    for (let o = 0; o < count; o++) {
      let ws = 0;
      let wa = 0;
      const t = origins.first + o;
      for (const x of z) {
        const y = applyForecaster(
          f,
          Array.from({ length: inputs }, (_, m) => x[t - 1 - m]),
        );
        y.forEach((v, j) => {
          ws += (v - x[t + j]) ** 2;
          wa += Math.abs(v - x[t + j]);
        });
      }
      close(got.perWindow.sse[o], ws, 1e-11, `p=${inputs} h=${h} window ${o} squared`);
      close(got.perWindow.sae[o], wa, 1e-11, `p=${inputs} h=${h} window ${o} absolute`);
      sse += ws;
      sae += wa;
    }
    close(got.sse, sse, 1e-11, 'sse');
    close(got.sae, sae, 1e-11, 'sae');
    assert.equal(got.count, 3 * count * h);
  }
  const short = { horizon: 2, inputs: 3, weights: new Float64Array(6), bias: new Float64Array(2) };
  assert.throws(() => forecastErrors([new Float64Array(10)], { first: 3, count: 7 }, short), /exceed/);
});

test('pooled OLS AR(1) equals the closed-form simple regression over all channels', () => {
  const z = randomSeries(3, 50, 5);
  const pairs = z.flatMap((x) => Array.from({ length: x.length - 1 }, (_, t) => [x[t], x[t + 1]]));
  const mx = pairs.reduce((a, p) => a + p[0], 0) / pairs.length;
  const my = pairs.reduce((a, p) => a + p[1], 0) / pairs.length;
  const slope =
    pairs.reduce((a, p) => a + (p[0] - mx) * (p[1] - my), 0) /
    pairs.reduce((a, p) => a + (p[0] - mx) ** 2, 0);
  const fit = fitPooledAr(z, 1);
  close(fit.ar[0], slope, 1e-10, 'slope');
  close(fit.intercept, my - slope * mx, 1e-10, 'intercept');
});

test('pooled OLS recovers an exact AR(2) with intercept', () => {
  const x = new Float64Array(40);
  [x[0], x[1]] = [1, -0.5];
  for (let t = 2; t < 40; t++) x[t] = 0.2 + 1.1 * x[t - 1] - 0.5 * x[t - 2];
  const fit = fitPooledAr([x], 2);
  close(fit.ar[0], 1.1, 1e-9, 'lag 1');
  close(fit.ar[1], -0.5, 1e-9, 'lag 2');
  close(fit.intercept, 0.2, 1e-9, 'intercept');
});

test('zeros: cleared arrays of their own memory, also where the allocator hands back freed, dirty memory', () => {
  // uninitialised buffers filled with garbage and released, so later ones may reuse their memory
  for (let i = 0; i < 8; i++) new Float64Array(Buffer.allocUnsafeSlow(1 << 20).buffer).fill(Math.PI);
  const arrays = Array.from({ length: 8 }, () => zeros((1 << 17) + 3));
  arrays[0][5] = 1;
  for (const [k, a] of arrays.entries()) {
    assert.equal(a.length, (1 << 17) + 3);
    assert.equal(a.byteOffset, 0);
    assert.ok(
      a.every((v, i) => v === (k === 0 && i === 5 ? 1 : 0)),
      `array ${k} is not cleared or shares memory`,
    );
  }
});
