// Entry point: tensor construction/conversion, autograd and runtime controls. Op families live in ops_*.cc.
#include <ATen/Parallel.h>
#include <dlfcn.h>
#include <malloc.h>

#include <cstring>

#include "common.h"

namespace ys {

static at::ScalarType TypedArrayDtype(Napi::Env env, napi_typedarray_type t) {
  switch (t) {
    case napi_float32_array: return at::kFloat;
    case napi_float64_array: return at::kDouble;
    case napi_int32_array: return at::kInt;
    case napi_bigint64_array: return at::kLong;
    case napi_uint8_array: return at::kByte;
    default: throw Napi::TypeError::New(env, "unsupported typed array (use Float32Array, Float64Array, Int32Array, BigInt64Array or Uint8Array)");
  }
}

// fromTypedArray(data, shape, dtype?): copies, so the tensor never aliases GC-managed memory.
YS_OP(fromTypedArray) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsTypedArray()) throw Napi::TypeError::New(env, "argument 0 (data) must be a typed array");
  auto ta = info[0].As<Napi::TypedArray>();
  at::ScalarType src = TypedArrayDtype(env, ta.TypedArrayType());
  std::vector<int64_t> shape = IsMissing(info, 1) ? std::vector<int64_t>{static_cast<int64_t>(ta.ElementLength())} : Ints(info, 1, "shape");
  int64_t n = 1;
  for (auto s : shape) {
    if (s < 0) throw Napi::RangeError::New(env, "shape has a negative size");
    n *= s;
  }
  if (n != static_cast<int64_t>(ta.ElementLength())) {
    throw Napi::RangeError::New(env, "shape implies " + std::to_string(n) + " elements but the data has " + std::to_string(ta.ElementLength()));
  }
  auto ab = ta.ArrayBuffer();
  void* ptr = static_cast<uint8_t*>(ab.Data()) + ta.ByteOffset();
  at::Tensor out = at::empty(shape, at::TensorOptions().dtype(src));
  if (n > 0) std::memcpy(out.data_ptr(), ptr, n * out.element_size());
  if (!IsMissing(info, 2)) {
    at::ScalarType dst = ParseDtype(env, Str(info, 2, "dtype"));
    if (dst != src) out = out.to(dst);
  }
  return Wrap(env, out);
}

// toTypedArray(t): a contiguous CPU copy in the matching typed array (bool -> Uint8Array, float16 -> Float32Array).
YS_OP(toTypedArray) {
  Napi::Env env = info.Env();
  at::Tensor t = T(info, 0).detach();
  if (t.scalar_type() == at::kHalf) t = t.to(at::kFloat);
  t = t.to(at::kCPU).contiguous();
  size_t n = t.numel();
  size_t bytes = n * t.element_size();
  auto ab = Napi::ArrayBuffer::New(env, bytes);
  if (bytes) std::memcpy(ab.Data(), t.data_ptr(), bytes);
  switch (t.scalar_type()) {
    case at::kFloat: return Napi::Float32Array::New(env, n, ab, 0);
    case at::kDouble: return Napi::Float64Array::New(env, n, ab, 0);
    case at::kInt: return Napi::Int32Array::New(env, n, ab, 0);
    case at::kLong: return Napi::TypedArrayOf<int64_t>::New(env, n, ab, 0, napi_bigint64_array);
    case at::kByte:
    case at::kBool: return Napi::Uint8Array::New(env, n, ab, 0);
    default: throw Napi::TypeError::New(env, "toTypedArray: unsupported dtype " + DtypeName(t.scalar_type()));
  }
}

static Napi::Array IntArray(Napi::Env env, at::IntArrayRef v) {
  auto arr = Napi::Array::New(env, v.size());
  for (size_t i = 0; i < v.size(); i++) arr.Set(i, Napi::Number::New(env, static_cast<double>(v[i])));
  return arr;
}

YS_OP(shape) { return IntArray(info.Env(), T(info, 0).sizes()); }
YS_OP(strides) { return IntArray(info.Env(), T(info, 0).strides()); }
YS_OP(dtype) { return Napi::String::New(info.Env(), DtypeName(T(info, 0).scalar_type())); }
YS_OP(device) { return Napi::String::New(info.Env(), T(info, 0).device().str()); }
YS_OP(numel) { return Napi::Number::New(info.Env(), static_cast<double>(T(info, 0).numel())); }
YS_OP(isContiguous) { return Napi::Boolean::New(info.Env(), T(info, 0).is_contiguous()); }

YS_OP(item) {
  at::Tensor& t = T(info, 0);
  if (t.numel() != 1) throw Napi::RangeError::New(info.Env(), "item(): tensor has " + std::to_string(t.numel()) + " elements, expected 1");
  at::Scalar s = t.item();
  if (t.scalar_type() == at::kBool) return Napi::Boolean::New(info.Env(), s.toBool());
  return Napi::Number::New(info.Env(), s.toDouble());
}

YS_OP(to) {
  at::Tensor& t = T(info, 0);
  at::Tensor out = t;
  if (!IsMissing(info, 1)) out = out.to(ParseDevice(info.Env(), Str(info, 1, "device")));
  if (!IsMissing(info, 2)) out = out.to(ParseDtype(info.Env(), Str(info, 2, "dtype")));
  return Wrap(info.Env(), out);
}

