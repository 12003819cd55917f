// Tensor creation, elementwise math (out-of-place and in-place), and matrix products.
// Shape/indexing ops live in ops_shape.cc, reductions and comparisons in ops_reduce.cc.
#include "ops_util.h"

namespace ys {

// ---- creation: name(shape, dtype?, device?) ----
YS_FN(Zeros) { return Wrap(info.Env(), at::zeros(Ints(info, 0, "shape"), CreationOpts(info, 1))); }
YS_FN(Ones) { return Wrap(info.Env(), at::ones(Ints(info, 0, "shape"), CreationOpts(info, 1))); }
YS_FN(Empty) { return Wrap(info.Env(), at::empty(Ints(info, 0, "shape"), CreationOpts(info, 1))); }
YS_FN(Rand) { return Wrap(info.Env(), at::rand(Ints(info, 0, "shape"), CreationOpts(info, 1))); }
YS_FN(Randn) { return Wrap(info.Env(), at::randn(Ints(info, 0, "shape"), CreationOpts(info, 1))); }
// full(shape, value, dtype?, device?)
YS_FN(Full) { return Wrap(info.Env(), at::full(Ints(info, 0, "shape"), JsScalar(info, 1, "fill_value"), CreationOpts(info, 2))); }
// arange(start, end, step, dtype?, device?): without a dtype, whole-number arguments give int64 as in PyTorch.
YS_FN(Arange) {
  return Wrap(info.Env(), at::arange(JsScalar(info, 0, "start"), JsScalar(info, 1, "end"), JsScalar(info, 2, "step"), CreationOpts(info, 3, std::nullopt)));
}
// linspace(start, end, steps, dtype?, device?)
YS_FN(Linspace) {
  return Wrap(info.Env(), at::linspace(JsScalar(info, 0, "start"), JsScalar(info, 1, "end"), Int(info, 2, "steps"), CreationOpts(info, 3)));
}
// eye(n, m?, dtype?, device?)
YS_FN(Eye) {
  int64_t n = Int(info, 0, "n");
  return Wrap(info.Env(), at::eye(n, IsMissing(info, 1) ? n : Int(info, 1, "m"), CreationOpts(info, 2)));
}
// randint(low, high, shape, dtype?, device?)
YS_FN(Randint) {
  return Wrap(info.Env(), at::randint(Int(info, 0, "low"), Int(info, 1, "high"), Ints(info, 2, "shape"), CreationOpts(info, 3, at::kLong)));
}
// randperm(n, dtype?, device?)
YS_FN(Randperm) { return Wrap(info.Env(), at::randperm(Int(info, 0, "n"), CreationOpts(info, 1, at::kLong))); }

// name_like(t, dtype?, device?): dtype and device default to t's.
YS_FN(ZerosLike) { return Wrap(info.Env(), at::zeros_like(T(info, 0), CreationOpts(info, 1, std::nullopt))); }
YS_FN(OnesLike) { return Wrap(info.Env(), at::ones_like(T(info, 0), CreationOpts(info, 1, std::nullopt))); }
YS_FN(EmptyLike) { return Wrap(info.Env(), at::empty_like(T(info, 0), CreationOpts(info, 1, std::nullopt))); }
YS_FN(RandLike) { return Wrap(info.Env(), at::rand_like(T(info, 0), CreationOpts(info, 1, std::nullopt))); }
YS_FN(RandnLike) { return Wrap(info.Env(), at::randn_like(T(info, 0), CreationOpts(info, 1, std::nullopt))); }
// fullLike(t, value, dtype?, device?)
YS_FN(FullLike) { return Wrap(info.Env(), at::full_like(T(info, 0), JsScalar(info, 1, "fill_value"), CreationOpts(info, 2, std::nullopt))); }

// ---- arithmetic with PyTorch's optional arguments ----
static at::Scalar Alpha(const Napi::CallbackInfo& info, size_t i) { return IsMissing(info, i) ? at::Scalar(1) : JsScalar(info, i, "alpha"); }

// add(a, b, alpha?) = a + alpha * b; sub likewise. Either operand may be a number.
YS_FN(Add) { return Wrap(info.Env(), at::add(TensorOrScalar(info, 0, "input"), TensorOrScalar(info, 1, "other"), Alpha(info, 2))); }
YS_FN(Sub) { return Wrap(info.Env(), at::sub(TensorOrScalar(info, 0, "input"), TensorOrScalar(info, 1, "other"), Alpha(info, 2))); }
static c10::optional<c10::string_view> RoundingMode(const Napi::CallbackInfo& info, size_t i, std::string& holder) {
  if (IsMissing(info, i)) return c10::nullopt;
  holder = Str(info, i, "rounding_mode");
  return c10::string_view(holder);
}
// div(a, b, roundingMode?) with roundingMode 'trunc' | 'floor'
YS_FN(Div) {
  std::string mode;
  return Wrap(info.Env(), at::div(TensorOrScalar(info, 0, "input"), TensorOrScalar(info, 1, "other"), RoundingMode(info, 2, mode)));
}
YS_FN(AddInplace) {
  T(info, 0).add_(TensorOrScalar(info, 1, "other"), Alpha(info, 2));
  return info.Env().Undefined();
}
YS_FN(SubInplace) {
  T(info, 0).sub_(TensorOrScalar(info, 1, "other"), Alpha(info, 2));
  return info.Env().Undefined();
}
YS_FN(DivInplace) {
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
YS_FN(Clamp) {
  at::Tensor& t = T(info, 0);
  if (AnyTensor(info, 1, 2)) return Wrap(info.Env(), at::clamp(t, OptBound(info, 1, "min"), OptBound(info, 2, "max")));
  return Wrap(info.Env(), at::clamp(t, OptJsScalar(info, 1, "min"), OptJsScalar(info, 2, "max")));
}
YS_FN(ClampInplace) {
  at::Tensor& t = T(info, 0);
  if (AnyTensor(info, 1, 2)) t.clamp_(OptBound(info, 1, "min"), OptBound(info, 2, "max"));
  else t.clamp_(OptJsScalar(info, 1, "min"), OptJsScalar(info, 2, "max"));
  return info.Env().Undefined();
}

static at::Scalar Value(const Napi::CallbackInfo& info, size_t i) { return IsMissing(info, i) ? at::Scalar(1) : JsScalar(info, i, "value"); }
// addcmul(t, t1, t2, value?) = t + value * t1 * t2; addcdiv likewise with t1 / t2.
YS_FN(Addcmul) { return Wrap(info.Env(), at::addcmul(T(info, 0), T(info, 1, "tensor1"), T(info, 2, "tensor2"), Value(info, 3))); }
YS_FN(Addcdiv) { return Wrap(info.Env(), at::addcdiv(T(info, 0), T(info, 1, "tensor1"), T(info, 2, "tensor2"), Value(info, 3))); }
YS_FN(AddcmulInplace) {
  T(info, 0).addcmul_(T(info, 1, "tensor1"), T(info, 2, "tensor2"), Value(info, 3));
  return info.Env().Undefined();
}
YS_FN(AddcdivInplace) {
  T(info, 0).addcdiv_(T(info, 1, "tensor1"), T(info, 2, "tensor2"), Value(info, 3));
  return info.Env().Undefined();
}
// lerp(start, end, weight): weight is a number or a tensor.
YS_FN(Lerp) {
  at::Tensor& s = T(info, 0);
  if (IsTensor(info[2])) return Wrap(info.Env(), at::lerp(s, T(info, 1, "end"), T(info, 2, "weight")));
  return Wrap(info.Env(), at::lerp(s, T(info, 1, "end"), JsScalar(info, 2, "weight")));
}
YS_FN(LerpInplace) {
  at::Tensor& s = T(info, 0);
  if (IsTensor(info[2])) s.lerp_(T(info, 1, "end"), T(info, 2, "weight"));
  else s.lerp_(T(info, 1, "end"), JsScalar(info, 2, "weight"));
  return info.Env().Undefined();
}
YS_FN(ZeroInplace) {
  T(info, 0).zero_();
  return info.Env().Undefined();
}
// fill_(t, value): value is a number or a 0-dim tensor.
YS_FN(FillInplace) {
  at::Tensor& t = T(info, 0);
  if (IsTensor(info[1])) t.fill_(T(info, 1, "value"));
  else t.fill_(JsScalar(info, 1, "value"));
  return info.Env().Undefined();
}
// copy_(dst, src): src broadcasts to dst and is converted to dst's dtype and device.
YS_FN(CopyInplace) {
  T(info, 0).copy_(T(info, 1, "src"));
  return info.Env().Undefined();
}

// ---- matrix products ----
YS_FN(Matmul) { return Wrap(info.Env(), at::matmul(T(info, 0), T(info, 1, "other"))); }
YS_FN(Mm) { return Wrap(info.Env(), at::mm(T(info, 0), T(info, 1, "mat2"))); }
YS_FN(Bmm) { return Wrap(info.Env(), at::bmm(T(info, 0), T(info, 1, "mat2"))); }
YS_FN(Mv) { return Wrap(info.Env(), at::mv(T(info, 0), T(info, 1, "vec"))); }
YS_FN(Dot) { return Wrap(info.Env(), at::dot(T(info, 0), T(info, 1, "other"))); }
YS_FN(Outer) { return Wrap(info.Env(), at::outer(T(info, 0), T(info, 1, "vec2"))); }
static at::Scalar Beta(const Napi::CallbackInfo& info, size_t i) { return IsMissing(info, i) ? at::Scalar(1) : JsScalar(info, i, "beta"); }
// addmm(input, m1, m2, beta?, alpha?) = beta * input + alpha * m1 @ m2
YS_FN(Addmm) { return Wrap(info.Env(), at::addmm(T(info, 0), T(info, 1, "mat1"), T(info, 2, "mat2"), Beta(info, 3), Alpha(info, 4))); }
// addmm_ accumulates in place, e.g. X^T X over row chunks without a temporary the size of the result.
YS_FN(AddmmInplace) {
  T(info, 0).addmm_(T(info, 1, "mat1"), T(info, 2, "mat2"), Beta(info, 3), Alpha(info, 4));
  return info.Env().Undefined();
}
YS_FN(Baddbmm) { return Wrap(info.Env(), at::baddbmm(T(info, 0), T(info, 1, "batch1"), T(info, 2, "batch2"), Beta(info, 3), Alpha(info, 4))); }
// einsum(equation, tensors)
YS_FN(Einsum) { return Wrap(info.Env(), at::einsum(Str(info, 0, "equation"), TList(info, 1))); }

void InitTensorOps(Napi::Env env, Napi::Object exports) {
  Register(env, exports, "zeros", Zeros);
  Register(env, exports, "ones", Ones);
  Register(env, exports, "empty", Empty);
  Register(env, exports, "rand", Rand);
  Register(env, exports, "randn", Randn);
  Register(env, exports, "full", Full);
  Register(env, exports, "arange", Arange);
  Register(env, exports, "linspace", Linspace);
  Register(env, exports, "eye", Eye);
  Register(env, exports, "randint", Randint);
  Register(env, exports, "randperm", Randperm);
  Register(env, exports, "zerosLike", ZerosLike);
  Register(env, exports, "onesLike", OnesLike);
  Register(env, exports, "emptyLike", EmptyLike);
  Register(env, exports, "randLike", RandLike);
  Register(env, exports, "randnLike", RandnLike);
  Register(env, exports, "fullLike", FullLike);

  Register(env, exports, "add", Add);
  Register(env, exports, "sub", Sub);
  Register(env, exports, "div", Div);
  Register(env, exports, "add_", AddInplace);
  Register(env, exports, "sub_", SubInplace);
  Register(env, exports, "div_", DivInplace);
  Register(env, exports, "clamp", Clamp);
  Register(env, exports, "clamp_", ClampInplace);
  Register(env, exports, "addcmul", Addcmul);
  Register(env, exports, "addcdiv", Addcdiv);
  Register(env, exports, "addcmul_", AddcmulInplace);
  Register(env, exports, "addcdiv_", AddcdivInplace);
  Register(env, exports, "lerp", Lerp);
  Register(env, exports, "lerp_", LerpInplace);
  Register(env, exports, "zero_", ZeroInplace);
  Register(env, exports, "fill_", FillInplace);
  Register(env, exports, "copy_", CopyInplace);

  // Binary elementwise ops; either operand may be a number (Python-scalar promotion).
  RegisterBinary(env, exports, "mul", [](const at::Tensor& a, const at::Tensor& b) { return at::mul(a, b); });
  RegisterBinary(env, exports, "pow", [](const at::Tensor& a, const at::Tensor& b) { return at::pow(a, b); });
  RegisterBinary(env, exports, "maximum", [](const at::Tensor& a, const at::Tensor& b) { return at::maximum(a, b); });
  RegisterBinary(env, exports, "minimum", [](const at::Tensor& a, const at::Tensor& b) { return at::minimum(a, b); });
  RegisterBinary(env, exports, "remainder", [](const at::Tensor& a, const at::Tensor& b) { return at::remainder(a, b); });
  RegisterBinary(env, exports, "fmod", [](const at::Tensor& a, const at::Tensor& b) { return at::fmod(a, b); });
  RegisterBinary(env, exports, "atan2", [](const at::Tensor& a, const at::Tensor& b) { return at::atan2(a, b); });
  RegisterInplaceBinary(env, exports, "mul_", [](at::Tensor& a, const at::Tensor& b) { a.mul_(b); });
  RegisterInplaceBinary(env, exports, "pow_", [](at::Tensor& a, const at::Tensor& b) { a.pow_(b); });
  RegisterInplaceBinary(env, exports, "remainder_", [](at::Tensor& a, const at::Tensor& b) { a.remainder_(b); });

  // Unary elementwise ops, each with its in-place variant name_.
#define YS_UNARY(op)                                                                             \
  RegisterUnary(env, exports, #op, [](const at::Tensor& t) { return t.op(); });                  \
  RegisterInplaceUnary(env, exports, #op "_", [](at::Tensor& t) { t.op##_(); });
  YS_UNARY(neg) YS_UNARY(exp) YS_UNARY(exp2) YS_UNARY(expm1) YS_UNARY(log) YS_UNARY(log2) YS_UNARY(log10)
  YS_UNARY(log1p) YS_UNARY(sqrt) YS_UNARY(rsqrt) YS_UNARY(abs) YS_UNARY(sign) YS_UNARY(floor) YS_UNARY(ceil)
  YS_UNARY(round) YS_UNARY(trunc) YS_UNARY(frac) YS_UNARY(sin) YS_UNARY(cos) YS_UNARY(tan) YS_UNARY(asin)
  YS_UNARY(acos) YS_UNARY(atan) YS_UNARY(sinh) YS_UNARY(cosh) YS_UNARY(tanh) YS_UNARY(sigmoid) YS_UNARY(relu)
  YS_UNARY(erf) YS_UNARY(erfc) YS_UNARY(reciprocal) YS_UNARY(square)
#undef YS_UNARY

  Register(env, exports, "matmul", Matmul);
  Register(env, exports, "mm", Mm);
  Register(env, exports, "bmm", Bmm);
  Register(env, exports, "mv", Mv);
  Register(env, exports, "dot", Dot);
  Register(env, exports, "outer", Outer);
  Register(env, exports, "addmm", Addmm);
  Register(env, exports, "addmm_", AddmmInplace);
  Register(env, exports, "baddbmm", Baddbmm);
  Register(env, exports, "einsum", Einsum);

  InitShapeOps(env, exports);
  InitReduceOps(env, exports);
}

}  // namespace ys
