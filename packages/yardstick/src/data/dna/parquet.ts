// Parquet tables in the Nucleotide Transformer tasks' layout (columns `sequence`, `name`, `label`).
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema } from 'hyparquet';
import { parseLabel, type DnaRecord } from './records.js';

export interface ParquetColumns {
  sequenceColumn?: string;
  labelColumn?: string;
  /** Identifier column; default `name` when present, else the row number. */
  idColumn?: string;
}

export async function readDnaParquet(file: string, opts: ParquetColumns = {}): Promise<DnaRecord[]> {
  let buffer;
  let metadata;
  try {
    buffer = await asyncBufferFromFile(file);
    metadata = await parquetMetadataAsync(buffer);
  } catch (err) {
    throw new Error(`${file}: not a readable parquet file (${(err as Error).message})`);
  }
  const names = parquetSchema(metadata).children.map((c) => c.element.name);
  const seqCol = opts.sequenceColumn ?? 'sequence';
  const labelCol = opts.labelColumn ?? 'label';
  const idCol = opts.idColumn ?? (names.includes('name') ? 'name' : undefined);
  for (const col of [seqCol, labelCol, ...(idCol ? [idCol] : [])]) {
    if (!names.includes(col)) throw new Error(`${file}: no column "${col}" (columns: ${names.join(', ')})`);
  }
  const rows = await parquetReadObjects({
    file: buffer,
    metadata,
    columns: [seqCol, labelCol, ...(idCol ? [idCol] : [])],
  });
  if (rows.length === 0) throw new Error(`${file}: no rows`);
  return rows.map((row, i) => {
    const id = idCol ? String(row[idCol]) : `row ${i}`;
    const where = `${file} row ${i} (record "${id}")`;
    if (typeof row[seqCol] !== 'string') throw new Error(`${where}: sequence is not a string`);
    return { id, sequence: row[seqCol], label: parseLabel(row[labelCol], where), where };
  });
}
