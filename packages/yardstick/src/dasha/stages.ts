// DASHA's stages, one function each: split, plan (budget mode), default, search, tune (ASHA), retrain, test.
// Each takes what it needs and returns plain data; storage goes through the run record only. A stage that
// trains a model returns it as a Candidate (validation score + weights on disk): budget mode keeps the best
// validated candidate (the default unless a searched or tuned model beats it), paper mode tests the retrain.
import * as torch from '@yardstick/torch';
import type { Dataset } from '../data/types.js';
import { buildBackbone, macsPerSample, type BackboneSpec, type NetworkShape } from './backbones/index.js';
import { plainConvFactory } from './backbones/conv.js';
import { runDashSearch } from './dash/search.js';
import type { ConvChoice, SearchSpace } from './dash/space.js';
import { maxReceptiveField } from './dash/space.js';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  DASHA_SPACE,
  RandomSampler,
  parseHyperParams,
  type EnqueuedParams,
  type HyperParams,
} from './asha/sampler.js';
import {
  releaseOrphans,
  runAshaWorker,
  summarizeAsha,
  type WorkerOutcome,
  type AshaEvent,
  type AshaSearchResult,
  type StartTrial,
} from './asha/search.js';
import type { AshaConfig } from './asha/scheduler.js';
import { runWorkerPool, sibling } from './asha/workers.js';
import { readDataset, writeDataset } from './train/dataset-file.js';
import { lossFor, targetKind, type Modality } from './train/loss.js';
import { recipeLoss, type Recipe } from './train/recipe.js';
import { argmaxClasses, scoreLogits, type MetricName } from './train/score.js';
import {
  HPO_MILESTONES_1D,
  HPO_MILESTONES_2D,
  stepMultiplier,
  warmupLinearMultiplier,
} from './train/schedule.js';
import type { AsyncStorage } from '../storage/contract.js';
import { SharedDirectoryStore } from '../storage/artifacts.js';
import { FitSession, buildPlainNet, type DataSetup, type NetSetup } from './train/fit.js';
import { predict } from './train/epoch.js';
import { loadWeights } from './train/checkpoint.js';
import { carveValidation, stratifiedSubset } from './train/subset.js';
import { epochsByDeadline, warmupCosine } from './train/recipe.js';
import { flipsAndRotations, type TargetKind } from './train/batches.js';
import { batchCount } from './train/batch-index.js';
import { greedyEnsemble, meanOf, probabilities } from './ensemble.js';
import { hashSeed } from '../common/random.js';
import type { DashaRecord } from './record.js';
import type { DashaSettings } from './settings.js';
import type { DashaProgress } from './run.js';

export interface Splits {
  train: Dataset;
  val: Dataset;
  test: Dataset;
  validation: string;
  valSeed: number;
}

/** Validation from the official dev split, else a seeded stratified 10 % of train. */
export function splitData(data: { train: Dataset; val?: Dataset; test: Dataset }, seed: number): Splits {
  const valSeed = hashSeed(seed, 0x7a1);
  if (data.val)
    return { train: data.train, val: data.val, test: data.test, validation: 'official dev split', valSeed };
  const { train, val } = carveValidation(data.train, 0.1, valSeed);
  return {
    train,
    val,
    test: data.test,
    validation: `seeded stratified 10% of train (seed ${valSeed})`,
    valSeed,
  };
}

/** The (k, d) list of a backbone's standard kernels, no dilation (the default stage's architecture). */
export function defaultChoices(backbone: BackboneSpec, shape: NetworkShape): ConvChoice[] {
  const out: ConvChoice[] = [];
  const plain = plainConvFactory();
  const m = buildBackbone(backbone, shape, { dropRate: 0, faithful: false }, (slot) => {
    out[slot.index] = { k: slot.defaultKernel, d: 1 };
    return plain(slot);
  });
  m.dispose();
  return out;
}

/** MACs per sample of the DASH supernet, counting every mixture as a dense conv with the largest kernel S. */
export function supernetMacsBound(backbone: BackboneSpec, shape: NetworkShape, space: SearchSpace): number {
  const S = maxReceptiveField(space);
  return macsPerSample(
    backbone,
    shape,
    defaultChoices(backbone, shape).map(() => ({ k: S, d: 1 })),
  );
}

