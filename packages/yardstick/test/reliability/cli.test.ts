// The command line's one error path and its lazy loading: exit codes, --version, the command list, runs left
// running by an error marked failed, read-only commands that never create a database, and no libtorch for
// commands that never train.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { Command, InvalidArgumentError } from 'commander';
import { classify, COMMANDS, oneLine, version } from '../../src/cli/main.js';
import { failOpenRuns, SqliteStorage, STALE_HEARTBEAT_SECONDS } from '../../src/storage/index.js';
import { testMachine } from '../helpers/machine.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ys-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const newRun = (s: SqliteStorage, id: string, extra: Record<string, unknown> = {}) =>
  s.createRun({
    id,
    workflow: 'autoar',
    task: 't',
    mode: 'default',
    config: {},
    machine: testMachine,
    seed: 0,
    budgetSeconds: null,
    startedAt: new Date().toISOString(),
    artifactDir: null,
    ...extra,
  });

/** The source CLI in a fresh process; `torch` says whether it loaded the libtorch addon. */
function cli(...args: string[]) {
  const code = `import { createRequire } from 'node:module';
process.on('exit', () => {
  const loaded = Object.keys(createRequire(import.meta.url).cache).some((k) => k.endsWith('yardstick_torch.node'));
  process.stderr.write(loaded ? '\\nTORCH LOADED' : '');
});
const m = await import('./packages/yardstick/src/cli/main.ts');
await m.main(process.argv.slice(1));`;
  const r = spawnSync(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', '--input-type=module', '-e', code, '--', ...args],
    { encoding: 'utf8', cwd: path.resolve(import.meta.dirname, '../../../..') },
  );
  return {
    code: r.status,
    out: r.stdout,
    err: r.stderr.replace(/\n?TORCH LOADED$/, ''),
    torch: r.stderr.endsWith('TORCH LOADED'),
  };
}

test('each command summary in `yardstick --help` is the description its module gives', async () => {
  for (const c of COMMANDS) {
    const program = new Command();
    (await c.load())(program);
    const cmd = program.commands.find((x) => x.name() === c.name);
    assert.ok(cmd, `${c.name} registers itself`);
    assert.equal(cmd.description(), c.summary, c.name);
  }
});

test('exit codes: 0 for help and version, 2 for usage, 1 for data; one line either way', () => {
  assert.equal(classify(new InvalidArgumentError('bad')).code, 2);
  assert.deepEqual(classify(new Error('data.csv:3: bad label')), {
    code: 1,
    line: 'error: data.csv:3: bad label',
  });
  assert.equal(
    oneLine(new Error('HDF5-DIAG: error\n  #000: H5F.c line 1\n\n  major: file')),
    'HDF5-DIAG: error #000: H5F.c line 1 major: file',
  );
  assert.equal(oneLine('thrown string'), 'thrown string');
  assert.equal(oneLine(new RangeError('')), 'RangeError');
  const v = cli('--version');
  assert.equal(v.code, 0);
  assert.equal(
    v.out.trim(),
    JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')).version,
  );
  assert.equal(v.out.trim(), version());
  const h = cli('--help');
  assert.equal(h.code, 0);
  for (const c of COMMANDS) assert.match(h.out, new RegExp(`^  ${c.name} `, 'm'));
  const none = cli();
  assert.equal(none.code, 2, 'no command is a usage error');
  const bad = cli('runs', '--status', 'nope');
  assert.equal(bad.code, 2);
  assert.equal(
    bad.err.split('\n')[0],
    "error: option '--status <status>' argument 'nope' is invalid. Allowed choices are running, complete, failed, interrupted.",
  );
  assert.doesNotMatch(bad.err, /Usage:/);
});

test('commands that never train do not load libtorch; a training command does', () => {
  const db = path.join(dir, 'empty.db');
  new SqliteStorage(db).close();
  for (const args of [
    ['--help'],
    ['--version'],
    ['tasks'],
    ['runs', '--db', db],
    ['compare', 'ltsf/ETTh1', '--db', db],
    ['report', 'ltsf/ETTh1', '--db', db, '--out', dir],
  ]) {
    const r = cli(...args);
    assert.equal(r.torch, false, `${args.join(' ')} loaded libtorch (exit ${r.code}: ${r.err})`);
  }
  // the check can fail: dasha loads the engine while reading its options
  assert.equal(cli('dasha', 'gue/prom_core_tata', '--device', 'gpu').torch, true);
});

test('runs --db <missing> fails naming the file and creates nothing', () => {
  const missing = path.join(dir, 'nested', 'missing.db');
  const r = cli('runs', '--db', missing);
  assert.equal(r.code, 1);
  assert.equal(
    r.err.split('\n')[0],
    `error: run database ${missing} does not exist (no runs yet? pass --db <file> or set YARDSTICK_DB)`,
  );
  assert.ok(!existsSync(path.dirname(missing)), 'not even its folder');
});

test('a run left running by an error is marked failed with that error; a finished run is left alone', async () => {
  const file = path.join(dir, 'open.db');
  const s = new SqliteStorage(file);
  newRun(s, 'left-running');
  newRun(s, 'finished');
  s.finishRun('finished', 'complete', { test: { mse: 1 } });
  s.updateRunResult('left-running', { partial: 1 });
  s.close(); // as a command's `finally` does before the error reaches the top
  assert.deepEqual(await failOpenRuns('data.csv:3: bad label'), ['left-running']);
  const again = new SqliteStorage(file, { mustExist: true });
  const run = again.getRun('left-running')!;
  assert.equal(run.status, 'failed');
  assert.deepEqual(run.result, { partial: 1, error: 'data.csv:3: bad label' });
  assert.ok(run.finishedAt);
  assert.equal(again.getRun('finished')!.status, 'complete');
  assert.deepEqual(await failOpenRuns('again'), [], 'each run once');
  again.close();
});

test('dead runs: gone owner process on this host, or a stale heartbeat from another host', () => {
  const s = new SqliteStorage(path.join(dir, 'reap.db'));
  const now = Date.now();
  newRun(s, 'here-alive');
  newRun(s, 'here-dead', { ownerPid: 4_000_000, ownerHost: hostname() });
  newRun(s, 'there-fresh', { ownerPid: 1, ownerHost: 'other-host' });
  newRun(s, 'there-stale', { ownerPid: 1, ownerHost: 'other-host' });
  s.db
    .prepare('UPDATE runs SET heartbeat_at = ? WHERE id = ?')
    .run(new Date(now - (STALE_HEARTBEAT_SECONDS + 60) * 1000).toISOString(), 'there-stale');
  assert.deepEqual(s.reapInterruptedRuns(undefined, undefined, now).sort(), ['here-dead', 'there-stale']);
  assert.deepEqual(
    s
      .listRuns({ status: 'running' })
      .map((r) => r.id)
      .sort(),
    ['here-alive', 'there-fresh'],
  );
  s.close();
});

test('a file that is not a run database is named and left untouched', () => {
  for (const [name, content] of [
    ['one-byte.db', 'x'],
    ['text.db', 'hello\n'.repeat(200)],
  ] as const) {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    assert.throws(() => new SqliteStorage(file), {
      message: new RegExp(
        `^run database ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: file is not (an SQLite )?a? ?database`,
      ),
    });
    assert.equal(readFileSync(file, 'utf8'), content);
  }
});
