// torch.fft, and helpers for the complex tensors it returns.
// Spectra are complex tensors (complex64 from float32 input, complex128 from float64). Arithmetic, abs, and
// the inverse transforms accept them directly; to read the numbers, take real()/imag() or viewAsReal(),
// which gives a real tensor with a trailing dimension of 2 holding (real, imaginary).
import { native, type Fft1dOp, type Fft2dOp, type FreqOp, type OpName, type ShiftOp } from '../native.js';
import { wrap, Tensor, type DType, type Device } from '../tensor.js';
import { unary } from './install.js';

/** Normalisation: 'backward' (default: none forward, 1/n inverse), 'forward', or 'ortho' (1/sqrt(n) both ways). */
export type FftNorm = 'backward' | 'forward' | 'ortho';
export interface Fft1dOptions {
  /** Signal length: the input is zero-padded or trimmed to n (for irfft: the output length, default 2(m-1)). */
  n?: number;
  dim?: number;
  norm?: FftNorm;
}
export interface Fft2dOptions {
  /** Signal sizes along dim (for irfft2: the output sizes). */
  s?: number[];
  dim?: number[];
  norm?: FftNorm;
}

function oneD(name: OpName<Fft1dOp>) {
  return (x: Tensor, opts: Fft1dOptions = {}): Tensor =>
    wrap(native[name](x._h, opts.n, opts.dim ?? -1, opts.norm));
}
function twoD(name: OpName<Fft2dOp>) {
  return (x: Tensor, opts: Fft2dOptions = {}): Tensor =>
    wrap(native[name](x._h, opts.s, opts.dim ?? [-2, -1], opts.norm));
}
function freq(name: OpName<FreqOp>) {
  return (n: number, d = 1, opts: { dtype?: DType; device?: Device } = {}): Tensor =>
    wrap(native[name](n, d, opts.dtype, opts.device));
}
function shift(name: OpName<ShiftOp>) {
  return (x: Tensor, dim?: number | number[]): Tensor => wrap(native[name](x._h, dim));
}

/** torch.fft */
export const fft = {
  fft: oneD('fftFft'),
  ifft: oneD('fftIfft'),
  /** The n/2+1 non-negative-frequency terms of a real signal's DFT. */
  rfft: oneD('fftRfft'),
  /** Inverse of rfft: a real signal of length n (default 2(m-1)). */
  irfft: oneD('fftIrfft'),
  fft2: twoD('fftFft2'),
  ifft2: twoD('fftIfft2'),
  rfft2: twoD('fftRfft2'),
  irfft2: twoD('fftIrfft2'),
  /** Sample frequencies of rfft's bins for sample spacing d. */
  rfftfreq: freq('fftRfftfreq'),
  fftfreq: freq('fftFftfreq'),
  fftshift: shift('fftFftshift'),
  ifftshift: shift('fftIfftshift'),
};

/** A real view of a complex tensor with a trailing dimension of 2 (real, imaginary). */
export function viewAsReal(z: Tensor): Tensor {
  return wrap(native.viewAsReal(z._h));
}
/** The inverse of viewAsReal: the last dimension (of size 2, stride 1) becomes the complex parts. */
export function viewAsComplex(x: Tensor): Tensor {
  return wrap(native.viewAsComplex(x._h));
}
/** A complex tensor from real and imaginary parts (float32 or float64, same dtype). */
export function complex(real: Tensor, imag: Tensor): Tensor {
  return wrap(native.complex(real._h, imag._h));
}
/** abs * (cos(angle) + i sin(angle)) */
export function polar(abs: Tensor, angle: Tensor): Tensor {
  return wrap(native.polar(abs._h, angle._h));
}
export const real = unary('real');
/** Imaginary part (an error for real tensors, as in PyTorch). */
export const imag = unary('imag');
/** Argument of each complex element (0 or pi for real ones). */
export const angle = unary('angle');
/** Complex conjugate (a copy). */
export const conj = unary('conj');
export function isComplex(t: Tensor): boolean {
  return native.isComplex(t._h);
}
