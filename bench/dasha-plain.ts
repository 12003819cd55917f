// `npm run bench -- dasha-plain [--cases eurosat/10m,gue/prom_core_tata/10m] [--seed 0]`: budgeted DASHA
// against a plain PyTorch recipe (bench/dasha_plain.py, Debian's python3-torch: a comparator, never a product
// dependency) given the same wall time, the whole machine and the same splits (ours exports its train/val/
// test split; the plain script trains on the same train part), one after the other. One JSON line per cell,
// appended to bench/results/dasha-plain.jsonl, with the load average over both runs (the machine is shared)
// and, for GUE promoter tasks, the published DNABERT-2 number beside it.
import { spawn } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Dataset } from '../packages/yardstick/src/data/types.js';

// Both sides start from the environment the user ran the bench in. Loading the engine sets OMP_NUM_THREADS
// (and OpenBLAS's) in this process to yardstick's default of one thread, and a child given that environment
// inherited it: the plain PyTorch script ran on one thread instead of PyTorch's own default, the whole
// machine. So the engine's modules are imported only after the environment is copied.
const userEnv = { ...process.env };
const { loadRegistry } = await import('../packages/yardstick/src/registry/index.js');
const { parseDuration } = await import('../packages/yardstick/src/common/duration.js');
const { loadDashaTask } = await import('../packages/yardstick/src/dasha/task.js');
const { splitData } = await import('../packages/yardstick/src/dasha/stages.js');
const { resolveDataDir } = await import('../packages/yardstick/src/data/data-dir.js');
const { comparePredictions } = await import('../packages/yardstick/src/compare/index.js');

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const arg = (name: string, dflt?: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const ALL = [
  'gue/prom_core_all/10m',
  'gue/prom_core_tata/10m',
  'eurosat/10m',
  'gue/prom_core_all/30m',
  'eurosat/30m',
];
const cases = (arg('cases') ?? ALL.join(',')).split(',').filter(Boolean);
const seed = Number(arg('seed', '0'));
const resultsFile = path.join(root, 'bench', 'results', 'dasha-plain.jsonl');
mkdirSync(path.dirname(resultsFile), { recursive: true });
const jemalloc = '/usr/lib/x86_64-linux-gnu/libjemalloc.so.2';
const registry = loadRegistry();

/** Runs a child to completion, sampling the 1-minute load average every 10 s. */
function run(
  cmd: string,
  argv: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string; seconds: number; load: number[] }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const load: number[] = [loadavg()[0]];
    const timer = setInterval(() => load.push(loadavg()[0]), 10_000);
    const child = spawn(cmd, argv, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-20000)));
    child.on('close', (code) => {
      clearInterval(timer);
      resolve({ code, stdout, stderr, seconds: (performance.now() - t0) / 1000, load });
    });
  });
}

function writeSplit(dir: string, name: string, ds: Dataset): void {
  writeFileSync(path.join(dir, `${name}_x.f32`), Buffer.from(ds.x.buffer, ds.x.byteOffset, ds.x.byteLength));
  const y = Int32Array.from(ds.y as ArrayLike<number>);
  writeFileSync(path.join(dir, `${name}_y.i32`), Buffer.from(y.buffer));
}

