// Plain progress lines when stderr is not a terminal: one per interval, from update() and from the timer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createProgress, PLAIN_INTERVAL_MS } from '../../src/cli/progress.js';

function sink() {
  const lines: string[] = [];
  return {
    lines,
    stream: { write: (s: string) => lines.push(s) && true } as unknown as NodeJS.WritableStream,
  };
}

test('a line every 30 s of updates, with elapsed time, count and the latest status', () => {
  const { lines, stream } = sink();
  let t = 0;
  const p = createProgress({ label: 'dasha', total: 4, tty: false, stream, now: () => t });
  for (t = 0; t <= 95_000; t += 5000) p.update(`step at ${t / 1000} s`);
  p.increment();
  t = 125_000;
  p.increment();
  p.stop();
  assert.equal(PLAIN_INTERVAL_MS, 30_000);
  assert.deepEqual(lines, [
    'dasha 30s 0/4: step at 30 s\n',
    'dasha 1m00s 0/4: step at 60 s\n',
    'dasha 1m30s 0/4: step at 90 s\n',
    'dasha 2m05s 2/4: step at 95 s\n',
  ]);
});

test('the timer writes a line while synchronous updates are absent (work that awaits)', async () => {
  const { lines, stream } = sink();
  const p = createProgress({ label: 'run', tty: false, stream, intervalMs: 50 });
  p.update('training');
  await new Promise((r) => setTimeout(r, 400));
  p.stop();
  const n = lines.length;
  assert.ok(n >= 2 && n <= 9, `${n} lines in 400 ms at one per 50 ms`);
  assert.match(lines[0], /^run \d+s: training\n$/);
  await new Promise((r) => setTimeout(r, 150));
  assert.equal(lines.length, n, 'no line after stop()');
});
