import { afterEach, describe, expect, it } from 'vitest';
import { JSON_BODY_LIMIT } from './routes.ts';
import { enroll, injectTransport, newCase, startServer, wire, type TestServer } from '../tests/support/server.ts';

let server: TestServer;
afterEach(async () => server.close());

describe('request limits', () => {
  it('refuses a JSON body over the limit with 413, before reading it as events', async () => {
    server = await startServer();
    const device = await enroll(server, injectTransport(server.app));
    const padding = 'x'.repeat(JSON_BODY_LIMIT);
    const answer = await device.request('POST', '/events', JSON.stringify({ events: [newCase().received], padding }));
    expect(answer.status).toBe(413);
    expect(answer.json()).toMatchObject({ error: 'body_too_large' });
    expect((await server.store.stats()).events).toBe(0);

    const enrollment = await injectTransport(server.app)({
      method: 'POST',
      url: '/v1/enroll',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: 'x'.repeat(20), publicKey: 'k'.repeat(100), deviceName: 'y'.repeat(20_000) }),
    });
    expect(enrollment.status).toBe(413);
  });

  it('limits each device to its own token bucket: 429 with Retry-After when it is empty', async () => {
    server = await startServer({ rateLimit: { capacity: 3, perSecond: 0.5 } });
    const transport = injectTransport(server.app);
    const busy = await enroll(server, transport, {}, 'busy');
    const calm = await enroll(server, transport, {}, 'calm');
    const statuses = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await busy.request('GET', '/catalog')).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const limited = await busy.request('GET', '/catalog');
    expect(limited.json()).toMatchObject({ error: 'rate_limited' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect((await calm.request('GET', '/catalog')).status).toBe(200);
  });

  it('limits enrollment attempts per address', async () => {
    server = await startServer({ rateLimit: { capacity: 2, perSecond: 0.1 } });
    const transport = injectTransport(server.app);
    const attempt = () =>
      transport({
        method: 'POST',
        url: '/v1/enroll',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: 'GUESS-GUESS-GUESS', publicKey: 'k'.repeat(44), deviceName: 'w' }),
      });
    const statuses = [(await attempt()).status, (await attempt()).status, (await attempt()).status];
    expect(statuses).toEqual([400, 400, 429]);
  });

  it('refuses a NUL character in any string or key, on either store, and stores nothing', async () => {
    server = await startServer();
    const device = await enroll(server, injectTransport(server.app));
    const { received } = newCase();
    const nulInValue = wire({ ...received, actor: { ...received.actor, userId: 'clerk\u00001' } });
    const nulInKey = { ...received, payload: { ...(received.payload as object), ['form\u0000Data']: {} } };
    for (const sent of [nulInValue, nulInKey]) {
      const answer = await device.request('POST', '/events', JSON.stringify({ events: [sent] }));
      expect(answer.status).toBe(400);
      expect(answer.json()).toMatchObject({ error: 'invalid_request' });
    }
    expect((await server.store.stats()).events).toBe(0);
  });
});
