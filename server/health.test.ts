import { renameSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ANSWER_SIGNATURE_HEADERS } from '../shared/sync/answer-signature.ts';
import { buildServer } from './app.ts';
import { Lifecycle } from './lifecycle.ts';
import {
  enroll,
  injectTransport,
  newCase,
  SERVER_REGION,
  startServer,
  TEST_IDENTITY,
  tempDir,
  testStoreSite,
  type Transport,
  type TestServer,
} from '../tests/support/server.ts';

let server: TestServer | undefined;
afterEach(async () => server?.close());

const get = (transport: Transport, url: string) => transport({ method: 'GET', url, headers: {} });

describe('liveness and readiness', () => {
  it('answer without a signature, signed like every answer', async () => {
    server = await startServer();
    const transport = injectTransport(server.app);
    const live = await get(transport, '/livez');
    expect([live.status, live.json()]).toEqual([200, { status: 'live' }]);
    const ready = await get(transport, '/readyz');
    expect([ready.status, ready.json()]).toEqual([200, { status: 'ready' }]);
    expect(ready.headers[ANSWER_SIGNATURE_HEADERS.signature]).toEqual(expect.any(String));
    expect(ready.headers['cache-control']).toBe('no-store');
  });

  it('is not ready while the data folder of the blobs is gone, and ready again once it is back', async () => {
    server = await startServer();
    const transport = injectTransport(server.app);
    renameSync(server.dataDir, `${server.dataDir}-moved`);
    const gone = await get(transport, '/readyz');
    renameSync(`${server.dataDir}-moved`, server.dataDir);
    expect([gone.status, gone.json()]).toEqual([503, { status: 'unavailable', reason: 'blobs_unavailable' }]);
    expect((await get(transport, '/readyz')).status).toBe(200);
    // Liveness asks nothing of the folder or the store.
    expect((await get(transport, '/livez')).status).toBe(200);
  });

  it('is not ready when the store does not answer, and says so without its error', async () => {
    const dir = tempDir();
    const site = await testStoreSite(dir.path);
    const store = await site.open();
    await store.setRegion(SERVER_REGION);
    const app = await buildServer({ store, dataDir: dir.path, region: SERVER_REGION, identity: TEST_IDENTITY });
    await store.close();
    const answer = await get(injectTransport(app), '/readyz');
    await app.close();
    await site.remove();
    dir.remove();
    expect([answer.status, answer.json()]).toEqual([503, { status: 'unavailable', reason: 'store_unavailable' }]);
  });
});

describe('a stopping server', () => {
  it('is not ready, answers long polls at once and refuses new work before writing anything', async () => {
    const lifecycle = new Lifecycle();
    server = await startServer({ lifecycle });
    const transport = injectTransport(server.app);
    const window3 = await enroll(server, transport);
    const waiting = window3.pull(0, 30);

    lifecycle.stop();
    // Released by the stop: without it this pull would wait its 30 seconds.
    expect((await waiting).events).toEqual([]);
    expect((await window3.pull(0, 30)).events).toEqual([]);
    const ready = await get(transport, '/readyz');
    expect([ready.status, ready.json()]).toEqual([503, { status: 'unavailable', reason: 'shutting_down' }]);
    expect((await get(transport, '/livez')).status).toBe(200);

    const one = newCase();
    const push = await window3.request('POST', '/events', JSON.stringify({ events: [window3.signed(one.received)] }));
    expect(push.status).toBe(503);
    expect(push.json()).toMatchObject({ error: 'shutting_down' });
    expect(push.headers['retry-after']).toBe('1');
    expect(push.headers.connection).toBe('close');
    const enrolling = await transport({
      method: 'POST',
      url: '/v1/enroll',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(enrolling.status).toBe(503);
    expect(await server.store.stats()).toMatchObject({ events: 0, cases: 0 });
  });
});
