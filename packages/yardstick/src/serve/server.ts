// `yardstick serve`: a small local web app over the run database: the list of runs, a live view of each
// run (polled every few seconds while it runs) and its report, rendered on request.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CompareContext } from '../compare/task.js';
import { modelName } from '../compare/run-result.js';
import { buildReport } from '../report/model.js';
import { escapeHtml, reportHtml, STYLE, tableHtml } from '../report/render.js';
import { reportSections } from '../report/sections.js';
import { fmt } from '../report/tables.js';
import { generateToken, isLoopback, presentedToken, TOKEN_COOKIE, tokenMatches } from './auth.js';
import { liveFragment } from './live.js';

export interface ServeOptions {
  host?: string;
  port?: number;
  /** Required (and generated when absent) for any host other than loopback; optional on loopback. */
  token?: string;
  /** How often a live page polls (ms). */
  pollMs?: number;
}

export interface RunningServer {
  url: string;
  /** The URL to open, with the token when one is needed. */
  openUrl: string;
  token: string | null;
  server: Server;
  close(): Promise<void>;
}

function page(title: string, body: string, script = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} — yardstick</title><style>${STYLE}</style></head>
<body><nav><a href="/">runs</a></nav>${body}${script ? `<script>${script}</script>` : ''}</body></html>`;
}

function runsPage(ctx: CompareContext): string {
  const runs = ctx.storage.listRuns().reverse();
  const rows = runs.map((r) => [
    r.id,
    'report',
    modelName(r),
    r.task,
    r.status,
    r.startedAt.replace('T', ' ').slice(0, 19),
    Object.entries((r.result?.test as Record<string, number>) ?? {}).map(([k, v]) => `${k} ${fmt(v)}`).join(', ') || '—',
  ]);
  const links = runs.map((r) => [`/runs/${encodeURIComponent(r.id)}`, `/reports/${encodeURIComponent(r.id)}`]);
  const table = tableHtml({ id: 'runs', title: `Runs (${runs.length})`, columns: ['run', '', 'model', 'task', 'status', 'started', 'test scores'], rows, links });
  return page('runs', `<h1>yardstick runs</h1>${table}`);
}

const LIVE_SCRIPT = (id: string, pollMs: number) => `
const target = document.getElementById('live');
async function poll() {
  const r = await fetch('/api/runs/${encodeURIComponent(id)}/live', { credentials: 'same-origin' });
  if (!r.ok) { target.insertAdjacentHTML('afterbegin', '<p class="notes">update failed: ' + r.status + '</p>'); return; }
  const s = await r.json();
  target.innerHTML = s.html;
  document.body.dataset.status = s.status;
  if (s.status === 'running') setTimeout(poll, ${pollMs});
}
setTimeout(poll, ${pollMs});`;

async function route(ctx: CompareContext, url: URL, res: ServerResponse, pollMs: number): Promise<void> {
  const send = (status: number, type: string, body: string) => {
    res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
    res.end(body);
  };
  const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return send(200, 'text/html', runsPage(ctx));
  if (url.pathname === '/favicon.ico') return send(204, 'text/plain', '');
  if (parts[0] === 'api' && parts[1] === 'runs' && parts.length === 2) return send(200, 'application/json', JSON.stringify(ctx.storage.listRuns()));
  if (parts[0] === 'api' && parts[1] === 'runs' && parts[3] === 'live') {
    const run = ctx.storage.getRun(parts[2]);
    if (!run) return send(404, 'application/json', JSON.stringify({ error: `no run ${parts[2]}` }));
    return send(200, 'application/json', JSON.stringify({ status: run.status, html: await liveFragment(ctx, run) }));
  }
  if (parts[0] === 'runs' && parts.length === 2) {
    const run = ctx.storage.getRun(parts[1]);
    if (!run) return send(404, 'text/html', page('not found', `<p>No run ${escapeHtml(parts[1])}.</p>`));
    const body = `<h1>Run ${escapeHtml(run.id)}</h1><p><a href="/reports/${encodeURIComponent(run.id)}">full report</a></p><div id="live">${await liveFragment(ctx, run)}</div>`;
    return send(200, 'text/html', page(run.id, body, run.status === 'running' ? LIVE_SCRIPT(run.id, pollMs) : ''));
  }
  if (parts[0] === 'reports' && parts.length === 2) {
    const data = buildReport(ctx, parts[1]);
    return send(200, 'text/html', reportHtml(data, await reportSections(data)));
  }
  return send(404, 'text/html', page('not found', `<p>Nothing at ${escapeHtml(url.pathname)}.</p>`));
}

export async function startServer(ctx: CompareContext, opts: ServeOptions = {}): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  const token = opts.token ?? (isLoopback(host) ? null : generateToken());
  const pollMs = opts.pollMs ?? 2000;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (token) {
      const presented = presentedToken(req, url);
      if (!tokenMatches(token, presented.token)) {
        res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('yardstick serve: access token required (open the URL printed by `yardstick serve`)\n');
        return;
      }
      if (presented.viaQuery) res.setHeader('set-cookie', `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`);
    }
    if (req.method !== 'GET') {
      res.writeHead(405, { allow: 'GET' });
      res.end();
      return;
    }
    route(ctx, url, res, pollMs).catch((e: Error) => {
      if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page('error', `<p>${escapeHtml(e.message)}</p>`));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e) => reject(new Error(`cannot listen on ${host}:${opts.port ?? 0}: ${e.message}`)));
    server.listen(opts.port ?? 0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;
  return {
    url,
    openUrl: token ? `${url}?token=${encodeURIComponent(token)}` : url,
    token,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
