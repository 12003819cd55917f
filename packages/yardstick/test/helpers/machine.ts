// TEST DATA: the machine a test run says it ran on (two CPUs, no GPU).
import type { MachineInfo } from '../../src/storage/types.js';

export const testMachine: MachineInfo = {
  hostname: 'h',
  platform: 'linux',
  cpus: 2,
  cpuModel: 'Test CPU',
  memoryGb: 8,
  device: 'cpu',
};
