// The registry's version and record count, printed in every report. Computed here from the files the records
// came from until the registry module exports its own `registryInfo()` (issue 15); then this is the one swap.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Registry } from '../registry/registry.js';

export interface RegistryInfo {
  /** 'fm-results.json v1' (plus any user files). */
  version: string;
  records: number;
}

export function registryInfo(registry: Registry): RegistryInfo {
  const files = [...new Set(registry.results.map((r) => r.origin))];
  const version = files
    .map((file) => {
      try {
        const v = (JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown }).version;
        return `${path.basename(file)}${v === undefined ? '' : ` v${String(v)}`}`;
      } catch {
        return path.basename(file); // a user CSV: no version field
      }
    })
    .join(' + ');
  return { version: version || 'empty', records: registry.results.length };
}
