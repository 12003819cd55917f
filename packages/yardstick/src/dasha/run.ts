// The DASHA workflow. Paper mode is the published protocol: search (DASH) -> tune (ASHA) -> retrain the
// winner -> test once. Budget mode is default first, then improve (anytime): a strong default network is
// trained first with a known-good recipe; search, tuning and the winner's retrain then spend what is left,
// each only where the plan affords a meaningful run, and a searched or tuned model replaces the default only
// if it scores better on validation. Whenever the run stops (deadline, SIGINT), the best validated model so
// far is tested. The stages live in stages.ts, the storage writes in record.ts; this file orders them.
import path from 'node:path';
import * as torch from '@yardstick/torch';
import type { TaskData } from '../data/types.js';
import type { TaskUsage } from '../tasks/types.js';
import type { AsyncStorage } from '../storage/contract.js';
import { asAsync } from '../storage/open.js';
import { SharedDirectoryStore } from '../storage/artifacts.js';
import type { AshaSearchResult } from './asha/search.js';
import { defaultWorkers } from './asha/workers.js';
import { describeBackbone, macsPerSample, type BackboneSpec, type NetworkShape } from './backbones/index.js';
import type { ConvChoice } from './dash/space.js';
import { withoutSeed, type HyperParams } from './asha/sampler.js';
import { planBudget, planImprovement, reserveFor, type CostModel, type Plan } from './budget/planner.js';
import {
  chooseThreads,
  measureNet,
  measureSearchBatch,
  type NetCost,
  type ThreadChoice,
} from './budget/probe.js';
import { flipsAndRotations } from './train/batches.js';
import type { NetSetup } from './train/fit.js';
import { targetKind, type Modality } from './train/loss.js';
import { defaultRecipe, recipeLoss, type Recipe } from './train/recipe.js';
import {
  RETRAIN_MILESTONES_1D,
  RETRAIN_MILESTONES_2D,
  rescaleMilestones,
  stepMultiplier,
  warmupLinearMultiplier,
} from './train/schedule.js';
import type { MetricName } from './train/score.js';
import { budgetWidths, paperSettings, type DashaMode, type DashaSettings } from './settings.js';
import { writeFileAtomic } from '../common/atomic-write.js';
import { hashSeed } from '../common/random.js';
import { assertDeviceAvailable } from './device.js';
import { DashaRecord } from './record.js';
import { readStoredConfig } from './stored-config.js';
import { dashaMarkdown } from './report.js';
import {
  bestTrialSnapshot,
  dataSetupFor,
  type TuneJob,
  defaultChoices,
  searchStage,
  splitData,
  supernetMacsBound,
  rankCandidates,
  sameChoices,
  selectStage,
  testStage,
  trainWithRecipe,
  tuneStage,
  type Candidate,
  type StageEnv,
  type TestOutcome,
} from './stages.js';
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
  /** The run database: the contract (SQLite or PostgreSQL), or the embedded SQLite class. */
  storage: AsyncStorage | { async(): AsyncStorage };
  outDir: string;
  /** Continue an interrupted run (its search result and ASHA ledger are reused). */
  resumeRunId?: string;
  /** Replace individual settings (tests, smoke runs; a small `space` keeps 2-D mixtures cheap). */
  overrides?: Partial<Pick<DashaSettings, 'searchBackbone' | 'retrainBackbone' | 'batchSize' | 'space'>> & {
    search?: Partial<DashaSettings['search']>;
    asha?: Partial<DashaSettings['asha']>;
    retrain?: Partial<DashaSettings['retrain']>;
  };
  /** ASHA worker processes (budget mode default: YARDSTICK_WORKERS, else one per core; paper mode: 1). */
  workers?: number;
  /** Budget mode: replace the plan made from this machine's measurements (tests). */
  plan?: (measured: Plan) => Plan;
  shouldStop?: () => boolean;
  onProgress?: (p: DashaProgress) => void;
}

export type DashaStage = 'prepare' | 'probe' | 'default' | 'search' | 'asha' | 'retrain' | 'test' | 'done';

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

