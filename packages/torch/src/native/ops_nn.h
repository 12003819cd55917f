// Helpers shared by the nn op files (ops_nn*.cc), which together register the functions behind nn.functional.
#pragma once
#include "ops_util.h"

namespace ys {

// An optional tensor argument as libtorch takes it; the name appears in the error for a non-tensor.
c10::optional<at::Tensor> OptTensorArg(const Napi::CallbackInfo& info, size_t i, const char* name);
// 'none' | 'mean' | 'sum' -> at::Reduction; anything else is a TypeError naming the argument.
int64_t ReductionArg(const Napi::CallbackInfo& info, size_t i);

}  // namespace ys
