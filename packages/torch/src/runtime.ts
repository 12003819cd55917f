// Process-wide controls: seeding, threads, gradient mode, CUDA availability.
import { native } from './native.js';

/** Seeds libtorch's CPU (and CUDA) generators. */
export function manualSeed(seed: number): void {
  native.manualSeed(seed);
}

/** Sets libtorch's intra-op thread count (OpenBLAS threads are set with OPENBLAS_NUM_THREADS at start-up). */
export function setNumThreads(n: number): void {
  native.setNumThreads(n);
}

export function getNumThreads(): number {
  return native.getNumThreads();
}

export const cuda = {
  isAvailable: (): boolean => native.cudaIsAvailable(),
  deviceCount: (): number => native.cudaDeviceCount(),
  synchronize: (): void => native.cudaSynchronize(),
};

export function isGradEnabled(): boolean {
  return native.isGradEnabled();
}

function withGradMode<R>(enabled: boolean, fn: () => R): R {
  const prev = native.setGradEnabled(enabled);
  try {
    return fn();
  } finally {
    native.setGradEnabled(prev);
  }
}

/** Runs fn with autograd recording disabled (PyTorch's `with torch.no_grad():`). */
export function noGrad<R>(fn: () => R): R {
  return withGradMode(false, fn);
}

/** Runs fn with autograd recording enabled, even inside noGrad. */
export function enableGrad<R>(fn: () => R): R {
  return withGradMode(true, fn);
}

/** libtorch's version and build configuration (BLAS, oneDNN, OpenMP). */
export function configInfo(): { version: string; parallel: string; config: string } {
  return native.configInfo();
}
