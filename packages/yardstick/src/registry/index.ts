// Published FM results: the curated registry and users' own files, normalised to project ids.
export { loadRegistry, Registry, CURATED_FILE, type LoadRegistryOptions } from './registry.js';
export { metricHigherIsBetter, normaliseTask, normaliseBenchmark } from './normalise.js';
export type { FmResult, FmSource, RegistryQuery, Setting } from './types.js';