/** A trained model a stage hands on: where its weights are and how it scored on validation. */
export interface Candidate {
  source: 'default' | 'searched' | 'tuned' | 'asha-best';
  valScore: number;
  file: string;
  choices: ConvChoice[];
  params: HyperParams;
  epochs: number;
}

/** Candidates with a finite validation score, best first; ties keep their order (the default comes first). */
export function rankCandidates(cs: readonly (Candidate | null)[]): Candidate[] {
  return cs
    .filter((c): c is Candidate => c !== null && Number.isFinite(c.valScore))
    .sort((a, b) => b.valScore - a.valScore);
}

/** The best validated candidate; ties keep the earlier one (the default comes first). */
export function bestCandidate(cs: readonly (Candidate | null)[]): Candidate | null {
  return rankCandidates(cs)[0] ?? null;
}

/** Same kernels and dilations (a resumed run's choices are read back from JSON, so not the same array). */
export function sameChoices(a: readonly ConvChoice[], b: readonly ConvChoice[]): boolean {
  return a.length === b.length && a.every((c, i) => c.k === b[i].k && c.d === b[i].d);
}

export interface StageEnv {
  record: DashaRecord;
  shape: NetworkShape;
  device: torch.Device;
  /** True once the run must stop (signal, budget); `deadline` is in run seconds. */
  stopped: (deadline: number | null) => boolean;
  elapsed: () => number;
  progress: (p: DashaProgress) => void;
}

export interface TrainStageOptions {
  env: StageEnv;
  net: NetSetup;
  data: DataSetup;
  params: HyperParams;
  train: Dataset;
  val: Dataset;
  /** Epochs planned; re-planned after every epoch from the measured epoch time so the stage ends by `deadline`. */
  epochs: number;
  maxEpochs?: number;
  warmupEpochs: number;
  deadline: number | null;
  stage: string;
  file: string;
  /** Start from these initial weights (the ASHA winner's) instead of the seed's. */
  initFrom?: string;
  /** Paper mode: the reference's per-epoch multiplier instead of warm-up + cosine (no re-planning). */
  lrMultiplier?: (epoch: number) => number;
}

/**
 * Trains one network with warm-up + cosine per step, validating each epoch and keeping the best validated
 * checkpoint. The cosine's length follows the measured epoch time, so the schedule anneals by the deadline.
 */
export async function trainWithRecipe(
  o: TrainStageOptions,
): Promise<{ bestVal: number; epochs: number; plannedEpochs: number }> {
  const { env } = o;
  const t0 = env.elapsed();
  // re-planned to the deadline after every whole epoch, the last one possibly shorter (epochsByDeadline)
  let planned = Math.max(1, o.epochs);
  const maxEpochs = o.maxEpochs ?? Math.max(planned, 200);
  const fullBatches = batchCount(o.train.shape[0], o.data.batchSize, o.data.dropLast);
  const lrAtStep = o.lrMultiplier
    ? undefined
    : (epoch: number, b: number, nb: number): number =>
        warmupCosine((epoch - 1) * nb + b, o.warmupEpochs * nb, Math.round(planned * nb));
  const session = new FitSession(
    {
      net: o.net,
      data: o.data,
      params: o.params,
      train: o.train,
      val: o.val,
      lrMultiplier: o.lrMultiplier ?? (() => 1),
      lrAtStep,
      shouldStop: () => env.stopped(o.deadline),
    },
    null,
    o.initFrom,
  );
  session.snapshotPath = o.file;
  let bestVal = -Infinity;
  let done = 0;
  try {
    for (let epoch = 1; epoch <= Math.ceil(planned) && !env.stopped(o.deadline); epoch++) {
      const part = Math.min(1, planned - (epoch - 1));
      const batches = part < 1 ? Math.max(1, Math.round(part * fullBatches)) : Infinity;
      const v = await session.trainEpoch(epoch, batches);
      if (session.stopped) break; // an epoch cut short by a stop is not a checkpoint candidate
      done = epoch - 1 + Math.min(1, batches / fullBatches);
      env.record.logMetric(o.stage, epoch, 'train_loss', session.lastLoss);
      env.record.logMetric(o.stage, epoch, 'val_score', v);
      if (v > bestVal) {
        bestVal = v;
        session.saveSnapshot();
      }
      if (o.deadline !== null && !o.lrMultiplier && part === 1) {
        const perEpoch = (env.elapsed() - t0) / done;
        planned = epochsByDeadline(done, perEpoch, o.deadline - env.elapsed(), maxEpochs);
      }
      env.progress({
        stage: o.stage as DashaProgress['stage'],
        detail: `epoch ${epoch}/${Math.ceil(planned)}`,
        epoch,
        epochs: Math.ceil(planned),
        bestScore: bestVal,
      });
    }
  } finally {
    session.close();
  }
  return { bestVal, epochs: Number(done.toFixed(3)), plannedEpochs: Number(planned.toFixed(3)) };
}

