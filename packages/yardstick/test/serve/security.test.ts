// The dashboard cannot be turned against its user (TEST DATA: a small database made here), checked in Debian's
// Chromium where a page is involved: run ids with quotes and tags stay inert text, a strict CSP and frame
// headers on every response, no page from another site can frame it or reach it by DNS rebinding, a malformed
// cookie cannot crash it, tokens are strong, and runs whose process died are shown as interrupted.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadRegistry } from '../../src/registry/index.js';
import { MIN_TOKEN_LENGTH, tokenProblem } from '../../src/serve/auth.js';
import { startServer, type RunningServer } from '../../src/serve/index.js';
import { SECURITY_HEADERS } from '../../src/serve/server.js';
import { SqliteStorage } from '../../src/storage/index.js';
import { watch, withBrowser } from '../report/helpers/browser.js';
import { testMachine } from '../helpers/machine.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ys-serve-sec-'));
const storage = new SqliteStorage(path.join(dir, 'runs.db'));
const ctx = { storage, registry: loadRegistry() };
// a run id as built from a CSV file name a hostile user chose
const EVIL = `x'"</script><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">`;
const run = (id: string, extra: { ownerPid?: number; ownerHost?: string } = {}) =>
  storage.createRun({
    id,
    workflow: 'autoar',
    task: `ltsf/${id}`,
    mode: 'default',
    config: {},
    machine: testMachine,
    seed: 0,
    budgetSeconds: 600,
    startedAt: new Date().toISOString(),
    artifactDir: null,
    ...extra,
  });
run(EVIL);
run('dead-run', { ownerPid: 2 ** 22 + 12345, ownerHost: hostname() }); // beyond pid_max: that process is gone
let open: RunningServer;
let guarded: RunningServer;

before(async () => {
  open = await startServer(ctx, { host: '127.0.0.1', port: 0, pollMs: 200, token: null });
  guarded = await startServer(ctx, { host: '127.0.0.1', port: 0 });
});
after(async () => {
  await open.close();
  await guarded.close();
  storage.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('dashboard security', () => {
  it(
    'a run id with quotes and tags is shown as text and runs no script, on the list and the live page',
    { timeout: 120_000 },
    async () => {
      await withBrowser(async (browser) => {
        const page = await browser.newPage();
        const seen = watch(page);
        let dialogs = 0;
        page.on('dialog', (d) => {
          dialogs++;
          void d.dismiss();
        });
        const res = await page.goto(open.url);
        for (const [k, v] of Object.entries(SECURITY_HEADERS)) assert.equal(res!.headers()[k], v, k);
        assert.ok(await page.locator('#runs td', { hasText: EVIL }).count(), 'the id is shown as text');
        await page.locator('#runs a', { hasText: EVIL }).first().click();
        await page.waitForSelector('#live-summary');
        assert.equal(await page.locator('h1').textContent(), `Run ${EVIL}`);
        // the live page polls its run through the data- attribute, and keeps doing so
        await page.waitForResponse((r) => r.url().includes('/live') && r.status() === 200, {
          timeout: 10_000,
        });
        assert.equal(
          await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
          undefined,
        );
        assert.equal(dialogs, 0);
        const html = await (await page.request.get(page.url())).text();
        assert.doesNotMatch(html, /<script(?![^>]*\bsrc="\/assets\/live\.js")[^>]*>/, 'no inline script');
        assert.deepEqual(seen.errors, []);
        await page.close();
      });
    },
  );

  it('the CSP blocks an inline script even if one were injected', { timeout: 120_000 }, async () => {
    await withBrowser(async (browser) => {
      const page = await browser.newPage();
      const seen = watch(page);
      await page.goto(open.url);
      // what an injection would do: add an inline script element to the served page
      await page.evaluate(() => {
        const s = document.createElement('script');
        s.textContent = 'window.__pwned = 3';
        document.body.append(s);
      });
      assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
      assert.ok(
        seen.errors.some((e) => /Content Security Policy/.test(e)),
        seen.errors.join('\n'),
      );
      await page.close();
    });
  });

  it('a page on another origin cannot frame the dashboard', { timeout: 120_000 }, async () => {
    await withBrowser(async (browser) => {
      const page = await browser.newPage();
      await page.setContent(`<iframe id="f" src="${open.url}" width="600" height="400"></iframe>`);
      await page.waitForTimeout(1500);
      const framed = page.frames().filter((f) => f !== page.mainFrame());
      for (const f of framed)
        assert.equal(
          await f
            .locator('#runs')
            .count()
            .catch(() => 0),
          0,
          `frame ${f.url()} shows the runs`,
        );
      await page.close();
    });
  });

  it(
    'a page reaching it under another host name (DNS rebinding) is refused',
    { timeout: 120_000 },
    async () => {
      const port = new URL(open.url).port;
      await withBrowser(
        async (browser) => {
          const page = await browser.newPage();
          const res = await page.goto(`http://rebind.example:${port}/api/runs`);
          assert.equal(res!.status(), 421);
          assert.match(
            (await page.locator('body').textContent()) ?? '',
            /unexpected Host header "rebind\.example:\d+"/,
          );
          assert.doesNotMatch(await res!.text(), /dead-run/, 'no run data');
          const ok = await page.goto(`http://localhost:${port}/`);
          assert.equal(ok!.status(), 200, 'localhost is fine');
          await page.close();
        },
        ['--host-resolver-rules=MAP rebind.example 127.0.0.1'],
      );
    },
  );

  it(
    'a malformed cookie gets 401, the server keeps serving, and the printed URL still works',
    { timeout: 120_000 },
    async () => {
      assert.ok(guarded.token && guarded.token.length >= MIN_TOKEN_LENGTH, 'a token was generated');
      assert.equal(tokenProblem(guarded.token), null);
      await withBrowser(async (browser) => {
        await browser.addCookies([{ name: 'yardstick_token', value: '%E0%A4%A', url: guarded.url }]);
        const page = await browser.newPage();
        assert.equal((await page.goto(guarded.url))!.status(), 401);
        assert.equal((await page.goto(guarded.openUrl))!.status(), 200, 'the printed URL opens');
        assert.equal(
          (await page.goto(`${guarded.url}api/runs`))!.status(),
          200,
          'then the cookie carries the token',
        );
        await page.close();
      });
    },
  );

  it('refuses weak tokens and a tokenless server off loopback', async () => {
    for (const token of ['', 'x', 'a'.repeat(MIN_TOKEN_LENGTH - 1), `${'a'.repeat(MIN_TOKEN_LENGTH)};x`])
      await assert.rejects(startServer(ctx, { host: '127.0.0.1', port: 0, token }), /access token/);
    await assert.rejects(
      startServer(ctx, { host: '0.0.0.0', port: 0, token: null }),
      /needs an access token/,
    );
    const a = await startServer(ctx, { host: '127.0.0.1', port: 0 });
    const b = await startServer(ctx, { host: '127.0.0.1', port: 0 });
    try {
      assert.notEqual(a.token, b.token, 'generated afresh');
      assert.ok(Buffer.from(a.token!, 'base64url').length >= 16, '16 random bytes at least');
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('marks a run whose process is gone as interrupted when the runs are listed', async () => {
    const runs = (await (await fetch(`${open.url}api/runs`)).json()) as { id: string; status: string }[];
    assert.equal(runs.find((r) => r.id === 'dead-run')?.status, 'interrupted');
    assert.equal(runs.find((r) => r.id === EVIL)?.status, 'running', 'this process still owns the other one');
  });
});
