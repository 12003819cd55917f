// Pooling, padding and resampling for nn.functional.
#include "ops_nn.h"

namespace ys {

// An empty stride means "equal to the kernel size", as in PyTorch.
static std::vector<int64_t> StrideArg(const Napi::CallbackInfo& info, size_t i) {
  return IsMissing(info, i) ? std::vector<int64_t>{} : Ints(info, i, "stride");
}

// avgPool1d(input, kernelSize, stride?, padding, ceilMode, countIncludePad)
YS_OP(nnAvgPool1d) {
  return Wrap(info.Env(), at::avg_pool1d(T(info, 0, "input"), Ints(info, 1, "kernelSize"), StrideArg(info, 2),
                                         Ints(info, 3, "padding"), Bool(info, 4), Bool(info, 5, true)));
}

// avgPool2d(input, kernelSize, stride?, padding, ceilMode, countIncludePad, divisorOverride?)
YS_OP(nnAvgPool2d) {
  c10::optional<int64_t> divisor;
  if (!IsMissing(info, 6)) divisor = Int(info, 6, "divisorOverride");
  return Wrap(info.Env(), at::avg_pool2d(T(info, 0, "input"), Ints(info, 1, "kernelSize"), StrideArg(info, 2),
                                         Ints(info, 3, "padding"), Bool(info, 4), Bool(info, 5, true), divisor));
}

// maxPool1d/2d(input, kernelSize, stride?, padding, dilation, ceilMode, returnIndices) -> values or [values, indices].
// Without indices libtorch can take its faster path, so they are only computed on request.
template <std::tuple<at::Tensor, at::Tensor> (*WithIndices)(const at::Tensor&, at::IntArrayRef, at::IntArrayRef,
                                                             at::IntArrayRef, at::IntArrayRef, bool),
          at::Tensor (*ValuesOnly)(const at::Tensor&, at::IntArrayRef, at::IntArrayRef, at::IntArrayRef, at::IntArrayRef, bool)>
static Napi::Value MaxPool(const Napi::CallbackInfo& info) {
  const at::Tensor& input = T(info, 0, "input");
  auto kernel = Ints(info, 1, "kernelSize");
  auto stride = StrideArg(info, 2);
  auto padding = Ints(info, 3, "padding");
  auto dilation = Ints(info, 4, "dilation");
  bool ceil = Bool(info, 5);
  if (!Bool(info, 6)) return Wrap(info.Env(), ValuesOnly(input, kernel, stride, padding, dilation, ceil));
  auto [out, idx] = WithIndices(input, kernel, stride, padding, dilation, ceil);
  return WrapList(info.Env(), {out, idx});
}
YS_OP(nnMaxPool1d) { return MaxPool<at::max_pool1d_with_indices, at::max_pool1d>(info); }
YS_OP(nnMaxPool2d) { return MaxPool<at::max_pool2d_with_indices, at::max_pool2d>(info); }

// adaptiveAvgPool1d/2d(input, outputSize)
YS_OP(nnAdaptiveAvgPool1d) { return Wrap(info.Env(), at::adaptive_avg_pool1d(T(info, 0, "input"), Ints(info, 1, "outputSize"))); }
YS_OP(nnAdaptiveAvgPool2d) { return Wrap(info.Env(), at::adaptive_avg_pool2d(T(info, 0, "input"), Ints(info, 1, "outputSize"))); }

// pad(input, pad, mode, value?): pad lists (left, right) pairs starting from the last dimension.
YS_OP(nnPad) {
  c10::optional<double> value;
  if (!IsMissing(info, 3)) value = Num(info, 3, "value");
  return Wrap(info.Env(), at::pad(T(info, 0, "input"), Ints(info, 1, "pad"), Str(info, 2, "mode"), value));
}

// interpolate(input, mode, size?, scaleFactors?, alignCorners?): exactly one of size / scaleFactors is given.
// With scale factors the output size is floor(in * scale) and the kernels use the given scale, as in PyTorch.
YS_OP(nnInterpolate) {
  const at::Tensor& input = T(info, 0, "input");
  std::string mode = Str(info, 1, "mode");
  auto size = OptInts(info, 2);
  c10::optional<std::vector<double>> scales;
  if (!IsMissing(info, 3)) scales = Doubles(info, 3, "scaleFactor");
  at::OptionalIntArrayRef osize = size ? at::OptionalIntArrayRef(*size) : c10::nullopt;
  c10::optional<at::ArrayRef<double>> sf = scales ? c10::optional<at::ArrayRef<double>>(*scales) : c10::nullopt;
  bool align = Bool(info, 4);
  int64_t spatial = input.dim() - 2;
  // true when the input has `dims` spatial dimensions; otherwise the error names the mode and both ranks
  auto need = [&](int64_t dims) {
    if (spatial != dims) {
      throw Napi::Error::New(info.Env(), "interpolate: mode '" + mode + "' expects a " + std::to_string(dims + 2) +
                                             "-D input, got " + std::to_string(input.dim()) + "-D");
    }
    return true;
  };
  if (mode == "nearest") {
    if (spatial == 1) return Wrap(info.Env(), at::upsample_nearest1d(input, osize, sf));
    if (spatial == 2) return Wrap(info.Env(), at::upsample_nearest2d(input, osize, sf));
    if (spatial == 3) return Wrap(info.Env(), at::upsample_nearest3d(input, osize, sf));
    throw Napi::Error::New(info.Env(), "interpolate: 'nearest' expects a 3-D, 4-D or 5-D input, got " + std::to_string(input.dim()) + "-D");
  }
  if (mode == "nearest-exact") {
    if (spatial == 1) return Wrap(info.Env(), at::_upsample_nearest_exact1d(input, osize, sf));
    if (spatial == 2) return Wrap(info.Env(), at::_upsample_nearest_exact2d(input, osize, sf));
    if (spatial == 3) return Wrap(info.Env(), at::_upsample_nearest_exact3d(input, osize, sf));
    throw Napi::Error::New(info.Env(), "interpolate: 'nearest-exact' expects a 3-D, 4-D or 5-D input, got " + std::to_string(input.dim()) + "-D");
  }
  if (mode == "linear" && need(1)) return Wrap(info.Env(), at::upsample_linear1d(input, osize, align, sf));
  if (mode == "bilinear" && need(2)) return Wrap(info.Env(), at::upsample_bilinear2d(input, osize, align, sf));
  if (mode == "bicubic" && need(2)) return Wrap(info.Env(), at::upsample_bicubic2d(input, osize, align, sf));
  if (mode == "trilinear" && need(3)) return Wrap(info.Env(), at::upsample_trilinear3d(input, osize, align, sf));
  throw Napi::TypeError::New(info.Env(), "interpolate: unknown mode '" + mode + "' (expected nearest, nearest-exact, linear, bilinear, bicubic or trilinear)");
}


}  // namespace ys