export interface SearchStageOptions {
  env: StageEnv;
  settings: DashaSettings;
  train: Dataset;
  kind: TargetKind;
  loss: DataSetup['loss'];
  seed: number;
  deadline: number | null;
}

export async function searchStage(
  o: SearchStageOptions,
): Promise<{ choices: ConvChoice[]; alphas: number[][]; epochs: number; stoppedEarly: boolean }> {
  const { settings: s, env } = o;
  const fullBatches = Math.max(1, Math.floor(o.train.shape[0] / s.batchSize));
  const bpe =
    s.search.batchesPerEpoch === 'quick' ? Math.floor(0.2 * fullBatches) + 1 : s.search.batchesPerEpoch;
  const res = await runDashSearch({
    backbone: s.searchBackbone,
    shape: env.shape,
    space: s.space,
    train: o.train,
    kind: o.kind,
    loss: o.loss,
    batchSize: s.batchSize,
    epochs: s.search.epochs,
    batchesPerEpoch: bpe,
    gradScale: s.gradScale,
    seed: o.seed,
    device: env.device,
    scheduleEpochs: s.search.scheduleEpochs,
    shouldStop: () => env.stopped(o.deadline),
    onEpoch: (e) => {
      env.record.logMetric('search', e.epoch, 'train_loss', e.loss);
      env.progress({
        stage: 'search',
        detail: `supernet epoch ${e.epoch + 1}/${s.search.epochs}`,
        epoch: e.epoch + 1,
        epochs: s.search.epochs,
      });
    },
  });
  return { choices: res.choices, alphas: res.alphas, epochs: res.epochsDone, stoppedEarly: res.stopped };
}

/** Everything a trial needs, as plain data: what a worker process reads from its job file. */
export interface TuneJob {
  runId: string;
  /**
   * What opens the run database from another process (storage.spec; null: in-memory, trials run in this
   * process). Never written into the published job: a worker is given its database by --db or its parent.
   */
  db: string | null;
  /** The run's artefact folder on this machine (a worker sets it to where it finds the published job). */
  artifactDir: string;
  net: NetSetup;
  data: {
    modality: Modality;
    metric: MetricName;
    numClasses: number;
    batchSize: number;
    dropLast: boolean;
    augment: boolean;
    recipeLoss: Recipe | null;
  };
  /** 'paper': the reference's per-epoch step (or UNet warm-up) schedule; 'cosine': warm-up + cosine over maxT. */
  schedule: { kind: 'paper' } | { kind: 'cosine'; warmupEpochs: number };
  settings: Pick<DashaSettings, 'asha' | 'reporting'>;
  samplerSeed: number;
  /** Budget mode: the recipe's settings as trial 0 (RandomSampler.first); absent in jobs published before it. */
  firstTrial?: EnqueuedParams | null;
  subsampleSeed: number;
  /** Wall-clock deadline (Date.now() milliseconds) for the whole tuning stage. */
  deadlineAt: number | null;
  /** Budget mode: the plan's end of the stage, until which trials are sampled past numTrials (AshaSearchOptions.fillUntil). */
  fillUntilAt?: number | null;
}

export function dataSetupFor(d: TuneJob['data']): DataSetup {
  return {
    kind: targetKind(d.modality),
    loss: d.recipeLoss ? recipeLoss(d.modality, d.recipeLoss) : lossFor(d.modality),
    batchSize: d.batchSize,
    dropLast: d.dropLast,
    augment: d.augment ? flipsAndRotations : undefined,
    score: (logits, ds) => scoreLogits(d.metric, logits, ds, d.numClasses),
  };
}

