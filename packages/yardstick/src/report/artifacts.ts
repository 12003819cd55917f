// Run artefacts the report reads, through the artefact store. Format documented in README.md beside this file.
import { z } from 'zod';
import { runResultSchema } from '../compare/run-result.js';
import type { ArtifactStore } from '../storage/artifacts.js';
import type { RunRecord } from '../storage/types.js';

const forecastsSchema = z.strictObject({
  series: z.array(
    z
      .strictObject({
        channel: z.string(),
        window: z.number().int().nonnegative().optional(),
        t: z.array(z.number()),
        actual: z.array(z.number().nullable()),
        forecast: z.array(z.number().nullable()),
      })
      .refine(
        (s) => s.actual.length === s.t.length && s.forecast.length === s.t.length,
        't, actual and forecast must have equal lengths',
      ),
  ),
});
export type ForecastArtifact = z.infer<typeof forecastsSchema>;

/** result.architecture as the run-result schema defines it. */
const architectureSchema = runResultSchema.shape.architecture.unwrap();
export type Architecture = z.infer<typeof architectureSchema>;

/** The run's forecasts artefact (result.forecasts, default 'forecasts.json'), or null when the store holds none. */
export async function readForecasts(run: RunRecord, store: ArtifactStore): Promise<ForecastArtifact | null> {
  if (!run.artifactDir) return null;
  const name = typeof run.result?.forecasts === 'string' ? run.result.forecasts : 'forecasts.json';
  const where = `forecasts artefact ${store.resolve(name, run)} (run ${run.id})`;
  let data: unknown;
  try {
    const bytes = await store.read(name, run);
    if (bytes === null) return null;
    data = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    throw new Error(`${where}: ${(e as Error).message}`);
  }
  const parsed = forecastsSchema.safeParse(data);
  if (!parsed.success)
    throw new Error(
      `${where}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

/** result.architecture: the kernel size and dilation DASH chose for each searched layer. */
export function readArchitecture(run: RunRecord): Architecture | null {
  const a = run.result?.architecture;
  if (a === undefined) return null;
  const parsed = architectureSchema.safeParse(a);
  if (!parsed.success)
    throw new Error(
      `run ${run.id}: result.architecture must be [{layer, kernel, dilation}] (${parsed.error.issues[0].message})`,
    );
  return parsed.data;
}
