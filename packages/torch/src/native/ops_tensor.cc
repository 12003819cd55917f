// Tensor creation, shape manipulation, indexing, elementwise math and reductions.
#include "common.h"

namespace ys {

static at::TensorOptions Opts(const Napi::CallbackInfo& info, size_t dtypeIdx, at::ScalarType fallback = at::kFloat) {
  auto o = at::TensorOptions().dtype(IsMissing(info, dtypeIdx) ? fallback : ParseDtype(info.Env(), Str(info, dtypeIdx, "dtype")));
  if (!IsMissing(info, dtypeIdx + 1)) o = o.device(ParseDevice(info.Env(), Str(info, dtypeIdx + 1, "device")));
  return o;
}

// zeros(shape, dtype?, device?)
YS_FN(Zeros) { return Wrap(info.Env(), at::zeros(Ints(info, 0, "shape"), Opts(info, 1))); }
YS_FN(Ones) { return Wrap(info.Env(), at::ones(Ints(info, 0, "shape"), Opts(info, 1))); }
YS_FN(Randn) { return Wrap(info.Env(), at::randn(Ints(info, 0, "shape"), Opts(info, 1))); }

YS_FN(Add) {
  if (IsTensor(info[1])) return Wrap(info.Env(), at::add(T(info, 0), T(info, 1, "other"), IsMissing(info, 2) ? 1.0 : Num(info, 2, "alpha")));
  return Wrap(info.Env(), at::add(T(info, 0), Scalar(info, 1, "other")));
}
YS_FN(Mm) { return Wrap(info.Env(), at::mm(T(info, 0), T(info, 1, "mat2"))); }
YS_FN(Sum) {
  auto dims = OptInts(info, 1);
  if (!dims) return Wrap(info.Env(), at::sum(T(info, 0)));
  return Wrap(info.Env(), at::sum(T(info, 0), *dims, Bool(info, 2)));
}

void InitTensorOps(Napi::Env env, Napi::Object exports) {
  Register(env, exports, "zeros", Zeros);
  Register(env, exports, "ones", Ones);
  Register(env, exports, "randn", Randn);
  Register(env, exports, "add", Add);
  Register(env, exports, "mm", Mm);
  Register(env, exports, "sum", Sum);
}

}  // namespace ys
