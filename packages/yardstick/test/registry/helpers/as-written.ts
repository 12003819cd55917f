// A loaded registry record keeps what its file says: the value, model and source, and the labels as written
// (normalisation adds project ids beside them, never over them).
import assert from 'node:assert/strict';
import type { FmResult } from '../../../src/registry/index.js';

export function assertAsWritten(r: FmResult | undefined, raw: Record<string, unknown>): void {
  assert.ok(r, `record ${String(raw.id)}`);
  assert.equal(r.value, raw.value, `${String(raw.id)} value`);
  assert.equal(r.model, raw.model, `${String(raw.id)} model`);
  assert.deepEqual(r.source, raw.source, `${String(raw.id)} source`);
  for (const k of ['benchmark', 'task', 'setting', 'metric', 'scale'] as const)
    assert.equal(r.original[k], raw[k], `${String(raw.id)} ${k}`);
}
