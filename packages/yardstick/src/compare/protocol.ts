// Protocol differences between our baseline and a published row. Each becomes a visible flag.
import type { FmResult } from '../registry/types.js';
import type { BaselineSummary, Flag } from './types.js';

/** Our setting: trained from scratch on the task's full training split. */
const OUR_SETTING = 'trained';

export function protocolFlags(
  ours: BaselineSummary,
  fm: FmResult,
  oursScale: 'x1',
  shownScale: 'x1' | 'x100',
): Flag[] {
  const flags: Flag[] = [];
  if (fm.split !== ours.split && !fm.split.startsWith(ours.split)) {
    flags.push({ kind: 'split', message: `split differs: ours '${ours.split}', published '${fm.split}'` });
  }
  const oursLookback =
    ours.lookback ??
    (ours.lookbacks.length ? `chosen per run: ${ours.lookbacks.join(', ')}` : 'not recorded');
  if (ours.lookbacks.length || fm.lookback != null) {
    if (fm.lookback == null)
      flags.push({ kind: 'lookback', message: `published lookback not stated (ours ${oursLookback})` });
    else if (ours.lookback === null)
      flags.push({
        kind: 'lookback',
        message: `lookback differs: ours ${oursLookback}, published ${fm.lookback}`,
      });
    else if (fm.lookback !== ours.lookback)
      flags.push({
        kind: 'lookback',
        message: `lookback differs: ours ${ours.lookback}, published ${fm.lookback}`,
      });
  }
  if (oursScale !== shownScale) {
    flags.push({
      kind: 'scale',
      message: `ours measured ${oursScale}, shown ×100 to match the published ${fm.original.scale} scale`,
    });
  }
  if (fm.setting !== OUR_SETTING) {
    flags.push({ kind: 'setting', message: `${fm.setting} (published) vs trained from scratch (ours)` });
  }
  if (fm.metricAssumed) {
    flags.push({
      kind: 'metric',
      message: `the source does not name its metric ('${fm.original.metric}'); read as ${fm.metric}`,
    });
  }
  const note = fm.source.note ?? '';
  if (/by eye|read off an image|image/i.test(note) && /transcribed|read/i.test(note)) {
    flags.push({ kind: 'provenance', message: 'number transcribed from an image in the source' });
  }
  return flags;
}
