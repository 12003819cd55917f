// Bilinear resampling of a [C, H, W] image (align-corners false, as torch's default interpolate).

export function resizeBilinear(
  src: Float32Array,
  channels: number,
  height: number,
  width: number,
  outH: number,
  outW: number,
): Float32Array {
  if (height === outH && width === outW) return src;
  const out = new Float32Array(channels * outH * outW);
  const sy = height / outH;
  const sx = width / outW;
  for (let oy = 0; oy < outH; oy++) {
    const fy = Math.min(Math.max((oy + 0.5) * sy - 0.5, 0), height - 1);
    const y0 = Math.floor(fy);
    const y1 = Math.min(y0 + 1, height - 1);
    const wy = fy - y0;
    for (let ox = 0; ox < outW; ox++) {
      const fx = Math.min(Math.max((ox + 0.5) * sx - 0.5, 0), width - 1);
      const x0 = Math.floor(fx);
      const x1 = Math.min(x0 + 1, width - 1);
      const wx = fx - x0;
      for (let c = 0; c < channels; c++) {
        const p = src.subarray(c * height * width);
        const top = p[y0 * width + x0] * (1 - wx) + p[y0 * width + x1] * wx;
        const bottom = p[y1 * width + x0] * (1 - wx) + p[y1 * width + x1] * wx;
        out[(c * outH + oy) * outW + ox] = top * (1 - wy) + bottom * wy;
      }
    }
  }
  return out;
}
