// yardstick's library surface.
export * as data from './data/index.js';
export { getTask, listTasks, readTaskFile, type Modality, type TaskSpec, type TaskUsage } from './tasks/index.js';
export * as metrics from './metrics/index.js';
