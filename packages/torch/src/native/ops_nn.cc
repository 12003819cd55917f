// Neural-network functions: convolution, normalisation, activations, pooling, losses.
#include "common.h"

namespace ys {

YS_FN(Relu) { return Wrap(info.Env(), at::relu(T(info, 0))); }

void InitNnOps(Napi::Env env, Napi::Object exports) {
  Register(env, exports, "relu", Relu);
}

}  // namespace ys
