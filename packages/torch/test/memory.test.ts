import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

// The loop runs in a fresh process so that only its own memory is measured: under the default allocator,
// and under jemalloc without decay as the yardstick launcher (packages/yardstick/bin) runs training.
const JEMALLOC = '/usr/lib/x86_64-linux-gnu/libjemalloc.so.2';

function rssGrowth(env: NodeJS.ProcessEnv): { growth: number; text: string } {
  const loop = new URL('./helpers/memory-loop.ts', import.meta.url).pathname;
  const r = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', loop, '60', '300'], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  const line = r.stdout.split('\n').find((l) => l.startsWith('{'));
  assert.ok(line, `the training loop failed (exit ${r.status}): ${r.stderr.slice(-1000)}`);
  const { baseline, peak } = JSON.parse(line) as { baseline: number; peak: number };
  const growth = peak / baseline - 1;
  const mib = (v: number) => (v / 2 ** 20).toFixed(0);
  return { growth, text: `RSS grew ${(growth * 100).toFixed(1)}% (${mib(baseline)} -> ${mib(peak)} MiB)` };
}

test('300 training steps in tidy scopes hold flat resident memory (within 5% after warm-up), default malloc', () => {
  const { growth, text } = rssGrowth({ LD_PRELOAD: '' });
  assert.ok(growth < 0.05, text);
});

test(
  'the same under jemalloc without decay',
  { skip: !existsSync(JEMALLOC) && 'libjemalloc2 not installed' },
  () => {
    const { growth, text } = rssGrowth({
      LD_PRELOAD: JEMALLOC,
      MALLOC_CONF: 'dirty_decay_ms:-1,muzzy_decay_ms:-1',
    });
    assert.ok(growth < 0.05, text);
  },
);
