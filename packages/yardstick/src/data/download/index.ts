// `yardstick download`: fetch a dataset from its public origin into the data directory, verified where the origin
// publishes a checksum, and recorded (sha256 and size, trusted on first use) where it publishes none.
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  DATASETS,
  GEOBENCH_TASKS,
  NT_TASKS,
  type DatasetSource,
  type RemoteArchive,
  type RemoteFile,
  type ZenodoRecord,
} from './catalog.js';
import { nearMatches } from '../near-matches.js';
import { extractZip } from './extract.js';
import { digestFile, downloadFile, verifyFile, type Checksum, type FetchLike } from './fetch.js';
import { writeFileAtomic } from '../../common/atomic-write.js';

export { DATASETS, GEOBENCH_TASKS, NT_TASKS, type DatasetSource };

export interface DownloadOptions {
  fetch?: FetchLike;
  /** Accept files that have no published checksum (their sha256 and size are printed and recorded). */
  allowUnverified?: boolean;
  log?: (line: string) => void;
  /** How often long downloads and extractions print a progress line (default 30 s). */
  progressEveryMs?: number;
  catalog?: readonly DatasetSource[];
}

const hasChecksum = (c: Checksum) => Boolean(c.sha256 || c.md5);

/** The datasets a name selects: the one of that name, or every `name/...` entry (`geobench`, `nt`). */
export function findDatasets(name: string, catalog: readonly DatasetSource[] = DATASETS): DatasetSource[] {
  const exact = catalog.filter((d) => d.name === name);
  const group = catalog.filter((d) => d.name.startsWith(`${name}/`));
  const found = exact.length > 0 ? exact : group;
  if (found.length === 0) {
    const near = nearMatches(
      name,
      catalog.map((d) => d.name),
    );
    throw new Error(
      `unknown dataset "${name}"` +
        (near.length ? ` (did you mean ${near.join(', ')}?)` : '') +
        ` (known: ${datasetGroups(catalog).join(', ')}; \`yardstick download --list\` lists all)`,
    );
  }
  return found;
}

/** The names a user types: each dataset, with `a/b` entries shown once as their group `a`. */
export function datasetGroups(catalog: readonly DatasetSource[] = DATASETS): string[] {
  return [...new Set(catalog.map((d) => d.name.split('/')[0]))];
}

// ---- what was recorded for files whose origin publishes no checksum (trust on first use)

const Recorded = z.record(z.string(), z.object({ url: z.string(), sha256: z.string(), bytes: z.number() }));
type Recorded = z.infer<typeof Recorded>;

function recordFile(dataDir: string): string {
  return path.join(dataDir, '.downloads', 'unverified.json');
}

function readRecorded(dataDir: string): Recorded {
  const file = recordFile(dataDir);
  if (!existsSync(file)) return {};
  const parsed = Recorded.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new Error(`${file}: not a record of downloaded files; remove it to start afresh`);
  return parsed.data;
}

async function record(dataDir: string, key: string, url: string, file: string, log: (s: string) => void) {
  const sha256 = await digestFile(file, 'sha256');
  const bytes = statSync(file).size;
  const all = { ...readRecorded(dataDir), [key]: { url, sha256, bytes } };
  writeFileAtomic(recordFile(dataDir), JSON.stringify(all, null, 2) + '\n');
  log(`unverified ${key}: no published checksum; recorded sha256 ${sha256}, ${bytes} bytes`);
}

/** The checksum to hold a file to: the published one, else what was recorded when it was first downloaded. */
function expectedChecksum(dataDir: string, key: string, published: Checksum): Checksum {
  if (hasChecksum(published)) return published;
  const seen = readRecorded(dataDir)[key];
  return seen ? { sha256: seen.sha256 } : {};
}

