// Downloading one URL into a file: a `.part` file that a rerun resumes (HTTP Range), a checksum check before the
// file takes its final name, and errors that name the URL.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, renameSync, rmSync, statSync, statfsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

/** Expected digest of the downloaded bytes (hex). */
export interface Checksum {
  sha256?: string;
  md5?: string;
}

export type FetchLike = typeof fetch;

export async function digestFile(file: string, algorithm: 'sha256' | 'md5'): Promise<string> {
  const hash = createHash(algorithm);
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

/** Throws unless the file matches every digest given; returns the digests that were checked, as text. */
export async function verifyFile(file: string, checksum: Checksum, label: string): Promise<string> {
  const checked: string[] = [];
  for (const algorithm of ['sha256', 'md5'] as const) {
    const expected = checksum[algorithm];
    if (!expected) continue;
    const actual = await digestFile(file, algorithm);
    if (actual !== expected.toLowerCase())
      throw new Error(`${label}: ${algorithm} mismatch, expected ${expected}, got ${actual}`);
    checked.push(`${algorithm} ${actual}`);
  }
  return checked.join(', ');
}

/**
 * Fetches `url` into `dest`. Bytes go to `dest.part`; an existing `.part` is resumed with a Range request (the
 * server may answer with the whole file instead). A checksum mismatch removes the `.part` file and throws.
 */
export async function downloadFile(
  url: string,
  dest: string,
  checksum: Checksum,
  fetchImpl: FetchLike = fetch,
  onProgress?: (bytes: number, total: number | null) => void,
): Promise<void> {
  mkdirSync(path.dirname(dest), { recursive: true });
  const part = `${dest}.part`;
  const have = existsSync(part) ? statSync(part).size : 0;
  let res: Response;
  try {
    res = await fetchImpl(url, { headers: have > 0 ? { Range: `bytes=${have}-` } : {} });
  } catch (err) {
    throw new Error(`${url}: request failed (${(err as Error).cause ?? (err as Error).message})`);
  }
  const complete = res.status === 416 && have > 0; // the .part already holds every byte
  if (!complete) {
    if (res.status !== 200 && res.status !== 206)
      throw new Error(`${url}: HTTP ${res.status} ${res.statusText}`.trim());
    if (!res.body) throw new Error(`${url}: empty response`);
    const append = res.status === 206;
    const length = Number(res.headers.get('content-length'));
    let bytes = append ? have : 0;
    const total = Number.isFinite(length) && length > 0 ? bytes + length : null;
    if (total !== null) {
      const { bavail, bsize } = statfsSync(path.dirname(part));
      if (length > bavail * bsize) {
        await res.body.cancel();
        throw new Error(
          `${url}: ${(length / 2 ** 20).toFixed(0)} MB to download but only ${((bavail * bsize) / 2 ** 20).toFixed(0)} MB free in ${path.dirname(part)}`,
        );
      }
    }
    // each chunk is written before the next is read, so whatever arrived before a failure stays in the .part file
    const handle = await open(part, append ? 'a' : 'w');
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        await handle.write(chunk);
        bytes += chunk.length;
        onProgress?.(bytes, total);
      }
    } catch (err) {
      throw new Error(
        `${url}: download interrupted (${(err as Error).message}); run again to resume from ${part}`,
      );
    } finally {
      await handle.close();
    }
  }
  try {
    await verifyFile(part, checksum, url);
  } catch (err) {
    rmSync(part, { force: true });
    throw new Error(`${(err as Error).message}; the partial file was removed`);
  }
  renameSync(part, dest);
}
