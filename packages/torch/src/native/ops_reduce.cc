// Reductions (sum, mean, var/std, max/min, arg*, cumulative, logsumexp, norms, sort/topk),
// comparisons and logical ops.
#include "ops_util.h"

namespace ys {

// Optional dims: missing reduces over all dimensions.
static at::OptionalIntArrayRef Dims(const std::optional<std::vector<int64_t>>& d) {
  return d ? at::OptionalIntArrayRef(*d) : at::OptionalIntArrayRef(c10::nullopt);
}

// sum(t, dims?, keepdim?, dtype?) and mean likewise.
YS_FN(Sum) {
  auto dims = OptInts(info, 1);
  return Wrap(info.Env(), at::sum(T(info, 0), Dims(dims), Bool(info, 2), OptDtype(info, 3)));
}
YS_FN(Mean) {
  auto dims = OptInts(info, 1);
  return Wrap(info.Env(), at::mean(T(info, 0), Dims(dims), Bool(info, 2), OptDtype(info, 3)));
}
// prod(t, dim?, keepdim?, dtype?): one dim at most, as in PyTorch.
YS_FN(Prod) {
  at::Tensor& t = T(info, 0);
  if (IsMissing(info, 1)) return Wrap(info.Env(), at::prod(t, OptDtype(info, 3)));
  return Wrap(info.Env(), at::prod(t, Int(info, 1, "dim"), Bool(info, 2), OptDtype(info, 3)));
}
// var(t, dims?, correction, keepdim?): correction 1 is the unbiased (Bessel) estimate, 0 the population one.
YS_FN(Var) {
  auto dims = OptInts(info, 1);
  return Wrap(info.Env(), at::var(T(info, 0), Dims(dims), Int(info, 2, "correction"), Bool(info, 3)));
}
YS_FN(Std) {
  auto dims = OptInts(info, 1);
  return Wrap(info.Env(), at::std(T(info, 0), Dims(dims), Int(info, 2, "correction"), Bool(info, 3)));
}
// max(t) -> 0-dim tensor; max(t, dim, keepdim?) -> { values, indices }. min likewise.
YS_FN(Max) {
  at::Tensor& t = T(info, 0);
  if (IsMissing(info, 1)) return Wrap(info.Env(), at::max(t));
  return WrapPair(info.Env(), at::max(t, Int(info, 1, "dim"), Bool(info, 2)), "values", "indices");
}
YS_FN(Min) {
  at::Tensor& t = T(info, 0);
  if (IsMissing(info, 1)) return Wrap(info.Env(), at::min(t));
  return WrapPair(info.Env(), at::min(t, Int(info, 1, "dim"), Bool(info, 2)), "values", "indices");
}
YS_FN(Median) {
  at::Tensor& t = T(info, 0);
  if (IsMissing(info, 1)) return Wrap(info.Env(), at::median(t));
  return WrapPair(info.Env(), at::median(t, Int(info, 1, "dim"), Bool(info, 2)), "values", "indices");
}
// amax(t, dims?, keepdim?): missing dims reduce over everything.
YS_FN(Amax) {
  auto dims = OptInts(info, 1);
  return Wrap(info.Env(), at::amax(T(info, 0), dims ? at::IntArrayRef(*dims) : at::IntArrayRef(), Bool(info, 2)));
}
YS_FN(Amin) {
  auto dims = OptInts(info, 1);
  return Wrap(info.Env(), at::amin(T(info, 0), dims ? at::IntArrayRef(*dims) : at::IntArrayRef(), Bool(info, 2)));
}
// argmax(t, dim?, keepdim?): without dim, the index into the flattened tensor.
YS_FN(Argmax) { return Wrap(info.Env(), at::argmax(T(info, 0), C10(OptInt(info, 1)), Bool(info, 2))); }
YS_FN(Argmin) { return Wrap(info.Env(), at::argmin(T(info, 0), C10(OptInt(info, 1)), Bool(info, 2))); }
YS_FN(Cumsum) { return Wrap(info.Env(), at::cumsum(T(info, 0), Int(info, 1, "dim"), OptDtype(info, 2))); }
YS_FN(Cumprod) { return Wrap(info.Env(), at::cumprod(T(info, 0), Int(info, 1, "dim"), OptDtype(info, 2))); }
// logsumexp(t, dims, keepdim?)
YS_FN(Logsumexp) { return Wrap(info.Env(), at::logsumexp(T(info, 0), Ints(info, 1, "dim"), Bool(info, 2))); }
// all(t, dim?, keepdim?) and any likewise.
YS_FN(All) {
  at::Tensor& t = T(info, 0);
  return Wrap(info.Env(), IsMissing(info, 1) ? at::all(t) : at::all(t, Int(info, 1, "dim"), Bool(info, 2)));
}
YS_FN(Any) {
  at::Tensor& t = T(info, 0);
  return Wrap(info.Env(), IsMissing(info, 1) ? at::any(t) : at::any(t, Int(info, 1, "dim"), Bool(info, 2)));
}
// vectorNorm(t, ord, dims?, keepdim?): ord may be Infinity or -Infinity.
YS_FN(VectorNorm) {
  auto dims = OptInts(info, 2);
  return Wrap(info.Env(), at::linalg_vector_norm(T(info, 0), JsScalar(info, 1, "ord"), Dims(dims), Bool(info, 3)));
}
// sort(t, dim, descending?) -> { values, indices }; argsort returns the indices only.
YS_FN(Sort) { return WrapPair(info.Env(), at::sort(T(info, 0), Int(info, 1, "dim"), Bool(info, 2)), "values", "indices"); }
YS_FN(Argsort) { return Wrap(info.Env(), at::argsort(T(info, 0), Int(info, 1, "dim"), Bool(info, 2))); }
// topk(t, k, dim, largest?, sorted?) -> { values, indices }
YS_FN(Topk) {
  return WrapPair(info.Env(), at::topk(T(info, 0), Int(info, 1, "k"), Int(info, 2, "dim"), Bool(info, 3, true), Bool(info, 4, true)), "values", "indices");
}

// allclose(a, b, rtol, atol, equalNan) -> boolean; isclose gives the elementwise bool tensor.
YS_FN(Allclose) {
  return Napi::Boolean::New(info.Env(), at::allclose(T(info, 0), T(info, 1, "other"), Num(info, 2, "rtol"), Num(info, 3, "atol"), Bool(info, 4)));
}
YS_FN(Isclose) {
  return Wrap(info.Env(), at::isclose(T(info, 0), T(info, 1, "other"), Num(info, 2, "rtol"), Num(info, 3, "atol"), Bool(info, 4)));
}
// equal(a, b) -> boolean: same shape and same values.
YS_FN(Equal) { return Napi::Boolean::New(info.Env(), at::equal(T(info, 0), T(info, 1, "other"))); }

void InitReduceOps(Napi::Env env, Napi::Object exports) {
  Register(env, exports, "sum", Sum);
  Register(env, exports, "mean", Mean);
  Register(env, exports, "prod", Prod);
  Register(env, exports, "var", Var);
  Register(env, exports, "std", Std);
  Register(env, exports, "max", Max);
  Register(env, exports, "min", Min);
  Register(env, exports, "median", Median);
  Register(env, exports, "amax", Amax);
  Register(env, exports, "amin", Amin);
  Register(env, exports, "argmax", Argmax);
  Register(env, exports, "argmin", Argmin);
  Register(env, exports, "cumsum", Cumsum);
  Register(env, exports, "cumprod", Cumprod);
  Register(env, exports, "logsumexp", Logsumexp);
  Register(env, exports, "all", All);
  Register(env, exports, "any", Any);
  Register(env, exports, "vectorNorm", VectorNorm);
  Register(env, exports, "sort", Sort);
  Register(env, exports, "argsort", Argsort);
  Register(env, exports, "topk", Topk);
  Register(env, exports, "allclose", Allclose);
  Register(env, exports, "isclose", Isclose);
  Register(env, exports, "equal", Equal);

  // Comparisons and logical ops return bool tensors; either operand may be a number.
  RegisterBinary(env, exports, "eq", [](const at::Tensor& a, const at::Tensor& b) { return at::eq(a, b); });
  RegisterBinary(env, exports, "ne", [](const at::Tensor& a, const at::Tensor& b) { return at::ne(a, b); });
  RegisterBinary(env, exports, "lt", [](const at::Tensor& a, const at::Tensor& b) { return at::lt(a, b); });
  RegisterBinary(env, exports, "le", [](const at::Tensor& a, const at::Tensor& b) { return at::le(a, b); });
  RegisterBinary(env, exports, "gt", [](const at::Tensor& a, const at::Tensor& b) { return at::gt(a, b); });
  RegisterBinary(env, exports, "ge", [](const at::Tensor& a, const at::Tensor& b) { return at::ge(a, b); });
  RegisterBinary(env, exports, "logicalAnd", [](const at::Tensor& a, const at::Tensor& b) { return at::logical_and(a, b); });
  RegisterBinary(env, exports, "logicalOr", [](const at::Tensor& a, const at::Tensor& b) { return at::logical_or(a, b); });
  RegisterBinary(env, exports, "logicalXor", [](const at::Tensor& a, const at::Tensor& b) { return at::logical_xor(a, b); });
  RegisterUnary(env, exports, "logicalNot", [](const at::Tensor& t) { return at::logical_not(t); });
  RegisterUnary(env, exports, "isnan", [](const at::Tensor& t) { return at::isnan(t); });
  RegisterUnary(env, exports, "isinf", [](const at::Tensor& t) { return at::isinf(t); });
  RegisterUnary(env, exports, "isfinite", [](const at::Tensor& t) { return at::isfinite(t); });
}

}  // namespace ys
