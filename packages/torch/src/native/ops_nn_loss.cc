// Losses and one_hot for nn.functional. Every loss takes its reduction ('none' | 'mean' | 'sum') as a string.
#include "ops_nn.h"

namespace ys {

static at::Tensor Reduce(const at::Tensor& loss, int64_t reduction) {
  if (reduction == at::Reduction::Mean) return loss.mean();
  if (reduction == at::Reduction::Sum) return loss.sum();
  return loss;
}

static void RequireSameSize(const Napi::CallbackInfo& info, const at::Tensor& input, const at::Tensor& target) {
  if (input.sizes() != target.sizes()) {
    throw Napi::Error::New(info.Env(), "Target size (" + c10::str(target.sizes()) + ") must be the same as input size (" + c10::str(input.sizes()) + ")");
  }
}

// crossEntropy(input, target, weight?, reduction, ignoreIndex, labelSmoothing): target holds int64 class
// indices, or class probabilities with the input's shape.
YS_OP(nnCrossEntropy) {
  return Wrap(info.Env(), at::cross_entropy_loss(T(info, 0, "input"), T(info, 1, "target"), OptTensorArg(info, 2, "weight"),
                                                 ReductionArg(info, 3), Int(info, 4, "ignoreIndex"), Num(info, 5, "labelSmoothing")));
}

// nllLoss(input, target, weight?, reduction, ignoreIndex)
YS_OP(nnNllLoss) {
  return Wrap(info.Env(), at::nll_loss_nd(T(info, 0, "input"), T(info, 1, "target"), OptTensorArg(info, 2, "weight"),
                                          ReductionArg(info, 3), Int(info, 4, "ignoreIndex")));
}

// binaryCrossEntropyWithLogits(input, target, weight?, posWeight?, reduction)
YS_OP(nnBinaryCrossEntropyWithLogits) {
  const at::Tensor& input = T(info, 0, "input");
  const at::Tensor& target = T(info, 1, "target");
  RequireSameSize(info, input, target);
  return Wrap(info.Env(), at::binary_cross_entropy_with_logits(input, target, OptTensorArg(info, 2, "weight"),
                                                               OptTensorArg(info, 3, "posWeight"), ReductionArg(info, 4)));
}

// binaryCrossEntropy(input, target, weight?, reduction): input holds probabilities.
YS_OP(nnBinaryCrossEntropy) {
  const at::Tensor& input = T(info, 0, "input");
  const at::Tensor& target = T(info, 1, "target");
  RequireSameSize(info, input, target);
  return Wrap(info.Env(), at::binary_cross_entropy(input, target, OptTensorArg(info, 2, "weight"), ReductionArg(info, 3)));
}

// multilabelSoftMarginLoss(input, target, weight?, reduction): PyTorch composes it from log-sigmoids,
// averaging over the last (class) dimension before the reduction.
YS_OP(nnMultilabelSoftMarginLoss) {
  const at::Tensor& input = T(info, 0, "input");
  const at::Tensor& target = T(info, 1, "target");
  RequireSameSize(info, input, target);
  auto weight = OptTensorArg(info, 2, "weight");
  int64_t reduction = ReductionArg(info, 3);
  at::Tensor loss = -(target * at::log_sigmoid(input) + (1 - target) * at::log_sigmoid(-input));
  if (weight) loss = loss * *weight;
  int64_t classDim = input.dim() - 1;
  loss = loss.sum(classDim) / input.size(classDim);
  return Wrap(info.Env(), Reduce(loss, reduction));
}

// mseLoss/l1Loss(input, target, reduction); smoothL1Loss(..., beta); huberLoss(..., delta)
YS_OP(nnMseLoss) { return Wrap(info.Env(), at::mse_loss(T(info, 0, "input"), T(info, 1, "target"), ReductionArg(info, 2))); }
YS_OP(nnL1Loss) { return Wrap(info.Env(), at::l1_loss(T(info, 0, "input"), T(info, 1, "target"), ReductionArg(info, 2))); }
YS_OP(nnSmoothL1Loss) {
  return Wrap(info.Env(), at::smooth_l1_loss(T(info, 0, "input"), T(info, 1, "target"), ReductionArg(info, 2), Num(info, 3, "beta")));
}
YS_OP(nnHuberLoss) {
  return Wrap(info.Env(), at::huber_loss(T(info, 0, "input"), T(info, 1, "target"), ReductionArg(info, 2), Num(info, 3, "delta")));
}

// oneHot(tensor, numClasses): -1 infers the count from the largest index.
YS_OP(nnOneHot) { return Wrap(info.Env(), at::one_hot(T(info, 0, "tensor"), Int(info, 1, "numClasses"))); }


}  // namespace ys
