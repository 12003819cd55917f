// The safetensors format (Hugging Face): an 8-byte little-endian header length, a JSON header mapping each
// tensor name to {dtype, shape, data_offsets} (plus an optional "__metadata__" of strings), then the raw
// little-endian bytes of every tensor. Readable by PyTorch users with `safetensors.torch.load_file`.
import { closeSync, openSync, readSync, readFileSync, writeFileSync, fstatSync } from 'node:fs';
import { tensor } from '../ops/creation.js';
import { Tensor, type DType, type TypedArray } from '../tensor.js';

const CODES: Record<DType, string> = {
  float32: 'F32',
  float64: 'F64',
  int64: 'I64',
  int32: 'I32',
  bool: 'BOOL',
  uint8: 'U8',
};
const DTYPES = new Map(Object.entries(CODES).map(([d, c]) => [c, d as DType]));
const ITEM_SIZE: Record<DType, number> = { float32: 4, float64: 8, int64: 8, int32: 4, bool: 1, uint8: 1 };
const METADATA = '__metadata__';
/** Refuse absurd header sizes before allocating (the reference implementation's limit is 100 MB). */
const MAX_HEADER = 100_000_000;

export type Metadata = Record<string, string>;

interface Entry {
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
}

/** Writes tensors (any device, any layout) to `path` in the safetensors format. */
export function save(tensors: Record<string, Tensor>, path: string, metadata?: Metadata): void {
  const header: Record<string, Entry | Metadata> = {};
  if (metadata) {
    for (const [k, v] of Object.entries(metadata)) {
      if (typeof v !== 'string')
        throw new TypeError(`safetensors save(${path}): metadata value '${k}' must be a string`);
    }
    header[METADATA] = metadata;
  }
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const [name, t] of Object.entries(tensors)) {
    if (name === METADATA)
      throw new Error(`safetensors save(${path}): '${METADATA}' is reserved and cannot name a tensor`);
    if (!(t instanceof Tensor)) throw new TypeError(`safetensors save(${path}): '${name}' is not a Tensor`);
    const data = t.dataSync();
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    header[name] = {
      dtype: CODES[t.dtype],
      shape: t.shape,
      data_offsets: [offset, offset + bytes.byteLength],
    };
    chunks.push(bytes);
    offset += bytes.byteLength;
  }
  // Pad the JSON with spaces so the data starts 8-byte aligned, as the reference writer does.
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - ((8 + Buffer.byteLength(json)) % 8)) % 8);
  const headerBytes = Buffer.from(json, 'utf8');
  const prefix = Buffer.alloc(8);
  prefix.writeBigUInt64LE(BigInt(headerBytes.length));
  writeFileSync(path, Buffer.concat([prefix, headerBytes, ...chunks]));
}

function parseHeader(
  bytes: Buffer,
  fileSize: number,
  path: string,
): { entries: [string, Entry][]; metadata: Metadata } {
  const fail = (msg: string): never => {
    throw new Error(`safetensors file ${path}: ${msg}`);
  };
  if (bytes.length < 8) fail('too short to hold a header');
  const n = bytes.readBigUInt64LE(0);
  if (n > BigInt(Math.min(MAX_HEADER, fileSize - 8)))
    fail(`header length ${n} exceeds the file (${fileSize} bytes)`);
  let header: unknown;
  try {
    header = JSON.parse(bytes.subarray(8, 8 + Number(n)).toString('utf8'));
  } catch (e) {
    fail(`header is not valid JSON (${(e as Error).message})`);
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header))
    fail('header is not a JSON object');
  const dataSize = fileSize - 8 - Number(n);
  const metadata = ((header as Record<string, unknown>)[METADATA] ?? {}) as Metadata;
  const entries = Object.entries(header as Record<string, Entry>).filter(([k]) => k !== METADATA);
  let expected = 0;
  for (const [name, e] of [...entries].sort((a, b) => a[1].data_offsets?.[0] - b[1].data_offsets?.[0])) {
    const dtype = DTYPES.get(e.dtype);
    if (!dtype)
      fail(
        `tensor '${name}' has dtype ${JSON.stringify(e.dtype)}, not one of ${[...DTYPES.keys()].join(', ')}`,
      );
    if (!Array.isArray(e.shape) || e.shape.some((s) => !Number.isInteger(s) || s < 0))
      fail(`tensor '${name}' has an invalid shape`);
    const [begin, end] = Array.isArray(e.data_offsets) ? e.data_offsets : [NaN, NaN];
    const size = e.shape.reduce((a, b) => a * b, 1) * ITEM_SIZE[dtype!];
    if (begin !== expected || end - begin !== size || end > dataSize) {
      fail(
        `tensor '${name}' has data_offsets [${e.data_offsets}], expected [${expected}, ${expected + size}] within ${dataSize} data bytes`,
      );
    }
    expected = end;
  }
  if (expected !== dataSize) fail(`${dataSize - expected} data bytes are not covered by any tensor`);
  return { entries, metadata };
}

function typedView(bytes: Buffer, dtype: DType): TypedArray {
  // Copy into a fresh, aligned buffer: the file's bytes may sit at any offset.
  const buf = new Uint8Array(bytes).buffer;
  switch (dtype) {
    case 'float32':
      return new Float32Array(buf);
    case 'float64':
      return new Float64Array(buf);
    case 'int64':
      return new BigInt64Array(buf);
    case 'int32':
      return new Int32Array(buf);
    default:
      return new Uint8Array(buf);
  }
}

/** Reads every tensor of a safetensors file (on the CPU), by name in file order. */
export function load(path: string): Record<string, Tensor> {
  const bytes = readFileSync(path);
  const { entries } = parseHeader(bytes, bytes.length, path);
  const dataStart = 8 + Number(bytes.readBigUInt64LE(0));
  const out: Record<string, Tensor> = {};
  for (const [name, e] of entries) {
    const dtype = DTYPES.get(e.dtype)!;
    const [begin, end] = e.data_offsets;
    out[name] = tensor(typedView(bytes.subarray(dataStart + begin, dataStart + end), dtype), {
      shape: e.shape,
      dtype,
    });
  }
  return out;
}

/** The file's "__metadata__" strings, reading only the header. */
export function loadMetadata(path: string): Metadata {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const prefix = Buffer.alloc(8);
    readSync(fd, prefix, 0, 8, 0);
    const n = Number(prefix.readBigUInt64LE(0));
    if (n > Math.min(MAX_HEADER, size - 8))
      throw new Error(`safetensors file ${path}: header length ${n} exceeds the file (${size} bytes)`);
    const head = Buffer.alloc(8 + n);
    readSync(fd, head, 0, 8 + n, 0);
    return parseHeader(head, size, path).metadata;
  } finally {
    closeSync(fd);
  }
}
