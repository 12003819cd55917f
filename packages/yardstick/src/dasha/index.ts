// DASHA: DASH architecture search + ASHA tuning + retrain + test, on the yardstick engine.
export {
  runDasha,
  type DashaOptions,
  type DashaResult,
  type DashaProgress,
  type DashaStage,
  type DashaTask,
} from './run.js';
export { dashaMarkdown } from './report.js';
export { loadDashaTask } from './task.js';
export { assertDeviceAvailable } from './device.js';
export { paperSettings, budgetWidths, type DashaMode, type DashaSettings } from './settings.js';
export { AshaScheduler, rungMilestones, type AshaConfig, type AshaDecision } from './asha/scheduler.js';
export { RandomSampler, DASHA_SPACE, type HyperParams, type HyperSpace } from './asha/sampler.js';
export {
  runAshaSearch,
  type AshaSearchOptions,
  type AshaSearchResult,
  type TrialSession,
} from './asha/search.js';
export { TrialLedger } from './asha/ledger.js';
export { MixedConv, type MixedConvOptions } from './dash/mixed-conv.js';
export { runDashSearch, type DashSearchOptions, type DashSearchResult } from './dash/search.js';
export {
  candidates,
  GENOMICS_SPACE,
  SATELLITE_SPACE,
  SATELLITE_WIDE_SPACE,
  type ConvChoice,
  type SearchSpace,
} from './dash/space.js';
export {
  buildBackbone,
  macsPerSample,
  slotCount,
  describeBackbone,
  type BackboneSpec,
  type NetworkShape,
} from './backbones/index.js';
export { planBudget, planImprovement, FLOORS, type Plan, type CostModel } from './budget/planner.js';
export { comparable, type StageTime } from './run.js';
export { parseDuration, formatDuration } from '../common/duration.js';
