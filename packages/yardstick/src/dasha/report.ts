// A DASHA result as Markdown (the JSON form is the result object itself).
import { formatDuration } from '../common/duration.js';
import type { DashaResult } from './run.js';

const fmt = (v: number | null, digits = 4): string =>
  v === null || !Number.isFinite(v) ? 'n/a' : v.toFixed(digits);

export function dashaMarkdown(r: DashaResult): string {
  const h = r.hyperparameters;
  const lines = [
    `# DASHA on ${r.task} (${r.mode} mode${r.status === 'interrupted' ? ', interrupted: best model so far' : ''})`,
    '',
    ...(r.usage === 'format-test'
      ? [
          '**Format test only:** this task exists to exercise the pipeline; its scores are not comparable with anything.',
          '',
        ]
      : []),
    `| | |`,
    `|---|---|`,
    `| test ${r.metric} | **${fmt(r.testScore)}** (scored once, model: ${r.testedModel ?? 'none'}${r.ensemble ? ` of ${r.ensemble.map((m) => m.source).join(' + ')}` : ''}) |`,
    `| validation ${r.metric} | ${fmt(r.valScore)} (${r.split.validation}) |`,
    `| backbone | ${r.architecture.backbone} (searched on ${r.architecture.searchBackbone}) |`,
    `| architecture (k, d) | ${r.architecture.choices.map((c) => `(${c.k},${c.d})`).join(' ')} |`,
    `| hyperparameters | ${h ? `lr ${h.lr.toExponential(2)}, momentum ${h.momentum.toFixed(3)}, weight decay ${h.weightDecay.toExponential(2)}, dropout ${h.dropRate}, seed ${h.randomSeed}` : 'n/a'} |`,
    `| parameters | ${r.paramCount?.toLocaleString('en-US') ?? 'n/a'} |`,
    `| FLOPs per sample | ${r.flopsPerSample === null ? 'n/a' : (r.flopsPerSample / 1e6).toFixed(1) + ' M'} (2 x conv/linear MACs) |`,
    `| ASHA | ${r.asha.trials} trials: ${r.asha.completed} complete, ${r.asha.stopped} stopped, ${r.asha.failed} failed; winner ${r.asha.winner ?? 'n/a'} |`,
    `| wall time | ${formatDuration(r.wallSeconds)} (${Object.entries(r.stageSeconds)
      .map(([k, v]) => `${k} ${formatDuration(v)}`)
      .join(', ')}) |`,
    `| split sizes | train ${r.split.train}, val ${r.split.val}, test ${r.split.test} |`,
    `| seeds | run ${r.seeds.run}, search ${r.seeds.search}, sampler ${r.seeds.sampler}, trial ${r.seeds.trial ?? 'n/a'} |`,
    `| device | ${r.device} |`,
    `| run id | ${r.runId} |`,
  ];
  if (r.plan) {
    const p = r.plan;
    lines.push(
      '',
      `Budget plan (default first): width ${p.width}; default ${p.default.epochs} epochs; search ${p.search.skipped ? 'skipped' : `${p.search.epochs} epochs x ${p.search.batchesPerEpoch} batches`}; ASHA ${p.asha.skipped ? 'skipped' : `${p.asha.numTrials} trials, max ${p.asha.maxT} epochs on ${p.asha.subsample} examples`}; retrain ${p.retrain.skipped ? 'skipped' : `${p.retrain.epochs} epochs`}.`,
    );
    if (r.threads)
      lines.push(
        `Threads: ${r.threads.threads} (${
          r.threads.source === 'measured'
            ? `measured: ${Object.entries(r.threads.secPerSample)
                .map(([t, s]) => `${t} -> ${(s * 1000).toFixed(2)} ms/sample`)
                .join(', ')}`
            : 'YARDSTICK_THREADS'
        }).`,
      );
    lines.push('', '| stage | planned | actual | |', '|---|---|---|---|');
    for (const [name, st] of Object.entries(r.stages))
      lines.push(
        `| ${name} | ${st.planSeconds === null ? 'n/a' : formatDuration(st.planSeconds)} | ${formatDuration(st.actualSeconds)} | ${st.skipped ? `skipped: ${st.skipped}` : ''} |`,
      );
    lines.push(
      '',
      `Validation ${r.metric} per model: ${Object.entries(r.candidates)
        .map(([k, v]) => `${k} ${fmt(v)}`)
        .join(', ')}.`,
    );
    for (const n of p.notes) lines.push(`- ${n}`);
  }
  return lines.join('\n') + '\n';
}
