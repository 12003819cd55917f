// GEO-Bench HDF5 samples: one file per sample, one dataset per band, and for segmentation a `label` dataset.
// The classification label lives only in the root attribute `pickle` (the text form of a Python pickle). That
// pickle is never executed: the label is read as plain data, as the one integer opcode that follows the `label`
// key (see readPickleLabel).
import { closeSync, openSync, readSync } from 'node:fs';
import type H5Wasm from 'h5wasm/node';

export interface GeobenchSample {
  /** Bands in the requested order, [C, H, W]. */
  data: Float32Array;
  height: number;
  width: number;
  /** Classification label, when requested. */
  label?: number;
  /** Multi-label target (multi-hot), when requested. */
  labels?: Float32Array;
  /** Segmentation mask [H, W], when requested. */
  mask?: Int32Array;
}

/** What a sample's target is: a class label, a mask (`label` dataset), or `labels` classes of a multi-label task. */
export type GeobenchTarget = 'label' | 'mask' | { labels: number };

/** Turns the text of a Python bytes literal (`b'...'` / `b"..."`) into its bytes. */
function bytesFromLiteral(text: string, file: string): Uint8Array {
  const m = /^b(['"])([\s\S]*)\1$/.exec(text);
  if (!m) throw new Error(`${file}: attribute "pickle" is not the text of a Python bytes literal`);
  const body = m[2];
  const out: number[] = [];
  const escapes: Record<string, number> = { n: 10, r: 13, t: 9, '\\': 92, "'": 39, '"': 34, '0': 0 };
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== '\\') {
      out.push(body.charCodeAt(i));
    } else if (body[i + 1] === 'x') {
      out.push(parseInt(body.slice(i + 2, i + 4), 16));
      i += 3;
    } else if (body[i + 1] in escapes) {
      out.push(escapes[body[i + 1]]);
      i += 1;
    } else {
      throw new Error(`${file}: unexpected escape "\\${body[i + 1]}" in attribute "pickle"`);
    }
  }
  return Uint8Array.from(out);
}

/**
 * The integer stored under the key `label` in a pickled dict, found as the byte pattern SHORT_BINUNICODE "label"
 * MEMOIZE followed by one integer opcode (BININT1, BININT2 or BININT). Anything else is an error, never guessed.
 */
export function readPickleLabel(pickleText: string, file: string): number {
  const bytes = bytesFromLiteral(pickleText, file);
  const p = afterLabelKey(bytes, file);
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  switch (bytes[p]) {
    case 0x4b: // K: BININT1
      return bytes[p + 1];
    case 0x4d: // M: BININT2
      return view.getUint16(p + 1, true);
    case 0x4a: // J: BININT
      return view.getInt32(p + 1, true);
    default:
      throw new Error(
        `${file}: the "label" in attribute "pickle" is not a plain integer (opcode 0x${bytes[p].toString(16)})`,
      );
  }
}

/** The offset just after the dict key `label` (SHORT_BINUNICODE "label" MEMOIZE). */
function afterLabelKey(bytes: Uint8Array, file: string): number {
  const key = [0x8c, 5, ...Buffer.from('label'), 0x94];
  const at = bytes.findIndex((_, i) => key.every((b, k) => bytes[i + k] === b));
  if (at < 0) throw new Error(`${file}: no "label" key in attribute "pickle"`);
  return at + key.length;
}

/** Argument bytes of the pickle opcodes a NumPy array's state uses: a fixed size, or a length prefix of n bytes. */
const FIXED: Record<number, number> = {
  0x80: 1,
  0x95: 8,
  0x4b: 1,
  0x4d: 2,
  0x4a: 4,
  0x68: 1,
  0x6a: 4,
  0x47: 8, // PROTO FRAME BININT1/2 BININT BINGET LONG_BINGET BINFLOAT
};
const PREFIXED: Record<number, { len: number; text: boolean }> = {
  0x8c: { len: 1, text: true }, // SHORT_BINUNICODE
  0x58: { len: 4, text: true }, // BINUNICODE
  0x43: { len: 1, text: false }, // SHORT_BINBYTES
  0x42: { len: 4, text: false }, // BINBYTES
};
/** Opcodes without arguments: MEMOIZE MARK TUPLE1-3 TUPLE REDUCE BUILD STACK_GLOBAL NEWTRUE NEWFALSE NONE EMPTY_TUPLE. */
const BARE = new Set([0x94, 0x28, 0x85, 0x86, 0x87, 0x74, 0x52, 0x62, 0x93, 0x88, 0x89, 0x4e, 0x29]);