for (const c of cases) {
  const cut = c.lastIndexOf('/');
  const [taskId, budget] = [c.slice(0, cut), c.slice(cut + 1)];
  const seconds = parseDuration(budget);
  const work = mkdtempSync(path.join(tmpdir(), 'bench-dasha-plain-'));
  const task = await loadDashaTask(taskId, resolveDataDir());
  const splits = splitData(task.data, seed);
  writeSplit(work, 'train', splits.train);
  writeSplit(work, 'test', splits.test);
  writeFileSync(
    path.join(work, 'meta.json'),
    JSON.stringify({
      sample_shape: splits.train.shape.slice(1),
      num_classes: task.data.numClasses,
      metric: task.metric,
    }),
  );

  // ours: the CLI as a user runs it (jemalloc, the launcher's environment), its own split of the same data
  const entry = `const m = await import(${JSON.stringify(path.join(root, 'packages/yardstick/src/cli/main.ts'))}); await m.main(process.argv.slice(1));`;
  const env = {
    ...userEnv,
    OPENBLAS_NUM_THREADS: '1',
    ...(existsSync(jemalloc)
      ? { LD_PRELOAD: jemalloc, MALLOC_CONF: 'dirty_decay_ms:-1,muzzy_decay_ms:-1' }
      : {}),
  };
  const ours = await run(
    process.execPath,
    [
      '--conditions=source',
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      entry,
      'dasha',
      taskId,
      '--budget',
      budget,
      '--seed',
      String(seed),
      '--json',
      '--out',
      work,
      '--db',
      path.join(work, 'runs.db'),
    ],
    env,
  );
  if (ours.code !== 0) {
    console.error(ours.stderr.slice(-4000));
    throw new Error(`dasha-plain ${c}: yardstick dasha failed (exit ${ours.code})`);
  }
  const res = JSON.parse(ours.stdout.slice(ours.stdout.indexOf('{'))) as {
    testScore: number;
    metric: string;
    status: string;
    wallSeconds: number;
    testedModel: string;
    architecture: { backbone: string };
    stages: unknown;
    plan: { width: number; reserveSeconds: number; trialSpeedup: number; notes: string[] } | null;
    threads: { threads: number } | null;
    candidates: Record<string, number>;
    artifacts: { predictions?: string };
  };

  // plain: the same wall time for its training loop, the same train split, scored once on the same test split
  const plain = await run(
    '/usr/bin/python3',
    [path.join(root, 'bench', 'dasha_plain.py'), work, String(seconds), String(seed)],
    userEnv,
  );
  if (plain.code !== 0) {
    console.error(plain.stderr.slice(-4000));
    throw new Error(`dasha-plain ${c}: the plain PyTorch script failed (exit ${plain.code})`);
  }
  const p = JSON.parse(plain.stdout.trim().split('\n').pop()!) as {
    test_score: number;
    epochs: number;
    train_seconds: number;
    threads: number;
    network: string;
  };
  const load = [...ours.load, ...plain.load];
  // the difference on the same test examples with its paired bootstrap interval (the compare engine's)
  const oursPred = res.artifacts.predictions
    ? (JSON.parse(readFileSync(res.artifacts.predictions, 'utf8')) as {
        labels: number[];
        predictions: number[];
      })
    : null;
  const raw = readFileSync(path.join(work, 'plain_pred.i32'));
  const plainPred = Array.from(new Int32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4));
  const paired = oursPred
    ? comparePredictions(res.metric, oursPred, {
        labels: Array.from(splits.test.y as ArrayLike<number>),
        predictions: plainPred,
      })
    : null;
  const published = registry.find({ task: taskId, model: 'DNABERT-2', metric: res.metric })[0];
  const line = {
    bench: 'dasha-plain',
    case: c,
    metric: `test_${res.metric}`,
    value: res.testScore,
    baseline: 'plain-pytorch',
    baseline_value: p.test_score,
    ratio: res.testScore / p.test_score,
    target: '>=1.0',
    points_over_plain: 100 * (res.testScore - p.test_score),
    ...(paired
      ? {
          points_ci95: paired.interval.map((v) => 100 * v),
          p_value: paired.pValue,
        }
      : {}),
    plan_vs_actual: res.stages,
    plan: res.plan && {
      width: res.plan.width,
      reserve_s: res.plan.reserveSeconds,
      trial_speedup: res.plan.trialSpeedup,
      notes: res.plan.notes,
    },
    load_avg: load.reduce((a, b) => a + b, 0) / load.length,
    ours: {
      status: res.status,
      tested: res.testedModel,
      backbone: res.architecture.backbone,
      threads: res.threads?.threads ?? null,
      candidates: res.candidates,
      wall_s: ours.seconds,
      run_s: res.wallSeconds,
    },
    plain: {
      network: p.network,
      epochs: p.epochs,
      threads: p.threads,
      train_s: p.train_seconds,
      wall_s: plain.seconds,
    },
    ...(published
      ? {
          dnabert2: published.value / (published.scale === 'x100' ? 100 : 1),
          dnabert2_source: published.source.arxiv ?? published.source.title,
        }
      : {}),
    seed,
    at: new Date().toISOString(),
  };
  console.log(JSON.stringify(line));
  appendFileSync(resultsFile, JSON.stringify(line) + '\n');
  rmSync(work, { recursive: true, force: true });
}
