// Checkpoints: safetensors files and training-state checkpoints.
export { save, load, loadMetadata, type Metadata } from './safetensors.js';
export { saveCheckpoint, loadCheckpoint, loadModule, type Checkpoint } from './checkpoint.js';
