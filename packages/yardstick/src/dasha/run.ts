// The DASHA workflow end to end: search (DASH) -> tune (ASHA) -> retrain the winner -> test once.
// Every stage obeys a deadline (its share of the budget) and a stop flag (SIGINT), and the best model so far
// is always on disk, so a stopped run still reports a tested model (anytime). Everything durable goes
// through Storage: the run, the search result, the ASHA ledger, per-epoch metrics and artefact paths.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import * as torch from '@yardstick/torch';
import type { Dataset, TaskData } from '../data/types.js';
import type { TaskUsage } from '../tasks/types.js';
import type { Storage } from '../storage/types.js';
import { describeMachine } from '../storage/machine.js';
import { describeBackbone, macsPerSample, type BackboneSpec, type NetworkShape } from './backbones/index.js';
import { runDashSearch } from './dash/search.js';
import type { ConvChoice } from './dash/space.js';
import { RandomSampler, type HyperParams } from './asha/sampler.js';
import { runAshaSearch, type AshaSearchResult } from './asha/search.js';
import { planBudget, type Plan } from './budget/planner.js';
import { probeStepTimes } from './budget/probe.js';
import { flipsAndRotations } from './train/batches.js';
import { predict } from './train/epoch.js';
import { FitSession, buildPlainNet, type DataSetup, type NetSetup } from './train/fit.js';
import { loadWeights } from './train/checkpoint.js';
import { lossFor, targetKind, type Modality } from './train/loss.js';
import { HPO_MILESTONES_1D, HPO_MILESTONES_2D, RETRAIN_MILESTONES_1D, RETRAIN_MILESTONES_2D, rescaleMilestones, stepMultiplier, warmupLinearMultiplier } from './train/schedule.js';
import { carveValidation, stratifiedSubset } from './train/subset.js';
import { scoreLogits, type MetricName } from './train/score.js';
import { budgetWidths, paperSettings, type DashaMode, type DashaSettings } from './settings.js';
import { hashSeed } from './random.js';
import { assertDeviceAvailable } from './device.js';
import { runResult } from '../compare/run-result.js';

export interface DashaTask {
  id: string;
  modality: Modality;
  metric: MetricName;
  data: TaskData;
  /** How the test split was made ('standard test' for a benchmark's official split). */
  split?: string;
  /** 'format-test' tasks (pipeline checks on fixtures) are run but their scores are never comparable. */
  usage?: TaskUsage;
}

export interface DashaOptions {
  task: DashaTask;
  mode: DashaMode;
  /** Required in budget mode; in paper mode an optional hard stop. */
  budgetSeconds?: number;
  seed: number;
  device: torch.Device;
  storage: Storage;
  outDir: string;
  /** Continue an interrupted run (its search result and ASHA ledger are reused). */
  resumeRunId?: string;
  /** Replace individual settings (tests, smoke runs; a small `space` keeps 2-D mixtures cheap). */
  overrides?: Partial<Pick<DashaSettings, 'searchBackbone' | 'retrainBackbone' | 'batchSize' | 'space'>> & {
    search?: Partial<DashaSettings['search']>;
    asha?: Partial<DashaSettings['asha']>;
    retrain?: Partial<DashaSettings['retrain']>;
  };
  shouldStop?: () => boolean;
  onProgress?: (p: DashaProgress) => void;
}

export type DashaStage = 'prepare' | 'probe' | 'search' | 'asha' | 'retrain' | 'test' | 'done';

export interface DashaProgress {
  stage: DashaStage;
  detail: string;
  trial?: number;
  trials?: number;
  epoch?: number;
  epochs?: number;
  bestScore?: number | null;
  secondsLeft?: number | null;
}

export interface DashaResult {
  runId: string;
  task: string;
  mode: DashaMode;
  status: 'complete' | 'interrupted';
  usage: TaskUsage;
  metric: MetricName;
  testScore: number | null;
  valScore: number | null;
  /** Which model was tested: the retrained winner, or (if stopped earlier) the best ASHA trial so far. */
  testedModel: 'retrain' | 'asha-best' | null;
  architecture: { searchBackbone: string; backbone: string; choices: ConvChoice[] };
  hyperparameters: HyperParams | null;
  paramCount: number | null;
  flopsPerSample: number | null;
  macsPerSample: number | null;
  wallSeconds: number;
  stageSeconds: Record<string, number>;
  seeds: { run: number; search: number; sampler: number; trial: number | null; validationSplit: number };
  settings: DashaSettings;
  plan: Plan | null;
  asha: { trials: number; completed: number; stopped: number; failed: number; winner: number | null };
  split: { train: number; val: number; test: number; validation: string };
  device: string;
  artifacts: Record<string, string>;
}

