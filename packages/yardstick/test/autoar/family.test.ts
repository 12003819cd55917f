// The default mode's family against brute force on materialised windows (small series, float64): every transform's
// ridge fit, its level forecaster, its validation SSE along the path, the recursive one-step fit, and per-channel
// fits fold by fold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyForecaster, recursiveForecaster, windowStats } from '../../src/autoar/index.js';
import { sseFromStats } from '../../src/autoar/errors.js';
import { pathSse, ridgePath, solvePath } from '../../src/autoar/ridge-path.js';
import { fitDefaultMode, refitCandidate } from '../../src/autoar/default-mode.js';
import { ltsfTaskFromArrays } from '../../src/data/ltsf/index.js';
import {
  levelForecaster,
  mapStats,
  TRANSFORMS,
  windowMap,
  type Transform,
} from '../../src/autoar/transforms.js';

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
}
function randomSeries(channels: number, length: number, seed: number): Float64Array[] {
  const r = seeded(seed);
  return Array.from({ length: channels }, (_, c) => {
    const x = new Float64Array(length);
    for (let i = 2; i < length; i++) x[i] = 1.3 * x[i - 1] - 0.4 * x[i - 2] + 0.05 * c + r();
    return x;
  });
}
const close = (a: number, b: number, tol: number, what: string) =>
  assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

/** Features and targets of one window written out from their definitions (not from the sparse map). */
function bruteVariables(x: Float64Array, t: number, tr: Transform, L: number, h: number) {
  const f: number[] = [];
  const g: number[] = [];
  const mean = Array.from({ length: L }, (_, k) => x[t - 1 - k]).reduce((a, b) => a + b, 0) / L;
  const diff = (i: number, d: number): number => (d === 0 ? x[i] : diff(i, d - 1) - diff(i - 1, d - 1));
  if (tr.norm === 'none') {
    for (let k = 1; k <= L; k++) f.push(diff(t - k, tr.d));
    for (let j = 0; j < h; j++) {
      const naive = tr.d === 0 ? 0 : x[t - 1] + (tr.d === 2 ? (j + 1) * (x[t - 1] - x[t - 2]) : 0);
      g.push(x[t + j] - naive);
    }
  } else if (tr.norm === 'last') {
    for (let k = 2; k <= L; k++) f.push(x[t - k] - x[t - 1]);
    for (let j = 0; j < h; j++) g.push(x[t + j] - x[t - 1]);
  } else {
    for (let k = 1; k <= L; k++) f.push(x[t - k] - mean);
    for (let j = 0; j < h; j++) g.push(x[t + j] - mean);
  }
  return { f, g };
}

