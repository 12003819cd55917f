// Tensor creation, elementwise math (out-of-place and in-place), and matrix products.
// Shape/indexing ops live in ops_shape.cc, reductions and comparisons in ops_reduce.cc.
#include "ops_util.h"

namespace ys {

// ---- creation: name(shape, dtype?, device?) ----
YS_OP(zeros) { return Wrap(info.Env(), at::zeros(Ints(info, 0, "shape"), CreationOpts(info, 1))); }
YS_OP(ones) { return Wrap(info.Env(), at::ones(Ints(info, 0, "shape"), CreationOpts(info, 1))); }
YS_OP(empty) { return Wrap(info.Env(), at::empty(Ints(info, 0, "shape"), CreationOpts(info, 1))); }
YS_OP(rand) { return Wrap(info.Env(), at::rand(Ints(info, 0, "shape"), CreationOpts(info, 1))); }
YS_OP(randn) { return Wrap(info.Env(), at::randn(Ints(info, 0, "shape"), CreationOpts(info, 1))); }
// full(shape, value, dtype?, device?)
YS_OP(full) { return Wrap(info.Env(), at::full(Ints(info, 0, "shape"), JsScalar(info, 1, "fill_value"), CreationOpts(info, 2))); }
// arange(start, end, step, dtype?, device?): without a dtype, whole-number arguments give int64 as in PyTorch.
YS_OP(arange) {
  return Wrap(info.Env(), at::arange(JsScalar(info, 0, "start"), JsScalar(info, 1, "end"), JsScalar(info, 2, "step"), CreationOpts(info, 3, std::nullopt)));
}
// linspace(start, end, steps, dtype?, device?)
YS_OP(linspace) {
  return Wrap(info.Env(), at::linspace(JsScalar(info, 0, "start"), JsScalar(info, 1, "end"), Int(info, 2, "steps"), CreationOpts(info, 3)));
}
// eye(n, m?, dtype?, device?)
YS_OP(eye) {
  int64_t n = Int(info, 0, "n");
  return Wrap(info.Env(), at::eye(n, IsMissing(info, 1) ? n : Int(info, 1, "m"), CreationOpts(info, 2)));
}
// randint(low, high, shape, dtype?, device?)
YS_OP(randint) {
  return Wrap(info.Env(), at::randint(Int(info, 0, "low"), Int(info, 1, "high"), Ints(info, 2, "shape"), CreationOpts(info, 3, at::kLong)));
}
// randperm(n, dtype?, device?)
YS_OP(randperm) { return Wrap(info.Env(), at::randperm(Int(info, 0, "n"), CreationOpts(info, 1, at::kLong))); }

// name_like(t, dtype?, device?): dtype and device default to t's.
YS_OP(zerosLike) { return Wrap(info.Env(), at::zeros_like(T(info, 0), CreationOpts(info, 1, std::nullopt))); }
YS_OP(onesLike) { return Wrap(info.Env(), at::ones_like(T(info, 0), CreationOpts(info, 1, std::nullopt))); }
YS_OP(emptyLike) { return Wrap(info.Env(), at::empty_like(T(info, 0), CreationOpts(info, 1, std::nullopt))); }
YS_OP(randLike) { return Wrap(info.Env(), at::rand_like(T(info, 0), CreationOpts(info, 1, std::nullopt))); }
YS_OP(randnLike) { return Wrap(info.Env(), at::randn_like(T(info, 0), CreationOpts(info, 1, std::nullopt))); }
// fullLike(t, value, dtype?, device?)
YS_OP(fullLike) { return Wrap(info.Env(), at::full_like(T(info, 0), JsScalar(info, 1, "fill_value"), CreationOpts(info, 2, std::nullopt))); }

// ---- arithmetic with PyTorch's optional arguments ----
static at::Scalar Alpha(const Napi::CallbackInfo& info, size_t i) { return IsMissing(info, i) ? at::Scalar(1) : JsScalar(info, i, "alpha"); }

// add(a, b, alpha?) = a + alpha * b; sub likewise. Either operand may be a number.
YS_OP(add) { return Wrap(info.Env(), at::add(TensorOrScalar(info, 0, "input"), TensorOrScalar(info, 1, "other"), Alpha(info, 2))); }
YS_OP(sub) { return Wrap(info.Env(), at::sub(TensorOrScalar(info, 0, "input"), TensorOrScalar(info, 1, "other"), Alpha(info, 2))); }
static c10::optional<c10::string_view> RoundingMode(const Napi::CallbackInfo& info, size_t i, std::string& holder) {
  if (IsMissing(info, i)) return c10::nullopt;
  holder = Str(info, i, "rounding_mode");
  return c10::string_view(holder);
}
// div(a, b, roundingMode?) with roundingMode 'trunc' | 'floor'
YS_OP(div) {
  std::string mode;
  return Wrap(info.Env(), at::div(TensorOrScalar(info, 0, "input"), TensorOrScalar(info, 1, "other"), RoundingMode(info, 2, mode)));
}
YS_OP(add_) {
  T(info, 0).add_(TensorOrScalar(info, 1, "other"), Alpha(info, 2));
  return info.Env().Undefined();
}
YS_OP(sub_) {
  T(info, 0).sub_(TensorOrScalar(info, 1, "other"), Alpha(info, 2));
  return info.Env().Undefined();
}
YS_OP(div_) {
  std::string mode;
  T(info, 0).div_(TensorOrScalar(info, 1, "other"), RoundingMode(info, 2, mode));
  return info.Env().Undefined();
}

// clamp(t, min?, max?): bounds are numbers or tensors (broadcast); at least one is required.
static c10::optional<at::Tensor> OptBound(const Napi::CallbackInfo& info, size_t i, const char* name) {
  if (IsMissing(info, i)) return c10::nullopt;
  return TensorOrScalar(info, i, name);
}
static bool AnyTensor(const Napi::CallbackInfo& info, size_t a, size_t b) {
  return (a < info.Length() && IsTensor(info[a])) || (b < info.Length() && IsTensor(info[b]));
}
YS_OP(clamp) {
  at::Tensor& t = T(info, 0);
  if (AnyTensor(info, 1, 2)) return Wrap(info.Env(), at::clamp(t, OptBound(info, 1, "min"), OptBound(info, 2, "max")));
  return Wrap(info.Env(), at::clamp(t, OptJsScalar(info, 1, "min"), OptJsScalar(info, 2, "max")));
}
YS_OP(clamp_) {
  at::Tensor& t = T(info, 0);
  if (AnyTensor(info, 1, 2)) t.clamp_(OptBound(info, 1, "min"), OptBound(info, 2, "max"));
  else t.clamp_(OptJsScalar(info, 1, "min"), OptJsScalar(info, 2, "max"));
  return info.Env().Undefined();
}

static at::Scalar Value(const Napi::CallbackInfo& info, size_t i) { return IsMissing(info, i) ? at::Scalar(1) : JsScalar(info, i, "value"); }
// addcmul(t, t1, t2, value?) = t + value * t1 * t2; addcdiv likewise with t1 / t2.
YS_OP(addcmul) { return Wrap(info.Env(), at::addcmul(T(info, 0), T(info, 1, "tensor1"), T(info, 2, "tensor2"), Value(info, 3))); }
YS_OP(addcdiv) { return Wrap(info.Env(), at::addcdiv(T(info, 0), T(info, 1, "tensor1"), T(info, 2, "tensor2"), Value(info, 3))); }
YS_OP(addcmul_) {
  T(info, 0).addcmul_(T(info, 1, "tensor1"), T(info, 2, "tensor2"), Value(info, 3));
  return info.Env().Undefined();
}
YS_OP(addcdiv_) {
  T(info, 0).addcdiv_(T(info, 1, "tensor1"), T(info, 2, "tensor2"), Value(info, 3));
  return info.Env().Undefined();
}
// lerp(start, end, weight): weight is a number or a tensor.
YS_OP(lerp) {
  at::Tensor& s = T(info, 0);
  if (IsTensor(info[2])) return Wrap(info.Env(), at::lerp(s, T(info, 1, "end"), T(info, 2, "weight")));
  return Wrap(info.Env(), at::lerp(s, T(info, 1, "end"), JsScalar(info, 2, "weight")));
}
YS_OP(lerp_) {
  at::Tensor& s = T(info, 0);
  if (IsTensor(info[2])) s.lerp_(T(info, 1, "end"), T(info, 2, "weight"));
  else s.lerp_(T(info, 1, "end"), JsScalar(info, 2, "weight"));
  return info.Env().Undefined();
}
YS_OP(zero_) {
  T(info, 0).zero_();
  return info.Env().Undefined();
}
// fill_(t, value): value is a number or a 0-dim tensor.
YS_OP(fill_) {
  at::Tensor& t = T(info, 0);
  if (IsTensor(info[1])) t.fill_(T(info, 1, "value"));
  else t.fill_(JsScalar(info, 1, "value"));
  return info.Env().Undefined();
}
// copy_(dst, src): src broadcasts to dst and is converted to dst's dtype and device.
YS_OP(copy_) {
  T(info, 0).copy_(T(info, 1, "src"));
  return info.Env().Undefined();
}

// ---- matrix products ----
YS_OP(matmul) { return Wrap(info.Env(), at::matmul(T(info, 0), T(info, 1, "other"))); }
YS_OP(mm) { return Wrap(info.Env(), at::mm(T(info, 0), T(info, 1, "mat2"))); }
YS_OP(bmm) { return Wrap(info.Env(), at::bmm(T(info, 0), T(info, 1, "mat2"))); }
YS_OP(mv) { return Wrap(info.Env(), at::mv(T(info, 0), T(info, 1, "vec"))); }
YS_OP(dot) { return Wrap(info.Env(), at::dot(T(info, 0), T(info, 1, "other"))); }
YS_OP(outer) { return Wrap(info.Env(), at::outer(T(info, 0), T(info, 1, "vec2"))); }
static at::Scalar Beta(const Napi::CallbackInfo& info, size_t i) { return IsMissing(info, i) ? at::Scalar(1) : JsScalar(info, i, "beta"); }
// addmm(input, m1, m2, beta?, alpha?) = beta * input + alpha * m1 @ m2
YS_OP(addmm) { return Wrap(info.Env(), at::addmm(T(info, 0), T(info, 1, "mat1"), T(info, 2, "mat2"), Beta(info, 3), Alpha(info, 4))); }
// addmm_ accumulates in place, e.g. X^T X over row chunks without a temporary the size of the result.
YS_OP(addmm_) {
  T(info, 0).addmm_(T(info, 1, "mat1"), T(info, 2, "mat2"), Beta(info, 3), Alpha(info, 4));
  return info.Env().Undefined();
}
YS_OP(baddbmm) { return Wrap(info.Env(), at::baddbmm(T(info, 0), T(info, 1, "batch1"), T(info, 2, "batch2"), Beta(info, 3), Alpha(info, 4))); }
// einsum(equation, tensors)
YS_OP(einsum) { return Wrap(info.Env(), at::einsum(Str(info, 0, "equation"), TList(info, 1))); }

// Binary elementwise ops; either operand may be a number (Python-scalar promotion).
YS_BINARY(mul, at::mul(a, b))
YS_BINARY(pow, at::pow(a, b))
YS_BINARY(maximum, at::maximum(a, b))
YS_BINARY(minimum, at::minimum(a, b))
YS_BINARY(remainder, at::remainder(a, b))
YS_BINARY(fmod, at::fmod(a, b))
YS_BINARY(atan2, at::atan2(a, b))
YS_INPLACE_BINARY(mul_, a.mul_(b))
YS_INPLACE_BINARY(pow_, a.pow_(b))
YS_INPLACE_BINARY(remainder_, a.remainder_(b))

// Unary elementwise ops, each with its in-place variant name_.
YS_UNARY_WITH_INPLACE(neg) YS_UNARY_WITH_INPLACE(exp) YS_UNARY_WITH_INPLACE(exp2)
YS_UNARY_WITH_INPLACE(expm1) YS_UNARY_WITH_INPLACE(log) YS_UNARY_WITH_INPLACE(log2)
YS_UNARY_WITH_INPLACE(log10) YS_UNARY_WITH_INPLACE(log1p) YS_UNARY_WITH_INPLACE(sqrt)
YS_UNARY_WITH_INPLACE(rsqrt) YS_UNARY_WITH_INPLACE(abs) YS_UNARY_WITH_INPLACE(sign)
YS_UNARY_WITH_INPLACE(floor) YS_UNARY_WITH_INPLACE(ceil) YS_UNARY_WITH_INPLACE(round)
YS_UNARY_WITH_INPLACE(trunc) YS_UNARY_WITH_INPLACE(frac) YS_UNARY_WITH_INPLACE(sin)
YS_UNARY_WITH_INPLACE(cos) YS_UNARY_WITH_INPLACE(tan) YS_UNARY_WITH_INPLACE(asin)
YS_UNARY_WITH_INPLACE(acos) YS_UNARY_WITH_INPLACE(atan) YS_UNARY_WITH_INPLACE(sinh)
YS_UNARY_WITH_INPLACE(cosh) YS_UNARY_WITH_INPLACE(tanh) YS_UNARY_WITH_INPLACE(sigmoid)
YS_UNARY_WITH_INPLACE(relu) YS_UNARY_WITH_INPLACE(erf) YS_UNARY_WITH_INPLACE(erfc)
YS_UNARY_WITH_INPLACE(reciprocal) YS_UNARY_WITH_INPLACE(square)

}  // namespace ys
