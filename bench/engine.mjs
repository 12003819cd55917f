// `npm run bench -- engine`: training-step speed of @yardstick/torch against PyTorch on the same libtorch,
// X^T X time, and resident memory over a long training loop.
// Each case runs the engine (bench/engine-worker.ts) and PyTorch (bench/engine_pytorch.py, Debian's
// /usr/bin/python3 with python3-torch) as separate processes, interleaved round by round, both under
// jemalloc without decay and with the same thread count; medians over all timed steps.
// Settings (environment): BENCH_ROUNDS (2), BENCH_WARMUP (1), BENCH_STEPS (2) per process, BENCH_THREADS (1),
// BENCH_MEMORY_STEPS (10000), BENCH_CASES (comma list of resnet1d,wrn16_4,xtx,memory).
// Prints JSON lines and writes them to bench/results/engine.jsonl.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const PYTHON = '/usr/bin/python3';
const JEMALLOC = '/usr/lib/x86_64-linux-gnu/libjemalloc.so.2';
const setting = (name, fallback) => Number(process.env[name] ?? fallback);
const rounds = setting('BENCH_ROUNDS', 2);
const warmup = setting('BENCH_WARMUP', 1);
const steps = setting('BENCH_STEPS', 2);
const threads = setting('BENCH_THREADS', 1);
const memorySteps = setting('BENCH_MEMORY_STEPS', 10000);
const cases = (process.env.BENCH_CASES ?? 'resnet1d,wrn16_4,xtx,memory').split(',');

const CASES = {
  resnet1d: { label: 'resnet1d_dasha_b128_train_step', batch: 128 },
  wrn16_4: { label: 'wrn16_4_13x64x64_b32_train_step', batch: 32 },
  xtx: { label: 'xtx_200000x512_f64' },
};

function hasPythonTorch() {
  return spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;
}

/** Installs Debian's python3-torch (the comparator) when missing and running as root. */
function ensureComparator() {
  if (hasPythonTorch()) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `${PYTHON} cannot import torch; install the comparator with: sudo apt-get install python3-torch`,
    );
  }
  console.error('bench engine: installing python3-torch (the PyTorch comparator) with apt-get');
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'python3-torch']]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed`);
  }
}

const env = {
  ...process.env,
  OMP_NUM_THREADS: String(threads),
  OPENBLAS_NUM_THREADS: String(threads),
  YARDSTICK_THREADS: String(threads),
  ...(existsSync(JEMALLOC)
    ? { LD_PRELOAD: JEMALLOC, MALLOC_CONF: 'dirty_decay_ms:-1,muzzy_decay_ms:-1' }
    : {}),
};

function run(side, kind, nWarmup, nSteps) {
  const cmd =
    side === 'engine'
      ? [
          process.execPath,
          [
            '--conditions=source',
            '--import',
            'tsx',
            'bench/engine-worker.ts',
            kind,
            threads,
            nWarmup,
            nSteps,
          ].map(String),
        ]
      : [PYTHON, ['bench/engine_pytorch.py', kind, threads, nWarmup, nSteps].map(String)];
  const r = spawnSync(cmd[0], cmd[1], { cwd: root, env, encoding: 'utf8', maxBuffer: 1 << 26 });
  const line = r.stdout.split('\n').find((l) => l.startsWith('{'));
  if (r.status !== 0 || !line)
    throw new Error(`${side} ${kind} failed (exit ${r.status}):\n${r.stderr.slice(-2000)}`);
  return JSON.parse(line);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round3 = (x) => Math.round(x * 1000) / 1000;
const load = () => round3(os.loadavg()[0]);

const out = [];
function emit(record) {
  const line = JSON.stringify({ bench: 'engine', ...record });
  out.push(line);
  console.log(line);
}

const speedCases = cases.filter((c) => c in CASES);
if (speedCases.length) ensureComparator();
const allocator = existsSync(JEMALLOC) ? 'jemalloc no-decay' : 'glibc malloc (jemalloc not installed)';
const context = { threads, allocator, cpus: os.cpus().length };
const times = Object.fromEntries(speedCases.map((c) => [c, { engine: [], pytorch: [] }]));
const loads = [];
for (let r = 0; r < rounds; r++) {
  for (const c of speedCases) {
    // Alternate which side goes first, so neither always inherits a warmer machine.
    const order = r % 2 === 0 ? ['engine', 'pytorch'] : ['pytorch', 'engine'];
    for (const side of order) {
      loads.push(load());
      times[c][side].push(...run(side, c, warmup, steps).ms);
    }
  }
}
for (const c of speedCases) {
  const e = median(times[c].engine);
  const p = median(times[c].pytorch);
  const extra = { steps: times[c].engine.length, load_avg_1m: loads, ...context };
  const compare = (metric, unit, value, baselineValue, target) =>
    emit({
      case: CASES[c].label,
      metric,
      value: round3(value),
      unit,
      baseline: 'pytorch',
      baseline_value: round3(baselineValue),
      ratio: round3(value / baselineValue),
      target,
      ...extra,
    });
  if (CASES[c].batch) {
    compare('step_ms', 'ms', e, p, null);
    compare('samples_per_s', '1/s', (CASES[c].batch * 1000) / e, (CASES[c].batch * 1000) / p, '>=0.95');
  } else {
    compare('time_ms', 'ms', e, p, '<=1.2');
  }
}
if (cases.includes('memory')) {
  const warm = 500;
  const { rss, ms } = run('engine', 'memory', warm, memorySteps);
  const growth = Math.max(...rss) / rss[0] - 1;
  emit({
    case: `rss_${memorySteps}_train_steps`,
    metric: 'rss_growth',
    value: round3(growth),
    unit: 'fraction',
    baseline: `rss after ${warm} warm-up steps (MiB)`,
    baseline_value: round3(rss[0] / 2 ** 20),
    ratio: null,
    target: '<=0.05',
    rss_mib: rss.map((v) => round3(v / 2 ** 20)),
    step_ms_median: round3(median(ms)),
    load_avg_1m: [load()],
    ...context,
  });
}
mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
writeFileSync(path.join(root, 'bench', 'results', 'engine.jsonl'), out.join('\n') + '\n');
