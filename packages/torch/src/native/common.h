// Shared helpers for the addon: the Tensor wrapper, argument parsing and libtorch-error translation.
#pragma once
#include <napi.h>
#include <torch/torch.h>

#include <optional>
#include <string>
#include <vector>

namespace ys {

// Owns one at::Tensor. JS never constructs it directly: native code wraps results via Wrap().
class TensorWrap : public Napi::ObjectWrap<TensorWrap> {
 public:
  static Napi::Function Init(Napi::Env env);
  explicit TensorWrap(const Napi::CallbackInfo& info);
  ~TensorWrap() override;
  void Finalize(Napi::BasicEnv env) override;

  at::Tensor& tensor();
  bool disposed() const { return !tensor_.defined() && disposed_; }
  void Release(napi_env env);

 private:
  Napi::Value Dispose(const Napi::CallbackInfo& info);
  Napi::Value IsDisposed(const Napi::CallbackInfo& info);

  at::Tensor tensor_;
  bool disposed_ = false;
  int64_t accounted_ = 0;
};

struct InstanceData {
  Napi::FunctionReference tensorCtor;
};

// Wraps a libtorch tensor into a new JS Tensor handle.
Napi::Value Wrap(Napi::Env env, at::Tensor t);
Napi::Array WrapList(Napi::Env env, const std::vector<at::Tensor>& ts);

// Argument helpers: every failure throws a JS TypeError that names the argument.
at::Tensor& T(const Napi::CallbackInfo& info, size_t i, const char* name = "tensor");
std::optional<at::Tensor> OptT(const Napi::CallbackInfo& info, size_t i);
std::vector<at::Tensor> TList(const Napi::CallbackInfo& info, size_t i);
std::vector<int64_t> Ints(const Napi::CallbackInfo& info, size_t i, const char* name = "sizes");
std::optional<std::vector<int64_t>> OptInts(const Napi::CallbackInfo& info, size_t i);
std::vector<double> Doubles(const Napi::CallbackInfo& info, size_t i, const char* name = "values");
int64_t Int(const Napi::CallbackInfo& info, size_t i, const char* name = "int");
std::optional<int64_t> OptInt(const Napi::CallbackInfo& info, size_t i);
double Num(const Napi::CallbackInfo& info, size_t i, const char* name = "number");
std::optional<double> OptNum(const Napi::CallbackInfo& info, size_t i);
bool Bool(const Napi::CallbackInfo& info, size_t i, bool fallback = false);
std::string Str(const Napi::CallbackInfo& info, size_t i, const char* name = "string");
at::Scalar Scalar(const Napi::CallbackInfo& info, size_t i, const char* name = "scalar");
bool IsTensor(const Napi::Value& v);
bool IsMissing(const Napi::CallbackInfo& info, size_t i);

at::ScalarType ParseDtype(Napi::Env env, const std::string& s);
std::string DtypeName(at::ScalarType t);
at::Device ParseDevice(Napi::Env env, const std::string& s);

using Fn = Napi::Value (*)(const Napi::CallbackInfo&);

// Every op registers itself where it is defined (YS_OP below): a static OpRegistrar adds it to this list when
// the addon is loaded, and Init installs the list as the module's exports. An op's name is written once.
class OpRegistry {
 public:
  // `data` reaches the function as info.Data() (table-driven ops pass the libtorch call there).
  static void Add(const char* name, Fn fn, void* data = nullptr);
  // Sets every registered op on `exports`; a name registered twice is an error at load time.
  static void Install(Napi::Env env, Napi::Object exports);
};

struct OpRegistrar {
  OpRegistrar(const char* name, Fn fn, void* data = nullptr) { OpRegistry::Add(name, fn, data); }
};

// Converts libtorch's C++ exceptions into JS errors so that no exception escapes into Node.
template <typename F>
Napi::Value Guard(const Napi::CallbackInfo& info, F&& body) {
  try {
    return body();
  } catch (const Napi::Error&) {
    throw;
  } catch (const c10::Error& e) {
    throw Napi::Error::New(info.Env(), std::string("libtorch: ") + e.what_without_backtrace());
  } catch (const std::exception& e) {
    throw Napi::Error::New(info.Env(), std::string("libtorch: ") + e.what());
  }
}

// Defines the op exported to JavaScript as `name` and registers it; the body runs inside Guard and sees `info`.
#define YS_OP(name)                                                                                 \
  static Napi::Value op_##name##_body(const Napi::CallbackInfo& info);                              \
  static Napi::Value op_##name(const Napi::CallbackInfo& info) {                                    \
    return ::ys::Guard(info, [&]() { return op_##name##_body(info); });                            \
  }                                                                                                 \
  static const ::ys::OpRegistrar op_##name##_registrar(#name, op_##name);                           \
  static Napi::Value op_##name##_body(const Napi::CallbackInfo& info)

}  // namespace ys
