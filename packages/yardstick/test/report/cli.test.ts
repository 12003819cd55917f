// The compare, report and runs commands over a synthetic database (TEST DATA).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, rmSync, statSync, truncateSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { syntheticDatabase } from './helpers/synthetic.js';
import { loadRegistry } from '../../src/registry/index.js';
import { yardstickSync } from '../helpers/cli.js';

const { storage, file, dir } = syntheticDatabase();
storage.close();
after(() => rmSync(dir, { recursive: true, force: true }));

const yardstick = (...args: string[]) => yardstickSync(args);

describe('CLI: compare, report, runs', () => {
  it('compares a task as tables', () => {
    const task = yardstick('compare', 'ltsf/ETTh1', '--horizon', '96', '--db', file);
    assert.equal(task.code, 0, task.err);
    assert.match(task.out, /### ltsf\/ETTh1, horizon 96 — mse \(lower is better\)/);
    // what the verdicts were held against first, as in every report
    const registry = loadRegistry();
    assert.ok(
      task.out.startsWith(
        `published numbers: fm-results.json v${registry.version}, ${registry.results.length} records\n\n### Verdicts: each of our models`,
      ),
      task.out.slice(0, 200),
    );
    // one line per our model × FM family × setting kind
    assert.match(task.out, /\n\| Auto-AR \| 0\.\d+ \[0\.\d+, 0\.\d+\] \| TTM \| zero-shot \|/);
    // the bootstrap draws are kept beside the database: read back, or drawn again where damaged, they print the same
    const drawsDir = path.join(dir, 'reports', '.cache', 'bootstrap');
    const entries = readdirSync(drawsDir);
    assert.ok(entries.length > 0 && entries.every((f) => f.endsWith('.f64')), entries.join(' '));
    const again = yardstick('compare', 'ltsf/ETTh1', '--horizon', '96', '--db', file);
    assert.equal(again.out, task.out);
    truncateSync(path.join(drawsDir, entries[0]), 100);
    assert.equal(yardstick('compare', 'ltsf/ETTh1', '--horizon', '96', '--db', file).out, task.out);
    assert.ok(statSync(path.join(drawsDir, entries[0])).size > 100, 'the damaged entry is drawn again');
  });

  it('writes a report beside the database and lists runs', () => {
    const r = yardstick('report', 'gue', '--db', file);
    assert.equal(r.code, 0, r.err);
    const html = path.join(dir, 'reports', 'gue', 'report.html');
    assert.ok(r.out.includes(html) && existsSync(html));
    // its charts are kept for the next report, beside the reports
    const cached = readdirSync(path.join(dir, 'reports', '.cache', 'charts'));
    assert.ok(cached.length > 0 && cached.every((f) => f.endsWith('.svg')), cached.join(' '));
    const runs = yardstick('runs', '--workflow', 'dasha', '--db', file);
    const lines = runs.out.trim().split('\n');
    assert.equal(lines.length, 3);
    assert.match(
      lines.find((l) => l.startsWith('dasha-live'))!,
      / running /,
    ); // its owner (this test process) is alive
  });

  it('fails with one clear line on bad input', () => {
    const r = yardstick('report', 'no-such-thing', '--db', file);
    assert.equal(r.code, 1);
    assert.match(r.err, /^error: 'no-such-thing' is neither a run id nor a task or benchmark/);
    assert.ok(!r.err.includes('    at '), 'no stack trace');
  });
});
