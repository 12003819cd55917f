// The merged reference supplement, roles, horizon means, pretraining overlap, cost and impossible values.
// Expected values are read by hand from the reference files and their sources (cited per check).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import {
  checkRegistry,
  inFamily,
  loadRegistry,
  OVERLAP_FILE,
  registryInfo,
  type FmResult,
} from '../../src/registry/index.js';
import { assertAsWritten } from './helpers/as-written.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'ys-sup-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
const registry = loadRegistry({ userDir: null });
const get = (id: string): FmResult => {
  const r = registry.get(id);
  assert.ok(r, `record ${id}`);
  return r;
};

let n = 0;
function tmpJson(records: unknown[]): string {
  const f = path.join(scratch, `user-${++n}.json`);
  writeFileSync(f, JSON.stringify(records));
  return f;
}
const base = {
  model: 'M',
  setting: 'zero-shot',
  benchmark: 'LTSF',
  task: 'ETTh1',
  horizon: 96,
  split: 'test',
  metric: 'MSE',
  scale: 'x1',
  value: 0.4,
  source: { title: 'T' },
};
const loadUser = (records: unknown[]) => loadRegistry({ userDir: null, extraFiles: [tmpJson(records)] });

// The supplement lives in the shared reference folder beside the repository (never copied into it).
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const supplementFile = path.join(root, '..', 'shared', 'reference', 'fm-results-supplement.json');

describe('merged reference supplement', () => {
  it('adds its 96 records with their ids, values, sources and notes', () => {
    const ids = registry.results.filter((r) => r.id.startsWith('fm-s')).map((r) => r.id);
    assert.deepEqual(
      ids,
      Array.from({ length: 96 }, (_, i) => `fm-s${String(i + 1).padStart(3, '0')}`),
    );
    assert.equal(registry.results.length, 1328 + 96);
  });

  it(
    'matches the supplement file record by record',
    { skip: !existsSync(supplementFile) && `no ${supplementFile}` },
    () => {
      const supplement = JSON.parse(readFileSync(supplementFile, 'utf8')) as Record<string, unknown>[];
      assert.equal(supplement.length, 96);
      for (const raw of supplement) assertAsWritten(registry.get(raw.id as string), raw);
    },
  );

  it('normalises its settings, tasks and metric labels like the curated records', () => {
    // FITS README: ETTh1 h96, lookback 720, MSE 0.375 (supervised, drop_last fixed)
    const fits = get('fm-s001');
    assert.deepEqual(
      [fits.task, fits.horizon, fits.lookback, fits.setting, fits.metric, fits.scale, fits.value],
      ['ltsf/ETTh1', 96, 720, 'trained', 'mse', 'x1', 0.375],
    );
    // Time-MoE (ultra), fine-tuned on the full train split: ETTm1 h96 0.256 (issue 15)
    assert.deepEqual(
      [get('fm-s057').setting, get('fm-s057').task, get('fm-s057').value],
      ['fine-tuned', 'ltsf/ETTm1', 0.256],
    );
    assert.equal(get('fm-s013').task, 'ltsf/electricity');
    assert.equal(get('fm-s017').task, 'ltsf/traffic');
    assert.equal(get('fm-s049').task, 'ltsf/weather');
    assert.deepEqual(
      registry.find({ task: 'ltsf/ETTh1', horizon: 96, model: 'FITS' }).map((r) => r.id),
      ['fm-s001'],
    );
  });
});

