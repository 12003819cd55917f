// `yardstick serve`: a small local web app over the run database: the list of runs, a live view of each
// run (polled every few seconds while it runs) and its report, rendered on request. Every request queries the
// database through the storage contract (SQLite or PostgreSQL alike), so a page shows the state at that moment.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ReadContext } from '../compare/load.js';
import { modelName } from '../compare/model-name.js';
import { buildReport } from '../report/model.js';
import { asAsync } from '../storage/open.js';
import { escapeHtml, reportHtml, STYLE, tableHtml } from '../report/render.js';
import { reportSections } from '../report/sections.js';
import { fmt } from '../report/tables.js';
import {
  generateToken,
  isLoopback,
  loopbackHosts,
  presentedToken,
  TOKEN_COOKIE,
  tokenMatches,
  tokenProblem,
} from './auth.js';
import { liveFragment } from './live.js';

export interface ServeOptions {
  host?: string;
  port?: number;
  /**
   * The access token every request must present (at least 16 random bytes' worth); generated when absent.
   * `null` turns the check off, which only a loopback server may do.
   */
  token?: string | null;
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

/**
 * Sent with every response. Scripts only from this server (the one static file below: no user data ever goes
 * into script); inline styles are allowed (the report's stylesheet and chart SVGs), nothing else.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cache-control': 'no-store',
};

/** The page (at most one) a script belongs to; its data comes from the page's data- attributes. */
function page(title: string, body: string, script?: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} — yardstick</title><style>${STYLE}</style></head>
<body><nav><a href="/">runs</a></nav>${body}${script ? `<script src="${script}"></script>` : ''}</body></html>`;
}

async function runsPage(ctx: ReadContext): Promise<string> {
  const runs = (await asAsync(ctx.storage).listRuns()).reverse();
  const rows = runs.map((r) => [
    r.id,
    'report',
    modelName(r),
    r.task,
    r.status,
    r.startedAt.replace('T', ' ').slice(0, 19),
    Object.entries((r.result?.test as Record<string, number>) ?? {})
      .map(([k, v]) => `${k} ${fmt(v)}`)
      .join(', ') || '—',
  ]);
  const links = runs.map((r) => [
    `/runs/${encodeURIComponent(r.id)}`,
    `/reports/${encodeURIComponent(r.id)}`,
  ]);
  const table = tableHtml({
    id: 'runs',
    title: `Runs (${runs.length})`,
    columns: ['run', '', 'model', 'task', 'status', 'started', 'test scores'],
    rows,
    links,
  });
  return page('runs', `<h1>yardstick runs</h1>${table}`);
}

/** Polls the live fragment of the run named by #live's data-live-url until the run is no longer running. */
const LIVE_SCRIPT = `'use strict';
const target = document.getElementById('live');
const pollMs = Number(target.dataset.pollMs);
async function poll() {
  const r = await fetch(target.dataset.liveUrl, { credentials: 'same-origin' });
  if (!r.ok) { const p = document.createElement('p'); p.className = 'notes'; p.textContent = 'update failed: ' + r.status; target.prepend(p); return; }
  const s = await r.json();
  target.innerHTML = s.html;
  document.body.dataset.status = s.status;
  if (s.status === 'running') setTimeout(poll, pollMs);
}
setTimeout(poll, pollMs);
`;

/** Path segments, decoded; null when an escape is malformed. */
function pathParts(pathname: string): string[] | null {
  try {
    return pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return null;
  }
}

async function route(ctx: ReadContext, url: URL, res: ServerResponse, pollMs: number): Promise<void> {
  const storage = asAsync(ctx.storage);
  const send = (status: number, type: string, body: string) => {
    res.writeHead(status, { 'content-type': `${type}; charset=utf-8` });
    res.end(body);
  };
  const parts = pathParts(url.pathname);
  if (parts === null)
    return send(400, 'text/html', page('bad request', '<p>Malformed escape in the path.</p>'));
  if (url.pathname === '/assets/live.js') return send(200, 'text/javascript', LIVE_SCRIPT);
  await reapDeadRuns(ctx);
  if (parts.length === 0) return send(200, 'text/html', await runsPage(ctx));
  if (url.pathname === '/favicon.ico') return send(204, 'text/plain', '');
  if (parts[0] === 'api' && parts[1] === 'runs' && parts.length === 2)
    return send(200, 'application/json', JSON.stringify(await storage.listRuns()));
  if (parts[0] === 'api' && parts[1] === 'runs' && parts[3] === 'live') {
    const run = await storage.getRun(parts[2]);
    if (!run) return send(404, 'application/json', JSON.stringify({ error: `no run ${parts[2]}` }));
    return send(
      200,
      'application/json',
      JSON.stringify({ status: run.status, html: await liveFragment(ctx, run) }),
    );
  }
  if (parts[0] === 'runs' && parts.length === 2) {
    const run = await storage.getRun(parts[1]);
    if (!run) return send(404, 'text/html', page('not found', `<p>No run ${escapeHtml(parts[1])}.</p>`));
    const live = `/api/runs/${encodeURIComponent(run.id)}/live`;
    const body = `<h1>Run ${escapeHtml(run.id)}</h1><p><a href="/reports/${escapeHtml(encodeURIComponent(run.id))}">full report</a></p><div id="live" data-live-url="${escapeHtml(live)}" data-poll-ms="${pollMs}">${await liveFragment(ctx, run)}</div>`;
    return send(
      200,
      'text/html',
      page(run.id, body, run.status === 'running' ? '/assets/live.js' : undefined),
    );
  }
  if (parts[0] === 'reports' && parts.length === 2) {
    const data = await buildReport(ctx, parts[1]);
    return send(200, 'text/html', reportHtml(data, await reportSections(data)));
  }
  return send(404, 'text/html', page('not found', `<p>Nothing at ${escapeHtml(url.pathname)}.</p>`));
}

const REAP_EVERY_MS = 5000;
const lastReap = new WeakMap<ReadContext, number>();

/** Marks runs whose process died as interrupted, at most every few seconds (the dashboard is polled). */
async function reapDeadRuns(ctx: ReadContext): Promise<void> {
  const now = Date.now();
  if (now - (lastReap.get(ctx) ?? 0) < REAP_EVERY_MS) return;
  lastReap.set(ctx, now);
  await asAsync(ctx.storage).reapInterruptedRuns();
}

function refuse(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(`yardstick serve: ${text}\n`);
}

export async function startServer(ctx: ReadContext, opts: ServeOptions = {}): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  const loopback = isLoopback(host);
  if (opts.token === null && !loopback)
    throw new Error(
      `serving on ${host} (not loopback) needs an access token: leave --token out to have one generated`,
    );
  const token = opts.token === null ? null : (opts.token ?? generateToken());
  const problem = token === null ? null : tokenProblem(token);
  if (problem) throw new Error(problem);
  const pollMs = opts.pollMs ?? 2000;
  let hosts = new Set<string>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    if (loopback && !hosts.has((req.headers.host ?? '').toLowerCase()))
      return refuse(
        res,
        421,
        `unexpected Host header ${JSON.stringify(req.headers.host ?? '')} (this server answers to ${[...hosts].join(', ')})`,
      );
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      return refuse(res, 400, 'malformed request URL');
    }
    if (token) {
      const presented = presentedToken(req, url);
      if (!tokenMatches(token, presented.token))
        return refuse(res, 401, 'access token required (open the URL printed by `yardstick serve`)');
      if (presented.viaQuery)
        res.setHeader(
          'set-cookie',
          `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`,
        );
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
    server.once('error', (e) =>
      reject(new Error(`cannot listen on ${host}:${opts.port ?? 0}: ${e.message}`)),
    );
    server.listen(opts.port ?? 0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  hosts = loopbackHosts(host, port);
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;
  return {
    url,
    openUrl: token ? `${url}?token=${encodeURIComponent(token)}` : url,
    token,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
