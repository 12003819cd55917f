// Decoding one image file (JPEG, PNG, TIFF/GeoTIFF with any number of bands) into channel-first floats.
import { readFileSync } from 'node:fs';
import { decode as decodePng } from 'fast-png';
import { fromArrayBuffer } from 'geotiff';
import jpeg from 'jpeg-js';

/** Pixel values as stored (0-255 for 8-bit images, raw values for GeoTIFF bands), laid out [C, H, W]. */
export interface DecodedImage {
  data: Float32Array;
  channels: number;
  height: number;
  width: number;
  /** How the values were stored, e.g. "8-bit", "16-bit", "32-bit float": images of one task must agree. */
  sampleType: string;
}

/** The largest image decoded (pixels per image, and values: pixels x channels), checked from the header first. */
export const MAX_IMAGE_PIXELS = 2 ** 25; // 33.5 MP, e.g. 5792 x 5792
export const MAX_IMAGE_VALUES = 2 ** 27; // 512 MB as float32

function checkSize(file: string, width: number, height: number, channels: number): void {
  const mp = (n: number) => `${(n / 1e6).toFixed(1)} MP`;
  if (!(width > 0 && height > 0)) throw new Error(`${file}: the header declares ${width} x ${height} pixels`);
  if (width * height > MAX_IMAGE_PIXELS)
    throw new Error(
      `${file}: the header declares ${width} x ${height} pixels (${mp(width * height)}), more than the ${mp(MAX_IMAGE_PIXELS)} one image may have`,
    );
  if (width * height * channels > MAX_IMAGE_VALUES)
    throw new Error(
      `${file}: ${width} x ${height} pixels x ${channels} bands is more than ${MAX_IMAGE_VALUES} values`,
    );
}

/** Width and height from a PNG's IHDR or a JPEG's start-of-frame segment, without decoding anything. */
function headerSize(
  kind: 'jpeg' | 'png',
  bytes: Uint8Array,
): { width: number; height: number; channels: number } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (kind === 'png') {
    if (bytes.length < 26) return null;
    const channels = { 0: 1, 2: 3, 3: 3, 4: 2, 6: 4 }[bytes[25]] ?? 4;
    return { width: view.getUint32(16), height: view.getUint32(20), channels };
  }
  for (let i = 2; i + 9 < bytes.length;) {
    if (bytes[i] !== 0xff) return null;
    const marker = bytes[i + 1];
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return { height: view.getUint16(i + 5), width: view.getUint16(i + 7), channels: bytes[i + 9] };
    i += 2 + view.getUint16(i + 2);
  }
  return null;
}

type Kind = 'jpeg' | 'png' | 'tiff';

function kindOf(bytes: Uint8Array): Kind | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'jpeg';
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'png';
  const tiffMagic =
    (bytes[0] === 0x49 && bytes[1] === 0x49 && bytes[2] === 42) ||
    (bytes[0] === 0x4d && bytes[1] === 0x4d && bytes[3] === 42);
  return tiffMagic ? 'tiff' : undefined;
}

/** Interleaved HWC samples to planar CHW floats. */
function planar(
  interleaved: ArrayLike<number>,
  channels: number,
  height: number,
  width: number,
): Float32Array {
  const out = new Float32Array(channels * height * width);
  const plane = height * width;
  for (let p = 0; p < plane; p++)
    for (let c = 0; c < channels; c++) out[c * plane + p] = interleaved[p * channels + c];
  return out;
}

function decodeJpeg(bytes: Uint8Array): DecodedImage {
  const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: false, tolerantDecoding: false });
  const channels = img.data.length / (img.width * img.height);
  return {
    data: planar(img.data, channels, img.height, img.width),
    channels,
    height: img.height,
    width: img.width,
    sampleType: '8-bit',
  };
}

function decodePngBytes(bytes: Uint8Array): DecodedImage {
  const img = decodePng(bytes);
  if (img.palette) {
    const rgb = Uint8Array.from(
      { length: img.width * img.height * 3 },
      (_, i) => img.palette![img.data[Math.floor(i / 3)]][i % 3],
    );
    return {
      data: planar(rgb, 3, img.height, img.width),
      channels: 3,
      height: img.height,
      width: img.width,
      sampleType: '8-bit',
    };
  }
  return {
    data: planar(img.data, img.channels, img.height, img.width),
    channels: img.channels,
    height: img.height,
    width: img.width,
    sampleType: `${img.depth}-bit`,
  };
}

async function decodeTiff(file: string, bytes: Uint8Array): Promise<DecodedImage> {
  const tiff = await fromArrayBuffer(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  );
  const image = await tiff.getImage();
  const height = image.getHeight();
  const width = image.getWidth();
  checkSize(file, width, height, image.getSamplesPerPixel());
  const bits = image.getBitsPerSample();
  const format = image.getSampleFormat(); // 1 unsigned, 2 signed, 3 float
  const sampleType = `${bits}-bit${format === 3 ? ' float' : format === 2 ? ' signed' : ''}`;
  const bands = (await image.readRasters({ interleave: false })) as unknown as ArrayLike<number>[];
  const data = new Float32Array(bands.length * height * width);
  bands.forEach((band, c) => data.set(Float32Array.from(band), c * height * width));
  return { data, channels: bands.length, height, width, sampleType };
}

/** Decodes a JPEG, PNG or (Geo)TIFF file by its content; a corrupt or unknown file is an error naming it. */
export async function decodeImageFile(file: string): Promise<DecodedImage> {
  const bytes = readFileSync(file);
  const kind = kindOf(bytes);
  if (!kind) throw new Error(`${file}: not a JPEG, PNG or TIFF image`);
  if (kind !== 'tiff') {
    const size = headerSize(kind, bytes);
    if (!size)
      throw new Error(`${file}: corrupt ${kind.toUpperCase()} image (no readable size in its header)`);
    checkSize(file, size.width, size.height, size.channels);
  }
  try {
    if (kind === 'jpeg') return decodeJpeg(bytes);
    if (kind === 'png') return decodePngBytes(bytes);
    return await decodeTiff(file, bytes);
  } catch (err) {
    const msg = (err as Error).message;
    throw new Error(msg.startsWith(file) ? msg : `${file}: corrupt ${kind.toUpperCase()} image (${msg})`);
  }
}
