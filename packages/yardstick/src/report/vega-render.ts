// vega and vega-lite (a quarter of a second to import): loaded by charts.ts only when a chart is not in the cache.
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** The SVG that vega's headless View draws for a Vega-Lite spec, as vega writes it. */
export async function vegaSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
