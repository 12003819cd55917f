// `yardstick dasha --device cuda` on a CPU-only engine: one clear error line while the options are read,
// before the data folder is even resolved and before anything is written to the run database.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as torch from '@yardstick/torch';
import { yardstickSync } from '../helpers/cli.js';

const yardstick = (env: Record<string, string>, ...args: string[]) => yardstickSync(args, env);

test(
  'dasha --device cuda fails at once on a CPU-only engine, naming the remedy',
  { skip: torch.cuda.isAvailable() && 'this engine has CUDA' },
  () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dasha-cli-'));
    try {
      const db = path.join(dir, 'runs.db');
      for (const dev of ['cuda', 'cuda:1']) {
        // a data folder that does not exist: reaching the data would fail with a different message
        const r = yardstick(
          { YARDSTICK_DATA_DIR: path.join(dir, 'no-data') },
          'dasha',
          'gue/prom_core_tata',
          '--device',
          dev,
          '--db',
          db,
          '--out',
          dir,
        );
        assert.equal(r.code, 2, r.err); // a bad argument is a usage error
        assert.match(
          r.err,
          new RegExp(
            `^error: option '--device <device>' argument '${dev}' is invalid\\. device '${dev}' requested but this libtorch build has no usable CUDA; use --device cpu`,
          ),
        );
        assert.ok(!r.err.includes('    at '), 'no stack trace');
        assert.ok(!existsSync(db), 'no run database written');
      }
      const bad = yardstick({}, 'dasha', 'gue/prom_core_tata', '--device', 'gpu');
      assert.equal(bad.code, 2);
      assert.match(bad.err, /argument 'gpu' is invalid\. expected cpu, cuda or cuda:N, got "gpu"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
