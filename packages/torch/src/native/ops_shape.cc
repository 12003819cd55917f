// Shape manipulation (views, joins, splits) and indexing (select, gather/scatter, masks, general indexing).
#include <ATen/TensorIndexing.h>

#include "ops_util.h"

namespace ys {

// ---- views and reshapes ----
YS_OP(reshape) { return Wrap(info.Env(), T(info, 0).reshape(Ints(info, 1, "shape"))); }
YS_OP(view) { return Wrap(info.Env(), T(info, 0).view(Ints(info, 1, "shape"))); }
// flatten(t, startDim, endDim)
YS_OP(flatten) { return Wrap(info.Env(), T(info, 0).flatten(Int(info, 1, "start_dim"), Int(info, 2, "end_dim"))); }
YS_OP(unflatten) { return Wrap(info.Env(), T(info, 0).unflatten(Int(info, 1, "dim"), Ints(info, 2, "sizes"))); }
// squeeze(t, dim?)
YS_OP(squeeze) {
  at::Tensor& t = T(info, 0);
  return Wrap(info.Env(), IsMissing(info, 1) ? t.squeeze() : t.squeeze(Int(info, 1, "dim")));
}
YS_OP(unsqueeze) { return Wrap(info.Env(), T(info, 0).unsqueeze(Int(info, 1, "dim"))); }
YS_OP(permute) { return Wrap(info.Env(), T(info, 0).permute(Ints(info, 1, "dims"))); }
YS_OP(transpose) { return Wrap(info.Env(), T(info, 0).transpose(Int(info, 1, "dim0"), Int(info, 2, "dim1"))); }
YS_OP(t) { return Wrap(info.Env(), T(info, 0).t()); }
YS_OP(movedim) { return Wrap(info.Env(), at::movedim(T(info, 0), Ints(info, 1, "source"), Ints(info, 2, "destination"))); }
YS_OP(expand) { return Wrap(info.Env(), T(info, 0).expand(Ints(info, 1, "sizes"))); }
YS_OP(broadcastTo) { return Wrap(info.Env(), at::broadcast_to(T(info, 0), Ints(info, 1, "shape"))); }
YS_OP(repeat) { return Wrap(info.Env(), T(info, 0).repeat(Ints(info, 1, "repeats"))); }
// narrow(t, dim, start, length)
YS_OP(narrow) { return Wrap(info.Env(), T(info, 0).narrow(Int(info, 1, "dim"), Int(info, 2, "start"), Int(info, 3, "length"))); }
// slice(t, dim, start?, end?, step): a view; out-of-range bounds clamp as in Python slicing.
YS_OP(slice) {
  return Wrap(info.Env(), at::slice(T(info, 0), Int(info, 1, "dim"), C10(OptInt(info, 2)), C10(OptInt(info, 3)), IsMissing(info, 4) ? 1 : Int(info, 4, "step")));
}
// select(t, dim, index): removes dim; negative indices count from the end.
YS_OP(select) { return Wrap(info.Env(), T(info, 0).select(Int(info, 1, "dim"), Int(info, 2, "index"))); }
YS_OP(flip) { return Wrap(info.Env(), at::flip(T(info, 0), Ints(info, 1, "dims"))); }
// roll(t, shifts, dims?): without dims the flattened tensor is rolled and the shape restored.
YS_OP(roll) {
  auto dims = OptInts(info, 2);
  return Wrap(info.Env(), at::roll(T(info, 0), Ints(info, 1, "shifts"), dims ? at::IntArrayRef(*dims) : at::IntArrayRef()));
}
YS_OP(tril) { return Wrap(info.Env(), at::tril(T(info, 0), IsMissing(info, 1) ? 0 : Int(info, 1, "diagonal"))); }
YS_OP(triu) { return Wrap(info.Env(), at::triu(T(info, 0), IsMissing(info, 1) ? 0 : Int(info, 1, "diagonal"))); }
YS_OP(diag) { return Wrap(info.Env(), at::diag(T(info, 0), IsMissing(info, 1) ? 0 : Int(info, 1, "diagonal"))); }
YS_OP(diagonal) {
  return Wrap(info.Env(), at::diagonal(T(info, 0), IsMissing(info, 1) ? 0 : Int(info, 1, "offset"), IsMissing(info, 2) ? 0 : Int(info, 2, "dim1"),
                                       IsMissing(info, 3) ? 1 : Int(info, 3, "dim2")));
}

// ---- joins and splits ----
YS_OP(cat) { return Wrap(info.Env(), at::cat(TList(info, 0), IsMissing(info, 1) ? 0 : Int(info, 1, "dim"))); }
YS_OP(stack) { return Wrap(info.Env(), at::stack(TList(info, 0), IsMissing(info, 1) ? 0 : Int(info, 1, "dim"))); }
// split(t, sizeOrSizes, dim): a number gives equal chunks of that size (the last may be smaller).
YS_OP(split) {
  at::Tensor& t = T(info, 0);
  int64_t dim = Int(info, 2, "dim");
  if (info[1].IsNumber()) return WrapList(info.Env(), t.split(Int(info, 1, "split_size"), dim));
  return WrapList(info.Env(), t.split(Ints(info, 1, "split_sizes"), dim));
}
YS_OP(chunk) { return WrapList(info.Env(), T(info, 0).chunk(Int(info, 1, "chunks"), Int(info, 2, "dim"))); }
YS_OP(unbind) { return WrapList(info.Env(), T(info, 0).unbind(Int(info, 1, "dim"))); }

// ---- indexing ----
YS_OP(indexSelect) { return Wrap(info.Env(), at::index_select(T(info, 0), Int(info, 1, "dim"), T(info, 2, "index"))); }
YS_OP(gather) { return Wrap(info.Env(), at::gather(T(info, 0), Int(info, 1, "dim"), T(info, 2, "index"))); }
// scatter(t, dim, index, src|value) and its in-place form.
YS_OP(scatter) {
  at::Tensor& t = T(info, 0);
  int64_t dim = Int(info, 1, "dim");
  if (IsTensor(info[3])) return Wrap(info.Env(), at::scatter(t, dim, T(info, 2, "index"), T(info, 3, "src")));
  return Wrap(info.Env(), at::scatter(t, dim, T(info, 2, "index"), JsScalar(info, 3, "value")));
}
YS_OP(scatter_) {
  at::Tensor& t = T(info, 0);
  int64_t dim = Int(info, 1, "dim");
  if (IsTensor(info[3])) t.scatter_(dim, T(info, 2, "index"), T(info, 3, "src"));
  else t.scatter_(dim, T(info, 2, "index"), JsScalar(info, 3, "value"));
  return info.Env().Undefined();
}
YS_OP(scatterAdd) { return Wrap(info.Env(), at::scatter_add(T(info, 0), Int(info, 1, "dim"), T(info, 2, "index"), T(info, 3, "src"))); }
YS_OP(indexAdd) { return Wrap(info.Env(), at::index_add(T(info, 0), Int(info, 1, "dim"), T(info, 2, "index"), T(info, 3, "source"))); }
// maskedFill(t, mask, value): value is a number or a 0-dim tensor.
YS_OP(maskedFill) {
  at::Tensor& t = T(info, 0);
  if (IsTensor(info[2])) return Wrap(info.Env(), t.masked_fill(T(info, 1, "mask"), T(info, 2, "value")));
  return Wrap(info.Env(), t.masked_fill(T(info, 1, "mask"), JsScalar(info, 2, "value")));
}
YS_OP(maskedFill_) {
  at::Tensor& t = T(info, 0);
  if (IsTensor(info[2])) t.masked_fill_(T(info, 1, "mask"), T(info, 2, "value"));
  else t.masked_fill_(T(info, 1, "mask"), JsScalar(info, 2, "value"));
  return info.Env().Undefined();
}
YS_OP(maskedSelect) { return Wrap(info.Env(), at::masked_select(T(info, 0), T(info, 1, "mask"))); }
// where(condition, a, b): a and b may be numbers.
YS_OP(where) { return Wrap(info.Env(), at::where(T(info, 0, "condition"), TensorOrScalar(info, 1, "input"), TensorOrScalar(info, 2, "other"))); }
YS_OP(nonzero) { return Wrap(info.Env(), at::nonzero(T(info, 0))); }

// General indexing, Python's t[...]: each spec is a number, null (new axis), "..." (ellipsis), a boolean,
// a Tensor (advanced indexing), or [start|null, end|null, step|null] (a slice).
static std::vector<at::indexing::TensorIndex> IndexSpecs(const Napi::CallbackInfo& info, size_t i) {
  using namespace at::indexing;
  if (i >= info.Length() || !info[i].IsArray()) throw Napi::TypeError::New(info.Env(), "argument 1 (indices) must be an array");
  auto arr = info[i].As<Napi::Array>();
  std::vector<TensorIndex> out;
  auto optInt = [](const Napi::Value& v) -> c10::optional<int64_t> {
    if (v.IsUndefined() || v.IsNull()) return c10::nullopt;
    return v.As<Napi::Number>().Int64Value();
  };
  for (uint32_t k = 0; k < arr.Length(); k++) {
    Napi::Value v = arr.Get(k);
    if (v.IsNull() || v.IsUndefined()) out.emplace_back(None);
    else if (v.IsNumber()) out.emplace_back(v.As<Napi::Number>().Int64Value());
    else if (v.IsBoolean()) out.emplace_back(v.As<Napi::Boolean>().Value());
    else if (v.IsString() && v.As<Napi::String>().Utf8Value() == "...") out.emplace_back(Ellipsis);
    else if (IsTensor(v)) {
      auto* w = TensorWrap::Unwrap(v.As<Napi::Object>());
      if (!w->tensor().defined()) throw Napi::Error::New(info.Env(), "index " + std::to_string(k) + ": tensor was used after dispose()");
      out.emplace_back(w->tensor());
    } else if (v.IsArray()) {
      auto s = v.As<Napi::Array>();
      out.emplace_back(at::indexing::Slice(optInt(s.Get(0u)), optInt(s.Get(1u)), optInt(s.Get(2u))));
    } else {
      throw Napi::TypeError::New(info.Env(), "index " + std::to_string(k) + " must be a number, null, '...', a boolean, a Tensor or a slice");
    }
  }
  return out;
}
YS_OP(index) { return Wrap(info.Env(), T(info, 0).index(IndexSpecs(info, 1))); }
// indexPut_(t, indices, value): t[indices] = value (a tensor broadcast to the indexed shape, or a number).
YS_OP(indexPut_) {
  at::Tensor& t = T(info, 0);
  auto specs = IndexSpecs(info, 1);
  if (IsTensor(info[2])) t.index_put_(specs, T(info, 2, "value"));
  else t.index_put_(specs, JsScalar(info, 2, "value"));
  return info.Env().Undefined();
}


}  // namespace ys