YS_OP(clone) { return Wrap(info.Env(), T(info, 0).clone()); }
YS_OP(contiguous) { return Wrap(info.Env(), T(info, 0).contiguous()); }

// ---- autograd ----
YS_OP(requiresGrad) { return Napi::Boolean::New(info.Env(), T(info, 0).requires_grad()); }
YS_OP(setRequiresGrad) {
  T(info, 0).requires_grad_(Bool(info, 1, true));
  return info.Env().Undefined();
}
YS_OP(isLeaf) { return Napi::Boolean::New(info.Env(), T(info, 0).is_leaf()); }
YS_OP(grad) {
  const at::Tensor& g = T(info, 0).grad();
  if (!g.defined()) return info.Env().Null();
  return Wrap(info.Env(), g);
}
YS_OP(setGrad) {
  at::Tensor& t = T(info, 0);
  if (IsMissing(info, 1)) t.mutable_grad() = at::Tensor();
  else t.mutable_grad() = T(info, 1, "grad");
  return info.Env().Undefined();
}
// backward(t, gradient?, retainGraph?)
YS_OP(backward) {
  at::Tensor& t = T(info, 0);
  auto g = OptT(info, 1);
  bool retain = Bool(info, 2, false);
  t.backward(g.has_value() ? *g : at::Tensor(), retain);
  return info.Env().Undefined();
}
// autogradGrad(outputs, inputs, gradOutputs?, retainGraph?, createGraph?) -> grads (null where unused)
YS_OP(autogradGrad) {
  auto outs = TList(info, 0);
  auto ins = TList(info, 1);
  std::vector<at::Tensor> gouts;
  if (!IsMissing(info, 2)) gouts = TList(info, 2);
  bool create = Bool(info, 4, false);
  c10::optional<bool> retain;
  if (!IsMissing(info, 3)) retain = Bool(info, 3);
  auto grads = torch::autograd::grad(outs, ins, gouts, retain, create, /*allow_unused=*/true);
  auto arr = Napi::Array::New(info.Env(), grads.size());
  for (size_t i = 0; i < grads.size(); i++) arr.Set(i, grads[i].defined() ? Wrap(info.Env(), grads[i]) : info.Env().Null());
  return arr;
}
YS_OP(detach) { return Wrap(info.Env(), T(info, 0).detach()); }
YS_OP(setGradEnabled) {
  bool prev = at::GradMode::is_enabled();
  at::GradMode::set_enabled(Bool(info, 0, true));
  return Napi::Boolean::New(info.Env(), prev);
}
YS_OP(isGradEnabled) { return Napi::Boolean::New(info.Env(), at::GradMode::is_enabled()); }

// ---- runtime ----
YS_OP(manualSeed) {
  auto seed = static_cast<uint64_t>(Num(info, 0, "seed"));
  torch::manual_seed(seed);
  return info.Env().Undefined();
}
YS_OP(setNumThreads) {
  int64_t n = Int(info, 0, "threads");
  if (n < 1) throw Napi::RangeError::New(info.Env(), "setNumThreads: threads must be >= 1");
  at::set_num_threads(static_cast<int>(n));
  return info.Env().Undefined();
}
YS_OP(getNumThreads) { return Napi::Number::New(info.Env(), at::get_num_threads()); }
YS_OP(cudaIsAvailable) { return Napi::Boolean::New(info.Env(), torch::cuda::is_available()); }
YS_OP(cudaDeviceCount) { return Napi::Number::New(info.Env(), static_cast<double>(torch::cuda::device_count())); }
YS_OP(cudaSynchronize) {
#ifdef YS_WITH_CUDA
  if (torch::cuda::is_available()) torch::cuda::synchronize();
#endif
  return info.Env().Undefined();
}
YS_OP(configInfo) {
  auto o = Napi::Object::New(info.Env());
  o.Set("version", TORCH_VERSION);
  o.Set("parallel", at::get_parallel_info());
  o.Set("config", at::show_config());
  return o;
}

// glibc's dynamic mmap threshold climbs after the first large free, after which activation buffers come from
// the heap and fragment it: RSS then grows without bound across training steps (measured: +400% over 2,000
// steps of clone/dispose). A fixed threshold keeps large buffers mmapped and RSS flat. jemalloc (preloaded by
// the launcher, detected by its mallctl symbol) needs no such fix and is faster.
static void TameGlibcMalloc() {
  if (dlsym(RTLD_DEFAULT, "mallctl") == nullptr) mallopt(M_MMAP_THRESHOLD, 128 * 1024);
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  TameGlibcMalloc();
  auto* data = new InstanceData();
  Napi::Function ctor = TensorWrap::Init(env);
  data->tensorCtor = Napi::Persistent(ctor);
  env.SetInstanceData<InstanceData>(data);
  exports.Set("NativeTensor", ctor);
  OpRegistry::Install(env, exports);
  return exports;
}

}  // namespace ys

static Napi::Object InitModule(Napi::Env env, Napi::Object exports) { return ys::Init(env, exports); }
NODE_API_MODULE(yardstick_torch, InitModule)
