// Property-based tests (fast-check) of the three parsers users feed by hand: the DNA table parser, the
// time-series CSV parser and the task-file reader. Two properties each: what is written correctly is read back
// exactly, and anything at all is either read or refused with an Error that names the file (never a crash,
// another exception type, or a message without its subject).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import fc from 'fast-check';
import { readDnaTable } from '../../src/data/dna/table.js';
import { parseSeriesCsv } from '../../src/data/ltsf/csv.js';
import { readTaskFile } from '../../src/tasks/index.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ys-prop-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const write = (ext: string, text: string): string => {
  const file = path.join(dir, `f${n++}.${ext}`);
  writeFileSync(file, text);
  return file;
};
const RUNS = { numRuns: 200 };

/** Any short text, or up to 6 comma-joined rows of up to 4 of `cells` (near-valid tables a parser must take or refuse). */
const tableLike = (cells: string[]) =>
  fc.oneof(
    fc.string({ maxLength: 200 }),
    fc
      .array(fc.array(fc.constantFrom(...cells), { maxLength: 4 }), { maxLength: 6 })
      .map((rows) => rows.map((r) => r.join(',')).join('\n')),
  );

/** RFC 4180: quote a field that holds the delimiter, a quote or a line break. */
const quote = (f: string, d: string) =>
  f.includes(d) || /["\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f;

/** The subject check: an Error (not a TypeError or RangeError from inside a parser) that names the file. */
function refusedNaming(file: string) {
  return (e: unknown) => {
    assert.ok(e instanceof Error && e.constructor === Error, `a plain Error, got ${String(e)}`);
    assert.ok(e.message.includes(file), `names ${file}: ${e.message}`);
    assert.ok(!e.message.includes('\n'), `one line: ${e.message}`);
    return true;
  };
}

test('DNA tables: records written with any ids (commas, quotes, line breaks) read back exactly', () => {
  const record = fc.record({
    sequence: fc.stringMatching(/^[ACGTN]{1,30}$/),
    label: fc.nat({ max: 9 }),
    name: fc.string({ maxLength: 12 }).filter((s) => s.trim() === s),
  });
  fc.assert(
    fc.property(
      fc.array(record, { minLength: 1, maxLength: 20 }),
      fc.constantFrom(',', '\t'),
      (records, d) => {
        const text =
          ['sequence', 'name', 'label'].join(d) +
          '\n' +
          records.map((r) => [r.sequence, quote(r.name, d), r.label].join(d)).join('\n') +
          '\n';
        const file = write(d === ',' ? 'csv' : 'tsv', text);
        const read = readDnaTable(file, { idColumn: 'name' });
        assert.deepEqual(
          read.map((r) => ({ sequence: r.sequence, label: r.label, name: r.id })),
          records.map((r) => ({ sequence: r.sequence, label: r.label, name: r.name })),
        );
      },
    ),
    RUNS,
  );
});

test('DNA tables: any text is read or refused with an error naming the file', () => {
  const text = tableLike(['ACGT', '0', '1', '', '"', 'a,b', '-3', 'label', 'sequence', '\r']);
  fc.assert(
    fc.property(text, (t) => {
      const file = write('csv', t);
      try {
        readDnaTable(file);
      } catch (e) {
        refusedNaming(file)(e);
      }
    }),
    RUNS,
  );
});

test('series CSVs: a table of finite numbers written with a time column reads back exactly', () => {
  const table = fc.integer({ min: 1, max: 4 }).chain((channels) =>
    fc.array(
      fc.array(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }), {
        minLength: channels,
        maxLength: channels,
      }),
      { minLength: 1, maxLength: 30 },
    ),
  );
  fc.assert(
    fc.property(table, (rows) => {
      const channels = rows[0].map((_, c) => `ch${c}`);
      const times = rows.map((_, i) =>
        new Date(Date.UTC(2020, 0, 1, i)).toISOString().slice(0, 19).replace('T', ' '),
      );
      const text = `date,${channels.join(',')}\n${rows.map((r, i) => `${times[i]},${r.join(',')}`).join('\n')}\n`;
      const t = parseSeriesCsv(text, 'table.csv');
      assert.deepEqual(t.channels, channels);
      assert.deepEqual(t.times, times);
      t.values.forEach((col, c) =>
        assert.deepEqual(
          [...col],
          rows.map((r) => Number(String(r[c]))),
        ),
      ); // what the text says (-0 is written 0)
    }),
    RUNS,
  );
});

test('series CSVs: any text is read or refused with an error naming the file', () => {
  const text = tableLike(['date', '2020-01-01', '1.5', '', 'NaN', 'x', '"a,b"', '1e400', '-', 'ch']);
  fc.assert(
    fc.property(text, (t) => {
      try {
        parseSeriesCsv(t, 'series.csv');
      } catch (e) {
        refusedNaming('series.csv')(e);
      }
    }),
    RUNS,
  );
});

test('task files: any JSON or YAML value is read or refused with an error naming the file', () => {
  const keys = fc.constantFrom(
    'benchmark',
    'task',
    'id',
    'modality',
    'metric',
    'numClasses',
    'sequenceLength',
    'format',
    'columns',
    'imageSize',
    'channels',
    'bands',
    'train',
    'val',
    'test',
    'data',
    'split',
    'other',
  );
  const value = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    // names that pass the first checks (modalities, a published task), paths that leave the folder
    fc.constantFrom(
      'dna',
      'image',
      'segmentation',
      'mcc',
      'GUE',
      'mouse_0',
      'a.csv',
      'x.fa',
      '../x.csv',
      '/etc/passwd',
    ),
    fc.constantFrom([4, 4], { fractions: [0.6, 0.2, 0.2], seed: 1 }),
    fc.integer({ min: -3, max: 300 }),
    fc.record({ path: fc.string({ maxLength: 8 }), label: fc.integer({ min: -1, max: 3 }) }),
  );
  const doc = fc.oneof(fc.dictionary(keys, value, { maxKeys: 6 }), fc.jsonValue({ maxDepth: 2 }));
  fc.assert(
    fc.property(doc, fc.boolean(), (d, asYaml) => {
      const file = write(asYaml ? 'yaml' : 'json', JSON.stringify(d) ?? 'null'); // JSON is YAML too
      try {
        readTaskFile(file);
      } catch (e) {
        refusedNaming(file)(e);
      }
    }),
    RUNS,
  );
});
