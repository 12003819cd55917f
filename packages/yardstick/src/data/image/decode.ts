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
  };
}

function decodePngBytes(bytes: Uint8Array): DecodedImage {
  const img = decodePng(bytes);
  if (img.palette) {
    const rgb = Uint8Array.from(
      { length: img.width * img.height * 3 },
      (_, i) => img.palette![img.data[Math.floor(i / 3)]][i % 3],
    );
    return { data: planar(rgb, 3, img.height, img.width), channels: 3, height: img.height, width: img.width };
  }
  return {
    data: planar(img.data, img.channels, img.height, img.width),
    channels: img.channels,
    height: img.height,
    width: img.width,
  };
}

async function decodeTiff(bytes: Uint8Array): Promise<DecodedImage> {
  const tiff = await fromArrayBuffer(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  );
  const image = await tiff.getImage();
  const bands = (await image.readRasters({ interleave: false })) as unknown as ArrayLike<number>[];
  const height = image.getHeight();
  const width = image.getWidth();
  const data = new Float32Array(bands.length * height * width);
  bands.forEach((band, c) => data.set(Float32Array.from(band), c * height * width));
  return { data, channels: bands.length, height, width };
}

/** Decodes a JPEG, PNG or (Geo)TIFF file by its content; a corrupt or unknown file is an error naming it. */
export async function decodeImageFile(file: string): Promise<DecodedImage> {
  const bytes = readFileSync(file);
  const kind = kindOf(bytes);
  if (!kind) throw new Error(`${file}: not a JPEG, PNG or TIFF image`);
  try {
    if (kind === 'jpeg') return decodeJpeg(bytes);
    if (kind === 'png') return decodePngBytes(bytes);
    return await decodeTiff(bytes);
  } catch (err) {
    throw new Error(`${file}: corrupt ${kind.toUpperCase()} image (${(err as Error).message})`);
  }
}
