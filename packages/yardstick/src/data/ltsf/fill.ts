// Missing values, filled as the Auto-AR reference does: pandas `interpolate(method='cubic')`, i.e. scipy's
// not-a-knot cubic spline through a column's valid points (x = row index), evaluated at the missing rows.
// Where pandas leaves NaNs (before the first and after the last valid value, which would poison every metric),
// we carry the nearest valid value instead.

/** Solves a tridiagonal system in place (Thomas algorithm): sub[i] x[i-1] + diag[i] x[i] + sup[i] x[i+1] = rhs[i]. */
function solveTridiagonal(
  sub: Float64Array,
  diag: Float64Array,
  sup: Float64Array,
  rhs: Float64Array,
): Float64Array {
  const n = diag.length;
  for (let i = 1; i < n; i++) {
    const w = sub[i] / diag[i - 1];
    diag[i] -= w * sup[i - 1];
    rhs[i] -= w * rhs[i - 1];
  }
  const x = new Float64Array(n);
  x[n - 1] = rhs[n - 1] / diag[n - 1];
  for (let i = n - 2; i >= 0; i--) x[i] = (rhs[i] - sup[i] * x[i + 1]) / diag[i];
  return x;
}

/**
 * Second derivatives M of the not-a-knot cubic spline through (x, y), n >= 4.
 * Not-a-knot (third derivative continuous at x[1] and x[n-2]) gives M0 and M[n-1] in terms of their neighbours;
 * substituting them leaves a tridiagonal system in M[1..n-2].
 */
function notAKnotSecondDerivatives(x: number[], y: number[]): Float64Array {
  const n = x.length;
  const h = Array.from({ length: n - 1 }, (_, i) => x[i + 1] - x[i]);
  const slope = h.map((hi, i) => (y[i + 1] - y[i]) / hi);
  const m = n - 2;
  const sub = new Float64Array(m);
  const diag = new Float64Array(m);
  const sup = new Float64Array(m);
  const rhs = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const i = k + 1;
    sub[k] = h[i - 1];
    diag[k] = 2 * (h[i - 1] + h[i]);
    sup[k] = h[i];
    rhs[k] = 6 * (slope[i] - slope[i - 1]);
  }
  // M0 = M1 (1 + h0/h1) - M2 h0/h1
  const a = h[0] / h[1];
  diag[0] += h[0] * (1 + a);
  sup[0] -= h[0] * a;
  // M[n-1] = M[n-2] (1 + h[n-2]/h[n-3]) - M[n-3] h[n-2]/h[n-3]
  const b = h[n - 2] / h[n - 3];
  diag[m - 1] += h[n - 2] * (1 + b);
  sub[m - 1] -= h[n - 2] * b;
  const inner = solveTridiagonal(sub, diag, sup, rhs);
  const M = new Float64Array(n);
  M.set(inner, 1);
  M[0] = M[1] * (1 + a) - M[2] * a;
  M[n - 1] = M[n - 2] * (1 + b) - M[n - 3] * b;
  return M;
}

/** Fills NaNs of one column in place; returns how many were filled. Needs at least 4 valid values if any are missing. */
export function fillMissingCubic(column: Float64Array, name = 'column'): number {
  const xs: number[] = [];
  const ys: number[] = [];
  column.forEach((v, i) => {
    if (!Number.isNaN(v)) {
      xs.push(i);
      ys.push(v);
    }
  });
  const missing = column.length - xs.length;
  if (missing === 0) return 0;
  if (xs.length < 4) {
    throw new Error(
      `${name}: ${xs.length} valid values; cubic interpolation of missing values needs at least 4`,
    );
  }
  const M = notAKnotSecondDerivatives(xs, ys);
  let seg = 0;
  for (let i = 0; i < column.length; i++) {
    if (!Number.isNaN(column[i])) continue;
    if (i < xs[0]) column[i] = ys[0];
    else if (i > xs[xs.length - 1]) column[i] = ys[ys.length - 1];
    else {
      while (xs[seg + 1] < i) seg++;
      const h = xs[seg + 1] - xs[seg];
      const t1 = xs[seg + 1] - i;
      const t0 = i - xs[seg];
      column[i] =
        (M[seg] * t1 ** 3 + M[seg + 1] * t0 ** 3) / (6 * h) +
        (ys[seg] / h - (M[seg] * h) / 6) * t1 +
        (ys[seg + 1] / h - (M[seg + 1] * h) / 6) * t0;
    }
  }
  return missing;
}
