// Loads the compiled libtorch addon; every other module reaches libtorch through `native`.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const pkgRoot = path.resolve(here, '..');
const candidates = [
  process.env.YARDSTICK_TORCH_ADDON,
  path.join(pkgRoot, 'build/Release/yardstick_torch.node'),
  path.join(pkgRoot, 'build/Debug/yardstick_torch.node'),
].filter((p): p is string => !!p);

function load(): any {
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      `@yardstick/torch: native addon not built (looked in ${candidates.join(', ')}). ` +
        'Run `npm run build:native` (needs Debian packages libtorch-dev and libopenblas-dev).',
    );
  }
  return createRequire(import.meta.url)(found);
}

/** The raw N-API module. Internal: use the typed API in tensor.ts and friends. */
export const native: any = load();
/** Opaque handle to a native tensor. */
export type NativeHandle = { dispose(): void; isDisposed(): boolean };
