// `yardstick registry [list]`: the published-results registry's version and counts per benchmark and model;
// `registry validate <files...>`: check users' own results files; `registry add <file>`: copy a checked file
// into the user's registry folder (beside the run database), which every later command loads; `registry
// remove <name>` takes it out again; `registry show <id>` prints one record as loaded.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../common/atomic-write.js';
import type { Command } from 'commander';
import {
  checkRegistry,
  defaultUserRegistryDir,
  type FmResult,
  type Registry,
  type RegistryInfo,
  userRegistryFiles,
} from '../registry/index.js';

interface ModelRow {
  benchmark: string;
  model: string;
  role: FmResult['role'];
  records: number;
  settings: Record<string, number>;
  params: number | null;
  /** Tasks on which the model saw the target dataset in pretraining. */
  overlap: string[];
}

function modelRows(results: readonly FmResult[]): ModelRow[] {
  const rows = new Map<string, ModelRow>();
  for (const r of results) {
    const key = `${r.benchmark}\u0000${r.model}`;
    const row = rows.get(key) ?? {
      benchmark: r.benchmark,
      model: r.model,
      role: r.role,
      records: 0,
      settings: {},
      params: null,
      overlap: [],
    };
    row.records++;
    row.settings[r.setting] = (row.settings[r.setting] ?? 0) + 1;
    row.params ??= r.cost?.params ?? null;
    if (r.pretrainingOverlap && !row.overlap.includes(r.task)) row.overlap.push(r.task);
    rows.set(key, row);
  }
  return [...rows.values()].sort(
    (a, b) => a.benchmark.localeCompare(b.benchmark) || a.model.localeCompare(b.model),
  );
}

function countsText(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
}

/** 10k, 91M, 2.4B; '-' when unknown. */
function formatCount(n: number | null): string {
  if (n === null) return '-';
  for (const [unit, size] of [
    ['B', 1e9],
    ['M', 1e6],
    ['k', 1e3],
  ] as const) {
    if (n >= size) return `${Number((n / size).toPrecision(3))}${unit}`;
  }
  return String(n);
}

function headline(info: RegistryInfo, dir: string): string {
  return `registry v${info.version}: ${info.records} records (${info.curated} curated, ${info.user} yours in ${dir})`;
}

/** Loads the registry (plus `extra`), printing every problem as its own `error:` line; undefined when any. */
function loadChecked(extra: string[]): Registry | undefined {
  const { registry, errors } = checkRegistry({ extraFiles: extra });
  for (const e of errors) console.error(`error: ${e}`);
  if (errors.length) process.exitCode = 1;
  return errors.length ? undefined : registry;
}

function list(opts: { benchmark?: string; json?: boolean; fmResults?: string[] }): void {
  const registry = loadChecked(opts.fmResults ?? []);
  if (!registry) return;
  const dir = defaultUserRegistryDir();
  const info = registry.info();
  const results = opts.benchmark ? registry.find({ benchmark: opts.benchmark }) : registry.results;
  if (opts.benchmark && results.length === 0)
    throw new Error(
      `no records for benchmark '${opts.benchmark}' (known: ${registry.benchmarks().join(', ')})`,
    );
  const models = modelRows(results);
  if (opts.json) {
    console.log(JSON.stringify({ ...info, userDir: dir, models }, null, 2));
    return;
  }
  console.log(headline(info, dir));
  console.log('per model: records, role, parameters, records per setting');
  for (const b of [...new Set(models.map((m) => m.benchmark))]) {
    const rows = models.filter((m) => m.benchmark === b);
    console.log(`\n${b}: ${info.byBenchmark[b]} records, ${rows.length} models`);
    const width = Math.max(...rows.map((m) => m.model.length));
    for (const m of rows) {
      const role = m.role === 'supervised-reference' ? 'supervised reference' : 'FM';
      const overlap = m.overlap.length ? `; saw in pretraining: ${m.overlap.sort().join(', ')}` : '';
      console.log(
        `  ${m.model.padEnd(width)}  ${String(m.records).padStart(4)}  ${role.padEnd(20)}  ${formatCount(m.params).padStart(5)}  ${countsText(m.settings)}${overlap}`,
      );
    }
  }
}

/** The records of `file` in a checked registry (those whose origin is that file). */
function recordsOf(registry: Registry, file: string): FmResult[] {
  return registry.results.filter((r) => path.resolve(r.origin) === path.resolve(file));
}

