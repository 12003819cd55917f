// Renders report sections as a self-contained HTML page (inline CSS and SVG, no script) and as Markdown.
import type { RegistryInfo } from '../registry/registry.js';
import type { ReportData } from './model.js';
import type { Item, Section } from './sections.js';
import type { Table } from './tables.js';

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 1200px; padding: 1rem 2rem; color: #222; }
h1 { font-size: 1.5rem; } h2 { border-bottom: 1px solid #ccc; padding-bottom: .2rem; margin-top: 2rem; }
table { border-collapse: collapse; margin: .6rem 0 1rem; font-size: 12px; line-height: 1.3; }
caption { text-align: left; font-weight: 600; padding: .3rem 0; }
th, td { border: 1px solid #ddd; padding: 3px 6px; vertical-align: top; text-align: left; max-width: 26em; overflow-wrap: anywhere; }
th { background: #f4f4f4; } tr.ours td { background: #fdeaea; font-weight: 600; }
figure { margin: .6rem 0 1.2rem; } figcaption { font-size: 12px; color: #555; }
.notes { font-size: 12px; color: #555; } .meta { color: #666; font-size: 12px; }
nav a { margin-right: .8rem; }
p.answer { font-size: 15px; background: #f3f7fb; border-left: 4px solid #1f77b4; padding: .5rem .8rem; margin: .5rem 0; }
details { margin: .4rem 0 1rem; } summary { cursor: pointer; color: #1f4e79; }
`;

export function tableHtml(t: Table): string {
  const head = t.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  const body = t.rows
    .map((r, i) => {
      const cell = (c: string, j: number) => {
        const href = t.links?.[i]?.[j];
        return `<td>${href ? `<a href="${escapeHtml(href)}">${escapeHtml(c)}</a>` : escapeHtml(c)}</td>`;
      };
      return `<tr${t.ours?.includes(i) ? ' class="ours"' : ''}>${r.map(cell).join('')}</tr>`;
    })
    .join('\n');
  const notes = t.notes?.length
    ? `<ul class="notes">${t.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`
    : '';
  return `<table id="${escapeHtml(t.id)}"><caption>${escapeHtml(t.title)}</caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>${notes}`;
}

function itemHtml(i: Item): string {
  if ('table' in i) return tableHtml(i.table);
  if ('chart' in i)
    return `<figure id="${escapeHtml(i.chart.id)}">${i.chart.svg}<figcaption>${escapeHtml(i.chart.title)}</figcaption></figure>`;
  if ('text' in i)
    return `<p${i.className ? ` class="${escapeHtml(i.className)}"` : ''}>${escapeHtml(i.text)}</p>`;
  return `<details><summary>${escapeHtml(i.details)}</summary>\n${i.items.map(itemHtml).join('\n')}</details>`;
}

export function sectionsHtml(sections: Section[]): string {
  return sections
    .map(
      (s) =>
        `<section id="${escapeHtml(s.id)}"><h2>${escapeHtml(s.title)}</h2>\n${s.items.map(itemHtml).join('\n')}</section>`,
    )
    .join('\n');
}

/** "published numbers: fm-results.json v2, 1424 records" (and how many are the user's own): in every report. */
export function publishedNumbers(r: RegistryInfo): string {
  return `published numbers: fm-results.json v${r.version}, ${r.records} records${r.user ? ` (${r.user} yours)` : ''}`;
}

function registryLine(data: ReportData): string {
  return ` · ${publishedNumbers(data.registry)}`;
}

export function reportHtml(data: ReportData, sections: Section[]): string {
  // runs get one link (to the first): a suite has many, and the navigation should name the answers
  const firstRun = sections.findIndex((s) => s.id.startsWith('run-'));
  const linked = sections.filter(
    (s, i) => !s.id.startsWith('run-') || (i === firstRun && sections.length > 1),
  );
  const nav = linked
    .map(
      (s) =>
        `<a href="#${escapeHtml(s.id)}">${escapeHtml(s.id.startsWith('run-') && sections.length > 1 ? 'Runs' : s.title)}</a>`,
    )
    .join('');
  const notes = data.notes.length
    ? `<h2>Notes</h2><ul class="notes">${data.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(data.title)} — yardstick</title><style>${STYLE}</style></head>
<body><h1>${escapeHtml(data.title)}</h1>
<p class="meta" id="meta">yardstick report · generated ${escapeHtml(data.generatedAt)}${escapeHtml(registryLine(data))} · protocol differences are flagged in each row; sources in report.json.</p>
<nav>${nav}</nav>
${sectionsHtml(sections)}
${notes}
</body></html>
`;
}

const mdCell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function tableMarkdown(t: Table): string {
  const lines = [
    `### ${t.title}`,
    '',
    `| ${t.columns.map(mdCell).join(' | ')} |`,
    `| ${t.columns.map(() => '---').join(' | ')} |`,
    ...t.rows.map((r) => `| ${r.map(mdCell).join(' | ')} |`),
  ];
  if (t.notes?.length) lines.push('', ...t.notes.map((n) => `- ${n}`));
  return lines.join('\n');
}

function itemMarkdown(i: Item): string[] {
  if ('table' in i) return ['', tableMarkdown(i.table)];
  if ('text' in i) return ['', i.text];
  if ('details' in i)
    return [
      '',
      `<details><summary>${i.details}</summary>`,
      ...i.items.flatMap(itemMarkdown),
      '',
      '</details>',
    ];
  return [];
}

export function reportMarkdown(data: ReportData, sections: Section[]): string {
  const parts = [
    `# ${data.title}`,
    '',
    `Generated ${data.generatedAt} by yardstick${registryLine(data)}. Plots are in report.html.`,
  ];
  for (const s of sections) parts.push('', `## ${s.title}`, ...s.items.flatMap(itemMarkdown));
  if (data.notes.length) parts.push('', '## Notes', '', ...data.notes.map((n) => `- ${n}`));
  return parts.join('\n') + '\n';
}
