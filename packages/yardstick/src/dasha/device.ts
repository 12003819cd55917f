// The training device, checked before any data is loaded or any run is stored: a CUDA request on a CPU-only
// engine fails at once with the remedy, not minutes later inside the first forward pass.
import * as torch from '@yardstick/torch';

export function assertDeviceAvailable(device: torch.Device): void {
  if (device === 'cpu') return;
  if (!torch.cuda.isAvailable()) {
    throw new Error(
      `device '${device}' requested but this libtorch build has no usable CUDA; use --device cpu, or rebuild the engine against a CUDA libtorch (LIBTORCH_DIR)`,
    );
  }
  const index = device === 'cuda' ? 0 : Number(device.slice('cuda:'.length));
  const count = torch.cuda.deviceCount();
  if (index >= count)
    throw new Error(`device '${device}' requested but only ${count} CUDA device(s) are visible`);
}
