// `yardstick registry [list|validate|add]`, in process over a temporary YARDSTICK_HOME (one run through the
// real entry point for the exit code).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, beforeEach, describe, it } from 'node:test';
import { run } from '../../src/cli/main.js';
import { yardstickSync } from '../helpers/cli.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'ys-regcli-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const home = path.join(scratch, 'home');
const env = { YARDSTICK_HOME: process.env.YARDSTICK_HOME, YARDSTICK_DB: process.env.YARDSTICK_DB };
process.env.YARDSTICK_HOME = home;
delete process.env.YARDSTICK_DB;
after(() => {
  for (const [k, v] of Object.entries(env))
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
});

/**
 * Runs `yardstick registry ...` in this process through the CLI's one error path (cli/main.ts run), capturing
 * console.log and stderr (never process.stdout: the test runner reports through it).
 */
async function registry(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = console.log;
  const write = process.stderr.write;
  console.log = (...a: unknown[]) => out.push(a.join(' '));
  process.stderr.write = ((chunk: string | Uint8Array) => {
    err.push(String(chunk));
    return true;
  }) as typeof process.stderr.write;
  try {
    const code = await run(['registry', ...args]);
    return {
      code: code || Number(process.exitCode ?? 0),
      out: out.join('\n'),
      err: err.join('').replace(/\n$/, ''),
    };
  } finally {
    console.log = log;
    process.stderr.write = write;
    process.exitCode = undefined;
  }
}

const header =
  'id,model,params,setting,benchmark,task,horizon,horizonMean,split,metric,scale,value,source_title';
function file(name: string, text: string): string {
  const f = path.join(scratch, name);
  writeFileSync(f, text);
  return f;
}
const mine = file(
  'mine.csv',
  `${header}
my-1,MyFM,1.5e8,zero-shot,LTSF,ETTh1,96,,standard test,MSE,standardised,0.351,My paper
my-2,MyFM,1.5e8,zero-shot,LTSF,ETTh1,,96/192/336/720,standard test,MSE,standardised,0.402,My paper
my-3,MyFM,1.5e8,fine-tuned,GUE,prom_core_all,,,test,MCC,x100,71.2,My paper
my-4,TimesFM 2.0 (500M),5e8,zero-shot,LTSF,Traffic,96,,standard test,MSE,standardised,0.35,My paper
`,
);
const bad = file(
  'bad.csv',
  `${header}
b-1,BadFM,,zero-shot,LTSF,ETTh1,96,,test,MSE,x1,0.3,T
b-2,BadFM,,zero-shot,LTSF,ETTh1,96,,test,MSE,x1,-0.2,T
`,
);

