// `yardstick worker` on bad input: one line naming what is wrong, exit 1, nothing created; a worker started
// before its search (--wait) waits instead.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, it } from 'node:test';
import { run } from '../../src/cli/main.js';
import { SqliteStorage } from '../../src/storage/sqlite.js';
import { testRun } from './helpers/fixtures.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ys-worker-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function yardstick(argv: string[]): Promise<{ code: number; err: string }> {
  const write = process.stderr.write.bind(process.stderr);
  let err = '';
  process.stderr.write = ((s: string) => ((err += s), true)) as typeof process.stderr.write;
  try {
    return { code: await run(argv), err };
  } finally {
    process.stderr.write = write;
  }
}

it('names a missing database, an unknown or finished run, and a run with no search yet', async () => {
  const missing = path.join(dir, 'none.db');
  let r = await yardstick(['worker', '--db', missing]);
  assert.deepEqual(
    [r.code, r.err],
    [
      1,
      `error: run database ${missing} does not exist (no runs yet? pass --db <file> or set YARDSTICK_DB)\n`,
    ],
  );
  assert.ok(!existsSync(missing));

  const db = path.join(dir, 'runs.db');
  const s = new SqliteStorage(db);
  // owned by another live process: an error line in this one must not mark it failed (main.ts failOpenRuns)
  s.createRun(testRun('early', { workflow: 'dasha', ownerPid: process.ppid }));
  s.createRun(testRun('over', { workflow: 'dasha' }));
  s.finishRun('over', 'complete', { test: {} });
  s.close();
  r = await yardstick(['worker', '--db', db]);
  assert.equal(r.code, 1);
  assert.match(
    r.err,
    /^error: no running DASHA search to join in .*runs\.db \(start one; --wait waits for it\)\n$/,
  );
  r = await yardstick(['worker', '--db', db, '--run', 'nope']);
  assert.match(r.err, /^error: no run 'nope' in /);
  r = await yardstick(['worker', '--db', db, '--run', 'over']);
  assert.equal(r.err, "error: run 'over' is complete: there is no search to join\n");
  r = await yardstick(['worker', '--db', db, '--run', 'early']);
  assert.equal(
    r.err,
    "error: run 'early' has not published its ASHA search yet (pass --wait to wait for it)\n",
  );
  // --wait: waits for the search to publish; here the run ends instead, which ends the wait with its reason
  const waiting = yardstick(['worker', '--db', db, '--run', 'early', '--wait']);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const other = new SqliteStorage(db);
  other.finishRun('early', 'interrupted', null);
  other.close();
  r = await waiting;
  assert.equal(r.code, 1);
  assert.match(r.err, /^worker \d+: waiting: run 'early' has not published its ASHA search yet/);
  assert.match(r.err, /\nerror: run 'early' is interrupted: there is no search to join\n$/);
  r = await yardstick(['worker', '--db', db, '--stale-after', '0']);
  assert.deepEqual([r.code, r.err.split('\n').length], [2, 2]);
});
