// `npm run bench -- dasha [--budget 60m] [--case gue/prom_core_tata] [--seed 0]`: budgeted DASHA runs on this
// machine, one child process per case (jemalloc, one thread), measuring test score, wall time and peak RSS,
// next to the published DNABERT-2 number for the same GUE task (from the results registry).
// The default budget is the 60 minutes per case; pass a shorter one for a smoke benchmark. Each JSON
// line records the budget it ran with. Results go to bench/results/dasha.jsonl.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRegistry } from '../packages/yardstick/src/registry/index.js';
import { parseDuration } from '../packages/yardstick/src/common/duration.js';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const arg = (name: string, dflt?: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const budget = arg('budget', '60m')!;
const seed = arg('seed', '0')!;
const cases = arg('case') ? [arg('case')!] : ['gue/prom_core_all', 'gue/prom_core_tata', 'eurosat'];
const resultsFile = path.join(root, 'bench', 'results', 'dasha.jsonl');
mkdirSync(path.dirname(resultsFile), { recursive: true });
const jemalloc = '/usr/lib/x86_64-linux-gnu/libjemalloc.so.2';
const registry = loadRegistry();

for (const task of cases) {
  const work = mkdtempSync(path.join(tmpdir(), 'bench-dasha-'));
  const resultPath = path.join(work, 'result.json');
  const entry = `import('${path.join(root, 'packages/yardstick/src/cli/main.ts')}').then(async (m) => { const out = []; const log = console.log; console.log = (s) => out.push(s); await m.main(['dasha', '${task}', '--budget', '${budget}', '--seed', '${seed}', '--json', '--out', '${work}', '--db', '${path.join(work, 'runs.db')}']); console.log = log; (await import('node:fs')).writeFileSync('${resultPath}', out.join('\\n')); })`;
  const env = { ...process.env, OPENBLAS_NUM_THREADS: '1', ...(existsSync(jemalloc) ? { LD_PRELOAD: jemalloc, MALLOC_CONF: 'dirty_decay_ms:-1,muzzy_decay_ms:-1' } : {}) };
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, '--conditions=source', '--import', 'tsx', '-e', entry], { cwd: root, env, encoding: 'utf8', maxBuffer: 1 << 26 });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0 || !existsSync(resultPath)) {
    console.error(r.stderr.slice(-4000));
    throw new Error(`dasha bench ${task}: the run failed (exit ${r.status})`);
  }
  const peakKb = Number(r.stderr.trim().split('\n').pop());
  const res = JSON.parse(readFileSync(resultPath, 'utf8')) as { testScore: number; metric: string; status: string; wallSeconds: number; architecture: { backbone: string }; plan: unknown; split: unknown };
  const published = registry.find({ task, model: 'DNABERT-2', metric: res.metric });
  const base = published[0];
  const scale = base?.scale === 'x100' ? 100 : 1;
  const common = { bench: 'dasha', case: task, budget, budget_s: parseDuration(budget), seed: Number(seed), status: res.status, backbone: res.architecture.backbone, at: new Date().toISOString() };
  const lines = [
    { ...common, metric: `test_${res.metric}`, value: res.testScore, unit: res.metric, ...(base ? { baseline: `${base.model} (published, ${base.source.arxiv ?? base.source.title})`, baseline_value: base.value / scale, ratio: res.testScore / (base.value / scale) } : {}) },
    { ...common, metric: 'wall_time', value: wall, unit: 's', target: `<=${parseDuration(budget)}` },
    { ...common, metric: 'peak_rss', value: peakKb / 1024, unit: 'MiB' },
  ];
  for (const l of lines) {
    console.log(JSON.stringify(l));
    appendFileSync(resultsFile, JSON.stringify(l) + '\n');
  }
  rmSync(work, { recursive: true, force: true });
}
