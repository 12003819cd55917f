import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '@yardstick/torch';
import { assertClose } from './helpers/assert-close.js';

const N = 16;
const cosine = (k: number, amp: number) =>
  torch.tensor(
    Array.from({ length: N }, (_, n) => amp * Math.cos((2 * Math.PI * k * n) / N)),
    { dtype: 'float64' },
  );

test('rfft of a cosine has one bin of height amp * N / 2', () => {
  const X = torch.fft.rfft(cosine(3, 2));
  assert.equal(torch.isComplex(X), true);
  assert.deepEqual(X.shape, [N / 2 + 1]);
  const expectedRe = Array.from({ length: N / 2 + 1 }, (_, k) => (k === 3 ? 16 : 0));
  assertClose(torch.real(X), expectedRe, { atol: 1e-12 });
  assertClose(torch.imag(X), new Array(N / 2 + 1).fill(0), { atol: 1e-12 });
  assertClose(X.abs(), expectedRe, { atol: 1e-12 });
  const pairs = torch.viewAsReal(X);
  assert.deepEqual([pairs.shape, pairs.dtype], [[N / 2 + 1, 2], 'float64']);
  assertClose(pairs.index(3), [16, 0], { atol: 1e-12 });
  assertClose(torch.fft.rfft(cosine(3, 2), { norm: 'ortho' }).abs().index(3), [16 / 4], { atol: 1e-12 });
});

test('irfft(rfft(x)) = x, including odd lengths given n; fft/ifft round trip', () => {
  torch.manualSeed(5);
  const x = torch.randn([4, 15], { dtype: 'float64' });
  const back = torch.fft.irfft(torch.fft.rfft(x), { n: 15 });
  assert.ok(back.sub(x).abs().max().item() < 1e-13);
  const z = torch.fft.ifft(torch.fft.fft(x, { dim: 0 }), { dim: 0 });
  assert.ok(torch.real(z).sub(x).abs().max().item() < 1e-13);
  assert.ok(torch.imag(z).abs().max().item() < 1e-13);
  assert.equal(torch.real(torch.fft.rfft(x.float())).dtype, 'float32', 'float32 input gives complex64');
});

test('rfft2 of a 2-D cosine and the irfft2 round trip', () => {
  // x[m][n] = cos(2 pi (m / 4 + 2 n / 8)) on 4 x 8: the full 2-D DFT has peaks of 4 * 8 / 2 at bins (1, 2) and
  // (3, 6); rfft2 keeps only the last-dim bins 0..4, so the one stored peak is (1, 2).
  const rows = 4;
  const cols = 8;
  const data = Array.from({ length: rows * cols }, (_, i) =>
    Math.cos(2 * Math.PI * (Math.floor(i / cols) / rows + (2 * (i % cols)) / cols)),
  );
  const x = torch.tensor(data, { dtype: 'float64', shape: [rows, cols] });
  const X = torch.fft.rfft2(x);
  assert.deepEqual(X.shape, [rows, cols / 2 + 1]);
  const mag = X.abs().toArray();
  const peak = mag.indexOf(Math.max(...mag));
  assert.deepEqual([Math.floor(peak / 5), peak % 5], [1, 2]);
  assertClose([mag[peak]], [(rows * cols) / 2], { rtol: 1e-12 });
  assert.ok(mag.filter((_, i) => i !== peak).every((v) => v < 1e-10));
  const back = torch.fft.irfft2(X, { s: [rows, cols] });
  assert.ok(back.sub(x).abs().max().item() < 1e-13);
});

test('frequencies, shifts, complex construction, and errors', () => {
  assertClose(torch.fft.rfftfreq(8, 0.5), [0, 0.25, 0.5, 0.75, 1]);
  assertClose(torch.fft.fftfreq(4), [0, 0.25, -0.5, -0.25]);
  assert.deepEqual(torch.fft.fftshift(torch.arange(4)).toArray(), [2, 3, 0, 1]);
  assert.deepEqual(torch.fft.ifftshift(torch.fft.fftshift(torch.arange(5))).toArray(), [0, 1, 2, 3, 4]);
  const re = torch.tensor([1, 0], { dtype: 'float64' });
  const im = torch.tensor([0, 2], { dtype: 'float64' });
  const z = torch.complex(re, im);
  assertClose(z.abs(), [1, 2]);
  assertClose(torch.angle(z), [0, Math.PI / 2]);
  assertClose(torch.viewAsReal(torch.conj(z)), [1, 0, 0, -2]);
  assertClose(torch.viewAsReal(torch.polar(re.add(1), im)), [2, 0, Math.cos(2), Math.sin(2)], {
    atol: 1e-15,
  });
  assert.ok(torch.viewAsComplex(torch.viewAsReal(z)).sub(z).abs().max().item() === 0);
  assert.deepEqual(z.mul(z).abs().toArray(), [1, 4], 'complex arithmetic works directly on spectra');
  assert.throws(() => torch.imag(re), /imag is not implemented for tensors with non-complex dtypes/);
  assert.throws(() => torch.fft.rfft(z), /rfft expects a real input tensor, but got ComplexDouble/);
  assert.throws(
    () => torch.fft.rfft(re, { norm: 'bogus' as torch.FftNorm }),
    /Invalid normalization mode: "bogus"/,
  );
});
