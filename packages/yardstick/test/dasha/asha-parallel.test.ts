// Parallel ASHA workers take the sequential rule's decisions: every claim and rung decision is one storage
// transaction (Storage.claimNextTrial / judgeRung), so the decisions follow the commit order exactly as the
// pure scheduler would take them for the same sequence of reports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AshaScheduler, type AshaConfig } from '../../src/dasha/asha/scheduler.js';
import { percentile } from '../../src/common/percentile.js';
import { judgeFromLedger } from '../../src/dasha/asha/search.js';
import { fakeSearchStorage } from './helpers/fake-search.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const config: AshaConfig = { gracePeriod: 1, maxT: 4, reductionFactor: 2, mode: 'max' };

test('scripted reports from three workers: the transactional rule decides as the sequential scheduler', () => {
  // (trial, epoch, value) in arrival order, interleaved as three workers would report them
  const reports: [number, number, number][] = [
    [0, 1, 0.5],
    [1, 1, 0.7],
    [2, 1, 0.4],
    [0, 2, 0.6],
    [1, 2, 0.75],
    [3, 1, 0.65],
    [0, 3, 0.62],
    [1, 3, 0.8],
    [3, 2, 0.5],
    [4, 1, 0.9],
    [0, 4, 0.63],
    [1, 4, 0.81],
    [4, 2, 0.95],
    [5, 1, 0.55],
    [4, 3, 0.96],
    [4, 4, 0.97],
  ];
  const pure = new AshaScheduler(config);
  const storage = fakeSearchStorage(':memory:', 'run');
  const stopped = new Set<number>();
  for (const [trial, epoch, value] of reports) {
    if (stopped.has(trial)) continue;
    const expected = pure.onResult(trial, epoch, value);
    let got = judgeFromLedger(config, [], 0, 0, 0);
    storage.judgeRung('run', (rungs) => {
      got = judgeFromLedger(config, rungs, trial, epoch, value);
      return got.decision
        ? { runId: 'run', trialId: trial, rung: got.rung!, value, decision: got.decision }
        : null;
    });
    assert.deepEqual(got, expected, `trial ${trial} epoch ${epoch}`);
    if (got.action === 'stop') stopped.add(trial);
  }
  // hand-checked: trial 2 (0.4) is below the rung-1 median of {0.5, 0.7} = 0.6 and stops; trial 3 passes
  // rung 1 (0.65 >= median {0.5, 0.7, 0.4} = 0.5) but stops at rung 2 (0.5 < median {0.6, 0.75} = 0.675)
  const decisions = storage.listRungs('run').map((r) => `${r.trialId}@${r.rung}:${r.decision}`);
  assert.ok(decisions.includes('2@1:stop'));
  assert.ok(decisions.includes('3@1:promote') && decisions.includes('3@2:stop'));
  assert.ok(decisions.includes('4@4:complete') && decisions.includes('0@4:complete'));
  assert.equal(percentile([0.6, 0.75], 50), 0.675);
  storage.close();
});

/** Starts one worker child; it claims nothing until `go` (so a slow start cannot leave one worker all the work). */
function worker(dbFile: string) {
  const child = spawn(process.execPath, [
    '--conditions=source',
    '--import',
    'tsx',
    path.join(here, 'helpers/asha-worker-child.ts'),
    dbFile,
    '12',
    '4',
  ]);
  let out = '';
  let err = '';
  let markReady: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.on('data', (d) => {
    out += d;
    if (out.includes('ready\n')) markReady();
  });
  child.stderr.on('data', (d) => (err += d));
  const done = new Promise<{ code: number | null; claimed: number[]; err: string }>((resolve) =>
    child.on('close', (code) => {
      markReady();
      resolve({
        code,
        err,
        claimed:
          code === 0 ? (JSON.parse(out.trim().split('\n').pop()!) as { claimed: number[] }).claimed : [],
      });
    }),
  );
  return { ready, go: () => child.stdin.end('go\n'), done };
}

test('three worker processes on one SQLite ledger: each trial claimed once, every decision the rule of its moment', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'asha-parallel-'));
  try {
    const dbFile = path.join(dir, 'runs.db');
    fakeSearchStorage(dbFile, 'run').close(); // the run exists before the workers start
    const workers = [worker(dbFile), worker(dbFile), worker(dbFile)];
    await Promise.all(workers.map((w) => w.ready));
    for (const w of workers) w.go();
    const results = await Promise.all(workers.map((w) => w.done));
    for (const r of results) assert.equal(r.code, 0, r.err);
    const claimed = results.flatMap((r) => r.claimed).sort((a, b) => a - b);
    assert.deepEqual(
      claimed,
      Array.from({ length: 12 }, (_, i) => i),
      'every trial exactly once',
    );
    assert.ok(results.filter((r) => r.claimed.length > 0).length >= 2, 'the work was shared');
    const storage = fakeSearchStorage(dbFile, 'run');
    const trials = storage.listTrials('run');
    assert.equal(trials.length, 12);
    for (const t of trials)
      assert.ok(t.status === 'complete' || t.status === 'stopped', `trial ${t.trialId} ${t.status}`);
    // replaying the rung records in commit order through the pure rule gives every recorded decision
    const replay = new AshaScheduler(config);
    for (const r of storage.listRungs('run')) {
      const d = replay.onResult(r.trialId, r.rung, r.value);
      assert.equal(d.decision, r.decision, `trial ${r.trialId} at rung ${r.rung}`);
      // and a promoted trial reported again at its next rung; a stopped one never did
      if (r.decision === 'stop') assert.equal(trials[r.trialId].lastEpoch, r.rung);
    }
    storage.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
