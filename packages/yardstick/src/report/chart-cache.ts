// The charts drawn before, in a file cache (common/file-cache.ts). Key: a hash of the Vega-Lite spec (its data
// included) and of the versions of vega, vega-lite and every package they load; value: the SVG vega drew. A
// report of unchanged data then imports no vega at all, and after a new run only the charts whose data changed
// are drawn again.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TopLevelSpec } from 'vega-lite';
import { fileCache, sha256 } from '../common/file-cache.js';
import { compactSvg } from './charts.js';

/** About 250 reports' worth of charts. */
export const CHART_CACHE_BYTES = 64 * 1024 * 1024;

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

export function chartCache(dir: string, maxBytes = CHART_CACHE_BYTES): ChartCache {
  const files = fileCache(dir, maxBytes);
  let renderer: string | undefined;
  let hits = 0;
  let misses = 0;
  return {
    async render(spec) {
      renderer ??= rendererVersions();
      const key = `${sha256(`${renderer}\n${JSON.stringify(spec)}`)}.svg`;
      let svg = files.get(key)?.toString('utf8');
      if (svg === undefined) {
        misses++;
        const { vegaSvg } = await import('./vega-render.js');
        svg = await vegaSvg(spec);
        files.set(key, svg);
      } else hits++;
      // stored as vega drew it, so a change to the compaction needs no cache invalidation
      return compactSvg(svg);
    },
    prune: () => files.prune(),
    get hits() {
      return hits;
    },
    get misses() {
      return misses;
    },
  };
}
