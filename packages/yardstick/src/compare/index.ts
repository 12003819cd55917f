// Our baselines against published FM results: per task (with intervals and a stated test) and per benchmark.
export { compareTask, scoredRuns, benchmarkOf, type CompareContext } from './task.js';
export { compareBenchmark, taskKey } from './benchmark.js';
export { scoreRun, modelName, readPerExample, type ScoredRun } from './run-result.js';
export * from './stats.js';
export type * from './types.js';