/** One stage's planned seconds against what it took (null plan: paper mode, or not planned). */
export interface StageTime {
  planSeconds: number | null;
  actualSeconds: number;
  skipped?: string;
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
  /**
   * Which model was tested: the default, the searched/tuned retrain, (stopped earlier) the best ASHA trial, or
   * (budget mode) the ensemble of several that scored better on validation than each alone.
   */
  testedModel: Candidate['source'] | 'retrain' | 'ensemble' | null;
  /** The ensemble's members, best validated first (null when one model was tested). */
  ensemble: { source: Candidate['source']; file: string }[] | null;
  /** Validation score of every model trained to completion, by source (budget mode picks among them). */
  candidates: Record<string, number>;
  architecture: { searchBackbone: string; backbone: string; choices: ConvChoice[] };
  hyperparameters: HyperParams | null;
  paramCount: number | null;
  flopsPerSample: number | null;
  macsPerSample: number | null;
  wallSeconds: number;
  stageSeconds: Record<string, number>;
  /** Plan against actual per stage (budget mode). */
  stages: Record<string, StageTime>;
  threads: ThreadChoice | null;
  seeds: { run: number; search: number; sampler: number; trial: number | null; validationSplit: number };
  settings: DashaSettings;
  plan: Plan | null;
  asha: { trials: number; completed: number; stopped: number; failed: number; winner: number | null };
  split: { train: number; val: number; test: number; validation: string };
  device: string;
  artifacts: Record<string, string>;
  /** Artefact with the test split's labels and predictions ({labels, predictions}); absent for dense tasks. */
  predictions?: string;
}

/** The fields comparisons and reports read from a stored run, checked against src/compare/run-result.ts. */
export function comparable(r: DashaResult, task: DashaTask): Record<string, unknown> {
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
      architecture: r.architecture.choices.map((c, i) => ({
        layer: `conv${i + 1}`,
        kernel: c.k,
        dilation: c.d,
      })),
      predictions: r.predictions,
    }),
    validation: r.split.validation,
    backbones: { search: r.architecture.searchBackbone, retrain: r.architecture.backbone },
  };
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

interface Planned {
  settings: DashaSettings;
  plan: Plan | null;
  threads: ThreadChoice | null;
}

