// Linear algebra (float64 least squares and factorisations) and FFTs.
#include "common.h"

namespace ys {

YS_FN(Cholesky) { return Wrap(info.Env(), at::linalg_cholesky(T(info, 0))); }

void InitLinalgOps(Napi::Env env, Napi::Object exports) {
  Register(env, exports, "cholesky", Cholesky);
}

}  // namespace ys
