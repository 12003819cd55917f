// Linear algebra (torch.linalg: solves, factorisations, norms), FFTs (torch.fft) and complex-tensor helpers.
#include "ops_util.h"

namespace ys {

// An optional string argument kept alive for the c10::string_view libtorch takes.
struct OptStr {
  std::string value;
  bool present = false;
  OptStr(const Napi::CallbackInfo& info, size_t i, const char* name) {
    if (!IsMissing(info, i)) {
      value = Str(info, i, name);
      present = true;
    }
  }
  c10::optional<c10::string_view> view() const { return present ? c10::optional<c10::string_view>(value) : c10::nullopt; }
};

// ---- linalg ----
// solve(A, B, left?): A X = B (left) or X A = B.
YS_FN(LinalgSolve) { return Wrap(info.Env(), at::linalg_solve(T(info, 0, "A"), T(info, 1, "B"), Bool(info, 2, true))); }
// cholesky(A, upper?)
YS_FN(LinalgCholesky) { return Wrap(info.Env(), at::linalg_cholesky(T(info, 0, "A"), Bool(info, 1))); }
// choleskySolve(B, L, upper?): solves A X = B given A's Cholesky factor L (torch.cholesky_solve's argument order).
YS_FN(CholeskySolve) { return Wrap(info.Env(), at::cholesky_solve(T(info, 0, "B"), T(info, 1, "L"), Bool(info, 2))); }
// lstsq(A, B, rcond?, driver?) -> { solution, residuals, rank, singularValues }
YS_FN(LinalgLstsq) {
  OptStr driver(info, 3, "driver");
  auto r = at::linalg_lstsq(T(info, 0, "A"), T(info, 1, "B"), C10(OptNum(info, 2)), driver.view());
  auto o = Napi::Object::New(info.Env());
  o.Set("solution", Wrap(info.Env(), std::get<0>(r)));
  o.Set("residuals", Wrap(info.Env(), std::get<1>(r)));
  o.Set("rank", Wrap(info.Env(), std::get<2>(r)));
  o.Set("singularValues", Wrap(info.Env(), std::get<3>(r)));
  return o;
}
// qr(A, mode?) -> { Q, R }; mode 'reduced' (default), 'complete' or 'r'.
YS_FN(LinalgQr) {
  std::string mode = IsMissing(info, 1) ? "reduced" : Str(info, 1, "mode");
  return WrapPair(info.Env(), at::linalg_qr(T(info, 0, "A"), mode), "Q", "R");
}
YS_FN(LinalgInv) { return Wrap(info.Env(), at::linalg_inv(T(info, 0, "A"))); }
YS_FN(LinalgDet) { return Wrap(info.Env(), at::linalg_det(T(info, 0, "A"))); }
YS_FN(LinalgSlogdet) { return WrapPair(info.Env(), at::linalg_slogdet(T(info, 0, "A")), "sign", "logabsdet"); }
// eigh(A, UPLO?) -> { eigenvalues (ascending), eigenvectors }
YS_FN(LinalgEigh) {
  std::string uplo = IsMissing(info, 1) ? "L" : Str(info, 1, "UPLO");
  return WrapPair(info.Env(), at::linalg_eigh(T(info, 0, "A"), uplo), "eigenvalues", "eigenvectors");
}
// svd(A, fullMatrices?) -> { U, S, Vh }
YS_FN(LinalgSvd) {
  auto r = at::linalg_svd(T(info, 0, "A"), Bool(info, 1, true));
  auto o = Napi::Object::New(info.Env());
  o.Set("U", Wrap(info.Env(), std::get<0>(r)));
  o.Set("S", Wrap(info.Env(), std::get<1>(r)));
  o.Set("Vh", Wrap(info.Env(), std::get<2>(r)));
  return o;
}
YS_FN(LinalgSvdvals) { return Wrap(info.Env(), at::linalg_svdvals(T(info, 0, "A"))); }
// solveTriangular(A, B, upper, left?, unitriangular?)
YS_FN(LinalgSolveTriangular) {
  return Wrap(info.Env(), at::linalg_solve_triangular(T(info, 0, "A"), T(info, 1, "B"), Bool(info, 2), Bool(info, 3, true), Bool(info, 4)));
}
YS_FN(LinalgPinv) { return Wrap(info.Env(), at::linalg_pinv(T(info, 0, "A"), C10(OptNum(info, 1)), C10(OptNum(info, 2)), Bool(info, 3))); }
// matrixNorm(A, ord, keepdim?): ord is 'fro', 'nuc' or a number (1, -1, 2, -2, Infinity, -Infinity).
YS_FN(LinalgMatrixNorm) {
  at::Tensor& a = T(info, 0, "A");
  bool keepdim = Bool(info, 2);
  if (info[1].IsString()) return Wrap(info.Env(), at::linalg_matrix_norm(a, Str(info, 1, "ord"), {-2, -1}, keepdim));
  return Wrap(info.Env(), at::linalg_matrix_norm(a, JsScalar(info, 1, "ord"), {-2, -1}, keepdim));
}
YS_FN(LinalgMatrixRank) { return Wrap(info.Env(), at::linalg_matrix_rank(T(info, 0, "A"), C10(OptNum(info, 1)), C10(OptNum(info, 2)), Bool(info, 3))); }

// ---- fft: name(x, n?, dim, norm?) for 1-D, name(x, s?, dims, norm?) for 2-D; results are complex tensors ----
using Fft1d = at::Tensor (*)(const at::Tensor&, c10::optional<int64_t>, int64_t, c10::optional<c10::string_view>);
using Fft2d = at::Tensor (*)(const at::Tensor&, at::OptionalIntArrayRef, at::IntArrayRef, c10::optional<c10::string_view>);
static at::OptionalIntArrayRef OptSizes(const std::optional<std::vector<int64_t>>& s) {
  return s ? at::OptionalIntArrayRef(*s) : at::OptionalIntArrayRef(c10::nullopt);
}
static void RegisterFft1d(Napi::Env env, Napi::Object exports, const char* name, Fft1d op) {
  RegisterWith(env, exports, name, op, [](const Napi::CallbackInfo& info, Fft1d f) {
    OptStr norm(info, 3, "norm");
    return Wrap(info.Env(), f(T(info, 0), C10(OptInt(info, 1)), Int(info, 2, "dim"), norm.view()));
  });
}
static void RegisterFft2d(Napi::Env env, Napi::Object exports, const char* name, Fft2d op) {
  RegisterWith(env, exports, name, op, [](const Napi::CallbackInfo& info, Fft2d f) {
    OptStr norm(info, 3, "norm");
    auto s = OptInts(info, 1);
    return Wrap(info.Env(), f(T(info, 0), OptSizes(s), Ints(info, 2, "dim"), norm.view()));
  });
}
// rfftfreq(n, d, dtype?, device?) and fftfreq likewise: the sample frequencies of each output bin.
YS_FN(FftRfftfreq) { return Wrap(info.Env(), at::fft_rfftfreq(Int(info, 0, "n"), Num(info, 1, "d"), CreationOpts(info, 2))); }
YS_FN(FftFftfreq) { return Wrap(info.Env(), at::fft_fftfreq(Int(info, 0, "n"), Num(info, 1, "d"), CreationOpts(info, 2))); }
// fftshift(x, dims?) / ifftshift: move the zero frequency to the centre and back.
YS_FN(FftFftshift) {
  auto dims = OptInts(info, 1);
  return Wrap(info.Env(), at::fft_fftshift(T(info, 0), OptSizes(dims)));
}
YS_FN(FftIfftshift) {
  auto dims = OptInts(info, 1);
  return Wrap(info.Env(), at::fft_ifftshift(T(info, 0), OptSizes(dims)));
}

// ---- complex helpers ----
// viewAsReal(z): a real view with a trailing dimension of 2 (real, imaginary); conjugation is resolved first.
YS_FN(ViewAsReal) { return Wrap(info.Env(), at::view_as_real(T(info, 0).resolve_conj())); }
YS_FN(ViewAsComplex) { return Wrap(info.Env(), at::view_as_complex(T(info, 0))); }
YS_FN(Complex) { return Wrap(info.Env(), at::complex(T(info, 0, "real"), T(info, 1, "imag"))); }
YS_FN(Polar) { return Wrap(info.Env(), at::polar(T(info, 0, "abs"), T(info, 1, "angle"))); }
YS_FN(IsComplex) { return Napi::Boolean::New(info.Env(), T(info, 0).is_complex()); }

void InitLinalgOps(Napi::Env env, Napi::Object exports) {
  Register(env, exports, "linalgSolve", LinalgSolve);
  Register(env, exports, "linalgCholesky", LinalgCholesky);
  Register(env, exports, "choleskySolve", CholeskySolve);
  Register(env, exports, "linalgLstsq", LinalgLstsq);
  Register(env, exports, "linalgQr", LinalgQr);
  Register(env, exports, "linalgInv", LinalgInv);
  Register(env, exports, "linalgDet", LinalgDet);
  Register(env, exports, "linalgSlogdet", LinalgSlogdet);
  Register(env, exports, "linalgEigh", LinalgEigh);
  Register(env, exports, "linalgSvd", LinalgSvd);
  Register(env, exports, "linalgSvdvals", LinalgSvdvals);
  Register(env, exports, "linalgSolveTriangular", LinalgSolveTriangular);
  Register(env, exports, "linalgPinv", LinalgPinv);
  Register(env, exports, "linalgMatrixNorm", LinalgMatrixNorm);
  Register(env, exports, "linalgMatrixRank", LinalgMatrixRank);

  RegisterFft1d(env, exports, "fftFft", [](const at::Tensor& x, c10::optional<int64_t> n, int64_t d, c10::optional<c10::string_view> m) { return at::fft_fft(x, n, d, m); });
  RegisterFft1d(env, exports, "fftIfft", [](const at::Tensor& x, c10::optional<int64_t> n, int64_t d, c10::optional<c10::string_view> m) { return at::fft_ifft(x, n, d, m); });
  RegisterFft1d(env, exports, "fftRfft", [](const at::Tensor& x, c10::optional<int64_t> n, int64_t d, c10::optional<c10::string_view> m) { return at::fft_rfft(x, n, d, m); });
  RegisterFft1d(env, exports, "fftIrfft", [](const at::Tensor& x, c10::optional<int64_t> n, int64_t d, c10::optional<c10::string_view> m) { return at::fft_irfft(x, n, d, m); });
  RegisterFft2d(env, exports, "fftFft2", [](const at::Tensor& x, at::OptionalIntArrayRef s, at::IntArrayRef d, c10::optional<c10::string_view> m) { return at::fft_fft2(x, s, d, m); });
  RegisterFft2d(env, exports, "fftIfft2", [](const at::Tensor& x, at::OptionalIntArrayRef s, at::IntArrayRef d, c10::optional<c10::string_view> m) { return at::fft_ifft2(x, s, d, m); });
  RegisterFft2d(env, exports, "fftRfft2", [](const at::Tensor& x, at::OptionalIntArrayRef s, at::IntArrayRef d, c10::optional<c10::string_view> m) { return at::fft_rfft2(x, s, d, m); });
  RegisterFft2d(env, exports, "fftIrfft2", [](const at::Tensor& x, at::OptionalIntArrayRef s, at::IntArrayRef d, c10::optional<c10::string_view> m) { return at::fft_irfft2(x, s, d, m); });
  Register(env, exports, "fftRfftfreq", FftRfftfreq);
  Register(env, exports, "fftFftfreq", FftFftfreq);
  Register(env, exports, "fftFftshift", FftFftshift);
  Register(env, exports, "fftIfftshift", FftIfftshift);

  Register(env, exports, "viewAsReal", ViewAsReal);
  Register(env, exports, "viewAsComplex", ViewAsComplex);
  Register(env, exports, "complex", Complex);
  Register(env, exports, "polar", Polar);
  Register(env, exports, "isComplex", IsComplex);
  RegisterUnary(env, exports, "real", [](const at::Tensor& t) { return at::real(t); });
  RegisterUnary(env, exports, "imag", [](const at::Tensor& t) { return at::imag(t); });
  RegisterUnary(env, exports, "angle", [](const at::Tensor& t) { return at::angle(t); });
  RegisterUnary(env, exports, "conj", [](const at::Tensor& t) { return at::conj_physical(t); });
}

}  // namespace ys