/** Budget mode: measure this machine (threads, the default network's cost, the supernet's) and plan. */
async function planRun(
  o: DashaOptions,
  base: DashaSettings,
  recipe: Recipe,
  splits: ReturnType<typeof splitData>,
  shape: NetworkShape,
  workers: number,
  elapsed: () => number,
): Promise<Planned> {
  const { task } = o;
  const bw = budgetWidths(task.modality);
  const kind = targetKind(task.modality);
  const loss = recipeLoss(task.modality, recipe);
  const batchSize = o.overrides?.batchSize ?? recipe.batchSize;
  const searchBackbone = o.overrides?.searchBackbone ?? bw.searchBackbone;
  const probeWidth = bw.widths[Math.min(2, bw.widths.length - 1)];
  const augment = augmentFor(shape);
  const probe = (backbone: BackboneSpec) => ({
    backbone,
    shape,
    train: splits.train,
    kind,
    loss,
    batchSize,
    device: o.device,
    augment,
  });
  const threads = await chooseThreads(probe(bw.withWidth(probeWidth)));
  const nVal = splits.val.shape[0];
  const macsAt = (w: number): number => macsPerSample(bw.withWidth(w), shape);
  // costs at other widths scale with MACs from the nearest measured width (measured ones are exact)
  const measured = new Map<number, NetCost>([[probeWidth, threads.cost]]);
  const costAt = (w: number, seconds: (c: NetCost) => number): number => {
    const ref = measured.get(w)
      ? w
      : [...measured.keys()].sort((a, b) => Math.abs(a - w) - Math.abs(b - w))[0];
    return seconds(measured.get(ref)!) * (macsAt(w) / macsAt(ref));
  };
  const secPerMac = threads.cost.trainSecPerSample / macsAt(probeWidth);
  // ASHA's workers train on one thread each; at one thread an epoch costs oneThread/chosen times the chosen
  // count's (unmeasured when YARDSTICK_THREADS fixes the count: taken as equal)
  const oneThread = threads.secPerSample[1];
  const perWorker = oneThread === undefined ? 1 : threads.secPerSample[threads.threads] / oneThread;
  const cost: CostModel = {
    epochSeconds: (w, n) => costAt(w, (c) => n * c.trainSecPerSample + nVal * c.evalSecPerSample),
    evalSeconds: (w, n) => costAt(w, (c) => n * c.evalSecPerSample),
    searchBatchSeconds: supernetMacsBound(searchBackbone, shape, base.space) * batchSize * secPerMac,
    trialSpeedup: workers * perWorker,
  };
  const input = () => ({
    budgetSeconds: o.budgetSeconds!,
    spentSeconds: elapsed(),
    nTrain: splits.train.shape[0],
    nScore: nVal + splits.test.shape[0],
    batchSize,
    widths: bw.widths,
    cost,
    minDefaultEpochs: recipe.minEpochs,
    minDefaultSteps: recipe.minSteps,
  });
  let plan = planBudget(input());
  // the width planned and the next wider one are measured, not extrapolated by MACs: narrow convolutions are
  // overhead-bound, so the cost per MAC falls with width and extrapolating from a narrow probe overprices the
  // wider net the budget may afford (a few seconds of probing against a default one width too narrow)
  for (;;) {
    const wider = [...bw.widths].sort((a, b) => a - b).find((w) => w > plan.width);
    const unmeasured = [plan.width, wider].filter((w): w is number => w !== undefined && !measured.has(w));
    if (unmeasured.length === 0) break;
    for (const w of unmeasured) {
      o.onProgress?.({ stage: 'probe', detail: `measuring width ${w}` });
      measured.set(w, await measureNet(probe(bw.withWidth(w))));
    }
    plan = planBudget(input());
  }
  if (!plan.search.skipped) {
    o.onProgress?.({ stage: 'probe', detail: 'measuring the supernet' });
    cost.searchBatchSeconds = await measureSearchBatch({ ...probe(searchBackbone), space: base.space });
    plan = planBudget(input());
  }
  if (o.plan) plan = o.plan(plan);
  const settings = mergeSettings(
    {
      ...base,
      faithful: false,
      reporting: 'last',
      batchSize,
      searchBackbone,
      retrainBackbone: bw.withWidth(plan.width),
      search: {
        epochs: plan.search.epochs,
        batchesPerEpoch: plan.search.batchesPerEpoch,
        scheduleEpochs: plan.search.epochs,
      },
      asha: {
        ...base.asha,
        numTrials: plan.asha.numTrials,
        maxT: Math.max(1, plan.asha.maxT),
        subsample: plan.asha.subsample || null,
      },
      retrain: { epochs: plan.retrain.epochs, scheduleEpochs: plan.retrain.epochs },
    },
    { ...o.overrides, batchSize },
  );
  return { settings, plan, threads };
}

function augmentFor(shape: NetworkShape) {
  return shape.spatial.length === 2 && shape.spatial[0] === shape.spatial[1] ? flipsAndRotations : undefined;
}

