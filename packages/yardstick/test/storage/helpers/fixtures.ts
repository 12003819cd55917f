// Test data for storage tests: a run description as a workflow would create it.
import type { RunRecord } from '../../../src/storage/types.js';

export function testRun(
  id: string,
  extra: Partial<RunRecord> = {},
): Omit<RunRecord, 'status' | 'finishedAt' | 'result'> {
  return {
    id,
    workflow: 'autoar',
    task: 'ltsf/ETTh1',
    mode: 'test',
    config: { horizon: 96 },
    machine: {
      hostname: 'test',
      platform: 'linux',
      cpus: 2,
      cpuModel: 'test cpu',
      memoryGb: 8,
      device: 'cpu',
    },
    seed: 0,
    budgetSeconds: 60,
    startedAt: new Date().toISOString(),
    artifactDir: null,
    ...extra,
  };
}
