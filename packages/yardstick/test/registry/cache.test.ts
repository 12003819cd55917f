// The validated curated registry kept in a cache folder: the same results as validating, new ones when the
// curated data changes, a damaged entry ignored, invalid data never kept, and the same problems reported.
import assert from 'node:assert/strict';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { CURATED_FILE, loadRegistry } from '../../src/registry/index.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ys-registry-cache-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const curated = JSON.parse(readFileSync(CURATED_FILE, 'utf8')) as {
  records: { id?: string; value: number }[];
};
/** A copy of the curated file with `edit` applied to its records. */
function curatedCopy(name: string, edit: (records: (typeof curated)['records']) => void): string {
  const copy = structuredClone(curated);
  edit(copy.records);
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(copy));
  return file;
}

describe('registry cache', () => {
  const fresh = loadRegistry({ userDir: null });

  it('gives the results of a validation, from one entry', () => {
    const cacheDir = path.join(dir, 'a');
    assert.deepEqual(loadRegistry({ userDir: null, cacheDir }).results, fresh.results);
    assert.equal(readdirSync(cacheDir).length, 1);
    const again = loadRegistry({ userDir: null, cacheDir });
    assert.deepEqual(again.results, fresh.results);
    assert.deepEqual(again.info(), fresh.info());
  });

  it('validates again when the curated data changes, and ignores a damaged entry', () => {
    const cacheDir = path.join(dir, 'b');
    const file = curatedCopy('changed.json', () => {});
    assert.deepEqual(
      loadRegistry({ userDir: null, cacheDir, curatedFile: file }).results[0].value,
      curated.records[0].value,
    );
    curatedCopy('changed.json', (r) => {
      r[0].value = 0.123;
    });
    const changed = loadRegistry({ userDir: null, cacheDir, curatedFile: file });
    assert.equal(changed.results[0].value, 0.123);
    assert.equal(readdirSync(cacheDir).length, 2);
    for (const entry of readdirSync(cacheDir)) truncateSync(path.join(cacheDir, entry), 1000);
    assert.deepEqual(loadRegistry({ userDir: null, cacheDir }).results, fresh.results);
  });

  it('keeps no invalid data and reports its problems every time', () => {
    const cacheDir = path.join(dir, 'c');
    const file = curatedCopy('invalid.json', (r) => {
      r[3].value = Number.NaN; // JSON null: not a number
    });
    for (let i = 0; i < 2; i++)
      assert.throws(
        () => loadRegistry({ userDir: null, cacheDir, curatedFile: file }),
        /invalid\.json record 4 .*field 'value'/,
      );
    assert.ok(!existsSync(cacheDir) || readdirSync(cacheDir).length === 0, 'nothing kept');
  });

  it("names the curated record a user's duplicate id collides with, cached or not", () => {
    const cacheDir = path.join(dir, 'd');
    const mine = path.join(dir, 'mine.json');
    const first = fresh.results[0];
    writeFileSync(mine, JSON.stringify([{ ...curated.records[0], id: first.id, value: 0.5 }]));
    const message = (cache?: string) => {
      try {
        loadRegistry({ userDir: null, extraFiles: [mine], cacheDir: cache });
      } catch (e) {
        return (e as Error).message;
      }
      return 'no error';
    };
    const expected = message();
    assert.match(expected, new RegExp(`already used by .*fm-results\\.json record 1$`));
    loadRegistry({ userDir: null, cacheDir });
    assert.equal(message(cacheDir), expected);
  });
});