describe('roles', () => {
  it('marks models trained on the task alone as supervised references, every other record as an FM', () => {
    assert.ok(registry.results.every((r) => r.role === 'fm' || r.role === 'supervised-reference'));
    const refs = new Set(
      registry.results.filter((r) => r.role === 'supervised-reference').map((r) => r.model),
    );
    assert.deepEqual([...refs].sort(), [
      'DLinear',
      'DLinear (as reported in PatchTST paper)',
      'FITS',
      'PatchTST (self-supervised, pretrained on Electricity)',
      'PatchTST (self-supervised, pretrained on target dataset)',
      'PatchTST/42',
      'PatchTST/64',
      'PatchTST/64 (drop_last fixed)',
      'Random init (ViT-B/16)',
      'Supervised (ViT-B/16)',
      'Supervised (ViT-S/16)',
    ]);
    // 72 + 64 + 64 + 64 + 48 + 32 LTSF in the main file, 20 FITS + 20 PatchTST/64 in the supplement, 6 EuroSAT
    assert.equal(registry.results.filter((r) => r.role === 'supervised-reference').length, 390);
    for (const id of ['fm-s041', 'fm-s053', 'fm-s065', 'fm-s077', 'fm-s094', 'fm-0001', 'fm-0363'])
      assert.equal(get(id).role, 'fm', id);
  });

  it('derives a user row role from its setting unless the row states one', () => {
    const reg = loadUser([
      { ...base, id: 'u-trained', setting: 'trained' },
      { ...base, id: 'u-zs' },
      { ...base, id: 'u-ref', role: 'supervised-reference', setting: 'fine-tuned' },
    ]);
    assert.deepEqual(
      ['u-trained', 'u-zs', 'u-ref'].map((id) => reg.get(id)!.role),
      ['supervised-reference', 'fm', 'supervised-reference'],
    );
    assert.throws(() => loadUser([{ ...base, role: 'baseline' }]), /record 1: field 'role'/);
  });
});

describe('means over horizons', () => {
  it('keeps Sundial averages as horizon means, never as a single horizon', () => {
    // Sundial Table 1: Sundial-Large zero-shot ETTm1, mean MSE over 96/192/336/720 = 0.331 (issue 15)
    const large = get('fm-s094');
    assert.deepEqual(
      [large.model, large.task, large.horizon, large.horizonMean, large.metric, large.value],
      ['Sundial-Large', 'ltsf/ETTm1', null, [96, 192, 336, 720], 'mse', 0.331],
    );
    const means = registry.results.filter((r) => r.horizonMean);
    assert.deepEqual(
      means.map((r) => r.id),
      Array.from({ length: 12 }, (_, i) => `fm-s0${85 + i}`),
    );
    assert.ok(registry.results.every((r) => !(r.horizonMean && r.horizon !== null)));
    assert.ok(!registry.find({ task: 'ltsf/ETTm1', horizon: 96 }).some((r) => r.model.startsWith('Sundial')));
    const etm1 = (horizonMean: number[] | null) =>
      registry.find({ task: 'ltsf/ETTm1', metric: 'mse', horizonMean }).map((r) => r.id);
    assert.deepEqual(etm1([720, 336, 192, 96]), ['fm-s086', 'fm-s090', 'fm-s094']);
    assert.deepEqual(etm1([96, 192]), []);
    assert.ok(
      !etm1(null).some((id) => ['fm-s086', 'fm-s090', 'fm-s094'].includes(id)) &&
        etm1(null).includes('fm-s057'),
    );
    const refs = registry.find({
      role: 'supervised-reference',
      task: 'ltsf/ETTm1',
      horizon: 96,
      metric: 'mse',
    });
    assert.deepEqual(
      refs.map((r) => [r.model, r.value]),
      [
        ['PatchTST/64', 0.293],
        ['PatchTST/42', 0.29],
        ['DLinear (as reported in PatchTST paper)', 0.299],
        ['DLinear', 0.299],
        ['FITS', 0.309],
        ['PatchTST/64 (drop_last fixed)', 0.292],
      ],
    );
  });

  it('reads horizon means from user files and rejects contradictions', () => {
    const mean = { ...base, horizon: null, horizonMean: [336, 96, 192, 720] };
    assert.deepEqual(loadUser([mean]).find({ model: 'M' })[0].horizonMean, [96, 192, 336, 720]);
    const fromLabel = loadUser([{ ...base, horizon: null, metric: 'MAE (mean of horizons 96/192)' }]).find({
      model: 'M',
    })[0];
    assert.deepEqual([fromLabel.metric, fromLabel.horizonMean], ['mae', [96, 192]]);
    assert.throws(
      () => loadUser([{ ...mean, horizon: 96 }]),
      /record 1, field 'horizon': must be empty for a mean over horizons 96\/192\/336\/720/,
    );
    assert.throws(
      () => loadUser([{ ...mean, metric: 'MSE (mean of horizons 96/192)' }]),
      /field 'horizonMean': 96\/192\/336\/720 differs from the horizons in metric/,
    );
    assert.throws(
      () => loadUser([{ ...mean, horizonMean: [96] }]),
      /field 'horizonMean': must list at least two horizons/,
    );
    assert.throws(
      () => loadUser([{ ...mean, horizonMean: [96, 96] }]),
      /field 'horizonMean': must not repeat a horizon/,
    );
  });
});

