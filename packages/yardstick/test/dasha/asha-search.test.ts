import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fakeCurve, fakeSearch, fakeSearchStorage } from './helpers/fake-search.js';
import { percentile } from '../../src/common/percentile.js';
import { runAshaSearch } from '../../src/dasha/asha/search.js';
import { RandomSampler, withoutSeed } from '../../src/dasha/asha/sampler.js';

const here = path.dirname(fileURLToPath(import.meta.url));

test('sequential ASHA: every stop is below the median of the rung as it stood, every promotion is not', async () => {
  const storage = fakeSearchStorage(':memory:', 'r');
  const res = await fakeSearch({ storage, runId: 'r', numSamples: 16, maxT: 8 });
  const rungs = storage.listRungs('r');
  // re-derive each decision from the ledger alone, in recorded order
  const seen = new Map<number, number[]>();
  for (const r of rungs) {
    if (r.decision === 'complete') continue;
    const prior = seen.get(r.rung) ?? [];
    const expectStop = prior.length > 0 && r.value < percentile(prior, 50);
    assert.equal(r.decision, expectStop ? 'stop' : 'promote', `trial ${r.trialId} at rung ${r.rung}`);
    seen.set(r.rung, [...prior, r.value]);
  }
  // trials ran in order; a stopped trial's last epoch is the rung that stopped it; complete ones ran maxT
  for (const t of res.trials) {
    const stop = rungs.find((r) => r.trialId === t.trialId && r.decision === 'stop');
    if (t.status === 'stopped') assert.equal(t.epochs, stop!.rung);
    else assert.equal(t.status === 'complete' && t.epochs === 8 && !stop, true, `trial ${t.trialId}`);
  }
  assert.equal(res.trials[0].status, 'complete'); // the first trial meets only empty rungs
  assert.ok(res.trials.some((t) => t.status === 'stopped'));
  // running-max reporting: the winner is the trial with the best single epoch anywhere
  const bestEpoch = (t: (typeof res.trials)[number]): number =>
    Math.max(
      ...Array.from({ length: t.epochs }, (_, i) =>
        fakeCurve(t.params.lr, t.params.momentum, t.params.randomSeed, i + 1),
      ),
    );
  const expected = res.trials.reduce((a, b) => (bestEpoch(b) > bestEpoch(a) ? b : a));
  assert.equal(res.best!.trialId, expected.trialId);
});

test("'last' reporting hands the scheduler the current epoch's value", async () => {
  const storage = fakeSearchStorage(':memory:', 'r');
  await fakeSearch({ storage, runId: 'r', numSamples: 4, maxT: 4, reporting: 'last' });
  const val = storage.listMetrics('r', { name: 'val_score' });
  const rep = storage.listMetrics('r', { name: 'reported' });
  assert.deepEqual(
    rep.map((m) => m.value),
    val.map((m) => m.value),
  );
});

test('an enqueued first trial: trial 0 takes the given settings with its own drawn seed, the rest are unchanged', () => {
  const plain = new RandomSampler(7);
  const recipe = { randomSeed: 3, lr: 0.1, momentum: 0.9, weightDecay: 5e-4, dropRate: 0 };
  const enqueued = new RandomSampler(7, undefined, withoutSeed(recipe));
  assert.deepEqual(enqueued.sample(0), { ...recipe, randomSeed: plain.sample(0).randomSeed });
  assert.notEqual(plain.sample(0).lr, 0.1);
  for (const id of [1, 2, 17]) assert.deepEqual(enqueued.sample(id), plain.sample(id));
});