/**
 * A multi-label target stored under `label` as a NumPy array (`numpy.core.multiarray._reconstruct`, as GEO-Bench's
 * m-bigearthnet samples carry it), as a multi-hot vector. The pickle is read as data, opcode by opcode, never run:
 * the dtype code ('i8', 'u1', 'b1', ...) and the raw bytes that follow it; anything else is an error.
 */
export function readPickleMultiLabel(pickleText: string, file: string, numLabels: number): Float32Array {
  const bytes = bytesFromLiteral(pickleText, file);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (why: string): never => {
    throw new Error(`${file}: the "label" in attribute "pickle" is not a NumPy label vector (${why})`);
  };
  const strings: string[] = [];
  let data: Uint8Array | undefined;
  for (let p = afterLabelKey(bytes, file); p < bytes.length && !data;) {
    const op = bytes[p++];
    if (BARE.has(op)) continue;
    if (op in FIXED) {
      p += FIXED[op];
      continue;
    }
    const prefixed = PREFIXED[op];
    if (!prefixed) fail(`opcode 0x${op.toString(16)}`);
    const n = prefixed.len === 1 ? bytes[p] : view.getUint32(p, true);
    const body = bytes.subarray(p + prefixed.len, p + prefixed.len + n);
    p += prefixed.len + n;
    if (prefixed.text) strings.push(Buffer.from(body).toString('utf8'));
    else if (strings.includes('dtype')) data = body;
  }
  if (!/^numpy\.(_?core)\.multiarray$/.test(strings[0] ?? '') || strings[1] !== '_reconstruct')
    fail('not an array');
  const code = strings[strings.indexOf('dtype') + 1] ?? '';
  const m = /^([iub])([1248])$/.exec(code);
  if (!m || !data) fail(`dtype ${JSON.stringify(code)}`);
  const size = Number(m![2]);
  const little = !strings.includes('>');
  if (data!.length !== size * numLabels) fail(`${data!.length / size} entries, expected ${numLabels}`);
  const out = new Float32Array(numLabels);
  const dv = new DataView(data!.buffer, data!.byteOffset, data!.byteLength);
  for (let i = 0; i < numLabels; i++) {
    const at = i * size;
    const v =
      size === 1
        ? dv.getUint8(at)
        : size === 2
          ? dv.getUint16(at, little)
          : size === 4
            ? dv.getUint32(at, little)
            : Number(dv.getBigUint64(at, little));
    if (v !== 0 && v !== 1) fail(`entry ${i} is ${v}, not 0 or 1`);
    out[i] = v;
  }
  return out;
}

type H5Module = typeof H5Wasm;
let h5module: Promise<H5Module> | undefined;

/**
 * h5wasm is loaded on first use: compiling its WebAssembly takes seconds that non-HDF5 tasks should not pay. Its
 * throwing error handler turns the HDF5 library's error stack (dozens of lines printed to stderr) into an exception.
 */
function loadH5wasm(): Promise<H5Module> {
  return (h5module ??= import('h5wasm/node').then(async (m) => {
    const module = await m.default.ready;
    module.activate_throwing_error_handler();
    return m.default;
  }));
}

