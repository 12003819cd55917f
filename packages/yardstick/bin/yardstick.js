#!/usr/bin/env node
// Launcher: re-executes node with jemalloc (no decay) preloaded when available, which removes the page-fault
// cost of libtorch's large activation buffers (~1.4x faster training steps), and one OpenBLAS thread.
// Node cannot exec(), so the launcher stays as the visible process and behaves like one: the worker runs in its
// own process group, so a signal reaches it exactly once whether it was sent to the launcher's PID or by the
// terminal to the foreground group (Ctrl-C), through the launcher, which forwards every catchable signal; the
// worker's exit status is passed on (a worker killed by a signal kills the launcher with the same signal, so the
// shell sees 128+n); and if the launcher itself is killed (SIGKILL) the worker sees its IPC channel close and
// stops as on SIGTERM, so no orphan keeps running.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';

const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2', 'SIGWINCH', 'SIGCONT'];

// only the commands that train need the allocator; the others start in one process (half the start-up time).
// YARDSTICK_JEMALLOC=0 never preloads it, =1 preloads it for every command.
const TRAINING = new Set(['dasha', 'autoar', 'run']);
const trains = process.env.YARDSTICK_JEMALLOC === '1' || process.argv.slice(2).some((a) => TRAINING.has(a));
const jemalloc = [
  '/usr/lib/x86_64-linux-gnu/libjemalloc.so.2',
  '/usr/lib/aarch64-linux-gnu/libjemalloc.so.2',
].find(existsSync);
if (trains && !process.env.YARDSTICK_LAUNCHED && jemalloc && process.env.YARDSTICK_JEMALLOC !== '0') {
  const env = {
    ...process.env,
    YARDSTICK_LAUNCHED: '1',
    LD_PRELOAD: [jemalloc, process.env.LD_PRELOAD].filter(Boolean).join(':'),
    MALLOC_CONF: process.env.MALLOC_CONF ?? 'dirty_decay_ms:-1,muzzy_decay_ms:-1',
    OPENBLAS_NUM_THREADS: process.env.OPENBLAS_NUM_THREADS ?? '1',
  };
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    env,
    detached: true,
  });
  for (const signal of FORWARDED) process.on(signal, () => child.kill(signal));
  // Ctrl-Z: stop the worker, then the launcher itself (SIGCONT is forwarded when the shell resumes it)
  process.on('SIGTSTP', () => {
    child.kill('SIGSTOP');
    process.kill(process.pid, 'SIGSTOP');
  });
  child.on('error', (e) => {
    process.stderr.write(`error: cannot start ${process.execPath}: ${e.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    if (signal) {
      for (const s of FORWARDED) process.removeAllListeners(s);
      process.kill(process.pid, signal); // die the same way, so the caller sees 128+n
      process.exit(128 + (constants.signals[signal] ?? 0)); // a signal node does not let die (e.g. SIGUSR1)
    }
    process.exit(code ?? 1);
  });
} else {
  if (process.channel) {
    // launched by the launcher above: if it disappears, stop as if told to (and let the channel not keep us alive)
    process.channel.unref();
    process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  }
  process.env.OPENBLAS_NUM_THREADS ??= '1';
  let cli;
  try {
    cli = await import('../dist/cli/main.js');
  } catch (e) {
    process.stderr.write(
      `error: cannot load yardstick (${e.message.split('\n')[0]}); run \`npm run build\`\n`,
    );
    process.exit(1);
  }
  await cli.main(process.argv.slice(2));
}