const samplerFor = (job: TuneJob): RandomSampler =>
  new RandomSampler(job.samplerSeed, DASHA_SPACE, job.firstTrial ?? null);

export function ashaConfig(job: TuneJob): AshaConfig {
  const a = job.settings.asha;
  return { gracePeriod: a.gracePeriod, maxT: a.maxT, reductionFactor: a.reductionFactor, mode: 'max' };
}

export const trialBestFile = (dir: string, trialId: number): string =>
  path.join(dir, `trial-${trialId}-best.safetensors`);

/** Builds a trial session: fresh net from the trial's seed (initial weights saved), its own best-so-far file. */
export function trialStarter(
  job: TuneJob,
  train: Dataset,
  val: Dataset,
  shouldStop: () => boolean,
): StartTrial {
  const data = dataSetupFor(job.data);
  const dims = job.net.shape.spatial.length;
  const unet = job.net.backbone.kind === 'unet';
  const maxT = job.settings.asha.maxT;
  const sched = job.schedule;
  const lrMultiplier = (epoch: number): number =>
    unet
      ? warmupLinearMultiplier(epoch, 5, 85)
      : stepMultiplier(epoch, dims === 1 ? HPO_MILESTONES_1D : HPO_MILESTONES_2D);
  const lrAtStep =
    sched.kind === 'cosine'
      ? (epoch: number, b: number, nb: number): number =>
          warmupCosine((epoch - 1) * nb + b, sched.warmupEpochs * nb, maxT * nb)
      : undefined;
  const store = new SharedDirectoryStore(path.dirname(job.artifactDir));
  const run = { id: job.runId, artifactDir: job.artifactDir };
  return async (trialId, params, start) => {
    const opts = { net: job.net, data, params, train, val, lrMultiplier, lrAtStep, shouldStop };
    // a rerun (its worker died, or the search was stopped) starts from the weights its first attempt saved
    const saved = start?.initWeightsPath ? store.resolve(start.initWeightsPath, run) : null;
    const session =
      saved && existsSync(saved)
        ? new FitSession(opts, saved, saved)
        : new FitSession(opts, path.join(job.artifactDir, `trial-${trialId}-init.safetensors`));
    session.snapshotPath = trialBestFile(job.artifactDir, trialId);
    return session;
  };
}

/** The trial holding the search's best validation score whose weights are on disk (the anytime model). */
export async function bestTrialSnapshot(
  storage: AsyncStorage,
  job: Pick<TuneJob, 'runId' | 'artifactDir'>,
): Promise<{ trialId: number; valScore: number; file: string; params: HyperParams } | null> {
  const trials = (await storage.listTrials(job.runId))
    .filter(
      (t) =>
        t.bestValue !== null &&
        Number.isFinite(t.bestValue) &&
        existsSync(trialBestFile(job.artifactDir, t.trialId)),
    )
    .sort((a, b) => b.bestValue! - a.bestValue! || a.trialId - b.trialId);
  const t = trials[0];
  return t
    ? {
        trialId: t.trialId,
        valScore: t.bestValue!,
        file: trialBestFile(job.artifactDir, t.trialId),
        params: parseHyperParams(t.params, `trial ${t.trialId}`),
      }
    : null;
}

/** Removes best-so-far files of trials that no longer hold the best score (at most a few exist at a time). */
function pruneSnapshots(dir: string, keep: number | null): void {
  for (const f of readdirSync(dir)) {
    const m = /^trial-(\d+)-best\.safetensors$/.exec(f);
    if (m && Number(m[1]) !== keep) rmSync(path.join(dir, f), { force: true });
  }
}

export interface TuneStageOptions {
  env: StageEnv;
  job: TuneJob;
  train: Dataset;
  val: Dataset;
  deadline: number | null;
  /** Worker processes (1: in this process). More than one needs a database file. */
  workers: number;
}