function perBenchmark(records: readonly FmResult[]): string {
  const counts: Record<string, number> = {};
  for (const r of records) counts[r.benchmark] = (counts[r.benchmark] ?? 0) + 1;
  return countsText(counts);
}

/** Every problem as its own line, then `ok:` for each file none of them is about; exit 1 on any problem. */
function validate(files: string[]): void {
  const { registry, errors } = checkRegistry({ extraFiles: files });
  for (const e of errors) console.error(`error: ${e}`);
  for (const f of files) {
    const records = recordsOf(registry, f);
    // every message starts with its file, or names it as 'FM results file <file>'
    if (errors.some((e) => e.startsWith(f) || e.includes(`results file ${f}`))) continue;
    if (records.length === 0) {
      console.error(`error: FM results file ${f}: no records`);
      process.exitCode = 1;
    } else console.log(`ok: ${f}: ${records.length} records (${perBenchmark(records)})`);
  }
  if (errors.length) process.exitCode = 1;
}

function add(file: string): void {
  const registry = loadChecked([file]);
  if (!registry) return;
  const records = recordsOf(registry, file);
  if (records.length === 0) throw new Error(`FM results file ${file}: no records`);
  const dir = defaultUserRegistryDir();
  const dest = path.join(dir, path.basename(file));
  if (existsSync(dest))
    throw new Error(
      `${dest} already exists in your registry: rename ${file}, or run 'yardstick registry remove ${path.basename(file)}' first`,
    );
  // atomically (its temporary name ends in .tmp, which loads skip), so a load never sees half a file
  writeFileAtomic(dest, readFileSync(file));
  console.log(
    `added ${records.length} records (${perBenchmark(records)}) as ${dest}; registry now ${registry.results.length} records`,
  );
}

/** One record as loaded: normalised fields, role, horizons, overlap, cost and source. */
function show(id: string): void {
  const registry = loadChecked([]);
  if (!registry) return;
  const r = registry.get(id);
  if (!r) {
    const near = registry.results.filter((x) => x.id.toLowerCase().includes(id.toLowerCase())).slice(0, 5);
    throw new Error(
      `no record '${id}'${near.length ? ` (similar: ${near.map((x) => x.id).join(', ')})` : ''}`,
    );
  }
  console.log(JSON.stringify(r, null, 2));
}

/** Removes a file that `add` put in the registry folder, by its name there. */
function remove(name: string): void {
  const dir = defaultUserRegistryDir();
  const file = path.join(dir, path.basename(name));
  if (!existsSync(file)) {
    const there = userRegistryFiles(dir).map((f) => path.basename(f));
    throw new Error(
      `no file '${path.basename(name)}' in ${dir} (there: ${there.length ? there.join(', ') : 'none'})`,
    );
  }
  rmSync(file);
  console.log(`removed ${file}`);
}

export function registerRegistry(program: Command): void {
  const listOptions = (cmd: Command) =>
    cmd
      .option('--benchmark <id>', 'only this benchmark (ltsf, gue, geobench, eurosat, chronos-bench-ii, ...)')
      .option('--fm-results <files...>', 'also load these results files (CSV or JSON)')
      .option('--json', 'print JSON');
  // The parent and `list` share their options, which commander may give to either: read both.
  const listAction = (_opts: unknown, cmd: Command) => list(cmd.optsWithGlobals());
  const registry = listOptions(
    program
      .command('registry')
      .description(
        'published FM results: version and counts per benchmark and model (your own: $YARDSTICK_HOME/registry, else .yardstick/registry)',
      ),
  ).action(listAction);
  listOptions(
    registry.command('list').description('version and record counts per benchmark and model'),
  ).action(listAction);
  registry
    .command('validate')
    .description('check your own results files (CSV or JSON, same fields as the curated registry)')
    .argument('<files...>', 'CSV or JSON results files')
    .action(validate);
  registry
    .command('add')
    .description(
      'check a results file and copy it into your registry folder, which every later command loads',
    )
    .argument('<file>', 'CSV or JSON results file')
    .action(add);
  registry
    .command('show')
    .description('print one record as loaded (normalised, with role, horizons, overlap, cost and source)')
    .argument('<id>', 'record id, e.g. fm-s094')
    .action(show);
  registry
    .command('remove')
    .description('remove a file that add copied into your registry folder')
    .argument('<name>', 'its file name there')
    .action(remove);
}
