// Neural-network functions: convolution, linear, normalisation, dropout and activations.
// Pooling, padding and resampling live in ops_nn_pool.cc; losses in ops_nn_loss.cc.
#include "ops_nn.h"

namespace ys {

c10::optional<at::Tensor> OptTensorArg(const Napi::CallbackInfo& info, size_t i, const char* name) {
  if (IsMissing(info, i)) return c10::nullopt;
  return T(info, i, name);
}

int64_t ReductionArg(const Napi::CallbackInfo& info, size_t i) {
  if (IsMissing(info, i)) return at::Reduction::Mean;
  std::string r = Str(info, i, "reduction");
  if (r == "mean") return at::Reduction::Mean;
  if (r == "sum") return at::Reduction::Sum;
  if (r == "none") return at::Reduction::None;
  throw Napi::TypeError::New(info.Env(), "reduction must be 'none', 'mean' or 'sum', got '" + r + "'");
}

// conv1d/conv2d(input, weight, bias?, stride, padding (ints | 'same' | 'valid'), dilation, groups)
template <at::Tensor (*IntPad)(const at::Tensor&, const at::Tensor&, const c10::optional<at::Tensor>&, at::IntArrayRef,
                               at::IntArrayRef, at::IntArrayRef, int64_t),
          at::Tensor (*StrPad)(const at::Tensor&, const at::Tensor&, const c10::optional<at::Tensor>&, at::IntArrayRef,
                               c10::string_view, at::IntArrayRef, int64_t)>
static Napi::Value Conv(const Napi::CallbackInfo& info) {
  const at::Tensor& input = T(info, 0, "input");
  const at::Tensor& weight = T(info, 1, "weight");
  auto bias = OptTensorArg(info, 2, "bias");
  auto stride = Ints(info, 3, "stride");
  auto dilation = Ints(info, 5, "dilation");
  int64_t groups = Int(info, 6, "groups");
  if (info[4].IsString()) {
    std::string padding = Str(info, 4, "padding");
    return Wrap(info.Env(), StrPad(input, weight, bias, stride, padding, dilation, groups));
  }
  return Wrap(info.Env(), IntPad(input, weight, bias, stride, Ints(info, 4, "padding"), dilation, groups));
}
YS_OP(nnConv1d) { return Conv<at::conv1d, at::conv1d>(info); }
YS_OP(nnConv2d) { return Conv<at::conv2d, at::conv2d>(info); }

// convTranspose2d(input, weight, bias?, stride, padding, outputPadding, groups, dilation)
YS_OP(nnConvTranspose2d) {
  return Wrap(info.Env(), at::conv_transpose2d(T(info, 0, "input"), T(info, 1, "weight"), OptTensorArg(info, 2, "bias"),
                                               Ints(info, 3, "stride"), Ints(info, 4, "padding"),
                                               Ints(info, 5, "outputPadding"), Int(info, 6, "groups"),
                                               Ints(info, 7, "dilation")));
}

// linear(input, weight, bias?)
YS_OP(nnLinear) { return Wrap(info.Env(), at::linear(T(info, 0, "input"), T(info, 1, "weight"), OptTensorArg(info, 2, "bias"))); }

// batchNorm(input, runningMean?, runningVar?, weight?, bias?, training, momentum, eps).
// In training the running statistics (when given) are updated in place, as in PyTorch.
YS_OP(nnBatchNorm) {
  const at::Tensor& input = T(info, 0, "input");
  bool training = Bool(info, 5);
  if (training && input.dim() >= 2) {
    // PyTorch's Python wrapper rejects a single value per channel, where libtorch would silently return zeros.
    int64_t perChannel = input.size(0);
    for (int64_t d = 2; d < input.dim(); d++) perChannel *= input.size(d);
    if (perChannel == 1) {
      throw Napi::Error::New(info.Env(), "Expected more than 1 value per channel when training, got input size " + c10::str(input.sizes()));
    }
  }
  return Wrap(info.Env(), at::batch_norm(input, OptTensorArg(info, 3, "weight"), OptTensorArg(info, 4, "bias"),
                                         OptTensorArg(info, 1, "runningMean"), OptTensorArg(info, 2, "runningVar"), training,
                                         Num(info, 6, "momentum"), Num(info, 7, "eps"), /*cudnn_enabled=*/true));
}

// layerNorm(input, normalizedShape, weight?, bias?, eps)
YS_OP(nnLayerNorm) {
  return Wrap(info.Env(), at::layer_norm(T(info, 0, "input"), Ints(info, 1, "normalizedShape"), OptTensorArg(info, 2, "weight"),
                                         OptTensorArg(info, 3, "bias"), Num(info, 4, "eps")));
}

// groupNorm(input, numGroups, weight?, bias?, eps)
YS_OP(nnGroupNorm) {
  return Wrap(info.Env(), at::group_norm(T(info, 0, "input"), Int(info, 1, "numGroups"), OptTensorArg(info, 2, "weight"),
                                         OptTensorArg(info, 3, "bias"), Num(info, 4, "eps")));
}

// dropout(input, p, training): draws from libtorch's generator, so manualSeed makes it reproducible.
YS_OP(nnDropout) {
  double p = Num(info, 1, "p");
  if (!(p >= 0 && p <= 1)) throw Napi::RangeError::New(info.Env(), "dropout probability has to be between 0 and 1, but got " + std::to_string(p));
  return Wrap(info.Env(), at::dropout(T(info, 0, "input"), p, Bool(info, 2, true)));
}

YS_OP(nnRelu) { return Wrap(info.Env(), at::relu(T(info, 0, "input"))); }
YS_OP(nnGelu) { return Wrap(info.Env(), at::gelu(T(info, 0, "input"), IsMissing(info, 1) ? "none" : Str(info, 1, "approximate"))); }
YS_OP(nnSilu) { return Wrap(info.Env(), at::silu(T(info, 0, "input"))); }
YS_OP(nnSigmoid) { return Wrap(info.Env(), at::sigmoid(T(info, 0, "input"))); }
YS_OP(nnTanh) { return Wrap(info.Env(), at::tanh(T(info, 0, "input"))); }
YS_OP(nnLeakyRelu) { return Wrap(info.Env(), at::leaky_relu(T(info, 0, "input"), Num(info, 1, "negativeSlope"))); }

// softmax/logSoftmax(input, dim, dtype?)
YS_OP(nnSoftmax) { return Wrap(info.Env(), at::softmax(T(info, 0, "input"), Int(info, 1, "dim"), OptDtype(info, 2))); }
YS_OP(nnLogSoftmax) { return Wrap(info.Env(), at::log_softmax(T(info, 0, "input"), Int(info, 1, "dim"), OptDtype(info, 2))); }


}  // namespace ys
