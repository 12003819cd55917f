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
YS_OP(linalgSolve) { return Wrap(info.Env(), at::linalg_solve(T(info, 0, "A"), T(info, 1, "B"), Bool(info, 2, true))); }
// cholesky(A, upper?)
YS_OP(linalgCholesky) { return Wrap(info.Env(), at::linalg_cholesky(T(info, 0, "A"), Bool(info, 1))); }
// choleskySolve(B, L, upper?): solves A X = B given A's Cholesky factor L (torch.cholesky_solve's argument order).
YS_OP(choleskySolve) { return Wrap(info.Env(), at::cholesky_solve(T(info, 0, "B"), T(info, 1, "L"), Bool(info, 2))); }
// lstsq(A, B, rcond?, driver?) -> { solution, residuals, rank, singularValues }
YS_OP(linalgLstsq) {
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
YS_OP(linalgQr) {
  std::string mode = IsMissing(info, 1) ? "reduced" : Str(info, 1, "mode");
  return WrapPair(info.Env(), at::linalg_qr(T(info, 0, "A"), mode), "Q", "R");
}
YS_OP(linalgInv) { return Wrap(info.Env(), at::linalg_inv(T(info, 0, "A"))); }
YS_OP(linalgDet) { return Wrap(info.Env(), at::linalg_det(T(info, 0, "A"))); }
YS_OP(linalgSlogdet) { return WrapPair(info.Env(), at::linalg_slogdet(T(info, 0, "A")), "sign", "logabsdet"); }
// eigh(A, UPLO?) -> { eigenvalues (ascending), eigenvectors }
YS_OP(linalgEigh) {
  std::string uplo = IsMissing(info, 1) ? "L" : Str(info, 1, "UPLO");
  return WrapPair(info.Env(), at::linalg_eigh(T(info, 0, "A"), uplo), "eigenvalues", "eigenvectors");
}
// svd(A, fullMatrices?) -> { U, S, Vh }
YS_OP(linalgSvd) {
  auto r = at::linalg_svd(T(info, 0, "A"), Bool(info, 1, true));
  auto o = Napi::Object::New(info.Env());
  o.Set("U", Wrap(info.Env(), std::get<0>(r)));
  o.Set("S", Wrap(info.Env(), std::get<1>(r)));
  o.Set("Vh", Wrap(info.Env(), std::get<2>(r)));
  return o;
}
YS_OP(linalgSvdvals) { return Wrap(info.Env(), at::linalg_svdvals(T(info, 0, "A"))); }
// solveTriangular(A, B, upper, left?, unitriangular?)
YS_OP(linalgSolveTriangular) {
  return Wrap(info.Env(), at::linalg_solve_triangular(T(info, 0, "A"), T(info, 1, "B"), Bool(info, 2), Bool(info, 3, true), Bool(info, 4)));
}
YS_OP(linalgPinv) { return Wrap(info.Env(), at::linalg_pinv(T(info, 0, "A"), C10(OptNum(info, 1)), C10(OptNum(info, 2)), Bool(info, 3))); }
// matrixNorm(A, ord, keepdim?): ord is 'fro', 'nuc' or a number (1, -1, 2, -2, Infinity, -Infinity).
YS_OP(linalgMatrixNorm) {
  at::Tensor& a = T(info, 0, "A");
  bool keepdim = Bool(info, 2);
  if (info[1].IsString()) return Wrap(info.Env(), at::linalg_matrix_norm(a, Str(info, 1, "ord"), {-2, -1}, keepdim));
  return Wrap(info.Env(), at::linalg_matrix_norm(a, JsScalar(info, 1, "ord"), {-2, -1}, keepdim));
}
YS_OP(linalgMatrixRank) { return Wrap(info.Env(), at::linalg_matrix_rank(T(info, 0, "A"), C10(OptNum(info, 1)), C10(OptNum(info, 2)), Bool(info, 3))); }

// ---- fft: name(x, n?, dim, norm?) for 1-D, name(x, s?, dims, norm?) for 2-D; results are complex tensors ----
using Fft1d = at::Tensor (*)(const at::Tensor&, c10::optional<int64_t>, int64_t, c10::optional<c10::string_view>);
using Fft2d = at::Tensor (*)(const at::Tensor&, at::OptionalIntArrayRef, at::IntArrayRef, c10::optional<c10::string_view>);
static at::OptionalIntArrayRef OptSizes(const std::optional<std::vector<int64_t>>& s) {
  return s ? at::OptionalIntArrayRef(*s) : at::OptionalIntArrayRef(c10::nullopt);
}
static Napi::Value CallFft1d(const Napi::CallbackInfo& info, Fft1d f) {
  OptStr norm(info, 3, "norm");
  return Wrap(info.Env(), f(T(info, 0), C10(OptInt(info, 1)), Int(info, 2, "dim"), norm.view()));
}
static Napi::Value CallFft2d(const Napi::CallbackInfo& info, Fft2d f) {
  OptStr norm(info, 3, "norm");
  auto s = OptInts(info, 1);
  return Wrap(info.Env(), f(T(info, 0), OptSizes(s), Ints(info, 2, "dim"), norm.view()));
}
#define YS_FFT1D(name, fn)                                                                                       \
  YS_TABLE_OP(name, Fft1d, CallFft1d,                                                                            \
              [](const at::Tensor& x, c10::optional<int64_t> n, int64_t d, c10::optional<c10::string_view> m) { \
                return fn(x, n, d, m);                                                                           \
              })
#define YS_FFT2D(name, fn)                                                                                       \
  YS_TABLE_OP(name, Fft2d, CallFft2d,                                                                            \
              [](const at::Tensor& x, at::OptionalIntArrayRef s, at::IntArrayRef d, c10::optional<c10::string_view> m) { \
                return fn(x, s, d, m);                                                                           \
              })
// rfftfreq(n, d, dtype?, device?) and fftfreq likewise: the sample frequencies of each output bin.
YS_OP(fftRfftfreq) { return Wrap(info.Env(), at::fft_rfftfreq(Int(info, 0, "n"), Num(info, 1, "d"), CreationOpts(info, 2))); }
YS_OP(fftFftfreq) { return Wrap(info.Env(), at::fft_fftfreq(Int(info, 0, "n"), Num(info, 1, "d"), CreationOpts(info, 2))); }
// fftshift(x, dims?) / ifftshift: move the zero frequency to the centre and back.
YS_OP(fftFftshift) {
  auto dims = OptInts(info, 1);
  return Wrap(info.Env(), at::fft_fftshift(T(info, 0), OptSizes(dims)));
}
YS_OP(fftIfftshift) {
  auto dims = OptInts(info, 1);
  return Wrap(info.Env(), at::fft_ifftshift(T(info, 0), OptSizes(dims)));
}

// ---- complex helpers ----
// viewAsReal(z): a real view with a trailing dimension of 2 (real, imaginary); conjugation is resolved first.
YS_OP(viewAsReal) { return Wrap(info.Env(), at::view_as_real(T(info, 0).resolve_conj())); }
YS_OP(viewAsComplex) { return Wrap(info.Env(), at::view_as_complex(T(info, 0))); }
YS_OP(complex) { return Wrap(info.Env(), at::complex(T(info, 0, "real"), T(info, 1, "imag"))); }
YS_OP(polar) { return Wrap(info.Env(), at::polar(T(info, 0, "abs"), T(info, 1, "angle"))); }
YS_OP(isComplex) { return Napi::Boolean::New(info.Env(), T(info, 0).is_complex()); }

YS_FFT1D(fftFft, at::fft_fft)
YS_FFT1D(fftIfft, at::fft_ifft)
YS_FFT1D(fftRfft, at::fft_rfft)
YS_FFT1D(fftIrfft, at::fft_irfft)
YS_FFT2D(fftFft2, at::fft_fft2)
YS_FFT2D(fftIfft2, at::fft_ifft2)
YS_FFT2D(fftRfft2, at::fft_rfft2)
YS_FFT2D(fftIrfft2, at::fft_irfft2)

YS_UNARY(real, at::real(t))
YS_UNARY(imag, at::imag(t))
YS_UNARY(angle, at::angle(t))
YS_UNARY(conj, at::conj_physical(t))

}  // namespace ys
