// `yardstick download`: fetch a dataset from its public origin into the data directory, verified.
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { DATASETS, type DatasetSource, type RemoteArchive, type RemoteFile } from './catalog.js';
import { digestFile, downloadFile, verifyFile, type Checksum, type FetchLike } from './fetch.js';
import { writeFileAtomic } from '../../common/atomic-write.js';

export { DATASETS, type DatasetSource };

export interface DownloadOptions {
  fetch?: FetchLike;
  /** Accept an archive that has no published checksum (its sha256 is printed so that it can be recorded). */
  allowUnverified?: boolean;
  log?: (line: string) => void;
  catalog?: readonly DatasetSource[];
}

const hasChecksum = (c: Checksum) => Boolean(c.sha256 || c.md5);

export function findDataset(name: string, catalog: readonly DatasetSource[] = DATASETS): DatasetSource {
  const source = catalog.find((d) => d.name === name);
  if (!source) throw new Error(`unknown dataset "${name}" (known: ${catalog.map((d) => d.name).join(', ')})`);
  return source;
}

/** True when `dest` exists and verifies; an existing file that does not verify is an error, never overwritten. */
async function alreadyThere(dest: string, checksum: Checksum, log: (s: string) => void): Promise<boolean> {
  if (!existsSync(dest)) return false;
  try {
    await verifyFile(dest, checksum, dest);
  } catch (err) {
    throw new Error(
      `${(err as Error).message}: the file exists with other content; remove it to download again`,
    );
  }
  log(`present  ${dest}`);
  return true;
}

async function fetchFile(
  item: RemoteFile,
  dataDir: string,
  opts: DownloadOptions,
  log: (s: string) => void,
): Promise<void> {
  const dest = path.join(dataDir, item.target);
  if (await alreadyThere(dest, item.checksum, log)) return;
  log(`fetch    ${item.url}`);
  await downloadFile(item.url, dest, item.checksum, opts.fetch);
  log(`verified ${dest}`);
}

function safeRelative(name: string, url: string): string {
  const rel = path.normalize(name);
  if (path.isAbsolute(rel) || rel.split(path.sep).includes('..'))
    throw new Error(`${url}: archive member "${name}" points outside the target folder`);
  return rel;
}

async function fetchArchive(
  item: RemoteArchive,
  dataDir: string,
  opts: DownloadOptions,
  log: (s: string) => void,
): Promise<void> {
  const members = item.members ?? [];
  if (members.length > 0) {
    const missing = [];
    for (const m of members)
      if (!(await alreadyThere(path.join(dataDir, m.target), m.checksum, log))) missing.push(m);
    if (missing.length === 0) return;
  }
  const verified =
    hasChecksum(item.checksum) || (members.length > 0 && members.every((m) => hasChecksum(m.checksum)));
  if (!verified && !opts.allowUnverified) {
    throw new Error(
      `${item.url}: no published checksum for this archive; rerun with --allow-unverified to accept it (its sha256 will be printed)`,
    );
  }
  const archive = path.join(dataDir, '.downloads', path.basename(new URL(item.url).pathname));
  log(`fetch    ${item.url}`);
  await downloadFile(item.url, archive, item.checksum, opts.fetch);
  if (!hasChecksum(item.checksum)) log(`unverified archive, sha256 ${await digestFile(archive, 'sha256')}`);
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(readFileSync(archive));
  } catch (err) {
    rmSync(archive, { force: true });
    throw new Error(`${item.url}: not a valid zip archive (${(err as Error).message}); it was removed`);
  }
  if (members.length > 0) {
    for (const m of members) {
      const bytes = entries[m.name];
      if (!bytes) throw new Error(`${item.url}: archive has no member "${m.name}"`);
      const dest = path.join(dataDir, m.target);
      writeFileAtomic(`${dest}.unverified`, bytes);
      try {
        await verifyFile(`${dest}.unverified`, m.checksum, `${item.url} member ${m.name}`);
      } catch (err) {
        rmSync(`${dest}.unverified`, { force: true });
        throw err;
      }
      renameSync(`${dest}.unverified`, dest);
      log(`verified ${dest}`);
    }
  } else {
    const prefix = item.stripPrefix ?? '';
    const files = Object.entries(entries).filter(([name]) => name.startsWith(prefix) && !name.endsWith('/'));
    if (files.length === 0) throw new Error(`${item.url}: archive has no files under "${prefix}"`);
    const into = path.join(dataDir, item.into ?? '');
    for (const [name, bytes] of files)
      writeFileAtomic(path.join(into, safeRelative(name.slice(prefix.length), item.url)), bytes);
    log(`extracted ${files.length} files to ${into}`);
  }
  rmSync(archive, { force: true });
}

/** Downloads every file of a dataset into `dataDir`, skipping files already present and verified. */
export async function downloadDataset(
  name: string,
  dataDir: string,
  opts: DownloadOptions = {},
): Promise<void> {
  const log = opts.log ?? (() => {});
  const source = findDataset(name, opts.catalog);
  for (const item of source.items) {
    if (item.kind === 'file') await fetchFile(item, dataDir, opts, log);
    else await fetchArchive(item, dataDir, opts, log);
  }
}