/** ASHA over the training hyperparameters (spec 2.2), each trial's initial weights saved for the retrain. */
export async function tuneStage(o: TuneStageOptions): Promise<AshaSearchResult> {
  const { env, job } = o;
  const a = job.settings.asha;
  const ashaTrain = a.subsample ? stratifiedSubset(o.train, a.subsample, job.subsampleSeed) : o.train;
  const shouldStop = (): boolean => env.stopped(o.deadline);
  const onEvent = (e: AshaEvent): void => {
    if (e.kind === 'epoch')
      env.progress({
        stage: 'asha',
        detail: `trial ${e.trialId + 1}/${a.numTrials}${e.trialId < a.numTrials ? '' : ' planned, filling the stage'} epoch ${e.epoch}${e.decision ? ` (${e.decision})` : ''}`,
        trial: e.trialId + 1,
        trials: Math.max(a.numTrials, e.trialId + 1),
        epoch: e.epoch,
        epochs: a.maxT,
        bestScore: e.bestSoFar,
      });
    if (e.kind === 'trial-failed')
      env.progress({ stage: 'asha', detail: `trial ${e.trialId + 1} failed: ${e.error}` });
  };
  const storage = env.record.storage;
  // a shareable database: publish the job, so `yardstick worker` on other machines can join this search
  if (job.db !== null) await env.record.saveProgress({ ashaJob: publishJob(job, ashaTrain, o.val) });
  await releaseOrphans(storage, job.runId);
  let outcome: WorkerOutcome;
  if (o.workers > 1 && job.db !== null) {
    const codes = await runWorkerPool({
      entry: sibling(import.meta.url, 'asha/worker-main'),
      args: [job.artifactDir],
      env: { YARDSTICK_DB: job.db },
      workers: Math.min(o.workers, a.numTrials),
      shouldStop,
      onLine: (line) => {
        if (line.startsWith('{')) onEvent(JSON.parse(line) as AshaEvent);
      },
    });
    const failed = codes.filter((c) => c !== 0);
    outcome = {
      interrupted: shouldStop(),
      failures: failed.length
        ? [`${failed.length} of ${codes.length} ASHA workers exited with codes ${failed.join(', ')}`]
        : [],
    };
  } else {
    outcome = await runAshaWorker({
      storage,
      runId: job.runId,
      scheduler: ashaConfig(job),
      sampler: samplerFor(job),
      numSamples: a.numTrials,
      reporting: job.settings.reporting,
      startTrial: trialStarter(job, ashaTrain, o.val, shouldStop),
      shouldStop,
      onEvent,
      fillUntil: job.fillUntilAt,
    });
  }
  const result = await summarizeAsha(storage, job.runId, 'max', outcome);
  pruneSnapshots(job.artifactDir, (await bestTrialSnapshot(storage, job))?.trialId ?? null);
  return result;
}

/** The published ASHA job in a run's artefact folder: what every worker of the search reads. */
export const ASHA_JOB_FILE = 'asha-job.json';

/** Writes the job and its exact data splits into the run's folder; returns the job's name there. */
function publishJob(job: TuneJob, train: Dataset, val: Dataset): string {
  writeDataset(path.join(job.artifactDir, 'asha-data-train'), train);
  writeDataset(path.join(job.artifactDir, 'asha-data-val'), val);
  const published = { job: { ...job, db: null }, train: 'asha-data-train', val: 'asha-data-val' };
  writeFileSync(path.join(job.artifactDir, ASHA_JOB_FILE), JSON.stringify(published));
  return ASHA_JOB_FILE;
}

/** Reads a published job from a run's folder on this machine (which may be mounted elsewhere than the writer's). */
export function readPublishedJob(runDir: string): { job: TuneJob; train: Dataset; val: Dataset } {
  const file = path.join(runDir, ASHA_JOB_FILE);
  if (!existsSync(file))
    throw new Error(
      `no ASHA job at ${file} (is the run's artefact folder shared here? pass --artifacts <dir>)`,
    );
  const p = JSON.parse(readFileSync(file, 'utf8')) as { job: TuneJob; train: string; val: string };
  return {
    job: { ...p.job, artifactDir: runDir },
    train: readDataset(path.join(runDir, p.train)),
    val: readDataset(path.join(runDir, p.val)),
  };
}

