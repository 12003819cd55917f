// Model weights on disk (safetensors), the only place DASHA touches the engine's serialization.
import * as torch from '@yardstick/torch';

export function saveWeights(model: torch.nn.Module, path: string, metadata?: Record<string, string>): void {
  torch.tidy(() => torch.save(model.stateDict(), path, metadata));
}

export function loadWeights(model: torch.nn.Module, path: string): void {
  torch.serialization.loadModule(model, path);
}
