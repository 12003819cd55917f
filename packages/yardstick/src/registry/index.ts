// Published FM results: the curated registry and users' own files, normalised to project ids.
export {
  checkRegistry,
  COST_FILE,
  CURATED_FILE,
  defaultUserRegistryDir,
  loadRegistry,
  OVERLAP_FILE,
  Registry,
  registryInfo,
  userRegistryFiles,
  type LoadRegistryOptions,
  type RegistryCheck,
  type RegistryInfo,
} from './registry.js';
export { inFamily } from './model-tables.js';
export { impossibleValue, metricHigherIsBetter, normaliseTask, normaliseBenchmark } from './normalise.js';
export type { FmResult, FmSource, RegistryQuery, Setting } from './types.js';
