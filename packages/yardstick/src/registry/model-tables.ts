// The per-model data files beside the curated registry: which target datasets an FM family saw in pretraining
// (pretraining-overlap.json) and its pretraining cost (model-cost.json). Both are sourced tables applied to
// every record of a matching model, curated or the user's, so a fact is written once, not per record.
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { costFileSchema, describeIssues, overlapFileSchema } from './schema.js';
import type { FmResult, FmSource } from './types.js';

export interface ModelTables {
  overlap(model: string, task: string): { dataset: string; source: FmSource } | null;
  cost(model: string): NonNullable<FmResult['cost']> | null;
}

/**
 * A model belongs to a family when its name is the family name or continues it after ' ', '-', '(' or '/'
 * ('Time-MoE-ultra (2.4B)' and 'Time-MoE (base, 50M)' are Time-MoE; 'TimesFMX' is not TimesFM).
 */
export function inFamily(model: string, family: string): boolean {
  const m = model.toLowerCase();
  const f = family.toLowerCase();
  return m === f || (m.startsWith(f) && ' -(/'.includes(m[f.length]));
}

function readTable<T extends z.ZodType>(file: string, schema: T): z.infer<T> {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`cannot read the registry table ${file}: ${(e as Error).message}`);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success)
    throw new Error(`${file}: ${describeIssues(parsed.error, (p) => `field '${p.join('.')}'`)}`);
  return parsed.data;
}

/** The most specific family entry matching the model (the longest family name), if any. */
function bestMatch<E extends { model: string }>(entries: readonly E[], model: string): E | undefined {
  return entries.filter((e) => inFamily(model, e.model)).sort((a, b) => b.model.length - a.model.length)[0];
}

export function modelTables(overlapFile: string, costFile: string): ModelTables {
  const overlaps = readTable(overlapFile, overlapFileSchema).entries;
  const costs = readTable(costFile, costFileSchema).entries;
  // a registry holds ~20 records per model: match each model once
  const costOf = new Map<string, (typeof costs)[number] | undefined>();
  const overlapOf = new Map<string, (typeof overlaps)[number] | undefined>();
  const once = <V>(cache: Map<string, V>, key: string, f: () => V): V => {
    if (!cache.has(key)) cache.set(key, f());
    return cache.get(key) as V;
  };
  return {
    overlap(model, task) {
      const e = once(overlapOf, `${model}\u0000${task}`, () =>
        bestMatch(
          overlaps.filter((o) => o.task === task),
          model,
        ),
      );
      return e ? { dataset: e.dataset, source: e.source } : null;
    },
    cost(model) {
      const e = once(costOf, model, () => bestMatch(costs, model));
      if (!e) return null;
      return {
        params: e.params ?? null,
        pretrainingTokens: e.pretrainingTokens ?? null,
        pretrainingTimePoints: e.pretrainingTimePoints ?? null,
        gpuHours: e.gpuHours ?? null,
        source: e.source,
      };
    },
  };
}