describe('CLI: registry', () => {
  beforeEach(() => rmSync(home, { recursive: true, force: true }));

  it('summarises the version and counts per benchmark and model', async () => {
    const r = await registry();
    assert.equal(r.code, 0, r.err);
    const lines = r.out.split('\n');
    assert.equal(
      lines[0],
      `registry v2: 1424 records (1424 curated, 0 yours in ${path.join(home, 'registry')})`,
    );
    assert.ok(lines.includes('ltsf: 850 records, 21 models'), r.out);
    assert.match(r.out, /\n {2}FITS +20 {2}supervised reference +10k {2}trained 20\n/);
    assert.match(r.out, /\n {2}Sundial-Large +4 {2}FM +- {2}zero-shot 4\n/);
    assert.match(r.out, /\n {2}Time-MoE-ultra \(2\.4B\) +12 {2}FM +2\.4B {2}zero-shot 12\n/);
    const json = JSON.parse((await registry('list', '--json', '--benchmark', 'gue')).out);
    assert.deepEqual([json.version, json.records, json.models.length], [2, 1424, 10]);
  });

  it('validates a good file and names the record and field of a bad one', async () => {
    const ok = await registry('validate', mine);
    assert.deepEqual([ok.code, ok.out, ok.err], [0, `ok: ${mine}: 4 records (ltsf 3, gue 1)`, '']);
    const no = await registry('validate', bad);
    assert.equal(no.code, 1);
    assert.equal(
      no.err,
      `error: ${bad} row 2 (line 3) (id 'b-2'), column 'value': mse is an error and cannot be negative, got -0.2`,
    );
    assert.equal(no.out, '');
    const both = await registry('validate', bad, mine);
    assert.deepEqual([both.code, both.out, both.err], [1, `ok: ${mine}: 4 records (ltsf 3, gue 1)`, no.err]);
  });

  it('adds a file that every later load includes, and refuses its ids a second time', async () => {
    const added = await registry('add', mine);
    assert.equal(added.code, 0, added.err);
    const dest = path.join(home, 'registry', 'mine.csv');
    assert.equal(added.out, `added 4 records (ltsf 3, gue 1) as ${dest}; registry now 1428 records`);
    assert.equal(readFileSync(dest, 'utf8'), readFileSync(mine, 'utf8'));
    // the copy in the folder validates as itself, not as a duplicate
    assert.equal((await registry('validate', dest)).out, `ok: ${dest}: 4 records (ltsf 3, gue 1)`);
    const list = await registry('list', '--benchmark', 'ltsf');
    assert.match(list.out, /^registry v2: 1428 records \(1424 curated, 4 yours in /);
    assert.match(list.out, /\n {2}MyFM +2 {2}FM +150M {2}zero-shot 2\n/);
    assert.match(
      list.out,
      /\n {2}TimesFM 2\.0 \(500M\) +1 {2}FM +500M {2}zero-shot 1; saw in pretraining: ltsf\/traffic\n/,
    );
    const again = await registry('add', mine);
    assert.equal(again.code, 1);
    assert.deepEqual(
      again.err.split('\n'),
      [1, 2, 3, 4].map(
        (i) =>
          `error: ${mine} row ${i} (line ${i + 1}): id 'my-${i}' already used by ${dest} row ${i} (line ${i + 1})`,
      ),
    );
    // same name, new ids: still refused, the folder's file is not replaced
    mkdirSync(path.join(scratch, 'other'), { recursive: true });
    const clash = file('other/mine.csv', readFileSync(mine, 'utf8').replaceAll('my-', 'other-'));
    const r = await registry('add', clash);
    assert.deepEqual(
      [r.code, r.err],
      [
        1,
        `error: ${dest} already exists in your registry: rename ${clash}, or run 'yardstick registry remove mine.csv' first`,
      ],
    );
  });

  it('shows one record as loaded', async () => {
    const r = await registry('show', 'fm-s094');
    assert.equal(r.code, 0, r.err);
    const rec = JSON.parse(r.out);
    assert.deepEqual(
      [rec.model, rec.task, rec.horizonMean, rec.role, rec.value],
      ['Sundial-Large', 'ltsf/ETTm1', [96, 192, 336, 720], 'fm', 0.331],
    );
    const none = await registry('show', 'fm-s09');
    assert.deepEqual(
      [none.code, none.err],
      [1, "error: no record 'fm-s09' (similar: fm-s090, fm-s091, fm-s092, fm-s093, fm-s094)"],
    );
  });

  it('removes an added file by its name', async () => {
    await registry('add', mine);
    const r = await registry('remove', 'mine.csv');
    assert.deepEqual([r.code, r.out], [0, `removed ${path.join(home, 'registry', 'mine.csv')}`]);
    assert.match((await registry()).out, /^registry v2: 1424 records/);
    const again = await registry('remove', 'mine.csv');
    assert.deepEqual(
      [again.code, again.err],
      [1, `error: no file 'mine.csv' in ${path.join(home, 'registry')} (there: none)`],
    );
  });

  it('adds nothing from an invalid or empty file', async () => {
    const r = await registry('add', bad);
    assert.equal(r.code, 1);
    assert.match(r.err, /^error: .*bad\.csv row 2 \(line 3\) \(id 'b-2'\), column 'value'/);
    const empty = await registry('add', file('empty.csv', `${header}\n`));
    assert.deepEqual(
      [empty.code, empty.err],
      [1, `error: FM results file ${path.join(scratch, 'empty.csv')}: no records`],
    );
    assert.ok(
      !existsSync(path.join(home, 'registry', 'bad.csv')) &&
        !existsSync(path.join(home, 'registry', 'empty.csv')),
    );
  });

  it('exits 1 with one line through the real entry point', () => {
    const r = yardstickSync(['registry', 'validate', bad], { YARDSTICK_HOME: home });
    assert.equal(r.code, 1);
    assert.equal(r.err.trim().split('\n').length, 1, r.err);
    assert.ok(!r.err.includes('    at '), 'no stack trace');
  });
});
