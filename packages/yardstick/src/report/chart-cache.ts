// A content-addressed cache of rendered charts. Key: a hash of the Vega-Lite spec (its data included) and of the
// versions of vega, vega-lite and every package they load; value: the SVG vega drew. A report of unchanged data
// then imports no vega at all, and after a new run only the charts whose data changed are drawn again.
// Deleting the folder is harmless; a damaged entry is drawn again; the least recently used entries go when the
// folder outgrows its cap.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, unlinkSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TopLevelSpec } from 'vega-lite';
import { writeFileAtomic } from '../common/atomic-write.js';
import { compactSvg } from './charts.js';

/** About 250 reports' worth of charts. */
export const CHART_CACHE_BYTES = 64 * 1024 * 1024;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The package.json that node would find for `name` from `dir` (node_modules folders upwards), if any. */
function packageJsonOf(name: string, dir: string): string | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    const file = path.join(d, 'node_modules', name, 'package.json');
    if (existsSync(file)) return file;
    if (d === path.dirname(d)) return undefined;
  }
}

/** name@version of vega, vega-lite and everything they depend on, transitively: what decides the drawing. */
function rendererVersions(): string {
  const seen = new Map<string, string>();
  const visit = (name: string, dir: string) => {
    if (seen.has(name)) return;
    const file = packageJsonOf(name, dir);
    if (!file) return; // an optional dependency not installed
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as {
      version: string;
      dependencies?: Record<string, string>;
    };
    seen.set(name, pkg.version);
    for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dep, path.dirname(file));
  };
  const here = path.dirname(fileURLToPath(import.meta.url));
  visit('vega', here);
  visit('vega-lite', here);
  return [...seen].map(([n, v]) => `${n}@${v}`).join(' ');
}

export interface ChartCache {
  /** The chart's SVG as the report inlines it: from the cache, else drawn by vega and stored. */
  render(spec: TopLevelSpec): Promise<string>;
  /** Evicts the least recently used entries beyond the cap (worth it after a report that stored new ones). */
  prune(): void;
  readonly hits: number;
  readonly misses: number;
}

/** Entry files hold the SVG's sha256 on the first line, so a truncated or damaged one is never served. */
export function chartCache(dir: string, maxBytes = CHART_CACHE_BYTES): ChartCache {
  let renderer: string | undefined;
  let hits = 0;
  let misses = 0;
  const read = (file: string): string | undefined => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
    const nl = text.indexOf('\n');
    const svg = text.slice(nl + 1);
    if (nl !== 64 || sha256(svg) !== text.slice(0, nl)) return undefined;
    const now = new Date();
    try {
      utimesSync(file, now, now); // recently used: kept by prune
    } catch {
      // a read-only cache still serves
    }
    return svg;
  };
  return {
    async render(spec) {
      renderer ??= rendererVersions();
      const file = path.join(dir, `${sha256(`${renderer}\n${JSON.stringify(spec)}`)}.svg`);
      let svg = read(file);
      if (svg === undefined) {
        misses++;
        const { vegaSvg } = await import('./vega-render.js');
        svg = await vegaSvg(spec);
        try {
          writeFileAtomic(file, `${sha256(svg)}\n${svg}`);
        } catch {
          // a cache that cannot be written costs time, never the report
        }
      } else hits++;
      // stored as vega drew it, so a change to the compaction needs no cache invalidation
      return compactSvg(svg);
    },
    prune() {
      try {
        const entries = readdirSync(dir)
          .map((name) => {
            const file = path.join(dir, name);
            const s = statSync(file);
            return { file, bytes: s.size, used: s.mtimeMs };
          })
          .sort((a, b) => b.used - a.used);
        let total = 0;
        for (const e of entries) {
          total += e.bytes;
          if (total > maxBytes) unlinkSync(e.file);
        }
      } catch {
        // another report pruning at the same time, or an unreadable folder: next time
      }
    },
    get hits() {
      return hits;
    },
    get misses() {
      return misses;
    },
  };
}
