// The default mode's model family as linear changes of variables of one level window. A window of levels
// v = (z[t-B], ..., z[t-1], z[t], ..., z[t+h-1]) maps to features f = F v (the lagged d-th differences, or the lagged
// levels minus the window's last value or mean: NLinear / RLinear instance normalisation) and targets g = G v (the
// future levels minus the same offset). Every such map is sparse plus at most one rank-one term (the window mean),
// so the Gram matrix of (f, g) follows from the level Gram matrix in O(K^2) -- one pass over the data serves every
// member of the family -- and a fitted (f -> g) regression maps back to a level forecaster.
import { mirrorUpper, zeros } from './dense.js';
import type { LinearForecaster } from './linear-forecaster.js';
import type { WindowStats } from './window-stats.js';

/** How a window is turned into regression variables. */
export type Normalisation = 'none' | 'last' | 'mean';

export interface Transform {
  /** Differencing order of the features (0, 1, 2); normalisation applies to levels (d = 0) only. */
  d: number;
  norm: Normalisation;
}

export const TRANSFORMS: Transform[] = [
  { d: 0, norm: 'none' },
  { d: 0, norm: 'last' },
  { d: 0, norm: 'mean' },
  { d: 1, norm: 'none' },
  { d: 2, norm: 'none' },
];

export function transformName(t: Transform): string {
  return t.norm === 'none' ? `d${t.d}` : `${t.norm}-normalised`;
}

/** One row of the map: sum of coef * v[index], minus `rank1` times the window mean of the inputs. */
interface Row {
  idx: number[];
  coef: number[];
  rank1: number;
}

export interface WindowMap {
  transform: Transform;
  lookback: number;
  /** Number of level inputs read: x[t-1] .. x[t-inputs]. */
  inputs: number;
  /** Feature rows (in lag order) then h target rows, over window indices 0..B+h-1. */
  rows: Row[];
  features: number;
  horizon: number;
  /** The input weights a of the rank-one term (the window mean over the last `lookback` inputs), or none. */
  meanOver: number;
  before: number;
}

const DIFF = [[1], [1, -1], [1, -2, 1]];

/** The map of (transform, lookback) for windows with `before` inputs and `horizon` targets. */
export function windowMap(t: Transform, lookback: number, before: number, horizon: number): WindowMap {
  const B = before;
  const rows: Row[] = [];
  const L = lookback;
  if (t.norm === 'none') {
    const c = DIFF[t.d];
    for (let k = 1; k <= L; k++) rows.push({ idx: c.map((_, r) => B - k - r), coef: c, rank1: 0 });
    for (let j = 0; j < horizon; j++) {
      // Target: the level minus its naive continuation (0, the last value, or the linear extrapolation).
      if (t.d === 0) rows.push({ idx: [B + j], coef: [1], rank1: 0 });
      else if (t.d === 1) rows.push({ idx: [B + j, B - 1], coef: [1, -1], rank1: 0 });
      else rows.push({ idx: [B + j, B - 1, B - 2], coef: [1, -(j + 2), j + 1], rank1: 0 });
    }
  } else if (t.norm === 'last') {
    // x[t-k] - x[t-1] for k = 2..L (k = 1 would be identically zero).
    for (let k = 2; k <= L; k++) rows.push({ idx: [B - k, B - 1], coef: [1, -1], rank1: 0 });
    for (let j = 0; j < horizon; j++) rows.push({ idx: [B + j, B - 1], coef: [1, -1], rank1: 0 });
  } else {
    for (let k = 1; k <= L; k++) rows.push({ idx: [B - k], coef: [1], rank1: 1 });
    for (let j = 0; j < horizon; j++) rows.push({ idx: [B + j], coef: [1], rank1: 1 });
  }
  const inputs = t.norm === 'none' ? L + t.d : L;
  if (inputs > B)
    throw new RangeError(`windowMap: lookback ${L} with d = ${t.d} needs ${inputs} inputs, have ${B}`);
  return {
    transform: t,
    lookback: L,
    inputs,
    rows,
    features: rows.length - horizon,
    horizon,
    meanOver: t.norm === 'mean' ? L : 0,
    before: B,
  };
}

/**
 * The upper triangle of T Q T' for rows of T with up to three (index, coefficient) slots: row a of T Q (contiguous),
 * then gathered for every b >= a.
 */
function gatherProducts(
  Q: Float64Array,
  K: number,
  idx: readonly Int32Array[],
  coef: readonly Float64Array[],
  out: Float64Array,
): void {
  const [i0, i1, i2] = idx;
  const [c0, c1, c2] = coef;
  const M = i0.length;
  const tq = new Float64Array(K);
  for (let a = 0; a < M; a++) {
    tq.fill(0);
    for (let p = 0; p < 3; p++) {
      const c = coef[p][a];
      if (c === 0) continue;
      const base = idx[p][a] * K;
      for (let k = 0; k < K; k++) tq[k] += c * Q[base + k];
    }
    const row = a * M;
    for (let b = a; b < M; b++) out[row + b] = c0[b] * tq[i0[b]] + c1[b] * tq[i1[b]] + c2[b] * tq[i2[b]];
  }
}