/** The innermost reason of an HDF5 error stack ("truncated file: eof = 3000, ..."), else the message's first line. */
function hdf5Reason(err: unknown): string {
  const text = String((err as Error)?.message ?? err);
  const frames = [...text.matchAll(/#\d+: .* in [\w.]+\(\): (.+)/g)].map((m) => m[1].trim());
  return frames.at(-1) ?? text.split('\n')[0];
}

/**
 * Bands to read: the names given, or every dataset but the label ones, sorted by name (GEO-Bench's names start
 * with the band number). A dataset that is not [H, W] is an error rather than a band silently left out.
 */
function bandNames(
  h5: InstanceType<H5Module['File']>,
  keys: string[],
  bands: readonly string[] | 'all',
  file: string,
): readonly string[] {
  if (bands !== 'all') return bands;
  const all = keys.filter((k) => !k.startsWith('label')).sort();
  for (const k of all) {
    const shape = (h5.get(k) as { shape?: number[] | null } | null)?.shape ?? [];
    if (shape.length !== 2)
      throw new Error(
        `${file}: dataset "${k}" has shape [${shape}], not [H, W]; name the bands to read in a task file ("bands")`,
      );
  }
  if (all.length === 0) throw new Error(`${file}: no band datasets (datasets: ${keys.join(', ')})`);
  return all;
}

const HDF5_SIGNATURE = Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Whether the file carries the HDF5 superblock signature (at 0, or after a user block of 512 * 2^k bytes). */
function hasHdf5Signature(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(8);
    for (let offset = 0; offset <= 1 << 20; offset = offset === 0 ? 512 : offset * 2) {
      if (readSync(fd, head, 0, 8, offset) < 8) return false;
      if (head.equals(HDF5_SIGNATURE)) return true;
    }
    return false;
  } finally {
    closeSync(fd);
  }
}

/** Reads the named bands (or all of them) and the label or mask of one GEO-Bench sample file. */
export async function readGeobenchSample(
  file: string,
  bands: readonly string[] | 'all',
  target: GeobenchTarget,
): Promise<GeobenchSample> {
  const h5wasm = await loadH5wasm();
  // h5wasm does not throw on a file that is not HDF5 (it fails later, with a message that names nothing)
  if (!hasHdf5Signature(file)) throw new Error(`${file}: not a readable HDF5 file (no HDF5 signature)`);
  let h5: InstanceType<H5Module['File']>;
  try {
    h5 = new h5wasm.File(file, 'r');
  } catch (err) {
    throw new Error(`${file}: not a readable HDF5 file (${hdf5Reason(err)})`);
  }
  try {
    return readSample(h5, file, bands, target);
  } catch (err) {
    if (/HDF5-DIAG/.test(String((err as Error)?.message)))
      throw new Error(`${file}: not a readable HDF5 file (${hdf5Reason(err)})`);
    throw err;
  } finally {
    h5.close();
  }
}

function readSample(
  h5: InstanceType<H5Module['File']>,
  file: string,
  requested: readonly string[] | 'all',
  target: GeobenchTarget,
): GeobenchSample {
  const keys = h5.keys();
  const bands = bandNames(h5, keys, requested, file);
  const read = (name: string) => {
    if (!keys.includes(name)) throw new Error(`${file}: no dataset "${name}" (datasets: ${keys.join(', ')})`);
    const ds = h5.get(name) as { shape?: number[] | null; value: unknown };
    return { shape: ds.shape ?? [], value: ds.value as ArrayLike<number | bigint> };
  };
  const first = read(bands[0]);
  if (first.shape.length !== 2)
    throw new Error(`${file}: band "${bands[0]}" has shape [${first.shape}], expected [H, W]`);
  const [height, width] = first.shape;
  const data = new Float32Array(bands.length * height * width);
  bands.forEach((name, c) => {
    const band = name === bands[0] ? first : read(name);
    if (band.shape[0] !== height || band.shape[1] !== width) {
      throw new Error(`${file}: band "${name}" has shape [${band.shape}], expected [${height}, ${width}]`);
    }
    data.set(Float32Array.from(band.value as ArrayLike<number>), c * height * width);
  });
  if (target === 'mask') {
    const label = read('label');
    if (label.shape[0] !== height || label.shape[1] !== width)
      throw new Error(`${file}: "label" has shape [${label.shape}], expected [${height}, ${width}]`);
    return { data, height, width, mask: Int32Array.from(label.value, (v) => Number(v)) };
  }
  const attr = h5.attrs['pickle'];
  if (!attr) throw new Error(`${file}: no root attribute "pickle" holding the label`);
  if (typeof target === 'object')
    return { data, height, width, labels: readPickleMultiLabel(String(attr.value), file, target.labels) };
  return { data, height, width, label: readPickleLabel(String(attr.value), file) };
}
