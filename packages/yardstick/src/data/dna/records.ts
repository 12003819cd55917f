// Labelled DNA records read from any supported file, before encoding.

/** One labelled sequence; `where` names its origin for error messages (`file:line` or `file record id`). */
export interface DnaRecord {
  id: string;
  sequence: string;
  label: number;
  where: string;
}

/** Parses a class label: a non-negative integer written in decimal. */
export function parseLabel(raw: unknown, where: string): number {
  const text = typeof raw === 'bigint' ? raw.toString() : String(raw ?? '').trim();
  if (!/^\d+$/.test(text))
    throw new Error(`${where}: label ${JSON.stringify(raw)} is not a non-negative integer`);
  return Number(text);
}