/** One worker of a published search, in this process (worker-main.ts and `yardstick worker`). */
export function runJobWorker(o: {
  storage: AsyncStorage;
  runDir: string;
  shouldStop: () => boolean;
  onEvent?: (e: AshaEvent) => void;
  staleAfterMs?: number;
}): Promise<WorkerOutcome> {
  const { job, train, val } = readPublishedJob(o.runDir);
  const shouldStop = (): boolean =>
    o.shouldStop() || (job.deadlineAt !== null && Date.now() >= job.deadlineAt);
  return runAshaWorker({
    storage: o.storage,
    runId: job.runId,
    scheduler: ashaConfig(job),
    sampler: samplerFor(job),
    numSamples: job.settings.asha.numTrials,
    reporting: job.settings.reporting,
    startTrial: trialStarter(job, train, val, shouldStop),
    shouldStop,
    onEvent: o.onEvent,
    staleAfterMs: o.staleAfterMs,
    fillUntil: job.fillUntilAt,
  });
}

export interface TestOutcome {
  valScore: number;
  testScore: number;
  /** Trainable parameters of the tested model (summed over an ensemble's members). */
  paramCount: number;
  /** Per-example argmax predictions for paired tests (single-label tasks only). */
  predictions: { labels: number[]; predictions: number[] } | null;
}

interface ScoringSetup {
  netFor: (c: Candidate) => NetSetup;
  data: DataSetup;
  kind: TargetKind;
  batchSize: number;
  numClasses: number;
}

/** Runs `fn` on candidate `c`'s network with its trained weights, then frees it. */
function withModel<T>(o: ScoringSetup, c: Candidate, fn: (m: torch.nn.Module) => T): T {
  const model = buildPlainNet(o.netFor(c), c.params.dropRate, c.params.randomSeed);
  try {
    loadWeights(model, c.file);
    return fn(model);
  } finally {
    model.dispose();
  }
}

function outputsOf(o: ScoringSetup, c: Candidate, m: torch.nn.Module, ds: Dataset): Float32Array {
  return predict(m, ds, o.kind, Math.max(o.batchSize, 64), o.netFor(c).device);
}

/** One model's outputs, or an ensemble's mean of its members' probabilities. */
function combine(o: ScoringSetup, outs: Float32Array[], ds: Dataset): Float32Array {
  return outs.length === 1
    ? outs[0]
    : meanOf(outs.map((x) => probabilities(x, o.kind, ds.shape[0], o.numClasses)));
}

/** Validation probabilities of a scored candidate (softmax or sigmoid of its outputs). */
function probabilitiesOf(o: ScoringSetup, c: Candidate, ds: Dataset): Float32Array {
  return withModel(o, c, (m) => probabilities(outputsOf(o, c, m, ds), o.kind, ds.shape[0], o.numClasses));
}

/**
 * Budget mode: the ensemble of `ranked` (best validated first) chosen on validation by greedy forward
 * selection (ensemble.ts); a single member when no other candidate helps.
 */
export function selectStage(o: ScoringSetup & { ranked: readonly Candidate[]; val: Dataset }): {
  members: Candidate[];
  valScore: number;
} {
  const probs = o.ranked.map((c) => probabilitiesOf(o, c, o.val));
  const sel = greedyEnsemble(probs, (p) => o.data.score(p, o.val));
  return { members: sel.members.map((i) => o.ranked[i]), valScore: sel.score };
}

/**
 * Scores the chosen model (or ensemble: the mean of its members' probabilities) once on test, and on
 * validation unless `valScore` is already known from the selection.
 */
export function testStage(
  o: ScoringSetup & { members: readonly Candidate[]; val: Dataset; test: Dataset; valScore?: number },
): TestOutcome {
  // each member's network is built and loaded once for its validation (when needed) and test passes
  const scored = o.members.map((c) =>
    withModel(o, c, (m) => ({
      val: o.valScore === undefined ? outputsOf(o, c, m, o.val) : null,
      test: outputsOf(o, c, m, o.test),
      params: m.numParameters(),
    })),
  );
  const valScore =
    o.valScore ??
    o.data.score(
      combine(
        o,
        scored.map((s) => s.val!),
        o.val,
      ),
      o.val,
    );
  const testOut = combine(
    o,
    scored.map((s) => s.test),
    o.test,
  );
  const testScore = o.data.score(testOut, o.test);
  const predictions: TestOutcome['predictions'] =
    o.kind === 'class'
      ? {
          labels: Array.from(o.test.y as ArrayLike<number>),
          predictions: Array.from(argmaxClasses(testOut, o.test.shape[0], o.numClasses)),
        }
      : null;
  const paramCount = scored.reduce((sum, s) => sum + s.params, 0);
  return { valScore, testScore, paramCount, predictions };
}
