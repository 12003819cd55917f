import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Command } from 'commander';
import { registerDownload } from '../../src/cli/download.js';
import { registerTasks } from '../../src/cli/tasks.js';
import { dataDir } from '../data/helpers.js';

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
