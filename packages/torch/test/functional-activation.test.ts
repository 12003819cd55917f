import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '@yardstick/torch';
import { F } from '@yardstick/torch';
import { assertClose } from './helpers/assert-close.js';
import { checkGradients, seededUniform } from './helpers/finite-difference.js';

const xs = [-2, -0.5, 0, 0.3, 1.7];
const x = () => torch.tensor(xs, { dtype: 'float64' });
const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

/** erf by its Maclaurin series, accurate to ~1e-15 for |v| <= 3. */
function erf(v: number): number {
  let term = v;
  let sum = v;
  for (let n = 1; n < 80; n++) {
    term *= (-v * v) / n;
    sum += term / (2 * n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

test('relu, leaky_relu, sigmoid, tanh and silu against their closed forms', () => {
  assertClose(
    F.relu(x()),
    xs.map((v) => Math.max(v, 0)),
  );
  assertClose(
    F.leakyRelu(x()),
    xs.map((v) => (v > 0 ? v : 0.01 * v)),
    { atol: 1e-12 },
  );
  assertClose(
    F.leakyRelu(x(), 0.2),
    xs.map((v) => (v > 0 ? v : 0.2 * v)),
    { atol: 1e-12 },
  );
  assertClose(F.sigmoid(x()), xs.map(sigmoid), { atol: 1e-12 });
  assertClose(F.tanh(x()), xs.map(Math.tanh), { atol: 1e-12 });
  assertClose(
    F.silu(x()),
    xs.map((v) => v * sigmoid(v)),
    { atol: 1e-12 },
  );
});

test('gelu, exact and tanh-approximated', () => {
  assertClose(
    F.gelu(x()),
    xs.map((v) => 0.5 * v * (1 + erf(v / Math.SQRT2))),
    { atol: 1e-12 },
  );
  const approx = (v: number) => 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v ** 3)));
  assertClose(F.gelu(x(), { approximate: 'tanh' }), xs.map(approx), { atol: 1e-12 });
  assert.throws(
    () => F.gelu(x(), { approximate: 'cubic' as 'tanh' }),
    /approximate argument must be either none or tanh/,
  );
});

test('softmax and log_softmax along a chosen dimension', () => {
  const m = torch.tensor(
    [
      [1, 2, 3],
      [0, 0, Math.log(2)],
    ],
    { dtype: 'float64' },
  );
  const z = 1 + Math.E + Math.E ** 2;
  const rows = [1 / z, Math.E / z, Math.E ** 2 / z, 0.25, 0.25, 0.5];
  assertClose(F.softmax(m, 1), rows, { atol: 1e-12 });
  assertClose(F.softmax(m, -1), rows, { atol: 1e-12 });
  assertClose(F.logSoftmax(m, 1), rows.map(Math.log), { atol: 1e-12 });
  const e3 = Math.exp(3);
  const cols = [sigmoid(1), sigmoid(2), e3 / (e3 + 2), sigmoid(-1), sigmoid(-2), 2 / (e3 + 2)];
  assertClose(F.softmax(m, 0), cols, { atol: 1e-12 });
  const widened = F.softmax(torch.tensor([0, Math.log(3)]), 0, { dtype: 'float64' });
  assert.equal(widened.dtype, 'float64');
  assertClose(widened, [0.25, 0.75], { atol: 1e-7 });
  assert.throws(
    () => F.softmax(m, 2),
    /Dimension out of range \(expected to be in range of \[-2, 1\], but got 2\)/,
  );
});

test('activation gradients match finite differences', () => {
  const arg = [{ data: seededUniform(1, 12, -2, 2), shape: [3, 4] }];
  const fns: ((v: torch.Tensor) => torch.Tensor)[] = [
    F.silu,
    F.sigmoid,
    F.tanh,
    F.relu,
    (v) => F.leakyRelu(v, 0.1),
  ];
  for (const f of [
    ...fns,
    (v: torch.Tensor) => F.gelu(v),
    (v: torch.Tensor) => F.gelu(v, { approximate: 'tanh' }),
  ])
    checkGradients(f, arg);
  checkGradients((v) => F.softmax(v, 1), arg);
  checkGradients((v) => F.logSoftmax(v, 0), arg);
});
