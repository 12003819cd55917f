// DASH search spaces: candidate (kernel size, dilation) pairs in the reference's kernel-major order, their
// receptive fields, and the fixed 0/1 placement matrices that dilate a k-tap kernel and centre it in the
// largest receptive field S (spec 1.4). Pure numbers, no engine.

export interface ConvChoice {
  k: number;
  d: number;
}

export interface SearchSpace {
  kernels: readonly number[];
  dilations: readonly number[];
}

/** Spec 1.3: the NT genomics space (|K| x |D| = 20, max receptive field 71). */
export const GENOMICS_SPACE: SearchSpace = { kernels: [3, 5, 7, 9, 11], dilations: [1, 3, 5, 7] };
/** Spec 1.3: so2sat / bigearthnet / eurosat (max receptive field 121). */
export const SATELLITE_WIDE_SPACE: SearchSpace = { kernels: [3, 5, 7, 9], dilations: [1, 3, 7, 15] };
/** Spec 1.3: brick-kiln / pv4ger / forestnet / cropland / fmow (max receptive field 57). */
export const SATELLITE_SPACE: SearchSpace = { kernels: [3, 5, 7, 9], dilations: [1, 3, 5, 7] };

export function validateSpace(s: SearchSpace): void {
  if (s.kernels.length === 0 || s.dilations.length === 0)
    throw new Error('search space: kernels and dilations must be non-empty');
  for (const k of s.kernels)
    if (!Number.isInteger(k) || k < 1 || k % 2 === 0)
      throw new Error(`search space: kernel sizes must be odd positive integers, got ${k}`);
  for (const d of s.dilations)
    if (!Number.isInteger(d) || d < 1)
      throw new Error(`search space: dilations must be positive integers, got ${d}`);
}

/** Candidate i is (K[i div |D|], D[i mod |D|]). */
export function candidates(s: SearchSpace): ConvChoice[] {
  return s.kernels.flatMap((k) => s.dilations.map((d) => ({ k, d })));
}

export function receptiveField(c: ConvChoice): number {
  return c.d * (c.k - 1) + 1;
}

/** S: the largest receptive field of the space (odd, since every kernel size is odd). */
export function maxReceptiveField(s: SearchSpace): number {
  return Math.max(...candidates(s).map(receptiveField));
}

/**
 * P (k x S) with P[j, off + j*d] = 1, off = (S - RF)/2: kernel taps times P give the dilated kernel centred
 * in S taps. In 2-D the same P acts on both axes: P^T W P.
 */
export function placementMatrix(c: ConvChoice, S: number): Float64Array {
  const rf = receptiveField(c);
  if (rf > S || (S - rf) % 2 !== 0)
    throw new Error(`placement: receptive field ${rf} cannot be centred in ${S} taps`);
  const off = (S - rf) / 2;
  const P = new Float64Array(c.k * S);
  for (let j = 0; j < c.k; j++) P[j * S + off + j * c.d] = 1;
  return P;
}

/** argmax discretisation on the raw logits (no noise); ties go to the first candidate, like torch.argmax. */
export function discretise(alpha: ArrayLike<number>, s: SearchSpace): ConvChoice {
  const cands = candidates(s);
  if (alpha.length !== cands.length)
    throw new Error(`discretise: ${alpha.length} logits for ${cands.length} candidates`);
  let best = 0;
  for (let i = 1; i < alpha.length; i++) if (alpha[i] > alpha[best]) best = i;
  return cands[best];
}
