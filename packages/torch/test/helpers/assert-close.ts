// Elementwise comparison of numeric results with an absolute + relative tolerance.
import assert from 'node:assert/strict';
import type { Tensor } from '@yardstick/torch';

/** Asserts a tensor's (or array's) flattened values equal expected within atol + rtol * |expected|. */
export function assertClose(
  actual: Tensor | number[],
  expected: number[],
  { atol = 1e-6, rtol = 1e-6 } = {},
): void {
  const got = Array.isArray(actual) ? actual : actual.toArray();
  assert.equal(got.length, expected.length, `expected ${expected.length} values, got ${got.length}`);
  got.forEach((v, i) => {
    const ok = Math.abs(v - expected[i]) <= atol + rtol * Math.abs(expected[i]);
    assert.ok(
      ok,
      `element ${i}: got ${v}, expected ${expected[i]}\n  got      ${JSON.stringify(got)}\n  expected ${JSON.stringify(expected)}`,
    );
  });
}
