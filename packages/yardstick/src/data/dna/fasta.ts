// FASTA with labels. Convention: each header is `>id label=<int>` (other `key=value` words are ignored), or the
// whole file belongs to one class given by the caller (one FASTA file per class). Sequences may span lines.
import { readFileSync } from 'node:fs';
import { parseLabel, type DnaRecord } from './records.js';

export function readDnaFasta(file: string, fileLabel?: number): DnaRecord[] {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  const records: DnaRecord[] = [];
  let current: { id: string; label: number; where: string; parts: string[] } | undefined;
  const finish = (): void => {
    if (!current) return;
    const sequence = current.parts.join('');
    if (sequence === '') throw new Error(`${current.where}: record "${current.id}" has an empty sequence`);
    records.push({ id: current.id, sequence, label: current.label, where: current.where });
  };
  lines.forEach((raw, i) => {
    const line = raw.trim();
    const lineWhere = `${file}:${i + 1}`;
    if (line === '' || line.startsWith(';')) return;
    if (line.startsWith('>')) {
      finish();
      const [id, ...words] = line.slice(1).trim().split(/\s+/);
      if (!id) throw new Error(`${lineWhere}: header without an identifier`);
      const where = `${lineWhere} (record "${id}")`;
      const labelWord = words.find((w) => w.startsWith('label='));
      if (labelWord === undefined && fileLabel === undefined) {
        throw new Error(
          `${where}: no label (write the header as ">${id} label=<class>" or give the file a label)`,
        );
      }
      const label =
        labelWord !== undefined ? parseLabel(labelWord.slice('label='.length), where) : fileLabel!;
      current = { id, label, where, parts: [] };
    } else {
      if (!current) throw new Error(`${lineWhere}: sequence line before the first ">" header`);
      current.parts.push(line);
    }
  });
  finish();
  if (records.length === 0) throw new Error(`${file}: no FASTA records`);
  return records;
}
