// Access control for the dashboard: none on loopback; a bearer token, checked on every request, otherwise.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'yardstick_token';

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export function generateToken(): string {
  return randomBytes(24).toString('base64url');
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The token a request presents: `?token=`, `Authorization: Bearer`, or the cookie set after the first visit. */
export function presentedToken(req: IncomingMessage, url: URL): { token: string | null; viaQuery: boolean } {
  const q = url.searchParams.get('token');
  if (q) return { token: q, viaQuery: true };
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return { token: auth.slice(7), viaQuery: false };
  const cookie = (req.headers.cookie ?? '').split(';').map((c) => c.trim().split('=')).find(([k]) => k === TOKEN_COOKIE);
  return { token: cookie ? decodeURIComponent(cookie[1] ?? '') : null, viaQuery: false };
}

export function tokenMatches(expected: string, presented: string | null): boolean {
  return presented !== null && same(expected, presented);
}
