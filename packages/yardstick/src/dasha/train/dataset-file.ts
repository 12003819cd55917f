// A split on disk for worker processes: one JSON header and two raw little-endian arrays, so a worker maps the
// parent's exact split (same rows, same order) without decoding the task's source files again.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Dataset } from '../../data/types.js';

interface Header {
  shape: number[];
  yType: 'int32' | 'float32';
  yLength: number;
}

export function writeDataset(base: string, ds: Dataset): void {
  const header: Header = {
    shape: ds.shape,
    yType: ds.y instanceof Float32Array ? 'float32' : 'int32',
    yLength: ds.y.length,
  };
  writeFileSync(`${base}.json`, JSON.stringify(header));
  writeFileSync(`${base}.x`, new Uint8Array(ds.x.buffer, ds.x.byteOffset, ds.x.byteLength));
  writeFileSync(`${base}.y`, new Uint8Array(ds.y.buffer, ds.y.byteOffset, ds.y.byteLength));
}

export function readDataset(base: string): Dataset {
  const h = JSON.parse(readFileSync(`${base}.json`, 'utf8')) as Header;
  const copy = (file: string): ArrayBuffer => {
    const b = readFileSync(file);
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  };
  const x = new Float32Array(copy(`${base}.x`));
  const y = h.yType === 'float32' ? new Float32Array(copy(`${base}.y`)) : new Int32Array(copy(`${base}.y`));
  const n = h.shape.reduce((a, b) => a * b, 1);
  if (x.length !== n || y.length !== h.yLength)
    throw new Error(
      `${base}: the split's files do not match its header (${x.length} of ${n} inputs, ${y.length} of ${h.yLength} targets)`,
    );
  return { x, y, shape: h.shape };
}
