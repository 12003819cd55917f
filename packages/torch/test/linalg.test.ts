import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '@yardstick/torch';
import { assertClose } from './helpers/assert-close.js';

const f64 = (data: torch.NestedArray) => torch.tensor(data, { dtype: 'float64' });

/** A well-conditioned symmetric positive-definite matrix: M^T M + n I. */
function spd(n: number): torch.Tensor {
  const m = torch.randn([n, n], { dtype: 'float64' });
  return m
    .t()
    .mm(m)
    .add(torch.eye(n, n, { dtype: 'float64' }).mul(n));
}

test('solve: hand-computed system and a random system with zero residual', () => {
  assertClose(
    torch.linalg.solve(
      f64([
        [3, 1],
        [1, 2],
      ]),
      f64([9, 8]),
    ),
    [2, 3],
    { atol: 1e-14 },
  );
  torch.manualSeed(1);
  const A = spd(5);
  const B = torch.randn([5, 3], { dtype: 'float64' });
  const X = torch.linalg.solve(A, B);
  assert.ok(A.mm(X).sub(B).abs().max().item() < 1e-12);
  const Y = torch.linalg.solve(A, B.t(), { left: false }); // Y A = B^T
  assert.ok(Y.mm(A).sub(B.t()).abs().max().item() < 1e-12);
});

test('cholesky and choleskySolve', () => {
  const A = f64([
    [4, 2],
    [2, 3],
  ]);
  const L = torch.linalg.cholesky(A);
  assertClose(L, [2, 0, 1, Math.SQRT2], { atol: 1e-15 });
  assertClose(torch.linalg.cholesky(A, { upper: true }), [2, 1, 0, Math.SQRT2], { atol: 1e-15 });
  // A x = [8, 7] has x = [1.25, 1.5]
  assertClose(torch.choleskySolve(f64([[8], [7]]), L), [1.25, 1.5], { atol: 1e-14 });
  assert.throws(
    () =>
      torch.linalg.cholesky(
        f64([
          [1, 2],
          [2, 1],
        ]),
      ),
    /not positive-definite \(the leading minor of order 2 is not positive-definite\)/,
  );
});

test('lstsq fits a line by least squares (closed form: slope Sxy/Sxx)', () => {
  // x = 0..3, y = [1, 3, 4, 8]: Sxy = 11, Sxx = 5, slope 2.2, intercept 4 - 2.2 * 1.5 = 0.7
  const X = f64([
    [1, 0],
    [1, 1],
    [1, 2],
    [1, 3],
  ]);
  const y = f64([[1], [3], [4], [8]]);
  const { solution, rank } = torch.linalg.lstsq(X, y);
  assertClose(solution, [0.7, 2.2], { atol: 1e-12 });
  assert.equal(rank.item(), 2);
  const gelsd = torch.linalg.lstsq(X, y, { driver: 'gelsd' });
  assertClose(gelsd.solution, [0.7, 2.2], { atol: 1e-12 });
  assertClose(gelsd.singularValues.square().sum(), [1 * 4 + 14 + 0], { rtol: 1e-12 }); // trace(X^T X) = 4 + 14
  assert.throws(
    () => torch.linalg.lstsq(X, f64([[1], [2]])),
    /torch.linalg.lstsq: input.size\(-2\) should match other.size\(-2\)/,
  );
});

test('qr: Q R = A, Q orthonormal, R upper triangular', () => {
  torch.manualSeed(2);
  const A = torch.randn([6, 4], { dtype: 'float64' });
  const { Q, R } = torch.linalg.qr(A);
  assert.deepEqual(
    [Q.shape, R.shape],
    [
      [6, 4],
      [4, 4],
    ],
  );
  assert.ok(Q.mm(R).sub(A).abs().max().item() < 1e-13);
  assert.ok(
    Q.t()
      .mm(Q)
      .sub(torch.eye(4, 4, { dtype: 'float64' }))
      .abs()
      .max()
      .item() < 1e-13,
  );
  assert.equal(R.tril(-1).abs().max().item(), 0);
  assert.deepEqual(torch.linalg.qr(A, 'complete').Q.shape, [6, 6]);
});

test('inv, det, slogdet against closed forms; batched', () => {
  const A = f64([
    [4, 7],
    [2, 6],
  ]);
  assertClose(torch.linalg.inv(A), [0.6, -0.7, -0.2, 0.4], { atol: 1e-15 });
  assertClose(torch.linalg.det(A), [10], { rtol: 1e-14 });
  const batch = torch.stack([
    A,
    f64([
      [0, 1],
      [1, 0],
    ]),
    f64([
      [2, 0],
      [0, 3],
    ]),
  ]);
  assertClose(torch.linalg.det(batch), [10, -1, 6], { rtol: 1e-14 });
  const { sign, logabsdet } = torch.linalg.slogdet(batch);
  assert.deepEqual(sign.toArray(), [1, -1, 1]);
  assertClose(logabsdet, [Math.log(10), 0, Math.log(6)], { atol: 1e-14 });
  assert.throws(
    () =>
      torch.linalg.inv(
        f64([
          [1, 2, 3],
          [4, 5, 6],
        ]),
      ),
    /must be batches of square matrices, but they are 2 by 3 matrices/,
  );
  assert.throws(
    () =>
      torch.linalg.inv(
        torch.tensor(
          [
            [1, 0],
            [0, 1],
          ],
          { dtype: 'int64' },
        ),
      ),
    /Expected a floating point or complex tensor as input. Got Long/,
  );
  assert.throws(
    () =>
      torch.linalg.solve(
        f64([
          [1, 2],
          [2, 4],
        ]),
        f64([1, 1]),
      ),
    /singular/,
  );
});

test('eigh, svd, svdvals, pinv, solveTriangular, norms and rank', () => {
  const S = f64([
    [2, 1],
    [1, 2],
  ]);
  const { eigenvalues, eigenvectors } = torch.linalg.eigh(S);
  assertClose(eigenvalues, [1, 3], { atol: 1e-14 });
  assert.ok(S.mm(eigenvectors).sub(eigenvectors.mul(eigenvalues)).abs().max().item() < 1e-14);
  torch.manualSeed(3);
  const A = torch.randn([5, 3], { dtype: 'float64' });
  const { U, S: s, Vh } = torch.linalg.svd(A, { fullMatrices: false });
  assert.ok(U.mul(s).mm(Vh).sub(A).abs().max().item() < 1e-13);
  assertClose(torch.linalg.svdvals(A), s.toArray(), { rtol: 1e-12 });
  const normalEq = torch.linalg.inv(A.t().mm(A)).mm(A.t());
  assert.ok(torch.linalg.pinv(A).sub(normalEq).abs().max().item() < 1e-12);
  const L = f64([
    [2, 0],
    [1, 1],
  ]);
  assertClose(torch.linalg.solveTriangular(L, f64([[4], [5]]), { upper: false }), [2, 3], { atol: 1e-15 });
  const M = f64([
    [1, 2],
    [3, 4],
  ]);
  assertClose(torch.linalg.matrixNorm(M), [Math.sqrt(30)], { rtol: 1e-15 });
  assertClose(torch.linalg.matrixNorm(M, 1), [6]); // largest column sum
  assertClose(torch.linalg.matrixNorm(M, Infinity), [7]); // largest row sum
  assertClose(torch.linalg.vectorNorm(f64([3, -4])), [5]);
  assertClose(torch.linalg.vectorNorm(f64([3, -4]), Infinity), [4]);
  assert.equal(
    torch.linalg
      .matrixRank(
        f64([
          [1, 2],
          [2, 4],
        ]),
      )
      .item(),
    1,
  );
});