/** The fields comparisons and reports read from a stored run, checked against src/compare/run-result.ts. */
function comparable(r: DashaResult, task: DashaTask): Record<string, unknown> {
  const formatTest = r.usage === 'format-test';
  return {
    ...runResult({
      model: 'DASHA',
      // no `test` for a format test: comparisons and reports then skip the run (its score stays in testScore)
      test: r.testScore === null || formatTest ? undefined : { [r.metric]: r.testScore },
      comparable: !formatTest,
      params: r.paramCount,
      trainSeconds: r.wallSeconds,
      split: task.split ?? 'standard test',
      architecture: r.architecture.choices.map((c, i) => ({ layer: `conv${i + 1}`, kernel: c.k, dilation: c.d })),
    }),
    validation: r.split.validation,
    backbones: { search: r.architecture.searchBackbone, retrain: r.architecture.backbone },
  };
}

/** Copies an interrupted run's ASHA ledger (trials, rung decisions, reported values) to its continuation. */
function copyLedger(storage: Storage, from: string, to: string): void {
  for (const t of storage.listTrials(from)) storage.upsertTrial({ ...t, runId: to });
  for (const r of storage.listRungs(from)) storage.recordRung({ ...r, runId: to });
  storage.logMetrics(storage.listMetrics(from, { stage: 'asha' }).map((m) => ({ ...m, runId: to })));
}

function shapeOf(data: TaskData, numClasses: number): NetworkShape {
  const s = data.train.shape;
  return { inChannels: s[1], spatial: s.slice(2), numClasses };
}

function mergeSettings(base: DashaSettings, o: DashaOptions['overrides']): DashaSettings {
  if (!o) return base;
  return {
    ...base,
    ...(o.searchBackbone ? { searchBackbone: o.searchBackbone } : {}),
    ...(o.retrainBackbone ? { retrainBackbone: o.retrainBackbone } : {}),
    ...(o.batchSize ? { batchSize: o.batchSize } : {}),
    ...(o.space ? { space: o.space } : {}),
    search: { ...base.search, ...o.search },
    asha: { ...base.asha, ...o.asha },
    retrain: { ...base.retrain, ...o.retrain },
  };
}

