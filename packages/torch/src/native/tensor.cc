#include "common.h"

namespace ys {

static int64_t NBytes(const at::Tensor& t) {
  return t.defined() ? static_cast<int64_t>(t.numel() * t.element_size()) : 0;
}

Napi::Function TensorWrap::Init(Napi::Env env) {
  return DefineClass(env, "NativeTensor",
                     {InstanceMethod("dispose", &TensorWrap::Dispose),
                      InstanceMethod("isDisposed", &TensorWrap::IsDisposed)});
}

TensorWrap::TensorWrap(const Napi::CallbackInfo& info) : Napi::ObjectWrap<TensorWrap>(info) {
  if (info.Length() != 1 || !info[0].IsExternal()) {
    throw Napi::TypeError::New(info.Env(), "NativeTensor cannot be constructed from JavaScript; use torch.tensor()");
  }
  auto* t = info[0].As<Napi::External<at::Tensor>>().Data();
  tensor_ = std::move(*t);
  // Only CPU storage is counted: it is what competes with V8 for the process's memory.
  if (tensor_.device().is_cpu()) {
    accounted_ = NBytes(tensor_);
    Napi::MemoryManagement::AdjustExternalMemory(info.Env(), accounted_);
  }
}

TensorWrap::~TensorWrap() = default;

void TensorWrap::Release(napi_env env) {
  if (accounted_ != 0) {
    int64_t ignored = 0;
    napi_adjust_external_memory(env, -accounted_, &ignored);
    accounted_ = 0;
  }
  tensor_ = at::Tensor();
  disposed_ = true;
}

void TensorWrap::Finalize(Napi::BasicEnv env) { Release(env); }

at::Tensor& TensorWrap::tensor() { return tensor_; }

Napi::Value TensorWrap::Dispose(const Napi::CallbackInfo& info) {
  Release(info.Env());
  return info.Env().Undefined();
}

Napi::Value TensorWrap::IsDisposed(const Napi::CallbackInfo& info) {
  return Napi::Boolean::New(info.Env(), disposed_);
}

Napi::Value Wrap(Napi::Env env, at::Tensor t) {
  auto* data = env.GetInstanceData<InstanceData>();
  at::Tensor holder = std::move(t);
  auto ext = Napi::External<at::Tensor>::New(env, &holder);
  return data->tensorCtor.New({ext});
}

Napi::Array WrapList(Napi::Env env, const std::vector<at::Tensor>& ts) {
  auto arr = Napi::Array::New(env, ts.size());
  for (size_t i = 0; i < ts.size(); i++) arr.Set(i, Wrap(env, ts[i]));
  return arr;
}

bool IsTensor(const Napi::Value& v) {
  if (!v.IsObject()) return false;
  auto* data = v.Env().GetInstanceData<InstanceData>();
  return v.As<Napi::Object>().InstanceOf(data->tensorCtor.Value());
}

bool IsMissing(const Napi::CallbackInfo& info, size_t i) {
  return i >= info.Length() || info[i].IsUndefined() || info[i].IsNull();
}

static std::string ArgName(const char* name, size_t i) {
  return std::string("argument ") + std::to_string(i) + " (" + name + ")";
}

at::Tensor& T(const Napi::CallbackInfo& info, size_t i, const char* name) {
  if (i >= info.Length() || !IsTensor(info[i])) {
    throw Napi::TypeError::New(info.Env(), ArgName(name, i) + " must be a Tensor");
  }
  auto* w = TensorWrap::Unwrap(info[i].As<Napi::Object>());
  if (!w->tensor().defined()) {
    throw Napi::Error::New(info.Env(), ArgName(name, i) + ": tensor was used after dispose()");
  }
  return w->tensor();
}

std::optional<at::Tensor> OptT(const Napi::CallbackInfo& info, size_t i) {
  if (IsMissing(info, i)) return std::nullopt;
  return T(info, i, "optional tensor");
}

std::vector<at::Tensor> TList(const Napi::CallbackInfo& info, size_t i) {
  if (i >= info.Length() || !info[i].IsArray()) {
    throw Napi::TypeError::New(info.Env(), ArgName("tensors", i) + " must be an array of Tensors");
  }
  auto arr = info[i].As<Napi::Array>();
  std::vector<at::Tensor> out;
  out.reserve(arr.Length());
  for (uint32_t k = 0; k < arr.Length(); k++) {
    Napi::Value v = arr.Get(k);
    if (!IsTensor(v)) throw Napi::TypeError::New(info.Env(), ArgName("tensors", i) + ": element " + std::to_string(k) + " is not a Tensor");
    auto* w = TensorWrap::Unwrap(v.As<Napi::Object>());
    if (!w->tensor().defined()) throw Napi::Error::New(info.Env(), ArgName("tensors", i) + ": element " + std::to_string(k) + " was used after dispose()");
    out.push_back(w->tensor());
  }
  return out;
}

std::vector<int64_t> Ints(const Napi::CallbackInfo& info, size_t i, const char* name) {
  if (i < info.Length() && info[i].IsNumber()) return {info[i].As<Napi::Number>().Int64Value()};
  if (i >= info.Length() || !info[i].IsArray()) {
    throw Napi::TypeError::New(info.Env(), ArgName(name, i) + " must be an array of integers");
  }
  auto arr = info[i].As<Napi::Array>();
  std::vector<int64_t> out(arr.Length());
  for (uint32_t k = 0; k < arr.Length(); k++) {
    Napi::Value v = arr.Get(k);
    if (!v.IsNumber()) throw Napi::TypeError::New(info.Env(), ArgName(name, i) + ": element " + std::to_string(k) + " is not a number");
    double d = v.As<Napi::Number>().DoubleValue();
    if (d != static_cast<double>(static_cast<int64_t>(d))) throw Napi::TypeError::New(info.Env(), ArgName(name, i) + ": element " + std::to_string(k) + " is not an integer");
    out[k] = static_cast<int64_t>(d);
  }
  return out;
}

std::optional<std::vector<int64_t>> OptInts(const Napi::CallbackInfo& info, size_t i) {
  if (IsMissing(info, i)) return std::nullopt;
  return Ints(info, i);
}

std::vector<double> Doubles(const Napi::CallbackInfo& info, size_t i, const char* name) {
  if (i >= info.Length() || !info[i].IsArray()) throw Napi::TypeError::New(info.Env(), ArgName(name, i) + " must be an array of numbers");
  auto arr = info[i].As<Napi::Array>();
  std::vector<double> out(arr.Length());
  for (uint32_t k = 0; k < arr.Length(); k++) out[k] = arr.Get(k).As<Napi::Number>().DoubleValue();
  return out;
}

// A JS number argument; `what` completes "must be ..." in the TypeError.
static Napi::Number NumberArg(const Napi::CallbackInfo& info, size_t i, const char* name, const char* what) {
  if (i >= info.Length() || !info[i].IsNumber()) throw Napi::TypeError::New(info.Env(), ArgName(name, i) + " must be " + what);
  return info[i].As<Napi::Number>();
}

int64_t Int(const Napi::CallbackInfo& info, size_t i, const char* name) { return NumberArg(info, i, name, "an integer").Int64Value(); }

std::optional<int64_t> OptInt(const Napi::CallbackInfo& info, size_t i) {
  return IsMissing(info, i) ? std::nullopt : std::optional<int64_t>(Int(info, i));
}

double Num(const Napi::CallbackInfo& info, size_t i, const char* name) { return NumberArg(info, i, name, "a number").DoubleValue(); }

std::optional<double> OptNum(const Napi::CallbackInfo& info, size_t i) {
  return IsMissing(info, i) ? std::nullopt : std::optional<double>(Num(info, i));
}

bool Bool(const Napi::CallbackInfo& info, size_t i, bool fallback) {
  if (IsMissing(info, i)) return fallback;
  return info[i].ToBoolean().Value();
}

std::string Str(const Napi::CallbackInfo& info, size_t i, const char* name) {
  if (i >= info.Length() || !info[i].IsString()) throw Napi::TypeError::New(info.Env(), ArgName(name, i) + " must be a string");
  return info[i].As<Napi::String>().Utf8Value();
}

at::Scalar Scalar(const Napi::CallbackInfo& info, size_t i, const char* name) {
  if (i < info.Length() && info[i].IsBoolean()) return at::Scalar(info[i].As<Napi::Boolean>().Value());
  double d = Num(info, i, name);
  return at::Scalar(d);
}

at::ScalarType ParseDtype(Napi::Env env, const std::string& s) {
  if (s == "float32") return at::kFloat;
  if (s == "float64") return at::kDouble;
  if (s == "int64") return at::kLong;
  if (s == "int32") return at::kInt;
  if (s == "bool") return at::kBool;
  if (s == "uint8") return at::kByte;
  if (s == "float16") return at::kHalf;
  throw Napi::TypeError::New(env, "unknown dtype '" + s + "' (expected float32, float64, int64, int32, bool, uint8)");
}

std::string DtypeName(at::ScalarType t) {
  switch (t) {
    case at::kFloat: return "float32";
    case at::kDouble: return "float64";
    case at::kLong: return "int64";
    case at::kInt: return "int32";
    case at::kBool: return "bool";
    case at::kByte: return "uint8";
    case at::kHalf: return "float16";
    default: return c10::toString(t);
  }
}

at::Device ParseDevice(Napi::Env env, const std::string& s) {
  if (s == "cpu") return at::Device(at::kCPU);
  if (s.rfind("cuda", 0) == 0) {
    if (!torch::cuda::is_available()) {
      throw Napi::Error::New(env, "device '" + s + "' requested but this libtorch build has no usable CUDA (rebuild the addon with LIBTORCH_DIR pointing at a CUDA libtorch)");
    }
    return at::Device(s);
  }
  throw Napi::TypeError::New(env, "unknown device '" + s + "' (expected 'cpu' or 'cuda[:N]')");
}

namespace {
struct OpEntry {
  const char* name;
  Fn fn;
  void* data;
};
// A function-local static, so that registrars in every translation unit find it constructed.
std::vector<OpEntry>& Ops() {
  static std::vector<OpEntry> ops;
  return ops;
}
}  // namespace

void OpRegistry::Add(const char* name, Fn fn, void* data) { Ops().push_back({name, fn, data}); }

void OpRegistry::Install(Napi::Env env, Napi::Object exports) {
  for (const OpEntry& op : Ops()) {
    if (exports.HasOwnProperty(op.name)) throw Napi::Error::New(env, std::string("addon op registered twice: ") + op.name);
    exports.Set(op.name, Napi::Function::New(env, op.fn, op.name, op.data));
  }
}

}  // namespace ys
