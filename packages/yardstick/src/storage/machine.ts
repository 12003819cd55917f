// The machine description stored with every run, so that costs are read next to the hardware that paid them.
import os from 'node:os';
import { configInfo } from '@yardstick/torch';
import type { MachineInfo } from './types.js';

export function describeMachine(device: string): MachineInfo {
  return {
    hostname: os.hostname(),
    platform: `${os.platform()} ${os.release()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    device,
    torchVersion: configInfo().version,
  };
}
