// Streaming zip extraction: the archive is read in chunks and every member written as it is inflated, so a
// multi-gigabyte GEO-Bench archive never sits in memory. Each member goes to `<target>.part` and takes its name only
// when complete; a member whose path would leave the target folder is refused before anything is written.
import { closeSync, createReadStream, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';

/** Where a member goes, relative to the target folder, or null to skip it. */
export type MemberTarget = (name: string) => string | null;

/** A member name as a relative path inside the target folder; throws for absolute paths and `..` segments. */
export function safeRelative(name: string, label: string): string {
  const rel = path.normalize(name);
  if (path.isAbsolute(rel) || rel.split(path.sep).includes('..') || /^[a-zA-Z]:/.test(rel))
    throw new Error(`${label}: archive member "${name}" points outside the target folder`);
  return rel;
}

/** Extracts the selected members of `archive` below `into`; returns the relative paths written. */
export async function extractZip(
  archive: string,
  into: string,
  target: MemberTarget,
  label: string,
  onProgress?: (files: number, bytes: number) => void,
): Promise<string[]> {
  const written: string[] = [];
  let bytes = 0;
  let failure: Error | undefined;
  const open = new Set<number>();
  const unzip = new Unzip((file: UnzipFile) => {
    if (failure || file.name.endsWith('/')) return;
    let rel: string | null;
    try {
      const t = target(file.name);
      rel = t === null ? null : safeRelative(t, label);
    } catch (err) {
      failure = err as Error;
      return;
    }
    if (rel === null) return;
    const dest = path.join(into, rel);
    mkdirSync(path.dirname(dest), { recursive: true });
    const fd = openSync(`${dest}.part`, 'w');
    open.add(fd);
    file.ondata = (err, chunk, final) => {
      if (failure) return;
      if (err) {
        failure = new Error(`${label}: member "${file.name}" is corrupt (${err.message})`);
        return;
      }
      writeSync(fd, chunk);
      bytes += chunk.length;
      onProgress?.(written.length, bytes);
      if (final) {
        closeSync(fd);
        open.delete(fd);
        renameSync(`${dest}.part`, dest);
        written.push(rel);
      }
    };
    try {
      file.start();
    } catch (err) {
      failure = new Error(`${label}: member "${file.name}": ${(err as Error).message}`);
    }
  });
  unzip.register(UnzipInflate);
  try {
    for await (const chunk of createReadStream(archive, { highWaterMark: 1 << 20 })) {
      unzip.push(chunk as Uint8Array);
      if (failure) break;
    }
    if (!failure) unzip.push(new Uint8Array(0), true);
  } catch (err) {
    failure ??= new Error(`${label}: not a valid zip archive (${(err as Error).message})`);
  } finally {
    for (const fd of open) closeSync(fd);
  }
  if (!failure && open.size > 0) failure = new Error(`${label}: the archive ends inside a member`);
  if (failure) throw failure;
  if (written.length === 0) {
    // a zip starts with a local file header (PK\3\4); anything else (an HTML page, say) is not one
    throw new Error(`${label}: no files extracted (not a zip archive, or nothing under the expected folder)`);
  }
  return written;
}