/** Gram matrix, sums and count of the mapped variables: T Q T' and T s, with T sparse minus (rank1 x mean). */
export function mapStats(stats: WindowStats, map: WindowMap): WindowStats {
  const K = stats.before + stats.after;
  const off = stats.before - map.before;
  if (off < 0 || stats.after !== map.horizon)
    throw new RangeError(
      `mapStats: map needs ${map.before}+${map.horizon} offsets, stats have ${stats.before}+${stats.after}`,
    );
  const { gram: Q, sums: s } = stats;
  const rows = map.rows.map((r) => ({ ...r, idx: r.idx.map((i) => i + off) }));
  const M = rows.length;
  // Rows as three (index, coefficient) slots each, padded with zero coefficients (no row has more than three).
  const idx = [new Int32Array(M), new Int32Array(M), new Int32Array(M)];
  const coef = [new Float64Array(M), new Float64Array(M), new Float64Array(M)];
  rows.forEach((r, a) =>
    r.idx.forEach((i, p) => {
      idx[p][a] = i;
      coef[p][a] = r.coef[p];
    }),
  );
  const [i0] = idx;
  const [c0] = coef;
  // (T Q T')_ab = sum_q T_bq (T Q)_aq: row a of T Q (contiguous), then gathered for every b >= a
  const out = zeros(M * M);
  if (rows.every((r) => r.idx.length === 1)) {
    // one level per row (levels, mean-normalised levels): T Q T' is a scaled gather of Q, with no row of T Q
    for (let a = 0; a < M; a++) {
      const base = i0[a] * K;
      const ca = c0[a];
      const row = a * M;
      for (let b = a; b < M; b++) out[row + b] = ca * c0[b] * Q[base + i0[b]];
    }
  } else {
    gatherProducts(Q, K, idx, coef, out);
  }
  const sums = new Float64Array(M);
  for (let a = 0; a < M; a++) {
    let v = 0;
    for (let p = 0; p < rows[a].idx.length; p++) v += rows[a].coef[p] * s[rows[a].idx[p]];
    sums[a] = v;
  }
  const L = map.meanOver;
  if (L > 0) {
    // With m = a'v (a = 1/L on the last L inputs): row r is S_r v - rank1_r m, so
    // (T Q T')_ab = (S Q S')_ab - c_a (S Q a)_b - c_b (S Q a)_a + c_a c_b a'Q a.
    const B = stats.before;
    const qa = new Float64Array(K);
    for (let i = 0; i < K; i++) {
      let v = 0;
      for (let k = 1; k <= L; k++) v += Q[i * K + B - k];
      qa[i] = v / L;
    }
    let aqa = 0;
    let as = 0;
    for (let k = 1; k <= L; k++) {
      aqa += qa[B - k] / L;
      as += s[B - k] / L;
    }
    const sqa = Float64Array.from(rows, (r) => r.idx.reduce((acc, i, p) => acc + r.coef[p] * qa[i], 0));
    const c = Float64Array.from(rows, (r) => r.rank1);
    for (let a = 0; a < M; a++) {
      const ca = c[a];
      const sa = sqa[a];
      const row = a * M;
      for (let b = a; b < M; b++) out[row + b] += -ca * sqa[b] - c[b] * sa + ca * c[b] * aqa;
      sums[a] -= ca * as;
    }
  }
  mirrorUpper(out, M);
  return { before: map.features, after: map.horizon, gram: out, sums, count: stats.count };
}

/**
 * The mapped stats of a shorter lookback from those of a longer one, when features do not depend on the lookback
 * (lags of differences, or of levels minus the last value): the first `features` features and every target.
 */
export function leadingFeatures(stats: WindowStats, features: number): WindowStats {
  const P = stats.before;
  const h = stats.after;
  const M = P + h;
  const m = features + h;
  const pick = (i: number) => (i < features ? i : P + i - features);
  const gram = zeros(m * m);
  for (let a = 0; a < m; a++) {
    const row = pick(a) * M;
    gram.set(stats.gram.subarray(row, row + features), a * m);
    gram.set(stats.gram.subarray(row + P, row + M), a * m + features);
  }
  const sums = new Float64Array(m);
  sums.set(stats.sums.subarray(0, features));
  sums.set(stats.sums.subarray(P), features);
  return { before: features, after: h, gram, sums, count: stats.count };
}

/** Whether a transform's features for lag k are the same at every lookback (so leadingFeatures applies). */
export function nestedInLookback(t: Transform): boolean {
  return t.norm !== 'mean';
}

/**
 * The level forecaster of a fitted regression g = b + beta' f: yhat_j = (naive continuation)_j + b_j + beta_j' f(x),
 * with beta features x targets (row-major) and b per target; every term is linear in the inputs.
 */
export function levelForecaster(map: WindowMap, beta: Float64Array, bias: Float64Array): LinearForecaster {
  const { before: B, features: P, horizon: h, inputs: p } = map;
  const weights = zeros(h * p);
  // window index i < B is input x[t-1-m] with m = B-1-i
  const add = (j: number, i: number, w: number) => {
    weights[j * p + (B - 1 - i)] += w;
  };
  for (let j = 0; j < h; j++) {
    const target = map.rows[P + j];
    // g_j = y_j - offset_j(x): the offset is the negated input part of the target row
    for (let q = 1; q < target.idx.length; q++) add(j, target.idx[q], -target.coef[q]);
    let rank1 = target.rank1;
    for (let k = 0; k < P; k++) {
      const bkj = beta[k * h + j];
      if (bkj === 0) continue;
      const row = map.rows[k];
      for (let q = 0; q < row.idx.length; q++) add(j, row.idx[q], bkj * row.coef[q]);
      rank1 -= bkj * row.rank1;
    }
    // the window mean enters with weight rank1 (target offset +m, features -m each)
    if (map.meanOver > 0) for (let k = 1; k <= map.meanOver; k++) add(j, B - k, rank1 / map.meanOver);
  }
  return { horizon: h, inputs: p, weights, bias: Float64Array.from(bias) };
}
