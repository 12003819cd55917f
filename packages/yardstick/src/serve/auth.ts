// Access control for the dashboard: a bearer token (at least 16 random bytes), checked on every request, and on
// loopback a Host-header check so that a page on another site cannot reach it through DNS rebinding.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'yardstick_token';
/** 16 random bytes in base64url; a token given by the user must be at least this long. */
export const MIN_TOKEN_LENGTH = 22;

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export function generateToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Why `token` is not acceptable as an access token, or null when it is. */
export function tokenProblem(token: string): string | null {
  if (token.length < MIN_TOKEN_LENGTH)
    return `an access token must have at least ${MIN_TOKEN_LENGTH} characters (16 random bytes; leave --token out to have one generated), got ${token.length}`;
  if (!/^[A-Za-z0-9._~+/=-]+$/.test(token))
    return 'an access token may only use letters, digits and . _ ~ + / = - (it travels in URLs and cookies)';
  return null;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** One cookie's value from a Cookie header; a malformed header or escape never throws (it just does not match). */
export function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return null;
}

/** The token a request presents: `?token=`, `Authorization: Bearer`, or the cookie set after the first visit. */
export function presentedToken(req: IncomingMessage, url: URL): { token: string | null; viaQuery: boolean } {
  const q = url.searchParams.get('token');
  if (q) return { token: q, viaQuery: true };
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return { token: auth.slice(7), viaQuery: false };
  return { token: cookieValue(req.headers.cookie, TOKEN_COOKIE), viaQuery: false };
}

export function tokenMatches(expected: string, presented: string | null): boolean {
  return presented !== null && same(expected, presented);
}

/** The Host values a loopback server answers to (any other name reached it by DNS rebinding). */
export function loopbackHosts(host: string, port: number): Set<string> {
  const names = ['localhost', '127.0.0.1', '[::1]', host.includes(':') ? `[${host}]` : host];
  return new Set(names.map((n) => `${n}:${port}`.toLowerCase()));
}