describe('pretraining overlap', () => {
  it('matches model families by name', () => {
    assert.ok(inFamily('Time-MoE-ultra (2.4B)', 'Time-MoE'));
    assert.ok(inFamily('Time-MoE (base, 50M)', 'time-moe'));
    assert.ok(inFamily('TimesFM 1.0 (200M)', 'TimesFM'));
    assert.ok(inFamily('Moirai', 'Moirai'));
    assert.ok(!inFamily('TimesFMX', 'TimesFM'));
    assert.ok(!inFamily('Moira', 'Moirai'));
  });

  it('flags no curated record: its sources left out the cells of datasets the FM saw in pretraining', () => {
    assert.equal(registry.results.filter((r) => r.pretrainingOverlap).length, 0);
    const seen = {
      TimesFM: ['ltsf/weather', 'ltsf/electricity', 'ltsf/traffic'],
      Moirai: ['ltsf/traffic'],
      'Time-MoE': ['ltsf/electricity', 'ltsf/traffic'],
    };
    for (const [family, tasks] of Object.entries(seen)) {
      const rows = registry.results.filter((r) => inFamily(r.model, family));
      assert.ok(rows.length >= 20, family);
      assert.ok(
        rows.every((r) => !tasks.includes(r.task)),
        family,
      );
    }
  });

  it('flags any record of those families on those datasets, with the source that says so', () => {
    const rows = [
      ['TimesFM 2.0 (500M)', 'Weather'],
      ['TimesFM', 'Electricity'],
      ['TimesFM (200M)', 'Traffic'],
      ['TimesFM', 'ETTh1'],
      ['Moirai-Large', 'Traffic'],
      ['Moirai-Large', 'Weather'],
      ['Time-MoE (large)', 'Electricity'],
      ['Time-MoE-ultra (2.4B)', 'Traffic'],
      ['Time-MoE (base, 50M)', 'Weather'],
      ['TimesFMX', 'Traffic'],
    ];
    const reg = loadUser(rows.map(([model, task], i) => ({ ...base, id: `o${i}`, model, task })));
    const flags = rows.map((_, i) => reg.get(`o${i}`)!.pretrainingOverlap);
    assert.deepEqual(
      flags.map((f) => f?.dataset ?? null),
      ['Weather', 'Electricity', 'Traffic', null, 'Traffic', null, 'Electricity', 'Traffic', null, null],
    );
    assert.equal(flags[0]!.source.arxiv, '2410.11802'); // FoundTS, via granite-tsfm
    assert.equal(flags[0]!.source.commit, '412573aa1e618311be4e69b0a8c61f4eb847f538');
    assert.equal(flags[4]!.source.arxiv, '2410.11802');
    assert.equal(flags[6]!.source.arxiv, '2409.16040'); // Time-MoE
    // a supervised row is never an FM that saw the data in pretraining
    const ref = loadUser([{ ...base, model: 'TimesFM', task: 'Traffic', setting: 'trained' }]);
    assert.equal(ref.find({ model: 'TimesFM' })[0].pretrainingOverlap, null);
  });

  it("takes a user row's own statement of overlap, in JSON or CSV", () => {
    const json = loadUser([
      { ...base, model: 'MyFM', pretrainingOverlap: { dataset: 'ETTh1 (all of it)' } },
    ]).find({ model: 'MyFM' })[0];
    assert.deepEqual(json.pretrainingOverlap, { dataset: 'ETTh1 (all of it)', source: { title: 'T' } });
    const csv = path.join(scratch, 'overlap.csv');
    writeFileSync(
      csv,
      'model,setting,benchmark,task,horizon,split,metric,scale,value,pretrainingOverlap,source_title\nMyFM,zero-shot,LTSF,Weather,96,test,MSE,x1,0.2,Weather (Max Planck),Mine\n',
    );
    const row = loadRegistry({ userDir: null, extraFiles: [csv] }).find({ model: 'MyFM' })[0];
    assert.deepEqual(row.pretrainingOverlap, { dataset: 'Weather (Max Planck)', source: { title: 'Mine' } });
    assert.throws(
      () => loadUser([{ ...base, setting: 'trained', pretrainingOverlap: { dataset: 'X' } }]),
      /field 'pretrainingOverlap': a supervised-reference has no pretraining/,
    );
  });

  it('names only tasks the registry knows, each with a source', () => {
    const table = JSON.parse(readFileSync(OVERLAP_FILE, 'utf8')) as {
      entries: { model: string; task: string; source: { title: string } }[];
    };
    assert.equal(table.entries.length, 6);
    const known = new Set(registry.tasks());
    for (const e of table.entries) {
      assert.ok(known.has(e.task), e.task);
      assert.ok(e.source.title.length > 0);
    }
  });

  it('rejects an overlap table entry without a source or a task id, naming the file', () => {
    const bad = path.join(scratch, 'overlap.json');
    writeFileSync(
      bad,
      JSON.stringify({
        version: 1,
        description: '',
        entries: [{ model: 'X', task: 'Traffic', dataset: 'Traffic' }],
      }),
    );
    assert.throws(
      () => loadRegistry({ userDir: null, overlapFile: bad }),
      (e: Error) =>
        e.message.startsWith(`${bad}: field 'entries.0.task': must be a project task id`) &&
        e.message.includes("field 'entries.0.source'"),
    );
  });
});

