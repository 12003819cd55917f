// The bootstrap draws cache: exact bits back for the same options and values, nothing for others, nothing from a
// damaged entry, a bounded folder. (test/report/cli.test.ts: `compare` prints the same from drawn and read draws.)
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { drawsCache } from '../../src/compare/draws-cache.js';
import { resampleMeans } from '../../src/compare/stats.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ys-draws-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('draws cache', () => {
  const values = Float64Array.from({ length: 50 }, (_, i) => Math.sin(i) ** 2);
  const draws = resampleMeans([values], { resamples: 300, seed: 4 })[0];
  const options = JSON.stringify({ resamples: 300, seed: 4 });

  it('gives back the same bits for the same options and values only', () => {
    const cache = drawsCache(path.join(dir, 'a'));
    assert.equal(cache.get(options, values), undefined);
    cache.set(options, values, draws);
    assert.deepEqual(drawsCache(path.join(dir, 'a')).get(options, values), draws);
    assert.equal(cache.get(JSON.stringify({ resamples: 300, seed: 5 }), values), undefined);
    const other = Float64Array.from(values);
    other[7] += 1e-12;
    assert.equal(cache.get(options, other), undefined);
  });

  it('reads a truncated entry as missing', () => {
    const sub = path.join(dir, 'b');
    drawsCache(sub).set(options, values, draws);
    const [file] = readdirSync(sub);
    truncateSync(path.join(sub, file), 200);
    assert.equal(drawsCache(sub).get(options, values), undefined);
  });

  it('keeps the folder under its cap', () => {
    const sub = path.join(dir, 'c');
    const small = drawsCache(sub, 3 * (draws.byteLength + 65));
    for (let s = 0; s < 64; s++) small.set(JSON.stringify({ seed: s }), values, draws);
    small.prune();
    assert.equal(readdirSync(sub).length, 3);
  });
});
