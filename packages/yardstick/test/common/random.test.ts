// The one seeded generator against an independent implementation (fixtures/make-bootstrap.py, Python), and the
// derived draws against their definitions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRng, hashSeed, shuffled, streamRng } from '../../src/common/random.js';

const fx = JSON.parse(readFileSync(new URL('../compare/fixtures/bootstrap.json', import.meta.url), 'utf8'));

test("mulberry32 from seed 7 gives the Python implementation's first values exactly", () => {
  const rng = createRng(7);
  assert.deepEqual(
    Array.from({ length: 5 }, () => rng.next()),
    fx.mulberry32_seed7_first5,
  );
});

test("fill writes the Python implementation's values and continues the same stream", () => {
  const rng = createRng(7);
  const first = fx.mulberry32_seed7_first5 as number[];
  assert.deepEqual(Array.from(rng.fill(new Float64Array(3))), first.slice(0, 3));
  assert.equal(rng.next(), first[3]);
  assert.deepEqual(Array.from(rng.fill(new Float64Array(1))), [first[4]]);
});

test('resampleSum draws int(n) indices from the same stream and sums the values there', () => {
  const xs = Float64Array.from([10, 20, 30, 40, 50, 60, 70]);
  const [a, b] = [createRng(7), createRng(7)];
  const idx = new Int32Array(xs.length);
  for (let r = 0; r < 3; r++) {
    const want = Array.from(xs, () => b.int(xs.length));
    assert.equal(
      a.resampleSum(xs, idx),
      want.reduce((s, j) => s + xs[j], 0),
    );
    assert.deepEqual(Array.from(idx), want);
  }
  assert.equal(a.next(), b.next());
});

test('int, uniform and choice are floor / affine maps of the same stream', () => {
  const a = createRng(7);
  const [u0, u1] = fx.mulberry32_seed7_first5 as number[];
  assert.equal(a.int(10), Math.floor(u0 * 10)); // 0.0117 -> 0
  assert.equal(a.uniform(2, 4), 2 + u1 * 2);
  assert.equal(a.choice(['a', 'b', 'c', 'd']), 'd'); // floor(0.9769 * 4) = 3
});

test('permutation and shuffled reorder without losing or repeating', () => {
  const p = Array.from(createRng(1).permutation(50));
  assert.deepEqual(
    [...p].sort((x, y) => x - y),
    Array.from({ length: 50 }, (_, i) => i),
  );
  assert.notDeepEqual(
    p,
    Array.from({ length: 50 }, (_, i) => i),
  );
  const items = ['a', 'b', 'c', 'd', 'e'];
  assert.deepEqual(shuffled(items, createRng(3)).sort(), items);
});

test('a named stream is the generator seeded by the hash of its name', () => {
  const s = streamRng(5, 2, 0x5e);
  const r = createRng(hashSeed(5, 2, 0x5e));
  for (let i = 0; i < 10; i++) assert.equal(s.next(), r.next());
  assert.notEqual(hashSeed(5, 2, 0x5e), hashSeed(5, 3, 0x5e));
  assert.equal(hashSeed(1, 2) >>> 0, hashSeed(1, 2));
});