describe('cost', () => {
  it('gives params from the record and pretraining size from the sourced table', () => {
    // Time-MoE abstract: Time-300B, over 300 billion time points; the record: 2.4B parameters
    const moe = get('fm-s041').cost!;
    assert.deepEqual(
      [moe.params, moe.pretrainingTimePoints, moe.pretrainingTokens, moe.gpuHours],
      [2.4e9, 300e9, null, null],
    );
    assert.equal(moe.source!.arxiv, '2409.16040');
    assert.equal(get('fm-s061').cost!.params, 50e6); // Time-MoE (base, 50M)
    // Sundial README: TimeBench, 10^12 time points; released Base checkpoint sundial-base-128m
    assert.deepEqual(
      [get('fm-s090').cost!.params, get('fm-s090').cost!.pretrainingTimePoints],
      [128e6, 1e12],
    );
    assert.deepEqual([get('fm-s094').cost!.params, get('fm-s094').cost!.pretrainingTimePoints], [null, 1e12]);
    // FITS: 10k parameters (paper title), cited to the record's own source
    assert.deepEqual(get('fm-s001').cost, {
      params: 1e4,
      pretrainingTokens: null,
      pretrainingTimePoints: null,
      gpuHours: null,
      source: get('fm-s001').source,
    });
    assert.equal(get('fm-0001').cost, null); // TTM rows give no size
    // chronos-forecasting README: chronos-t5-large 710M, chronos-bolt-tiny 9M parameters
    const chronos = (model: string) => registry.find({ model })[0].cost;
    assert.deepEqual(
      [chronos('chronos-t5-large')!.params, chronos('chronos-bolt-tiny')!.params],
      [710e6, 9e6],
    );
    // TimesFM blog: 100B time points, 200M parameters; Moirai abstract: LOTSA, over 27B observations
    assert.deepEqual(
      [get('fm-s077').cost!.pretrainingTimePoints, get('fm-0363').cost!.pretrainingTimePoints],
      [100e9, 100e9],
    );
    assert.deepEqual(
      [get('fm-s065').cost!.params, get('fm-s065').cost!.pretrainingTimePoints],
      [311e6, 27e9],
    );
    assert.deepEqual([get('fm-0383').cost!.params, get('fm-0383').cost!.source!.arxiv], [91e6, '2402.02592']);
    // a later TimesFM is not given 1.0's corpus
    assert.equal(
      loadUser([{ ...base, model: 'TimesFM 2.0 (500M)', params: 5e8 }]).find({
        model: 'TimesFM 2.0 (500M)',
      })[0].cost!.pretrainingTimePoints,
      null,
    );
  });
});