function requireConsent(url: string, opts: DownloadOptions): void {
  if (!opts.allowUnverified)
    throw new Error(
      `${url}: the origin publishes no checksum for this file; rerun with --allow-unverified to accept it (its sha256 and size are printed and recorded)`,
    );
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

/** An extracted archive leaves this marker naming its URL; a rerun with the marker in place fetches nothing. */
const MARKER = '.yardstick-download.json';

function extractedAlready(folder: string, url: string, log: (s: string) => void): boolean {
  const marker = path.join(folder, MARKER);
  if (!existsSync(marker)) return false;
  try {
    const m = JSON.parse(readFileSync(marker, 'utf8')) as { url?: string; files?: number };
    if (m.url !== url) return false;
    log(`present  ${folder} (${m.files} files from ${url})`);
    return true;
  } catch {
    return false;
  }
}

function markExtracted(folder: string, url: string, files: number): void {
  writeFileAtomic(path.join(folder, MARKER), JSON.stringify({ url, files }) + '\n');
}

const MB = 1024 * 1024;

/** At most one call every 30 s (progress as plain lines, so that logs and pipes see them too). */
function every30s<A extends unknown[]>(f: (...args: A) => void, everyMs = 30_000): (...args: A) => void {
  let last = Date.now();
  return (...args: A) => {
    if (Date.now() - last < everyMs) return;
    last = Date.now();
    f(...args);
  };
}

function progressLines(label: string, c: Context) {
  return every30s((bytes: number, total: number | null) => {
    const of = total ? ` of ${(total / MB).toFixed(1)} MB (${Math.floor((100 * bytes) / total)}%)` : '';
    c.log(`         ${label}: ${(bytes / MB).toFixed(1)} MB${of}`);
  }, c.opts.progressEveryMs);
}

function extractionLines(label: string, c: Context) {
  return every30s(
    (files: number, bytes: number) =>
      c.log(`         ${label}: ${files} files extracted, ${(bytes / MB).toFixed(1)} MB`),
    c.opts.progressEveryMs,
  );
}

interface Context {
  dataDir: string;
  opts: DownloadOptions;
  log: (s: string) => void;
}

/**
 * Fetches `url` to `dest` (resuming a `.part`), verifying against `published`, or, without a published checksum,
 * against the recorded digest of an earlier download. Returns the step that records a first unverified download,
 * for the caller to run once the bytes proved usable (an archive that extracts), so that an error page is never
 * trusted on first use.
 */
async function fetchVerified(
  url: string,
  dest: string,
  published: Checksum | 'members',
  key: string,
  c: Context,
): Promise<() => Promise<void>> {
  const done = async () => {};
  // 'members': the archive itself is not pinned, every member it is used for is
  const expected = published === 'members' ? {} : expectedChecksum(c.dataDir, key, published);
  if (await alreadyThere(dest, expected, c.log)) return done;
  const unpinned = published !== 'members' && !hasChecksum(expected);
  if (unpinned) requireConsent(url, c.opts);
  c.log(`fetch    ${url}`);
  await downloadFile(url, dest, expected, c.opts.fetch, progressLines(path.basename(dest), c));
  if (unpinned) return () => record(c.dataDir, key, url, dest, c.log);
  if (hasChecksum(expected)) c.log(`verified ${dest}`);
  return done;
}

async function fetchFile(item: RemoteFile, c: Context): Promise<void> {
  const recordIt = await fetchVerified(
    item.url,
    path.join(c.dataDir, item.target),
    item.checksum,
    item.target,
    c,
  );
  await recordIt();
}

const ZIP_SIGNATURE = Buffer.from('PK\x03\x04', 'latin1');

/** A download that is not a zip (an HTML error or consent page, say) is removed with one line saying so. */
function requireZip(archive: string, url: string): void {
  const head = Buffer.alloc(4);
  const fd = openSync(archive, 'r');
  try {
    readSync(fd, head, 0, 4, 0);
  } finally {
    closeSync(fd);
  }
  if (!head.equals(ZIP_SIGNATURE)) {
    rmSync(archive, { force: true });
    throw new Error(`${url}: the answer is not a zip archive (an error or sign-in page?); it was removed`);
  }
}

/** Downloads an archive to .downloads/, extracts it (flat, or below a prefix, or chosen members), removes it. */
async function fetchAndExtract(
  url: string,
  checksum: Checksum | 'members',
  saveAs: string,
  extract: (archive: string) => Promise<void>,
  c: Context,
): Promise<void> {
  const archive = path.join(c.dataDir, '.downloads', saveAs);
  const recordIt = await fetchVerified(url, archive, checksum, `.downloads/${saveAs}`, c);
  requireZip(archive, url);
  await extract(archive);
  await recordIt();
  rmSync(archive, { force: true });
}

async function fetchArchive(item: RemoteArchive, c: Context): Promise<void> {
  const members = item.members ?? [];
  const into = path.join(c.dataDir, item.into ?? '');
  if (members.length > 0) {
    const missing = [];
    for (const m of members)
      if (!(await alreadyThere(path.join(c.dataDir, m.target), m.checksum, c.log))) missing.push(m);
    if (missing.length === 0) return;
  } else if (extractedAlready(into, item.url, c.log)) return;
  // an archive whose every member is pinned is verified member by member
  const verifiedByMembers = members.length > 0 && members.every((m) => hasChecksum(m.checksum));
  const saveAs = item.saveAs ?? path.basename(new URL(item.url).pathname);
  await fetchAndExtract(
    item.url,
    verifiedByMembers ? 'members' : item.checksum,
    saveAs,
    async (archive) => {
      if (members.length > 0) {
        const byName = new Map(members.map((m) => [m.name, m]));
        const staging = path.join(c.dataDir, '.downloads', `${saveAs}.members`);
        const got = await extractZip(archive, staging, (n) => (byName.has(n) ? n : null), item.url);
        for (const m of members) {
          if (!got.includes(path.normalize(m.name)))
            throw new Error(`${item.url}: archive has no member "${m.name}"`);
          const staged = path.join(staging, m.name);
          await verifyFile(staged, m.checksum, `${item.url} member ${m.name}`);
          const dest = path.join(c.dataDir, m.target);
          mkdirSync(path.dirname(dest), { recursive: true });
          renameSync(staged, dest);
          c.log(`verified ${dest}`);
        }
        rmSync(staging, { recursive: true, force: true });
        return;
      }
      const prefix = item.stripPrefix ?? '';
      const files = await extractZip(
        archive,
        into,
        (n) => (n.startsWith(prefix) ? n.slice(prefix.length) : null),
        item.url,
        extractionLines(saveAs, c),
      );
      markExtracted(into, item.url, files.length);
      c.log(`extracted ${files.length} files to ${into}`);
    },
    c,
  );
}

/** The parts of a Zenodo record's JSON that a download needs (https://developers.zenodo.org, records API). */
const ZenodoJson = z.object({
  metadata: z.object({ version: z.string().optional(), title: z.string().optional() }).optional(),
  files: z
    .array(
      z.object({
        key: z.string().min(1),
        size: z.number().optional(),
        checksum: z.string().regex(/^md5:[0-9a-f]{32}$/i),
        links: z.object({ self: z.string().url() }),
      }),
    )
    .min(1),
});

async function fetchZenodo(item: ZenodoRecord, c: Context): Promise<void> {
  const into = path.join(c.dataDir, item.into);
  if (extractedAlready(into, item.url, c.log)) return;
  const fetchImpl = c.opts.fetch ?? fetch;
  let json: unknown;
  try {
    const res = await fetchImpl(item.url, { headers: { Accept: 'application/json' } });
    if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`.trim());
    json = await res.json();
  } catch (err) {
    throw new Error(`${item.url}: cannot read the Zenodo record (${(err as Error).message})`);
  }
  const parsed = ZenodoJson.safeParse(json);
  if (!parsed.success)
    throw new Error(
      `${item.url}: not a Zenodo record with files and md5 checksums (${parsed.error.issues[0].message})`,
    );
  const version = parsed.data.metadata?.version;
  if (version !== undefined && version !== item.version)
    throw new Error(
      `${item.url}: the record is version ${version}, not ${item.version} (the version this catalogue entry is for)`,
    );
  const origin = new URL(item.url).origin;
  c.log(
    `record   ${item.url}${parsed.data.metadata?.version ? ` (version ${parsed.data.metadata.version})` : ''}`,
  );
  let count = 0;
  for (const f of parsed.data.files) {
    if (new URL(f.links.self).origin !== origin)
      throw new Error(`${item.url}: file "${f.key}" links outside ${origin} (${f.links.self})`);
    const key = path.basename(f.key);
    const checksum = { md5: f.checksum.slice(4) };
    if (!key.endsWith('.zip')) {
      await fetchVerified(f.links.self, path.join(into, key), checksum, `${item.into}/${key}`, c); // md5 published
      count++;
      continue;
    }
    await fetchAndExtract(
      f.links.self,
      checksum,
      path.join('zenodo', key),
      async (archive) => {
        // flat, as GEO-Bench's downloader extracts (its zips were uploaded with nested folders)
        const files = await extractZip(
          archive,
          into,
          (n) => path.posix.basename(n),
          f.links.self,
          extractionLines(key, c),
        );
        count += files.length;
        c.log(`extracted ${files.length} files to ${into}`);
      },
      c,
    );
  }
  markExtracted(into, item.url, count);
}

/** Downloads every file of the selected datasets into `dataDir`, skipping what is already present and verified. */
export async function downloadDataset(
  name: string,
  dataDir: string,
  opts: DownloadOptions = {},
): Promise<void> {
  const c: Context = { dataDir, opts, log: opts.log ?? (() => {}) };
  for (const source of findDatasets(name, opts.catalog)) {
    for (const item of source.items) {
      if (item.kind === 'file') await fetchFile(item, c);
      else if (item.kind === 'archive') await fetchArchive(item, c);
      else await fetchZenodo(item, c);
    }
  }
}
