import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

// Training runs under jemalloc without decay, as the yardstick launcher (packages/yardstick/bin) starts it;
// the loop runs in a fresh process so that only its own memory is measured.
const JEMALLOC = '/usr/lib/x86_64-linux-gnu/libjemalloc.so.2';

test('a training loop in tidy scopes holds flat resident memory (within 5% after warm-up)', () => {
  const env = {
    ...process.env,
    ...(existsSync(JEMALLOC)
      ? { LD_PRELOAD: JEMALLOC, MALLOC_CONF: 'dirty_decay_ms:-1,muzzy_decay_ms:-1' }
      : {}),
  };
  const loop = new URL('./helpers/memory-loop.ts', import.meta.url).pathname;
  const r = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', loop, '60', '300'], {
    env,
    encoding: 'utf8',
  });
  const line = r.stdout.split('\n').find((l) => l.startsWith('{'));
  assert.ok(line, `the training loop failed (exit ${r.status}): ${r.stderr.slice(-1000)}`);
  const { baseline, peak } = JSON.parse(line) as { baseline: number; peak: number };
  const growth = peak / baseline - 1;
  assert.ok(
    growth < 0.05,
    `RSS grew ${(growth * 100).toFixed(1)}% (${(baseline / 2 ** 20).toFixed(0)} -> ${(peak / 2 ** 20).toFixed(0)} MiB)`,
  );
});
