// The bad-input suite: every generated malformed input gives exit code 1 (2 for usage) and exactly one line that
// names its subject, never a stack trace, never usage text after a data error. Odd but readable inputs succeed
// with one warning per oddity. Dashboard URLs and cookies: refused, server still up.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it, test } from 'node:test';
import { loadRegistry } from '../../src/registry/index.js';
import { startServer, type RunningServer } from '../../src/serve/index.js';
import { SqliteStorage } from '../../src/storage/index.js';
import { generateBadInputs, type HttpCase } from './helpers/bad-inputs.js';
import type { CliOutcome } from './helpers/in-process.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ys-bad-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const { cli, http, accepted } = generateBadInputs(dir);
const STACK = /^\s+at .+(:\d+:\d+\)?|\(native\))$/m;

test(`the generator writes ${cli.length + http.length} malformed inputs (at least 150), each with a subject`, () => {
  assert.ok(cli.length + http.length >= 150, `${cli.length + http.length} cases`);
  assert.equal(
    new Set([...cli, ...http].map((c) => c.id)).size,
    cli.length + http.length,
    'case ids are unique',
  );
});

/** Every command line, run in one child process (see helpers/run-cases.ts). */
function runAll(): Record<string, CliOutcome> {
  const casesFile = path.join(dir, 'cases.json');
  const outFile = path.join(dir, 'outcomes.json');
  writeFileSync(casesFile, JSON.stringify([...cli, ...accepted]));
  const env = {
    YARDSTICK_DATA_DIR: path.join(dir, 'data-dir'),
    YARDSTICK_DB: path.join(dir, 'db', 'default.db'),
  };
  const child = path.join(import.meta.dirname, 'helpers', 'run-cases.ts');
  const r = spawnSync(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', child, casesFile, outFile, JSON.stringify(env)],
    { encoding: 'utf8', timeout: 300_000 },
  );
  assert.equal(r.status, 0, `the case runner failed: ${r.stderr}`);
  return JSON.parse(readFileSync(outFile, 'utf8')) as Record<string, CliOutcome>;
}

describe('command line', () => {
  let outcomes: Record<string, CliOutcome>;
  before(() => {
    outcomes = runAll();
  });
  for (const c of cli) {
    it(c.id, () => {
      const r = outcomes[c.id];
      const lines = r.err.split('\n').filter((l) => l.trim() !== '');
      const shown = `argv: ${JSON.stringify(c.argv)}\nexit ${r.code}\nstderr:\n${r.err}\nstdout:\n${r.out.slice(0, 500)}`;
      assert.equal(r.code, c.code, shown);
      assert.equal(lines.length, 1, `exactly one line\n${shown}`);
      assert.match(lines[0], /^error: \S/, shown);
      assert.ok(lines[0].includes(c.subject), `the line names ${JSON.stringify(c.subject)}\n${shown}`);
      assert.doesNotMatch(r.err + r.out, STACK, `no stack trace\n${shown}`);
      assert.doesNotMatch(r.out, /Usage:/, `no usage text\n${shown}`);
    });
  }
  for (const c of accepted) {
    it(`${c.id} is read, with ${c.warnings} warning(s)`, () => {
      const r = outcomes[c.id];
      const lines = r.err.split('\n').filter((l) => l.trim() !== '');
      const shown = `argv: ${JSON.stringify(c.argv)}\nexit ${r.code}\nstderr:\n${r.err}`;
      assert.equal(r.code, 0, shown);
      assert.equal(lines.length, c.warnings, shown);
      for (const l of lines) assert.ok(l.startsWith(`warning: ${c.subject}: `), shown);
      assert.match(r.out, /MSE \d+\.\d+ {2}MAE \d+\.\d+/, `finite scores\n${r.out}`);
    });
  }
});

/** A raw request (fetch would not send a Host header of our choosing). */
function get(server: RunningServer, c: HttpCase): Promise<{ status: number; type: string; body: string }> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: c.path,
        method: c.method ?? 'GET',
        headers: { host: `127.0.0.1:${port}`, ...c.headers },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('dashboard requests', () => {
  let open: RunningServer;
  let guarded: RunningServer;
  let storage: SqliteStorage;
  const token = 'a-token-of-sufficient-length-0123';
  before(async () => {
    storage = new SqliteStorage(path.join(dir, 'db', 'serve.db'));
    const ctx = { storage, registry: loadRegistry() };
    open = await startServer(ctx, { host: '127.0.0.1', port: 0, token: null });
    guarded = await startServer(ctx, { host: '127.0.0.1', port: 0, token });
  });
  after(async () => {
    await open.close();
    await guarded.close();
    storage.close();
  });
  for (const c of http) {
    it(c.id, async () => {
      const server = c.tokenServer ? guarded : open;
      const res = await get(server, c);
      assert.equal(res.status, c.status, res.body);
      assert.doesNotMatch(res.body, STACK);
      if (res.type.startsWith('text/plain')) assert.equal(res.body.trim().split('\n').length, 1, res.body);
      // and the server is still up
      const again = await fetch(server.url, {
        headers: c.tokenServer ? { authorization: `Bearer ${token}` } : {},
      });
      assert.equal(again.status, 200);
    });
  }
});
