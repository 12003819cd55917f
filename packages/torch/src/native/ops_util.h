// Helpers shared by the tensor op families (ops_tensor, ops_shape, ops_reduce, ops_linalg):
// PyTorch-style scalar handling, creation options, and table-driven definition of simple ops.
#pragma once
#include <ATen/ScalarOps.h>

#include "common.h"

namespace ys {

// A JS number becomes an integral Scalar when it is a whole number, like a Python int, so that
// int64 tensors stay int64 under `x.add(1)` and float tensors keep their dtype under `x.mul(2)`.
inline at::Scalar JsScalar(const Napi::CallbackInfo& info, size_t i, const char* name) {
  if (i < info.Length() && info[i].IsBoolean()) return at::Scalar(info[i].As<Napi::Boolean>().Value());
  double d = Num(info, i, name);
  if (std::isfinite(d) && d == std::trunc(d) && std::abs(d) < 9007199254740992.0) return at::Scalar(static_cast<int64_t>(d));
  return at::Scalar(d);
}

// libtorch 1.13 takes c10::optional, which is not std::optional: convert the common.h helpers' results.
template <typename V>
c10::optional<V> C10(const std::optional<V>& v) {
  return v ? c10::optional<V>(*v) : c10::nullopt;
}

inline c10::optional<at::Scalar> OptJsScalar(const Napi::CallbackInfo& info, size_t i, const char* name) {
  if (IsMissing(info, i)) return c10::nullopt;
  return JsScalar(info, i, name);
}

// A tensor argument, or a number wrapped as a 0-dim "wrapped number" tensor, which takes part in type
// promotion the way a Python scalar does (it never widens the other operand's dtype category).
inline at::Tensor TensorOrScalar(const Napi::CallbackInfo& info, size_t i, const char* name) {
  if (i < info.Length() && IsTensor(info[i])) return T(info, i, name);
  return at::native::wrapped_scalar_tensor(JsScalar(info, i, name));
}

// Creation options from (dtype?, device?) at argument positions i and i+1.
inline at::TensorOptions CreationOpts(const Napi::CallbackInfo& info, size_t i, std::optional<at::ScalarType> fallback = at::kFloat) {
  at::TensorOptions o;
  if (!IsMissing(info, i)) o = o.dtype(ParseDtype(info.Env(), Str(info, i, "dtype")));
  else if (fallback) o = o.dtype(*fallback);
  if (!IsMissing(info, i + 1)) o = o.device(ParseDevice(info.Env(), Str(info, i + 1, "device")));
  return o;
}

inline c10::optional<at::ScalarType> OptDtype(const Napi::CallbackInfo& info, size_t i) {
  if (IsMissing(info, i)) return c10::nullopt;
  return ParseDtype(info.Env(), Str(info, i, "dtype"));
}

// Wraps a (values, indices)-style pair into a JS object with the given field names.
inline Napi::Object WrapPair(Napi::Env env, const std::tuple<at::Tensor, at::Tensor>& p, const char* a, const char* b) {
  auto o = Napi::Object::New(env);
  o.Set(a, Wrap(env, std::get<0>(p)));
  o.Set(b, Wrap(env, std::get<1>(p)));
  return o;
}

// ---- table-driven ops: one N-API trampoline per signature, the libtorch call passed as callback data ----
using UnaryOp = at::Tensor (*)(const at::Tensor&);
using BinaryOp = at::Tensor (*)(const at::Tensor&, const at::Tensor&);
using InplaceUnaryOp = void (*)(at::Tensor&);
using InplaceBinaryOp = void (*)(at::Tensor&, const at::Tensor&);

template <typename Op, Napi::Value (*Call)(const Napi::CallbackInfo&, Op)>
Napi::Value Trampoline(const Napi::CallbackInfo& info) {
  auto f = reinterpret_cast<Op>(info.Data());
  return Guard(info, [&]() { return Call(info, f); });
}

// name(t) -> new tensor
inline Napi::Value CallUnary(const Napi::CallbackInfo& info, UnaryOp f) { return Wrap(info.Env(), f(T(info, 0))); }
// name(a, b) -> new tensor; either side may be a number
inline Napi::Value CallBinary(const Napi::CallbackInfo& info, BinaryOp f) {
  return Wrap(info.Env(), f(TensorOrScalar(info, 0, "input"), TensorOrScalar(info, 1, "other")));
}
// name(t): modifies t in place
inline Napi::Value CallInplaceUnary(const Napi::CallbackInfo& info, InplaceUnaryOp f) {
  f(T(info, 0));
  return info.Env().Undefined();
}
// name(t, other): modifies t in place; other may be a number
inline Napi::Value CallInplaceBinary(const Napi::CallbackInfo& info, InplaceBinaryOp f) {
  f(T(info, 0), TensorOrScalar(info, 1, "other"));
  return info.Env().Undefined();
}

// Registers `name` as Call applied to the function (a captureless lambda) given after it.
#define YS_TABLE_OP(name, Op, Call, ...)                                       \
  static const ::ys::OpRegistrar op_##name##_registrar(                        \
      #name, ::ys::Trampoline<Op, Call>, reinterpret_cast<void*>(static_cast<Op>(__VA_ARGS__)));

// YS_UNARY(name, expr of t), YS_BINARY(name, expr of a and b), YS_INPLACE_BINARY(name, statement on a and b)
#define YS_UNARY(name, expr) YS_TABLE_OP(name, ::ys::UnaryOp, ::ys::CallUnary, [](const at::Tensor& t) { return expr; })
#define YS_BINARY(name, expr) \
  YS_TABLE_OP(name, ::ys::BinaryOp, ::ys::CallBinary, [](const at::Tensor& a, const at::Tensor& b) { return expr; })
#define YS_INPLACE_BINARY(name, stmt) \
  YS_TABLE_OP(name, ::ys::InplaceBinaryOp, ::ys::CallInplaceBinary, [](at::Tensor& a, const at::Tensor& b) { stmt; })
// The method t.name() as `name` and its in-place form t.name_() as `name_`.
#define YS_UNARY_WITH_INPLACE(name) \
  YS_UNARY(name, t.name())          \
  YS_TABLE_OP(name##_, ::ys::InplaceUnaryOp, ::ys::CallInplaceUnary, [](at::Tensor& t) { t.name##_(); })

}  // namespace ys
