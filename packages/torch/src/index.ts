// @yardstick/torch: PyTorch's API shapes over libtorch, for TypeScript.
// Thread defaults must be in the environment before libtorch loads, so this import comes first.
import './threads.js';
export { Tensor, type DType, type Device, type TypedArray, type NestedArray, type Scalar } from './tensor.js';
export { tidy, keep, scopeDepth } from './scope.js';
export * from './runtime.js';
export * from './ops/creation.js';
export * from './ops/math.js';
export * from './ops/shape.js';
export * from './ops/indexing.js';
export * from './ops/reduce.js';
export * from './ops/compare.js';
export * from './ops/linalg.js';
export * from './ops/fft.js';
export * as F from './nn/functional.js';
export * as nn from './nn/index.js';
export * as optim from './optim/index.js';
export * as serialization from './serialization/index.js';
export { save, load } from './serialization/safetensors.js';
