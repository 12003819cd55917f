// yardstick's library surface.
export * as data from './data/index.js';
export {
  getTask,
  listTasks,
  readTaskFile,
  type Modality,
  type TaskSpec,
  type TaskUsage,
} from './tasks/index.js';
export * as metrics from './metrics/index.js';
export * as registry from './registry/index.js';
export * as storage from './storage/index.js';
export * as compare from './compare/index.js';
export * as report from './report/index.js';
export * as serve from './serve/index.js';
