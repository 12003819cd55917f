// torch.nn: modules, layers, initialisers, functional ops and utilities.
export { Module, type StateDict, type LoadResult } from './module.js';
export { Parameter } from './parameter.js';
export { Sequential, ModuleList } from './containers.js';
export {
  Conv1d,
  Conv2d,
  ConvTranspose2d,
  type ConvLayerOptions,
  type ConvTransposeLayerOptions,
} from './layers/conv.js';
export { Linear, Identity, Flatten } from './layers/linear.js';
export { BatchNorm1d, BatchNorm2d, LayerNorm, GroupNorm, type BatchNormLayerOptions } from './layers/norm.js';
export { ReLU, GELU, SiLU, Sigmoid, Tanh, Dropout } from './layers/activation.js';
export {
  MaxPool1d,
  MaxPool2d,
  AvgPool1d,
  AvgPool2d,
  AdaptiveAvgPool1d,
  AdaptiveAvgPool2d,
} from './layers/pooling.js';
export * as init from './init.js';
export * as functional from './functional.js';
export * as utils from './utils.js';
