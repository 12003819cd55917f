import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

// Thread defaults are applied when the engine loads, so each case needs a fresh process.
function threadsIn(
  env: Record<string, string | undefined>,
): { torch: number; omp?: string; blas?: string } | string {
  const script = `import * as torch from '@yardstick/torch';
console.log(JSON.stringify({ torch: torch.getNumThreads(), omp: process.env.OMP_NUM_THREADS, blas: process.env.OPENBLAS_NUM_THREADS }));`;
  const clean = {
    ...process.env,
    OMP_NUM_THREADS: undefined,
    OPENBLAS_NUM_THREADS: undefined,
    YARDSTICK_THREADS: undefined,
    ...env,
  };
  const r = spawnSync(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', '--input-type=module', '-e', script],
    {
      env: Object.fromEntries(Object.entries(clean).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv,
      encoding: 'utf8',
    },
  );
  const line = r.stdout.split('\n').find((l) => l.startsWith('{'));
  return line ? JSON.parse(line) : r.stderr;
}

test('the engine loads with one intra-op and one BLAS thread by default', () => {
  assert.deepEqual(threadsIn({}), { torch: 1, omp: '1', blas: '1' });
});

test('YARDSTICK_THREADS sets libtorch and OpenBLAS threads, overriding OMP/OPENBLAS variables', () => {
  assert.deepEqual(threadsIn({ YARDSTICK_THREADS: '2', OMP_NUM_THREADS: '1' }), {
    torch: 2,
    omp: '2',
    blas: '2',
  });
  // Without it, values already in the environment are respected.
  assert.deepEqual(threadsIn({ OMP_NUM_THREADS: '2', OPENBLAS_NUM_THREADS: '1' }), {
    torch: 2,
    omp: '2',
    blas: '1',
  });
});

test('an invalid YARDSTICK_THREADS is refused with its value', () => {
  const r = threadsIn({ YARDSTICK_THREADS: 'two' });
  assert.equal(typeof r, 'string');
  assert.match(r as string, /YARDSTICK_THREADS must be a positive integer, got 'two'/);
});