/** Solves A X = B (n x n, n x m) by Gaussian elimination with partial pivoting. */
function gaussSolve(A: number[][], B: number[][]): number[][] {
  const n = A.length;
  const a = A.map((r, i) => [...r, ...B[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
    [a[c], a[p]] = [a[p], a[c]];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const k = a[r][c] / a[c][c];
      for (let q = c; q < a[r].length; q++) a[r][q] -= k * a[c][q];
    }
  }
  return a.map((r, i) => r.slice(n).map((v) => v / a[i][i]));
}

/** Ridge with an unpenalised intercept on materialised rows: centre, add lambda * trace / P, solve. */
function bruteRidge(F: number[][], G: number[][], ridge: number) {
  const n = F.length;
  const P = F[0].length;
  const h = G[0].length;
  const mu = Array.from({ length: P }, (_, i) => F.reduce((a, r) => a + r[i], 0) / n);
  const nu = Array.from({ length: h }, (_, j) => G.reduce((a, r) => a + r[j], 0) / n);
  const A = Array.from({ length: P }, (_, i) =>
    Array.from({ length: P }, (_, k) => F.reduce((a, r) => a + (r[i] - mu[i]) * (r[k] - mu[k]), 0)),
  );
  const XY = Array.from({ length: P }, (_, i) =>
    Array.from({ length: h }, (_, j) => F.reduce((a, r, w) => a + (r[i] - mu[i]) * (G[w][j] - nu[j]), 0)),
  );
  const trace = A.reduce((a, r, i) => a + r[i], 0);
  A.forEach((r, i) => (r[i] += (ridge * trace) / P));
  const beta = gaussSolve(A, XY);
  const bias = nu.map((v, j) => v - beta.reduce((a, r, i) => a + r[j] * mu[i], 0));
  return { beta, bias };
}

const z = randomSeries(3, 260, 7);
const [h, B, L] = [4, 10, 6];
const fitOrigins = { first: B, count: 150 };
const valOrigins = { first: 170, count: 80 };
const materialise = (tr: Transform, o: { first: number; count: number }) => {
  const F: number[][] = [];
  const G: number[][] = [];
  for (const x of z)
    for (let t = o.first; t < o.first + o.count; t++) {
      const { f, g } = bruteVariables(x, t, tr, L, h);
      F.push(f);
      G.push(g);
    }
  return { F, G };
};

for (const tr of TRANSFORMS) {
  const name = tr.norm === 'none' ? `d = ${tr.d}` : `${tr.norm}-normalised`;
  test(`${name}: ridge fit, level forecaster and validation SSE equal brute force on materialised windows`, () => {
    const map = windowMap(tr, L, B, h);
    const fitStats = windowStats(z, fitOrigins, B, h);
    const valStats = windowStats(z, valOrigins, B, h);
    const path = ridgePath(mapStats(fitStats, map));
    const ridges = [1e-3, 0.1];
    const sse = pathSse(path, mapStats(valStats, map), ridges);
    const { F, G } = materialise(tr, fitOrigins);
    const val = materialise(tr, valOrigins);
    ridges.forEach((ridge, r) => {
      const brute = bruteRidge(F, G, ridge);
      const ours = solvePath(path, ridge);
      brute.beta.forEach((row, i) =>
        row.forEach((v, j) =>
          close(ours.beta[i * h + j], v, 1e-8, `${name} beta[${i}][${j}] ridge ${ridge}`),
        ),
      );
      brute.bias.forEach((v, j) => close(ours.bias[j], v, 1e-8, `${name} bias[${j}]`));
      // validation SSE from the explicit predictions of the brute-force model
      let bruteSse = 0;
      val.F.forEach((f, w) =>
        val.G[w].forEach((g, j) => {
          const pred = brute.bias[j] + f.reduce((a, v, i) => a + v * brute.beta[i][j], 0);
          bruteSse += (g - pred) ** 2;
        }),
      );
      close(sse[r], bruteSse, 1e-8, `${name} path SSE ridge ${ridge}`);
      // the level forecaster reproduces target + offset on every validation window, and its SSE from stats
      const f = levelForecaster(map, ours.beta, ours.bias);
      let levelSse = 0;
      for (const x of z)
        for (let t = valOrigins.first; t < valOrigins.first + valOrigins.count; t++) {
          const yhat = applyForecaster(
            f,
            Float64Array.from({ length: f.inputs }, (_, m) => x[t - 1 - m]),
          );
          yhat.forEach((v, j) => (levelSse += (x[t + j] - v) ** 2));
        }
      close(levelSse, bruteSse, 1e-8, `${name} level SSE ridge ${ridge}`);
      close(sseFromStats(valStats, f), bruteSse, 1e-8, `${name} SSE from stats`);
    });
  });
}

test('recursive candidates: the one-step ridge fit equals brute force and forecasts by recursion', () => {
  for (const d of [0, 1, 2]) {
    const tr: Transform = { d, norm: 'none' };
    const map = windowMap(tr, L, B, h);
    const path = ridgePath(mapStats(windowStats(z, fitOrigins, B, h), map));
    const { F, G } = materialise(tr, fitOrigins);
    const brute = bruteRidge(
      F,
      G.map((g) => [g[0]]),
      0.01,
    );
    const ours = solvePath(path, 0.01, 1);
    brute.beta.forEach((row, i) => close(ours.beta[i], row[0], 1e-8, `d=${d} ar[${i}]`));
    close(ours.bias[0], brute.bias[0], 1e-8, `d=${d} intercept`);
    const f = recursiveForecaster(ours.beta, ours.bias[0], d, h);
    assert.equal(f.inputs, L + d);
  }
});

test('per-channel candidates: fold by fold, each channel fitted alone equals brute force; so does the refit', () => {
  const task = ltsfTaskFromArrays('family', z);
  const { series, split } = task;
  const tr: Transform = { d: 0, norm: 'mean' };
  const ridge = 0.1;
  const fit = fitDefaultMode(task, h, {
    rule: 'minimum',
    transforms: [tr],
    // a longer pooled lookback: per-channel windows are shorter than the pooled ones, on the same origins
    lookbacks: [L, L + 3],
    strategies: ['direct'],
    ridges: [ridge],
    perChannelTransforms: [tr],
    perChannelLookbacks: [L],
    numValWindows: 2,
  });
  const perChannel = fit.candidates.find((c) => c.pooling === 'per-channel')!;
  const pooled = fit.candidates.find((c) => c.pooling === 'pooled' && c.lookback === L)!;
  assert.equal(fit.candidates.length, 3);
  assert.equal(fit.folds[0].fit.first, L + 3);
  const rowsOf = (x: Float64Array, o: { first: number; count: number }) => {
    const F: number[][] = [];
    const G: number[][] = [];
    for (let t = o.first; t < o.first + o.count; t++) {
      const { f, g } = bruteVariables(x, t, tr, L, h);
      F.push(f);
      G.push(g);
    }
    return { F, G };
  };
  const sseOf = (m: ReturnType<typeof bruteRidge>, v: { F: number[][]; G: number[][] }) =>
    v.F.reduce(
      (acc, f, w) =>
        acc +
        v.G[w].reduce(
          (a, g, j) => a + (g - m.bias[j] - f.reduce((s, x, i) => s + x * m.beta[i][j], 0)) ** 2,
          0,
        ),
      0,
    );
  fit.folds.forEach((fold, f) => {
    const n = fold.validation.count * series.length * h;
    let separate = 0;
    const all = { F: [] as number[][], G: [] as number[][] };
    for (const x of series) {
      const fitRows = rowsOf(x, fold.fit);
      all.F.push(...fitRows.F);
      all.G.push(...fitRows.G);
      separate += sseOf(bruteRidge(fitRows.F, fitRows.G, ridge), rowsOf(x, fold.validation));
    }
    close(perChannel.foldMse[f], separate / n, 1e-8, `per-channel fold ${f} MSE`);
    const shared = bruteRidge(all.F, all.G, ridge);
    const pooledSse = series.reduce((a, x) => a + sseOf(shared, rowsOf(x, fold.validation)), 0);
    close(pooled.foldMse[f], pooledSse / n, 1e-8, `pooled fold ${f} MSE`);
  });
  // the refit: one model per channel on every train+validation window, as level forecasters
  const end = split.train + split.val;
  const { forecasters } = refitCandidate(
    series.map((x) => x.subarray(0, end)),
    h,
    perChannel,
  );
  series.forEach((x, c) => {
    const { F, G } = rowsOf(x, { first: L + 2, count: end - h + 1 - (L + 2) });
    const brute = bruteRidge(F, G, ridge);
    const t = end + 5;
    const { f } = bruteVariables(x, t, tr, L, h);
    const mean = f.length
      ? Array.from({ length: L }, (_, k) => x[t - 1 - k]).reduce((a, b) => a + b, 0) / L
      : 0;
    const yhat = applyForecaster(
      forecasters[c],
      Float64Array.from({ length: forecasters[c].inputs }, (_, m) => x[t - 1 - m]),
    );
    yhat.forEach((v, j) =>
      close(
        v,
        mean + brute.bias[j] + f.reduce((a, u, i) => a + u * brute.beta[i][j], 0),
        1e-8,
        `c${c} yhat[${j}]`,
      ),
    );
  });
  assert.notEqual(forecasters[0], forecasters[1]);
});
