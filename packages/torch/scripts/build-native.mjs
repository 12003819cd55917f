// Builds the libtorch addon with node-gyp against the system's Node headers (no download offline).
// Incremental: configure (cheap) then make, so only changed sources recompile.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const pkgDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const gyp = require.resolve('node-gyp/bin/node-gyp.js');
const nodedir =
  process.env.npm_config_nodedir || (existsSync('/usr/include/node/node.h') ? '/usr' : undefined);
const common = nodedir ? [`--nodedir=${nodedir}`] : [];

for (const step of [['configure'], ['build', `--jobs=${process.env.JOBS ?? 'max'}`]]) {
  const r = spawnSync(process.execPath, [gyp, ...step, ...common], { cwd: pkgDir, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