describe('impossible values', () => {
  it('rejects negative errors and out-of-range scores, one line naming file, record, id and field', () => {
    const f = tmpJson([
      { ...base, id: 'neg', value: -0.01 },
      {
        ...base,
        id: 'mcc',
        benchmark: 'gue',
        task: 'prom_core_all',
        horizon: null,
        metric: 'MCC',
        scale: 'x1',
        value: 70.1,
      },
      {
        ...base,
        id: 'acc',
        benchmark: 'eurosat',
        task: 'eurosat',
        horizon: null,
        metric: 'top-1 accuracy',
        scale: 'x100',
        value: 101,
      },
      {
        ...base,
        id: 'f1',
        benchmark: 'geobench',
        task: 'm-bigearthnet',
        horizon: null,
        metric: 'F1',
        scale: 'x1',
        value: -0.1,
      },
      {
        ...base,
        id: 'ok-mcc',
        benchmark: 'gue',
        task: 'prom_core_all',
        horizon: null,
        metric: 'MCC',
        scale: 'x1',
        value: -0.5,
      },
      {
        ...base,
        id: 'ok-acc',
        benchmark: 'eurosat',
        task: 'eurosat',
        horizon: null,
        metric: 'top-1 accuracy',
        scale: 'x100',
        value: 98.7,
      },
      { ...base, id: 'ok-mse', value: 0 },
    ]);
    const { errors, registry: partial } = checkRegistry({ userDir: null, extraFiles: [f] });
    assert.deepEqual(errors, [
      `${f} record 1 (id 'neg'), field 'value': mse is an error and cannot be negative, got -0.01`,
      `${f} record 2 (id 'mcc'), field 'value': mcc at scale x1 must be in [-1, 1], got 70.1 (a percentage needs scale x100)`,
      `${f} record 3 (id 'acc'), field 'value': accuracy at scale x100 must be in [0, 100], got 101`,
      `${f} record 4 (id 'f1'), field 'value': f1 at scale x1 must be in [0, 1], got -0.1`,
    ]);
    assert.deepEqual(
      partial.results.filter((r) => r.origin === f).map((r) => r.id),
      ['ok-mcc', 'ok-acc', 'ok-mse'],
    );
    assert.throws(
      () => loadRegistry({ userDir: null, extraFiles: [f] }),
      /invalid FM results \(4 problem\(s\)\)/,
    );
  });

  it('finds no impossible value among the curated records', () => {
    assert.deepEqual(checkRegistry({ userDir: null }).errors, []);
  });
});

describe('registryInfo', () => {
  it('gives the data version, the record count and counts per benchmark', () => {
    assert.deepEqual(registryInfo(registry), {
      version: 2,
      records: 1424,
      curated: 1424,
      user: 0,
      byBenchmark: { 'chronos-bench-ii': 54, eurosat: 26, geobench: 214, gue: 280, ltsf: 850 },
    });
    const withUser = loadUser([
      { ...base, id: 'a' },
      {
        ...base,
        id: 'b',
        benchmark: 'gue',
        task: 'prom_core_all',
        horizon: null,
        metric: 'MCC',
        scale: 'x100',
        value: 50,
      },
    ]);
    const info = registryInfo(withUser);
    assert.deepEqual(
      [info.records, info.curated, info.user, info.byBenchmark.ltsf, info.byBenchmark.gue],
      [1426, 1424, 2, 851, 281],
    );
  });
});
