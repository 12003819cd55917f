// `npm run bench -- <name> [args]`: runs bench/<name>.{mjs,js,ts} (TypeScript through tsx, sources resolved
// through the `source` export condition) with one OpenBLAS thread unless set.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const [name, ...rest] = process.argv.slice(2);
const candidates = ['mjs', 'js', 'ts'].map((ext) => path.join(root, 'bench', `${name}.${ext}`));
const file = name && candidates.find(existsSync);
if (!file) {
  const known = readdirSync(path.join(root, 'bench')).filter((f) => /\.(mjs|js|ts)$/.test(f)).map((f) => f.replace(/\.\w+$/, ''));
  console.error(`usage: npm run bench -- <name>; known: ${known.join(', ') || '(none)'}`);
  process.exit(2);
}
const env = { ...process.env, OPENBLAS_NUM_THREADS: process.env.OPENBLAS_NUM_THREADS ?? '1' };
const r = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', file, ...rest], { cwd: root, stdio: 'inherit', env });
process.exit(r.status ?? 1);