export async function runDasha(o: DashaOptions): Promise<DashaResult> {
  const t0 = performance.now();
  const elapsed = (): number => (performance.now() - t0) / 1000;
  const budget = o.budgetSeconds ?? null;
  if (o.mode === 'budget' && budget === null) throw new Error("dasha: --mode budget needs a --budget (e.g. '30m')");
  assertDeviceAvailable(o.device);
  const left = (): number | null => (budget === null ? null : budget - elapsed());
  const stageSeconds: Record<string, number> = {};
  const progress = (p: DashaProgress): void => o.onProgress?.({ ...p, secondsLeft: left() });
  const { task } = o;
  const kind = targetKind(task.modality);
  const loss = lossFor(task.modality);
  const shape = shapeOf(task.data, task.data.numClasses);

  // ---- data: validation from the official dev split, else a seeded stratified 10 % of train ----
  progress({ stage: 'prepare', detail: 'splitting data' });
  const valSeed = hashSeed(o.seed, 0x7a1);
  let train: Dataset;
  let val: Dataset;
  let validation: string;
  if (task.data.val) {
    train = task.data.train;
    val = task.data.val;
    validation = 'official dev split';
  } else {
    ({ train, val } = carveValidation(task.data.train, 0.1, valSeed));
    validation = `seeded stratified 10% of train (seed ${valSeed})`;
  }
  const test = task.data.test;

  // ---- resuming: reuse the interrupted run's settings, search result and ASHA ledger ----
  const prior = o.resumeRunId ? o.storage.getRun(o.resumeRunId) : undefined;
  if (o.resumeRunId && !prior) throw new Error(`dasha: no run '${o.resumeRunId}' in the database to resume`);
  if (prior && (prior.workflow !== 'dasha' || prior.task !== task.id)) throw new Error(`dasha: run '${prior.id}' is a ${prior.workflow} run of ${prior.task}, not DASHA on ${task.id}`);

  // ---- settings: the paper's, or planned from a probe of this machine ----
  let settings = mergeSettings(paperSettings(task.modality, task.id), o.overrides);
  let plan: Plan | null = null;
  if (prior) {
    ({ settings, plan } = prior.config as { settings: DashaSettings; plan: Plan | null });
  } else if (o.mode === 'budget') {
    settings = { ...settings, faithful: false, reporting: 'last' };
    const bw = budgetWidths(task.modality);
    const searchBackbone = o.overrides?.searchBackbone ?? bw.searchBackbone;
    progress({ stage: 'probe', detail: 'measuring step times' });
    const probeWidth = bw.widths[Math.min(2, bw.widths.length - 1)];
    const probe = probeStepTimes({ searchBackbone, probeBackbone: bw.withWidth(probeWidth), shape, space: settings.space, train, kind, loss, batchSize: settings.batchSize, device: o.device });
    stageSeconds.probe = elapsed();
    plan = planBudget({ budgetSeconds: budget!, nTrain: train.shape[0], nVal: val.shape[0], batchSize: settings.batchSize, widths: bw.widths, macsPerSample: (w) => macsPerSample(bw.withWidth(w), shape), probe, spentSeconds: elapsed() });
    settings = mergeSettings(
      {
        ...settings,
        searchBackbone,
        retrainBackbone: bw.withWidth(plan.width),
        search: { epochs: plan.search.epochs, batchesPerEpoch: plan.search.batchesPerEpoch, scheduleEpochs: plan.search.epochs },
        asha: { ...settings.asha, numTrials: plan.asha.numTrials, maxT: plan.asha.maxT, subsample: plan.asha.subsample },
        retrain: { epochs: plan.retrain.epochs, scheduleEpochs: plan.retrain.epochs },
      },
      o.overrides,
    );
  }

  // ---- the run record: a new run, or (resume) the interrupted one, continued under a new id when it was
  // already closed (finished runs are immutable) with its ledger copied over ----
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const runId = prior?.status === 'running' ? prior.id : prior ? `${prior.id}-resumed-${stamp}` : `dasha-${task.id.replace(/[^\w.-]+/g, '_')}-${stamp}-${o.seed}`;
  const artifactDir = prior?.artifactDir ?? path.resolve(o.outDir, runId);
  mkdirSync(artifactDir, { recursive: true });
  if (prior?.status !== 'running') {
    o.storage.createRun({ id: runId, workflow: 'dasha', task: task.id, mode: o.mode, config: { settings, plan, seed: o.seed, device: o.device, ...(prior ? { resumedFrom: prior.id } : {}) }, machine: describeMachine(o.device), seed: o.seed, budgetSeconds: budget, startedAt: new Date().toISOString(), artifactDir });
    if (prior) copyLedger(o.storage, prior.id, runId);
  }
  const partial: Record<string, unknown> = { ...(prior?.result ?? {}) };
  const saveProgress = (patch: Record<string, unknown>): void => {
    Object.assign(partial, patch);
    o.storage.updateRunResult(runId, partial);
  };
  const logMetric = (stage: string, step: number, name: string, value: number, trialId: number | null = null): void =>
    o.storage.logMetrics([{ runId, trialId, stage, step, name, value, at: new Date().toISOString() }]);

  const stopped = (deadline: number | null): boolean => (o.shouldStop?.() ?? false) || (deadline !== null && elapsed() >= deadline) || (budget !== null && elapsed() >= budget - (plan?.reserveSeconds ?? 0));
  const stageDeadline = (share: number | undefined): number | null => (budget === null || share === undefined ? null : elapsed() + share);
  const interruptedBySignal = (): boolean => o.shouldStop?.() ?? false;

  // ---- 1. DASH search ----
  const searchSeed = hashSeed(o.seed, 0x5ea);
  let choices = (partial.search as { choices?: ConvChoice[] } | undefined)?.choices;
  const tSearch = elapsed();
  if (!choices) {
    const deadline = stageDeadline(plan?.search.seconds);
    const fullBatches = Math.max(1, Math.floor(train.shape[0] / settings.batchSize));
    const bpe = settings.search.batchesPerEpoch === 'quick' ? Math.floor(0.2 * fullBatches) + 1 : settings.search.batchesPerEpoch;
    const res = runDashSearch({
      backbone: settings.searchBackbone, shape, space: settings.space, train, kind, loss, batchSize: settings.batchSize,
      epochs: settings.search.epochs, batchesPerEpoch: bpe, gradScale: settings.gradScale, seed: searchSeed, device: o.device,
      scheduleEpochs: settings.search.scheduleEpochs, shouldStop: () => stopped(deadline),
      onEpoch: (e) => {
        logMetric('search', e.epoch, 'train_loss', e.loss);
        progress({ stage: 'search', detail: `supernet epoch ${e.epoch + 1}/${settings.search.epochs}`, epoch: e.epoch + 1, epochs: settings.search.epochs });
      },
    });
    choices = res.choices;
    saveProgress({ search: { choices, alphas: res.alphas, epochs: res.epochsDone, stoppedEarly: res.stopped } });
  }
  stageSeconds.search = elapsed() - tSearch;

  const net: NetSetup = { backbone: settings.retrainBackbone, shape, choices, faithful: settings.faithful, device: o.device };
  const dims = shape.spatial.length;
  const dataSetup: DataSetup = {
    kind, loss, batchSize: settings.batchSize, dropLast: task.modality !== 'dna',
    augment: dims === 2 && shape.spatial[0] === shape.spatial[1] ? flipsAndRotations : undefined,
    score: (logits, ds) => scoreLogits(task.metric, logits, ds, task.data.numClasses),
  };
  const unet = settings.retrainBackbone.kind === 'unet';
  const hpoMultiplier = (epoch: number): number => (unet ? warmupLinearMultiplier(epoch, 5, 85) : stepMultiplier(epoch, dims === 1 ? HPO_MILESTONES_1D : HPO_MILESTONES_2D));
  const artifacts: Record<string, string> = { dir: artifactDir };
  const bestSoFar = path.join(artifactDir, 'best-so-far.safetensors');
  // a resumed run starts from the interrupted run's best-so-far model (same artefact folder), so stopping it
  // again before any trial beats that model still tests it
  let bestSoFarTrial = (partial.bestSoFar as { params: HyperParams } | undefined)?.params ?? null;

  // ---- 2. ASHA over the training hyperparameters ----
  const tAsha = elapsed();
  const samplerSeed = hashSeed(o.seed, 0xa5a);
  const ashaTrain = settings.asha.subsample ? stratifiedSubset(train, settings.asha.subsample, hashSeed(o.seed, 0x5b)) : train;
  const ashaDeadline = stageDeadline(plan?.asha.seconds);
  let asha: AshaSearchResult | null = null;
  if (!stopped(null)) {
    asha = await runAshaSearch({
      storage: o.storage, runId,
      scheduler: { gracePeriod: settings.asha.gracePeriod, maxT: settings.asha.maxT, reductionFactor: settings.asha.reductionFactor, mode: 'max' },
      sampler: new RandomSampler(samplerSeed), numSamples: settings.asha.numTrials, reporting: settings.reporting,
      shouldStop: () => stopped(ashaDeadline),
      startTrial: async (trialId, params) => {
        const s = new FitSession({ net, data: dataSetup, params, train: ashaTrain, val, lrMultiplier: hpoMultiplier, shouldStop: () => stopped(ashaDeadline) }, path.join(artifactDir, `trial-${trialId}-init.safetensors`));
        s.snapshotPath = bestSoFar;
        const save = s.saveSnapshot.bind(s);
        s.saveSnapshot = () => {
          save();
          bestSoFarTrial = params;
          saveProgress({ bestSoFar: { trialId, params } });
        };
        return s;
      },
      onEvent: (e) => {
        if (e.kind === 'epoch') progress({ stage: 'asha', detail: `trial ${e.trialId + 1}/${settings.asha.numTrials} epoch ${e.epoch}${e.decision ? ` (${e.decision})` : ''}`, trial: e.trialId + 1, trials: settings.asha.numTrials, epoch: e.epoch, epochs: settings.asha.maxT, bestScore: e.bestSoFar });
        if (e.kind === 'trial-failed') progress({ stage: 'asha', detail: `trial ${e.trialId + 1} failed: ${e.error}` });
      },
    });
  }
  stageSeconds.asha = elapsed() - tAsha;
  const winner = asha?.best ?? null;

  // ---- 3. retrain the winner from its saved initial weights, selecting on validation ----
  const tRetrain = elapsed();
  const bestRetrain = path.join(artifactDir, 'retrain-best.safetensors');
  let retrainBestVal = -Infinity;
  let retrainEpochs = 0;
  const retrainDeadline = stageDeadline(plan ? Math.max(0, budget! - elapsed() - plan.reserveSeconds) : undefined);
  if (winner && winner.initWeightsPath && !stopped(retrainDeadline)) {
    const E = settings.retrain.epochs;
    const milestones = rescaleMilestones(dims === 1 ? RETRAIN_MILESTONES_1D : RETRAIN_MILESTONES_2D, settings.retrain.scheduleEpochs, E);
    const mult = (epoch: number): number => (unet ? warmupLinearMultiplier(epoch, 5, Math.round((105 * E) / 100)) : stepMultiplier(epoch, milestones));
    const session = new FitSession({ net, data: dataSetup, params: winner.params, train, val, lrMultiplier: mult, shouldStop: () => stopped(retrainDeadline) }, null, winner.initWeightsPath);
    session.snapshotPath = bestRetrain;
    try {
      for (let epoch = 1; epoch <= E && !stopped(retrainDeadline); epoch++) {
        const v = await session.trainEpoch(epoch);
        if (session.stopped) break; // a partial epoch is not a checkpoint candidate
        retrainEpochs = epoch;
        logMetric('retrain', epoch, 'train_loss', session.lastLoss);
        logMetric('retrain', epoch, 'val_score', v);
        if (v > retrainBestVal) {
          retrainBestVal = v;
          session.saveSnapshot();
        }
        progress({ stage: 'retrain', detail: `epoch ${epoch}/${E}`, epoch, epochs: E, bestScore: retrainBestVal });
      }
    } finally {
      session.close();
    }
  }
  stageSeconds.retrain = elapsed() - tRetrain;

  // ---- 4. test once: the retrained checkpoint, else the best ASHA model so far ----
  const tTest = elapsed();
  progress({ stage: 'test', detail: 'scoring the test split once' });
  const tested: { source: 'retrain' | 'asha-best'; file: string; params: HyperParams } | null =
    retrainEpochs > 0 && winner
      ? { source: 'retrain', file: bestRetrain, params: winner.params }
      : bestSoFarTrial
        ? { source: 'asha-best', file: bestSoFar, params: bestSoFarTrial }
        : null;
  let testScore: number | null = null;
  let valScore: number | null = null;
  let paramCount: number | null = null;
  if (tested) {
    const model = buildPlainNet(net, tested.params.dropRate, tested.params.randomSeed);
    try {
      loadWeights(model, tested.file);
      paramCount = model.numParameters();
      const evalOn = (ds: Dataset): number => dataSetup.score(predict(model, ds, kind, Math.max(settings.batchSize, 64), o.device), ds);
      valScore = evalOn(val);
      testScore = evalOn(test);
    } finally {
      model.dispose();
    }
    artifacts.model = tested.file;
    logMetric('test', 0, task.metric, testScore);
  }
  stageSeconds.test = elapsed() - tTest;

  const macs = macsPerSample(settings.retrainBackbone, shape, choices);
  // Testing the best ASHA model because the budget left no time to retrain is a complete budgeted run
  // (testedModel says which); only a stop by signal, or nothing to test, leaves the run interrupted.
  const status = interruptedBySignal() || !tested ? 'interrupted' : 'complete';
  const result: DashaResult = {
    runId, task: task.id, mode: o.mode, status, usage: task.usage ?? 'benchmark', metric: task.metric, testScore, valScore, testedModel: tested?.source ?? null,
    architecture: { searchBackbone: describeBackbone(settings.searchBackbone), backbone: describeBackbone(settings.retrainBackbone), choices },
    hyperparameters: tested?.params ?? null, paramCount, macsPerSample: macs, flopsPerSample: 2 * macs,
    wallSeconds: elapsed(), stageSeconds,
    seeds: { run: o.seed, search: searchSeed, sampler: samplerSeed, trial: tested?.params.randomSeed ?? null, validationSplit: valSeed },
    settings, plan,
    asha: {
      trials: asha?.trials.length ?? 0,
      completed: asha?.trials.filter((t) => t.status === 'complete').length ?? 0,
      stopped: asha?.trials.filter((t) => t.status === 'stopped').length ?? 0,
      failed: asha?.trials.filter((t) => t.status === 'failed').length ?? 0,
      winner: winner?.trialId ?? null,
    },
    split: { train: train.shape[0], val: val.shape[0], test: test.shape[0], validation },
    device: o.device,
    artifacts,
  };
  o.storage.finishRun(runId, status, { ...partial, ...result, ...comparable(result, task) });
  progress({ stage: 'done', detail: status, bestScore: testScore });
  return result;
}

export type { BackboneSpec };
