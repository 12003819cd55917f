// The download tests' origin: a loopback HTTP server with Range support (206, 416) that can cut an answer
// half-way, as a dropped connection, once the client has stored some bytes.
import { existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before } from 'node:test';

export interface Loopback {
  /** http://127.0.0.1:<port>, set once the server listens (in `before`). */
  base: string;
  requests: { path: string; range?: string }[];
  /** The next answer for `path` sends half its bytes, then drops the connection once `part` has bytes. */
  cutNext(path: string, part: string): void;
}

/** Serves `files` by URL path for the test file; `special` may answer a request itself (returns true). */
export function loopbackServer(
  files: Record<string, Buffer>,
  special?: (path: string, req: IncomingMessage, res: ServerResponse) => boolean,
): Loopback {
  const cuts = new Map<string, string>();
  const lb: Loopback = { base: '', requests: [], cutNext: (p, part) => void cuts.set(p, part) };
  let server: Server;
  before(async () => {
    server = createServer((req, res) => {
      const p = new URL(req.url!, 'http://x').pathname;
      lb.requests.push({ path: p, range: req.headers.range });
      if (special?.(p, req, res)) return;
      const content = files[p];
      if (!content) {
        res.writeHead(404).end('not here');
        return;
      }
      const part = cuts.get(p);
      if (part !== undefined) {
        cuts.delete(p);
        res.writeHead(200, { 'Content-Length': content.length });
        res.write(content.subarray(0, content.length >> 1));
        // a stream error discards unread chunks, so wait until some bytes are stored
        const drop = setInterval(() => {
          if (existsSync(part) && statSync(part).size > 0) {
            clearInterval(drop);
            res.destroy();
          }
        }, 5);
        return;
      }
      const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
      if (m) {
        const start = Number(m[1]);
        if (start >= content.length) {
          res.writeHead(416).end();
          return;
        }
        res
          .writeHead(206, { 'Content-Range': `bytes ${start}-${content.length - 1}/${content.length}` })
          .end(content.subarray(start));
        return;
      }
      res.writeHead(200, { 'Content-Length': content.length }).end(content);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    lb.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());
  return lb;
}
