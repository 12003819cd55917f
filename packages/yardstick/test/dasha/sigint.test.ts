// A real SIGINT to a running `yardstick dasha` (budget mode, stderr not a terminal): the handler runs during
// training (the epoch loop yields every batch), the default stage stops within the epoch in progress, and the
// best validated model so far is tested and stored as an interrupted run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SqliteStorage } from '../../src/storage/sqlite.js';
import { defaultDataDir } from '../../src/data/data-dir.js';
import { CLI_FROM_SOURCE } from '../helpers/cli.js';

const present = existsSync(path.join(defaultDataDir(), 'genomics/gue/prom_core_tata'));

test(
  'SIGINT during the default stage stops within one epoch and tests the best model so far',
  { skip: !present && 'shared data not present' },
  async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dasha-sigint-'));
    try {
      const db = path.join(dir, 'runs.db');
      const child = spawn(
        process.execPath,
        [
          ...CLI_FROM_SOURCE,
          'dasha',
          'gue/prom_core_tata',
          '--budget',
          '20m',
          '--limit',
          '400',
          '--json',
          '--db',
          db,
          '--out',
          dir,
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let out = '';
      let err = '';
      let epochAtSignal: number | null = null;
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => {
        err += d;
        // a plain progress line of the default stage (every 30 s off a terminal): "dasha 30 s: default | epoch 3/N"
        const m = /^dasha [^:\n]*: default \| epoch (\d+)\//m.exec(err);
        if (m && epochAtSignal === null) {
          epochAtSignal = Number(m[1]);
          child.kill('SIGINT');
        }
      });
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      assert.equal(code, 0, err.slice(-2000));
      assert.ok(epochAtSignal !== null, 'the default stage reported progress on a non-terminal stderr');
      assert.match(err, /stopping: finishing the current batch/);
      const r = JSON.parse(out) as { runId: string; status: string; testedModel: string; testScore: number };
      assert.equal(r.status, 'interrupted');
      assert.equal(r.testedModel, 'default');
      assert.ok(Number.isFinite(r.testScore));
      const storage = new SqliteStorage(db);
      try {
        assert.equal(storage.getRun(r.runId)!.status, 'interrupted');
        const epochs = storage.listMetrics(r.runId, { stage: 'default', name: 'val_score' }).length;
        assert.ok(
          epochs <= epochAtSignal! + 1,
          `${epochs} default epochs after a signal during epoch ${epochAtSignal! + 1}`,
        );
        assert.equal(storage.listTrials(r.runId).length, 0, 'nothing after the stop');
      } finally {
        storage.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
