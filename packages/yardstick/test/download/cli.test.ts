import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Command } from 'commander';
import { registerDownload } from '../../src/cli/download.js';
import { registerTasks } from '../../src/cli/tasks.js';
import path from 'node:path';
import { dataDir, scratch } from '../data/helpers.js';

/** Runs the subcommands on a fresh program and returns what they printed. */
async function run(args: string[]): Promise<string> {
  const program = new Command('yardstick').option('--data-dir <dir>').exitOverride();
  registerDownload(program);
  registerTasks(program);
  const lines: string[] = [];
  const log = console.log;
  console.log = (...parts: unknown[]) => lines.push(parts.join(' '));
  try {
    await program.parseAsync(args, { from: 'user' });
  } finally {
    console.log = log;
  }
  return lines.join('\n');
}

test('yardstick download --list names every dataset', async () => {
  const out = await run(['download', '--list']);
  for (const name of [
    'gue',
    'genomic-benchmarks',
    'nt-revised-toy',
    'geobench-fixtures',
    'eurosat',
    'ucmerced',
    'ltsf',
  ])
    assert.match(out, new RegExp(`^${name} `, 'm'));
});

test('yardstick download verifies files already in the data directory without fetching', async () => {
  const out = await run(['--data-dir', dataDir, 'download', 'nt-revised-toy']);
  assert.match(out, /^present {2}.*revised_toy_subsample\/train\.tsv$/m);
});

test('yardstick tasks show prints split sizes, class counts and the majority baseline', async () => {
  const out = JSON.parse(
    await run(['--data-dir', dataDir, 'tasks', 'show', 'gue/prom_core_tata', '--limit', '20', '--json']),
  );
  assert.deepEqual(out.splits.train.shape, [20, 5, 70]);
  assert.deepEqual(out.splits.test.classCounts, [10, 10]);
  assert.equal(out.majorityBaseline, 0); // MCC of a constant prediction
  const list = JSON.parse(await run(['tasks', '--json']));
  assert.ok(
    list.some(
      (t: { id: string; usage: string }) => t.id === 'geobench/chesapeake' && t.usage === 'format-test',
    ),
  );
});

test('yardstick tasks lists every task with its source and whether its data is present', async () => {
  const empty = scratch();
  type Row = { id: string; source: string; present: boolean; download?: string; location?: string };
  const none: Row[] = JSON.parse(await run(['--data-dir', empty.dir, 'tasks', '--json']));
  assert.ok(none.length >= 28 + 18 + 12);
  assert.ok(none.every((t) => t.present === false && t.download && t.source));
  assert.equal(
    none.find((t) => t.id === 'gue/mouse_0')!.download,
    'yardstick download gue --allow-unverified',
  );
  assert.equal(
    none.find((t) => t.id === 'geobench/m-so2sat')!.download,
    'yardstick download geobench/m-so2sat',
  );
  assert.equal(none.find((t) => t.id === 'ltsf/ETTm1')!.download, 'yardstick download ltsf');
  assert.match(
    none.find((t) => t.id === 'ltsf/traffic')!.download!,
    /^no public origin in the download catalogue: place traffic\.csv in /,
  );
  const shared: Row[] = JSON.parse(await run(['--data-dir', dataDir, 'tasks', '--json']));
  assert.equal(shared.find((t) => t.id === 'ltsf/ETTh1')!.present, true);
  const tata = shared.find((t) => t.id === 'gue/prom_core_tata')!;
  assert.equal(tata.present, true);
  assert.equal(tata.location, path.join(dataDir, 'genomics', 'gue', 'prom_core_tata'));
  const text = await run(['--data-dir', empty.dir, 'tasks']);
  assert.match(
    text,
    /^nt\/H3 .* Nucleotide Transformer .*; missing: yardstick download nt\/H3 --allow-unverified$/m,
  );
  assert.match(text, new RegExp(`^${none.length} tasks, 0 with data present, ${none.length} missing$`, 'm'));
});
