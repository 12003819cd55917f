// The dashboard over a synthetic database (TEST DATA), on loopback only, checked in headless chromium.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { loadRegistry } from '../../src/registry/index.js';
import { isLoopback, liveState, startServer, type RunningServer } from '../../src/serve/index.js';
import { screenshot, watch, withBrowser } from '../report/helpers/browser.js';
import { syntheticDatabase } from '../report/helpers/synthetic.js';

const { storage, dir } = syntheticDatabase();
const ctx = { storage, registry: loadRegistry(), bootstrap: { resamples: 200 } };
let server: RunningServer;

before(async () => {
  server = await startServer(ctx, { host: '127.0.0.1', port: 0, pollMs: 300, token: null });
});
after(async () => {
  await server.close();
  storage.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('dashboard', () => {
  it('reports the live state of a running search', async () => {
    const s = await liveState(storage, storage.getRun('dasha-live')!);
    assert.equal(s.status, 'running');
    assert.equal(s.stage, 'asha');
    assert.ok(s.timeLeftSeconds! > 500 && s.timeLeftSeconds! <= 600, `time left ${s.timeLeftSeconds}`); // 900 s budget, started 300 s ago
    assert.deepEqual(s.trialsByStatus, { stopped: 4, running: 2 });
    assert.deepEqual(
      s.trialsByRung.map((r) => [r.rung, r.trials]),
      [
        [1, 6],
        [3, 2],
      ],
    );
  });

  it('lists runs, follows a running search live and opens reports', { timeout: 120_000 }, async () => {
    await withBrowser(async (browser) => {
      const page = await browser.newPage();
      const seen = watch(page);
      await page.goto(server.url);
      assert.equal(await page.locator('#runs tbody tr').count(), 9);
      await screenshot(page, 'serve-runs');

      await page.locator('#runs a', { hasText: 'dasha-live' }).click();
      await page.waitForSelector('#live-summary');
      assert.match((await page.locator('#live-summary').textContent()) ?? '', /current stage\s*asha/);
      // the search goes on: a new trial reaches rung 1, and the page picks it up without a reload
      storage.upsertTrial({
        runId: 'dasha-live',
        trialId: 6,
        status: 'running',
        params: { lr: 0.01 },
        lastEpoch: 1,
        bestValue: 0.6,
        initWeightsPath: null,
        updatedAt: new Date().toISOString(),
      });
      storage.logMetrics([
        {
          runId: 'dasha-live',
          trialId: 6,
          stage: 'asha',
          step: 1,
          name: 'val_score',
          value: 0.6,
          at: new Date().toISOString(),
        },
      ]);
      storage.recordRung({ runId: 'dasha-live', rung: 1, trialId: 6, value: 0.6, decision: 'promote' });
      await page.waitForFunction(
        () => /3 running/.test(document.querySelector('#live-summary')?.textContent ?? ''),
        null,
        { timeout: 10_000 },
      );
      assert.match((await page.locator('#live-rungs').textContent()) ?? '', /1\s*7/); // rung 1 now has 7 trials
      assert.equal(await page.locator('#live figure svg').count(), 2); // rungs and curves
      await screenshot(page, 'serve-live');

      await page.goto(`${server.url}reports/ltsf`);
      assert.equal(await page.locator('#leaderboard-ltsf').count(), 1);
      await screenshot(page, 'serve-report-ltsf');
      assert.deepEqual(seen.errors, []);
      assert.ok(
        seen.requests.every((u) => u.startsWith(server.url)),
        'no request leaves the server',
      );
      await page.close();
    });
  });

  it('asks for a token off loopback and checks it on every request', async () => {
    assert.equal(isLoopback('127.0.0.1'), true);
    assert.equal(isLoopback('::1'), true);
    assert.equal(isLoopback('0.0.0.0'), false);
    assert.equal(isLoopback('192.168.1.5'), false);
    const guarded = await startServer(ctx, { host: '127.0.0.1', token: 'sesame-sesame-sesame-123' });
    try {
      assert.equal((await fetch(guarded.url)).status, 401);
      assert.equal((await fetch(`${guarded.url}?token=wrong`)).status, 401);
      assert.equal(
        (await fetch(`${guarded.url}api/runs`, { headers: { authorization: 'Bearer wrong' } })).status,
        401,
      );
      const ok = await fetch(guarded.openUrl);
      assert.equal(ok.status, 200);
      const cookie = ok.headers.get('set-cookie')!.split(';')[0];
      assert.equal((await fetch(`${guarded.url}api/runs`, { headers: { cookie } })).status, 200);
      assert.equal(
        (
          await fetch(`${guarded.url}api/runs`, {
            headers: { authorization: 'Bearer sesame-sesame-sesame-123' },
          })
        ).status,
        200,
      );
    } finally {
      await guarded.close();
    }
  });
});
