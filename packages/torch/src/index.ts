// @yardstick/torch: PyTorch's API shapes over libtorch, for TypeScript.
export { Tensor, type DType, type Device, type TypedArray, type NestedArray, type Scalar } from './tensor.js';
export { tidy, keep, scopeDepth } from './scope.js';
export * from './runtime.js';
export * from './ops/creation.js';
export * from './ops/math.js';