/** A search on a scripted clock: every epoch takes `epochMs`; the stage is stopped at `stopAt`. */
async function clockedSearch(o: { numSamples: number; fillUntil: number | null; stopAt: number }) {
  const epochMs = 10;
  let clock = 0;
  const starts = new Map<number, number>();
  const ends: number[] = [];
  const res = await runAshaSearch({
    storage: fakeSearchStorage(':memory:', 'r'),
    runId: 'r',
    scheduler: { gracePeriod: 1, maxT: 8, reductionFactor: 2, mode: 'max' },
    sampler: new RandomSampler(7),
    numSamples: o.numSamples,
    reporting: 'running-max',
    now: () => clock,
    fillUntil: o.fillUntil,
    shouldStop: () => clock >= o.stopAt,
    onEvent: (e) => void (e.kind === 'trial-end' && ends.push(clock)),
    startTrial: async (trialId, p) => {
      starts.set(trialId, clock);
      return {
        initWeightsPath: null,
        trainEpoch: async (epoch) => {
          clock += epochMs;
          return fakeCurve(p.lr, p.momentum, p.randomSeed, epoch);
        },
        close: () => {},
      };
    },
  });
  return { res, starts, ends, epochMs };
}

test('budget fill: past the planned trials, new ones start while their first rung fits before fillUntil', async () => {
  const planned = await clockedSearch({ numSamples: 4, fillUntil: null, stopAt: Infinity });
  assert.equal(planned.res.trials.length, 4); // without fill: exactly the planned count
  const plannedEnd = planned.ends.at(-1)!;
  const fillUntil = 3 * plannedEnd;
  const { res, starts, ends, epochMs } = await clockedSearch({
    numSamples: 4,
    fillUntil,
    stopAt: 1.1 * fillUntil,
  });
  assert.ok(res.trials.length > 4, `${res.trials.length} trials`);
  // the planned trials take the same decisions as without fill (the sampler and the rule are unchanged)
  assert.deepEqual(
    res.trials.slice(0, 4).map((t) => [t.trialId, t.status, t.epochs]),
    planned.res.trials.map((t) => [t.trialId, t.status, t.epochs]),
  );
  // every extra trial started when one epoch (the grace period) still fitted before fillUntil
  for (const [id, at] of starts) if (id >= 4) assert.ok(at + epochMs <= fillUntil, `trial ${id} at ${at}`);
  // and sampling ended only when the next trial's first rung no longer fitted, or the stage was stopped
  if (!res.interrupted) assert.ok(ends.at(-1)! + epochMs > fillUntil, `ended at ${ends.at(-1)}`);
  assert.ok(ends.at(-1)! >= fillUntil - epochMs && ends.at(-1)! <= 1.1 * fillUntil);
});

test('resume after a kill: same trials, same rung decisions, same winner as an uninterrupted search', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'asha-resume-'));
  try {
    const reference = fakeSearchStorage(':memory:', 'run');
    const ref = await fakeSearch({ storage: reference, runId: 'run', numSamples: 16, maxT: 8 });

    // the child writes the same SQLite run database the CLI uses; a kill leaves it as of the last commit
    const dbFile = path.join(dir, 'runs.db');
    const child = spawnSync(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', path.join(here, 'helpers/asha-child.ts'), dbFile, '23'],
      { encoding: 'utf8' },
    );
    assert.equal(child.signal, 'SIGKILL', child.stderr);
    const partial = fakeSearchStorage(dbFile, 'run');
    const before = partial.listTrials('run');
    assert.ok(
      before.some((t) => t.status === 'running'),
      'the kill left a trial in flight',
    );
    assert.ok(before.length < 16);

    const resumed = await fakeSearch({ storage: partial, runId: 'run', numSamples: 16, maxT: 8 });
    const key = (r: { trialId: number; rung: number; value: number; decision: string }) =>
      `${r.trialId}@${r.rung}:${r.value}:${r.decision}`;
    assert.deepEqual(partial.listRungs('run').map(key).sort(), reference.listRungs('run').map(key).sort());
    assert.deepEqual(
      resumed.trials.map((t) => [t.trialId, t.status, t.epochs]),
      ref.trials.map((t) => [t.trialId, t.status, t.epochs]),
    );
    assert.equal(resumed.best!.trialId, ref.best!.trialId);
    reference.close();
    partial.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
