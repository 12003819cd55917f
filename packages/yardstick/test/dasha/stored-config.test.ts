import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planBudget } from '../../src/dasha/budget/planner.js';
import { paperSettings } from '../../src/dasha/settings.js';
import { readStoredConfig } from '../../src/dasha/stored-config.js';

const settings = paperSettings('dna', 'gue/prom_core_tata');
const plan = planBudget({
  budgetSeconds: 600,
  nTrain: 1000,
  nScore: 500,
  batchSize: 100,
  widths: [8, 4],
  cost: {
    epochSeconds: (w, n) => n * w * 1e-3,
    evalSeconds: (w, n) => (n * w * 1e-3) / 3,
    searchBatchSeconds: null,
    trialSpeedup: 2,
  },
  minDefaultEpochs: 10,
  minDefaultSteps: 0,
});
const threads = {
  threads: 2,
  source: 'measured',
  secPerSample: { 1: 2e-3, 2: 1.2e-3 },
  cost: { trainSecPerSample: 1.2e-3, evalSecPerSample: 4e-4 },
};

test('stored config: a run stored by this version reads back as written (JSON round trip)', () => {
  const stored = JSON.parse(JSON.stringify({ settings, plan, seed: 0, device: 'cpu', threads }));
  const r = readStoredConfig('r1', stored);
  assert.deepEqual(r.settings, settings);
  assert.deepEqual(r.plan, plan);
  assert.equal(r.threads?.threads, 2);
});

test('stored config: a plan from before the test stage and trial speed-up gets what that version planned', () => {
  const { test: _test, trialSpeedup: _speedup, ...old } = plan;
  const r = readStoredConfig('r1', { settings, plan: old });
  assert.deepEqual(r.plan?.test, { seconds: plan.reserveSeconds }, 'the test was planned at the reserve');
  assert.equal(r.plan?.trialSpeedup, 1, 'trials were planned as if sequential');
  assert.equal(r.threads, null);
  assert.equal(readStoredConfig('p', { settings, plan: null }).plan, null, 'paper mode has no plan');
});

test('stored config: a damaged record is one error naming the run and the field', () => {
  assert.throws(
    () => readStoredConfig('run-7', { settings: { ...settings, batchSize: 'x' }, plan }),
    /^Error: dasha: run 'run-7' cannot be resumed: its stored config has settings\.batchSize: /,
  );
  assert.throws(
    () => readStoredConfig('run-7', { settings, plan: { ...plan, asha: { ...plan.asha, maxT: -1 } } }),
    /run 'run-7' .* plan\.asha\.maxT/,
  );
  assert.throws(
    () => readStoredConfig('run-7', null),
    /run 'run-7' cannot be resumed: its stored config has no object/,
  );
});
