// A recorded Auto-AR run: the forecast CSV comes from the run's own model, the selection is stored with the result,
// and a failure after the run is created leaves it failed with its error (never running).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { forecastAfterEnd, runAndRecordAutoAR } from '../../src/autoar/index.js';
import { loadLtsfTask } from '../../src/data/ltsf/index.js';
import { resolveDataDir } from '../../src/data/data-dir.js';
import { openStorage } from '../../src/storage/index.js';

const task = loadLtsfTask('ltsf/national_illness', resolveDataDir());

test('a complete run stores its choice, validation curve and the forecast CSV of its own model', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'autoar-record-'));
  const storage = openStorage(path.join(dir, 'y.db'));
  try {
    const csv = path.join(dir, 'forecast.csv');
    const { runId, result } = await runAndRecordAutoAR(task, 24, {
      mode: 'default',
      lookbacks: [48, 96],
      storage,
      artifactRoot: path.join(dir, 'runs'),
      forecastCsv: csv,
    });
    const run = storage.getRun(runId)!;
    assert.equal(run.status, 'complete');
    const stored = run.result as {
      selection: { rule: string; chosen: { lookback: number } };
      forecastCsv: string;
    };
    assert.equal(stored.selection.rule, 'anchored');
    assert.equal(stored.selection.chosen.lookback, result.lookback);
    assert.equal(stored.forecastCsv, csv);
    assert.ok(existsSync(path.join(run.artifactDir!, 'validation-curve.json')));
    // result.json beside the artefacts is the stored result, whichever command ran Auto-AR
    const summary = JSON.parse(readFileSync(path.join(run.artifactDir!, 'result.json'), 'utf8'));
    assert.deepEqual(summary, { runId, ...JSON.parse(JSON.stringify(run.result)) });
    const rows = readFileSync(csv, 'utf8').trim().split('\n');
    const expected = forecastAfterEnd(task, result.fitted);
    assert.equal(rows.length, 25);
    assert.equal(Number(rows[24].split(',')[1]), expected[0][23]);
  } finally {
    storage.close();
  }
});

test('a failure after the run is created marks it failed with the error', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'autoar-record-'));
  const storage = openStorage(path.join(dir, 'y.db'));
  try {
    const csv = path.join(dir, 'no-such-folder', 'forecast.csv');
    await assert.rejects(
      runAndRecordAutoAR(task, 24, {
        mode: 'paper',
        storage,
        artifactRoot: path.join(dir, 'runs'),
        forecastCsv: csv,
      }),
      /ENOENT/,
    );
    const [run] = storage.listRuns({ workflow: 'autoar' });
    assert.equal(run.status, 'failed');
    assert.match(String((run.result as { error: string }).error), /no-such-folder/);
  } finally {
    storage.close();
  }
});