export async function runDasha(o: DashaOptions): Promise<DashaResult> {
  const t0 = performance.now();
  const elapsed = (): number => (performance.now() - t0) / 1000;
  const budget = o.budgetSeconds ?? null;
  if (o.mode === 'budget' && budget === null)
    throw new Error("dasha: --mode budget needs a --budget (e.g. '30m')");
  assertDeviceAvailable(o.device);
  const left = (): number | null => (budget === null ? null : budget - elapsed());
  const progress = (p: DashaProgress): void => o.onProgress?.({ ...p, secondsLeft: left() });
  const { task } = o;
  const kind = targetKind(task.modality);
  const shape = shapeOf(task.data, task.data.numClasses);
  progress({ stage: 'prepare', detail: 'splitting data' });
  const splits = splitData(task.data, o.seed);
  const { train, val, test } = splits;

  const storage = asAsync(o.storage);
  const prior = o.resumeRunId ? await storage.getRun(o.resumeRunId) : undefined;
  if (o.resumeRunId && !prior) throw new Error(`dasha: no run '${o.resumeRunId}' in the database to resume`);
  if (prior && (prior.workflow !== 'dasha' || prior.task !== task.id))
    throw new Error(
      `dasha: run '${prior.id}' is a ${prior.workflow} run of ${prior.task}, not DASHA on ${task.id}`,
    );

  const recipe = defaultRecipe(task.modality, o.seed);
  const base = mergeSettings(paperSettings(task.modality, task.id), o.overrides);
  const stageSeconds: Record<string, number> = {};
  // paper mode keeps the reference's one trial at a time unless told otherwise; budget mode uses the cores
  const workers = o.mode === 'budget' ? defaultWorkers(o.workers) : (o.workers ?? 1);
  let planned: Planned;
  if (prior) {
    planned = readStoredConfig(prior.id, prior.config);
    // the single-process stages resume at the thread count the run measured (or was given)
    if (planned.threads) torch.setNumThreads(planned.threads.threads);
  } else if (o.mode === 'budget') {
    progress({ stage: 'probe', detail: 'measuring threads and step times' });
    planned = await planRun(o, base, recipe, splits, shape, workers, elapsed);
    stageSeconds.probe = elapsed();
  } else planned = { settings: base, plan: null, threads: null };
  const { settings, plan } = planned;

  const record = await DashaRecord.open({
    storage,
    workflow: 'dasha',
    taskId: task.id,
    mode: o.mode,
    seed: o.seed,
    device: o.device,
    budgetSeconds: budget,
    outDir: o.outDir,
    config: { settings, plan, seed: o.seed, device: o.device, threads: planned.threads },
    prior,
  });
  try {
    let reserve = plan?.reserveSeconds ?? 0;
    const stopped = (deadline: number | null): boolean =>
      (o.shouldStop?.() ?? false) ||
      (deadline !== null && elapsed() >= deadline) ||
      (budget !== null && elapsed() >= budget - reserve);
    const env: StageEnv = { record, shape, device: o.device, stopped, elapsed, progress };
    const stages: Record<string, StageTime> = {};
    const timed = async <T>(name: string, planSeconds: number | null, fn: () => Promise<T>): Promise<T> => {
      const t = elapsed();
      try {
        return await fn();
      } finally {
        stageSeconds[name] = elapsed() - t;
        stages[name] = { planSeconds, actualSeconds: stageSeconds[name] };
      }
    };
    const skip = (name: string, why: string): void => {
      stages[name] = { planSeconds: 0, actualSeconds: 0, skipped: why };
    };
    const deadlineIn = (s: number | undefined): number | null =>
      budget === null || s === undefined ? null : Math.min(elapsed() + s, budget - reserve);
    const dims = shape.spatial.length;
    const unet = settings.retrainBackbone.kind === 'unet';
    const jobData: TuneJob['data'] = {
      modality: task.modality,
      metric: task.metric,
      numClasses: task.data.numClasses,
      batchSize: settings.batchSize,
      dropLast: o.mode === 'budget' || task.modality !== 'dna',
      augment: augmentFor(shape) !== undefined,
      recipeLoss: o.mode === 'budget' ? recipe : null,
    };
    const dataSetup = dataSetupFor(jobData);
    const netWith = (choices: ConvChoice[]): NetSetup => ({
      backbone: settings.retrainBackbone,
      shape,
      choices,
      faithful: settings.faithful,
      device: o.device,
    });
    const stdChoices = defaultChoices(settings.retrainBackbone, shape);
    const candidates: Candidate[] = [];
    const searchSeed = hashSeed(o.seed, 0x5ea);

    // ---- budget mode, stage 1: the default network with the recipe ----
    if (o.mode === 'budget' && plan) {
      const prev = record.progress.default as Candidate | undefined;
      if (prev) candidates.push(prev);
      else {
        const file = record.artifact('default-best.safetensors');
        const r = await timed('default', plan.default.seconds, () =>
          trainWithRecipe({
            env,
            net: netWith(stdChoices),
            data: dataSetup,
            params: recipe.params,
            train,
            val,
            epochs: plan.default.epochs,
            warmupEpochs: recipe.warmupEpochs,
            deadline: deadlineIn(plan.default.seconds),
            stage: 'default',
            file,
          }),
        );
        if (r.epochs > 0) {
          const c: Candidate = {
            source: 'default',
            valScore: r.bestVal,
            file,
            choices: stdChoices,
            params: recipe.params,
            epochs: r.epochs,
          };
          candidates.push(c);
          await record.saveProgress({ default: c });
        }
      }
    }

    // ---- DASH search (paper mode always; budget mode when the plan affords it) ----
    let choices = (record.progress.search as { choices?: ConvChoice[] } | undefined)?.choices;
    const searchPlanned = o.mode === 'paper' || (plan !== null && !plan.search.skipped);
    if (!choices && searchPlanned && !stopped(null)) {
      const res = await timed('search', plan?.search.seconds ?? null, () =>
        searchStage({
          env,
          settings,
          train,
          kind,
          loss: dataSetup.loss,
          seed: searchSeed,
          deadline: deadlineIn(plan ? 1.1 * plan.search.seconds : undefined),
        }),
      );
      choices = res.choices;
      await record.saveProgress({
        search: { choices, alphas: res.alphas, epochs: res.epochs, stoppedEarly: res.stoppedEarly },
      });
    } else if (!choices && plan) skip('search', plan.search.skipped ?? 'stopped before the search');
    choices ??= stdChoices;

    // budget mode: re-plan tuning and retrain from the measured cost of the network the search picked
    let ashaSettings = settings.asha;
    let retrainEpochs = settings.retrain.epochs;
    let improvementSkipped: string | undefined = plan?.asha.skipped;
    // the test stage's plan for the searched network (its kernels cost more to score than the default's)
    let searchedTestSeconds: number | undefined;
    if (o.mode === 'budget' && plan && !plan.asha.skipped && !o.plan && choices !== stdChoices) {
      const cost = await measureNet({
        backbone: settings.retrainBackbone,
        shape,
        choices,
        train,
        kind,
        loss: dataSetup.loss,
        batchSize: settings.batchSize,
        device: o.device,
        augment: dataSetup.augment,
      });
      searchedTestSeconds = (val.shape[0] + test.shape[0]) * cost.evalSecPerSample;
      // a searched network may be slower to score: keep back twice the scoring of the default and of the two
      // searched candidates (the retrain and the best trial)
      reserve = Math.max(
        reserve,
        reserveFor(budget! - (stageSeconds.probe ?? 0), plan.test.seconds + 2 * searchedTestSeconds),
      );
      plan.reserveSeconds = reserve;
      const leftSeconds = budget! - reserve - elapsed();
      const share = plan.asha.seconds / (plan.asha.seconds + plan.retrain.seconds);
      const re = planImprovement({
        ashaSeconds: share * leftSeconds,
        retrainSeconds: (1 - share) * leftSeconds,
        nTrain: train.shape[0],
        defaultEpochs: plan.default.epochs,
        epochSeconds: (n) => n * cost.trainSecPerSample + val.shape[0] * cost.evalSecPerSample,
        trialSpeedup: plan.trialSpeedup,
      });
      plan.notes.push(
        `re-planned after the search: ${re.asha.skipped ?? `${re.asha.numTrials} trials of up to ${re.asha.maxT} epochs on ${re.asha.subsample}`}; retrain ${re.retrain.epochs} epochs`,
      );
      if (re.asha.skipped) {
        improvementSkipped = `searched network: ${re.asha.skipped}`;
      } else {
        plan.asha = re.asha;
        plan.retrain = re.retrain;
        ashaSettings = {
          ...ashaSettings,
          numTrials: re.asha.numTrials,
          maxT: re.asha.maxT,
          subsample: re.asha.subsample,
        };
        retrainEpochs = re.retrain.epochs;
      }
    }
    const net = netWith(choices);

    // ---- ASHA over the training hyperparameters ----
    const samplerSeed = hashSeed(o.seed, 0xa5a);
    const job: TuneJob = {
      runId: record.runId,
      db: storage.spec,
      artifactDir: record.artifactDir,
      net,
      data: jobData,
      schedule:
        o.mode === 'budget' ? { kind: 'cosine', warmupEpochs: recipe.warmupEpochs } : { kind: 'paper' },
      settings: { asha: ashaSettings, reporting: settings.reporting },
      samplerSeed,
      firstTrial: o.mode === 'budget' ? withoutSeed(recipe.params) : null,
      subsampleSeed: hashSeed(o.seed, 0x5b),
      deadlineAt: null,
    };
    let asha: AshaSearchResult | null = null;
    if (improvementSkipped === undefined && !stopped(null)) {
      const deadline = deadlineIn(plan ? 1.1 * plan.asha.seconds : undefined);
      const atClock = (t: number | null): number | null =>
        t === null ? null : Date.now() + 1000 * (t - elapsed());
      job.deadlineAt = atClock(deadline);
      job.fillUntilAt = atClock(deadlineIn(plan?.asha.seconds));
      asha = await timed('asha', plan?.asha.seconds ?? null, () =>
        tuneStage({ env, job, train, val, deadline, workers }),
      );
    } else if (plan) skip('asha', improvementSkipped ?? 'stopped before tuning');
    const winner = asha?.best ?? null;
    // the best validated trial so far (also of the run this one resumes: same artefact folder, copied ledger)
    const bestTrial = await bestTrialSnapshot(storage, job);
    if (bestTrial)
      candidates.push({
        source: 'asha-best',
        valScore: bestTrial.valScore,
        file: bestTrial.file,
        choices,
        params: bestTrial.params,
        epochs: 0,
      });

    // ---- retrain the winner from its saved initial weights, selecting on validation ----
    let retrained: Candidate | null = null;
    if (winner?.initWeightsPath && !stopped(null) && retrainEpochs > 0) {
      const E = retrainEpochs;
      const file = record.artifact('retrain-best.safetensors');
      const milestones = rescaleMilestones(
        dims === 1 ? RETRAIN_MILESTONES_1D : RETRAIN_MILESTONES_2D,
        settings.retrain.scheduleEpochs,
        E,
      );
      const paperMult = (epoch: number): number =>
        unet
          ? warmupLinearMultiplier(epoch, 5, Math.round((105 * E) / 100))
          : stepMultiplier(epoch, milestones);
      // budget mode: the retrain is re-planned at its start to what is left (earlier stages may have run
      // short, and a tuned batch size changes the epoch's cost), and its cosine follows the measured epochs
      const retrainSeconds = plan ? Math.max(0, budget! - elapsed() - reserve) : undefined;
      const r = await timed('retrain', retrainSeconds ?? null, () =>
        trainWithRecipe({
          env,
          net,
          data: dataSetup,
          params: winner.params,
          train,
          val,
          epochs: E,
          maxEpochs: plan ? Math.max(E, 200) : E,
          warmupEpochs: recipe.warmupEpochs,
          deadline: deadlineIn(retrainSeconds),
          stage: 'retrain',
          file,
          // recorded by whichever worker ran it: found under this run's folder wherever that worker mounted it
          initFrom: new SharedDirectoryStore(path.dirname(record.artifactDir)).resolve(
            winner.initWeightsPath!,
            {
              id: record.runId,
              artifactDir: record.artifactDir,
            },
          ),
          lrMultiplier: o.mode === 'paper' ? paperMult : undefined,
        }),
      );
      if (r.epochs > 0)
        retrained = {
          source: choices === stdChoices ? 'tuned' : 'searched',
          valScore: r.bestVal,
          file,
          choices,
          params: winner.params,
          epochs: r.epochs,
        };
    } else if (plan) skip('retrain', plan.retrain.skipped ?? improvementSkipped ?? 'no ASHA winner');
    if (retrained) candidates.push(retrained);

    // ---- test once: paper mode the retrain (else the best ASHA model so far); budget mode the best validated
    // model, or the ensemble of candidates that beats it on validation ----
    const ranked =
      o.mode === 'paper'
        ? [retrained ?? candidates.find((c) => c.source === 'asha-best')].filter((c) => c !== undefined)
        : rankCandidates(candidates);
    const nScore = val.shape[0] + test.shape[0];
    // scoring n samples with a candidate's network: measured for the default's kernels and the searched ones
    const scoreSeconds = (cs: readonly Candidate[], n: number): number =>
      cs.reduce((sum, c) => {
        const whole = sameChoices(c.choices, stdChoices)
          ? plan!.test.seconds
          : (searchedTestSeconds ?? plan!.test.seconds);
        return sum + (whole * n) / nScore;
      }, 0);
    const scoring = {
      netFor: (c: Candidate) => netWith(c.choices),
      data: dataSetup,
      kind,
      batchSize: settings.batchSize,
      numClasses: task.data.numClasses,
    };
    let members = ranked.slice(0, 1);
    let selectedVal: number | undefined;
    if (plan && ranked.length > 1) {
      const selectPlan = scoreSeconds(ranked, val.shape[0]);
      // only while every candidate's validation pass and every member's test pass fit in what is left
      if (!o.shouldStop?.() && budget! - elapsed() >= selectPlan + scoreSeconds(ranked, test.shape[0])) {
        progress({
          stage: 'test',
          detail: `choosing on validation among ${ranked.length} models and their ensembles`,
        });
        const sel = await timed('select', selectPlan, async () => selectStage({ ...scoring, ranked, val }));
        members = sel.members;
        selectedVal = sel.valScore;
      } else skip('select', 'no time left to score the candidates on validation');
    }
    let outcome: TestOutcome | null = null;
    const artifacts: Record<string, string> = { dir: record.artifactDir };
    let predictions: string | undefined;
    if (members.length > 0) {
      progress({ stage: 'test', detail: 'scoring the test split once' });
      const testPlan = plan
        ? scoreSeconds(members, selectedVal === undefined ? nScore : test.shape[0])
        : null;
      outcome = await timed('test', testPlan, async () =>
        testStage({ ...scoring, members, val, test, valScore: selectedVal }),
      );
      artifacts.model = members[0].file;
      record.logMetric('test', 0, task.metric, outcome.testScore);
      if (outcome.predictions) {
        predictions = record.writeJson('predictions.json', outcome.predictions);
        artifacts.predictions = record.artifact(predictions);
      }
    }
    const chosen = members[0] ?? null;

    const finalChoices = chosen?.choices ?? choices;
    const macs = members.length
      ? members.reduce((sum, c) => sum + macsPerSample(settings.retrainBackbone, shape, c.choices), 0)
      : macsPerSample(settings.retrainBackbone, shape, finalChoices);
    // Testing a model other than the retrain because the budget left no time is a complete budgeted run
    // (testedModel says which); only a stop by signal, or nothing to test, leaves the run interrupted.
    const status = o.shouldStop?.() || !chosen ? 'interrupted' : 'complete';
    const result: DashaResult = {
      runId: record.runId,
      task: task.id,
      mode: o.mode,
      status,
      usage: task.usage ?? 'benchmark',
      metric: task.metric,
      testScore: outcome?.testScore ?? null,
      valScore: outcome?.valScore ?? null,
      testedModel:
        members.length > 1
          ? 'ensemble'
          : chosen
            ? o.mode === 'paper' && chosen === retrained
              ? 'retrain'
              : chosen.source
            : null,
      ensemble: members.length > 1 ? members.map((c) => ({ source: c.source, file: c.file })) : null,
      candidates: Object.fromEntries(candidates.map((c) => [c.source, c.valScore])),
      architecture: {
        searchBackbone: describeBackbone(settings.searchBackbone),
        backbone: describeBackbone(settings.retrainBackbone),
        choices: finalChoices,
      },
      hyperparameters: chosen?.params ?? null,
      paramCount: outcome?.paramCount ?? null,
      macsPerSample: macs,
      flopsPerSample: 2 * macs,
      wallSeconds: elapsed(),
      stageSeconds,
      stages,
      threads: planned.threads,
      seeds: {
        run: o.seed,
        search: searchSeed,
        sampler: samplerSeed,
        trial: chosen?.params.randomSeed ?? null,
        validationSplit: splits.valSeed,
      },
      settings,
      plan,
      asha: {
        trials: asha?.trials.length ?? 0,
        completed: asha?.trials.filter((t) => t.status === 'complete').length ?? 0,
        stopped: asha?.trials.filter((t) => t.status === 'stopped').length ?? 0,
        failed: asha?.trials.filter((t) => t.status === 'failed').length ?? 0,
        winner: winner?.trialId ?? null,
      },
      split: { train: train.shape[0], val: val.shape[0], test: test.shape[0], validation: splits.validation },
      device: o.device,
      artifacts,
      ...(predictions ? { predictions } : {}),
    };
    // the run's own summary beside its artefacts, whichever command ran it (dasha, run)
    writeFileAtomic(record.artifact('result.json'), JSON.stringify(result, null, 2));
    writeFileAtomic(record.artifact('result.md'), dashaMarkdown(result));
    await record.finish(status, { ...result, ...comparable(result, task) });
    progress({ stage: 'done', detail: status, bestScore: result.testScore });
    return result;
  } catch (e) {
    // the error that stopped the run is what the user must see, even when the database is what failed
    await record.fail(e).catch(() => {});
    throw e;
  }
}

export type { BackboneSpec };
