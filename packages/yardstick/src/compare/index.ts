// The one comparison engine: our baselines against published FM results, per task (like for like, with
// intervals, ties and protocol flags), across a benchmark's tasks (rliable-style aggregates), and in words.
export {
  compareTask,
  comparePredictions,
  scoredRuns,
  benchmarkOf,
  familyOf,
  settingKind,
  roleOf,
  type CompareContext,
  type TaskQuery,
} from './task.js';
export {
  compareBenchmark,
  aggregateBenchmark,
  aggregateByBenchmark,
  benchmarkGroup,
  inBenchmark,
  strongestFm,
  taskKey,
  PROFILE_TAUS,
} from './benchmark.js';
export {
  outcomeText,
  outcomeWithMargin,
  fmLabel,
  comparisonKey,
  comparisonLabel,
  strongestVerdict,
  headlines,
  oursText,
  tally,
  NOT_ZERO_SHOT,
} from './verdict.js';
export {
  scoreRun,
  readPerExample,
  readPredictions,
  runResult,
  runResultSchema,
  type ScoredRun,
  type RunScores,
  type StoredArtefact,
  type RunResult,
} from './run-result.js';
export {
  compareContext,
  loadRunSet,
  type ReadContext,
  type RunSet,
  type RunScope,
  type RunSource,
} from './load.js';
export { iqm, iqmInterval, profileInterval, scoreDistribution, stratifiedBootstrap } from './aggregate.js';
export * from './stats.js';
export type * from './types.js';
export { modelName } from './model-name.js';
