// `yardstick run`'s engine: named suites of workflow runs, executed and stored one after another.
export {
  describeMissing,
  getSuite,
  listSuites,
  runCount,
  withDataPresent,
  type MissingTask,
  type Suite,
  type SuiteItem,
} from './suites.js';
export { runSuite, type SuiteOptions, type SuiteEvent, type SuiteOutcome } from './run-suite.js';
