import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../tests/support/server.ts';
import { trustedProxies } from './client-address.ts';

let server: TestServer | undefined;
afterEach(async () => server?.close());

describe('the client address behind a reverse proxy', () => {
  it('reads TONGBAN_TRUST_PROXY as addresses and CIDR ranges, and refuses anything else', () => {
    expect(trustedProxies(undefined)).toBeUndefined();
    expect(trustedProxies(' ')).toBeUndefined();
    expect(trustedProxies('10.0.1.5, 10.0.2.0/24,::1,fd00::/8')).toEqual([
      '10.0.1.5',
      '10.0.2.0/24',
      '::1',
      'fd00::/8',
    ]);
    for (const bad of ['nginx', '10.0.1.5/33', '10.0.0.0/8/8', '10.0.1.5,', '10.0.0.0/x']) {
      expect(trustedProxies(bad)).toBeNull();
    }
  });

  it('limits wrong status codes per client named by a trusted proxy, and ignores the header from anyone else', async () => {
    server = await startServer({ statusRateLimit: { capacity: 1, perSecond: 1 / 3600 }, trustProxy: ['10.0.1.5'] });
    const ask = (remoteAddress: string, client: string) =>
      server!.app.inject({
        method: 'GET',
        url: '/v1/status?case=NO-SUCH-CASE&code=WRONG234',
        remoteAddress,
        headers: { 'x-forwarded-for': client },
      });
    expect((await ask('10.0.1.5', '203.0.113.7')).statusCode).toBe(404);
    expect((await ask('10.0.1.5', '203.0.113.7')).statusCode).toBe(429);
    // Another client behind the same proxy is not held back by the first one's wrong codes.
    expect((await ask('10.0.1.5', '198.51.100.4')).statusCode).toBe(404);
    // Not a trusted proxy: its header names nobody, so changing it does not escape the limit.
    expect((await ask('192.0.2.9', '203.0.113.50')).statusCode).toBe(404);
    expect((await ask('192.0.2.9', '203.0.113.51')).statusCode).toBe(429);
  });
});
