// Thread defaults, applied before libtorch loads (index.ts imports this module first): OpenBLAS reads
// OPENBLAS_NUM_THREADS and OpenMP reads OMP_NUM_THREADS only when the libraries are loaded.
// YARDSTICK_THREADS overrides both; otherwise values already in the environment are respected.
// Default 1, from the DASHA ResNet-1D training step (batch 128) on the project's shared 2-vCPU machine:
// the engine at load 1.5 took 4.0-4.4 s with 1 thread, and 2.4-2.5 s with 2 threads in one run but
// 4.8-5.3 s in the next; PyTorch on the same libtorch under load 2-4 took 6.6-6.7 s with 1 thread and
// 8.3-11.1 s with 2. One thread is steady; a second only pays on a machine known to be idle.
// torch.setNumThreads changes libtorch's intra-op threads later; OpenBLAS keeps its start-up value.
export const DEFAULT_THREADS = 1;

function configured(): number {
  const raw = process.env.YARDSTICK_THREADS;
  if (raw === undefined || raw === '') return DEFAULT_THREADS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`YARDSTICK_THREADS must be a positive integer, got '${raw}'`);
  return n;
}

const threads = configured();
const override = process.env.YARDSTICK_THREADS !== undefined && process.env.YARDSTICK_THREADS !== '';
for (const name of ['OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS']) {
  if (override || !process.env[name]) process.env[name] = String(threads);
}
