// Reductions (sum, mean, var/std, max/min, arg*, cumulative, logsumexp, norms, sort/topk),
// comparisons and logical ops.
#include "ops_util.h"

namespace ys {

// Optional dims: missing reduces over all dimensions.
static at::OptionalIntArrayRef Dims(const std::optional<std::vector<int64_t>>& d) {
  return d ? at::OptionalIntArrayRef(*d) : at::OptionalIntArrayRef(c10::nullopt);
}

// sum(t, dims?, keepdim?, dtype?) and mean likewise.
YS_OP(sum) {
  auto dims = OptInts(info, 1);
  return Wrap(info.Env(), at::sum(T(info, 0), Dims(dims), Bool(info, 2), OptDtype(info, 3)));
}
YS_OP(mean) {
  auto dims = OptInts(info, 1);
  return Wrap(info.Env(), at::mean(T(info, 0), Dims(dims), Bool(info, 2), OptDtype(info, 3)));
}
// prod(t, dim?, keepdim?, dtype?): one dim at most, as in PyTorch.
YS_OP(prod) {
  at::Tensor& t = T(info, 0);
  if (IsMissing(info, 1)) return Wrap(info.Env(), at::prod(t, OptDtype(info, 3)));
  return Wrap(info.Env(), at::prod(t, Int(info, 1, "dim"), Bool(info, 2), OptDtype(info, 3)));
}
// var(t, dims?, correction, keepdim?): correction 1 is the unbiased (Bessel) estimate, 0 the population one.
YS_OP(var) {
  auto dims = OptInts(info, 1);
  return Wrap(info.Env(), at::var(T(info, 0), Dims(dims), Int(info, 2, "correction"), Bool(info, 3)));
}
YS_OP(std) {
  auto dims = OptInts(info, 1);
  return Wrap(info.Env(), at::std(T(info, 0), Dims(dims), Int(info, 2, "correction"), Bool(info, 3)));
}
// max(t) -> 0-dim tensor; max(t, dim, keepdim?) -> { values, indices }. min likewise.
YS_OP(max) {
  at::Tensor& t = T(info, 0);
  if (IsMissing(info, 1)) return Wrap(info.Env(), at::max(t));
  return WrapPair(info.Env(), at::max(t, Int(info, 1, "dim"), Bool(info, 2)), "values", "indices");
}
YS_OP(min) {
  at::Tensor& t = T(info, 0);
  if (IsMissing(info, 1)) return Wrap(info.Env(), at::min(t));
  return WrapPair(info.Env(), at::min(t, Int(info, 1, "dim"), Bool(info, 2)), "values", "indices");
}
YS_OP(median) {
  at::Tensor& t = T(info, 0);
  if (IsMissing(info, 1)) return Wrap(info.Env(), at::median(t));
  return WrapPair(info.Env(), at::median(t, Int(info, 1, "dim"), Bool(info, 2)), "values", "indices");
}
// amax(t, dims?, keepdim?): missing dims reduce over everything.
YS_OP(amax) {
  auto dims = OptInts(info, 1);
  return Wrap(info.Env(), at::amax(T(info, 0), dims ? at::IntArrayRef(*dims) : at::IntArrayRef(), Bool(info, 2)));
}
YS_OP(amin) {
  auto dims = OptInts(info, 1);
  return Wrap(info.Env(), at::amin(T(info, 0), dims ? at::IntArrayRef(*dims) : at::IntArrayRef(), Bool(info, 2)));
}
// argmax(t, dim?, keepdim?): without dim, the index into the flattened tensor.
YS_OP(argmax) { return Wrap(info.Env(), at::argmax(T(info, 0), C10(OptInt(info, 1)), Bool(info, 2))); }
YS_OP(argmin) { return Wrap(info.Env(), at::argmin(T(info, 0), C10(OptInt(info, 1)), Bool(info, 2))); }
YS_OP(cumsum) { return Wrap(info.Env(), at::cumsum(T(info, 0), Int(info, 1, "dim"), OptDtype(info, 2))); }
YS_OP(cumprod) { return Wrap(info.Env(), at::cumprod(T(info, 0), Int(info, 1, "dim"), OptDtype(info, 2))); }
// logsumexp(t, dims, keepdim?)
YS_OP(logsumexp) { return Wrap(info.Env(), at::logsumexp(T(info, 0), Ints(info, 1, "dim"), Bool(info, 2))); }
// all(t, dim?, keepdim?) and any likewise.
YS_OP(all) {
  at::Tensor& t = T(info, 0);
  return Wrap(info.Env(), IsMissing(info, 1) ? at::all(t) : at::all(t, Int(info, 1, "dim"), Bool(info, 2)));
}
YS_OP(any) {
  at::Tensor& t = T(info, 0);
  return Wrap(info.Env(), IsMissing(info, 1) ? at::any(t) : at::any(t, Int(info, 1, "dim"), Bool(info, 2)));
}
// vectorNorm(t, ord, dims?, keepdim?): ord may be Infinity or -Infinity.
YS_OP(vectorNorm) {
  auto dims = OptInts(info, 2);
  return Wrap(info.Env(), at::linalg_vector_norm(T(info, 0), JsScalar(info, 1, "ord"), Dims(dims), Bool(info, 3)));
}
// sort(t, dim, descending?) -> { values, indices }; argsort returns the indices only.
YS_OP(sort) { return WrapPair(info.Env(), at::sort(T(info, 0), Int(info, 1, "dim"), Bool(info, 2)), "values", "indices"); }
YS_OP(argsort) { return Wrap(info.Env(), at::argsort(T(info, 0), Int(info, 1, "dim"), Bool(info, 2))); }
// topk(t, k, dim, largest?, sorted?) -> { values, indices }
YS_OP(topk) {
  return WrapPair(info.Env(), at::topk(T(info, 0), Int(info, 1, "k"), Int(info, 2, "dim"), Bool(info, 3, true), Bool(info, 4, true)), "values", "indices");
}

// allclose(a, b, rtol, atol, equalNan) -> boolean; isclose gives the elementwise bool tensor.
YS_OP(allclose) {
  return Napi::Boolean::New(info.Env(), at::allclose(T(info, 0), T(info, 1, "other"), Num(info, 2, "rtol"), Num(info, 3, "atol"), Bool(info, 4)));
}
YS_OP(isclose) {
  return Wrap(info.Env(), at::isclose(T(info, 0), T(info, 1, "other"), Num(info, 2, "rtol"), Num(info, 3, "atol"), Bool(info, 4)));
}
// equal(a, b) -> boolean: same shape and same values.
YS_OP(equal) { return Napi::Boolean::New(info.Env(), at::equal(T(info, 0), T(info, 1, "other"))); }

// Comparisons and logical ops return bool tensors; either operand may be a number.
YS_BINARY(eq, at::eq(a, b))
YS_BINARY(ne, at::ne(a, b))
YS_BINARY(lt, at::lt(a, b))
YS_BINARY(le, at::le(a, b))
YS_BINARY(gt, at::gt(a, b))
YS_BINARY(ge, at::ge(a, b))
YS_BINARY(logicalAnd, at::logical_and(a, b))
YS_BINARY(logicalOr, at::logical_or(a, b))
YS_BINARY(logicalXor, at::logical_xor(a, b))
YS_UNARY(logicalNot, at::logical_not(t))
YS_UNARY(isnan, at::isnan(t))
YS_UNARY(isinf, at::isinf(t))
YS_UNARY(isfinite, at::isfinite(t))

}  // namespace ys
