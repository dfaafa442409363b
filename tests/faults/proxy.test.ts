// The fault proxy itself: honest when no fault is set (same bytes, several
// requests on one kept-alive connection), and each fault does to one request
// what it says — which the server behind it can tell.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import { connect, type AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FaultProxy, type FaultKind } from './proxy.ts';

/** A server that answers each request with the SHA-256 of its body and counts what it handled. */
function echoServer(): { server: Server; handled: string[]; connections: () => number } {
  const handled: string[] = [];
  let connections = 0;
  const server = createServer((request, response) => {
    const hash = createHash('sha256');
    request.on('data', (chunk: Buffer) => hash.update(chunk));
    request.on('end', () => {
      handled.push(`${request.method} ${request.url}`);
      response.end(hash.digest('hex'));
    });
  });
  server.on('connection', () => connections++);
  return { server, handled, connections: () => connections };
}

/** Always a fault, always `kind`; `pick` decides cut points, delays and variants. */
function only(proxy: FaultProxy, kind: FaultKind, pick = 0.5, maxDelayMs = 0): void {
  let first = true;
  proxy.setFaults({ rate: 1, kinds: [kind], maxDelayMs, writesOnly: false }, () => {
    // The first draw decides whether there is a fault at all.
    if (first) return ((first = false), 0);
    return pick;
  });
}

describe('the fault proxy', () => {
  let echo: ReturnType<typeof echoServer>;
  let proxy: FaultProxy;

  beforeAll(async () => {
    echo = echoServer();
    await new Promise<void>((resolve) => echo.server.listen(0, '127.0.0.1', resolve));
    proxy = await FaultProxy.start({ host: '127.0.0.1', port: (echo.server.address() as AddressInfo).port });
  });
  afterAll(async () => {
    await proxy.close();
    echo.server.closeAllConnections();
    await new Promise((resolve) => echo.server.close(resolve));
  });
  beforeEach(() => {
    proxy.setFaults(null);
    echo.handled.length = 0;
  });

  const post = (body: Buffer | string, path = '/x') => fetch(`${proxy.url}${path}`, { method: 'POST', body });

  it('passes requests unchanged, several on one kept-alive connection, however their bytes arrive', async () => {
    const before = echo.connections();
    const socket = connect(proxy.port, '127.0.0.1');
    await once(socket, 'connect');
    let answers = '';
    socket.on('data', (chunk: Buffer) => (answers += chunk.toString()));
    const answered = async (count: number): Promise<void> => {
      while ((answers.match(/[0-9a-f]{64}/g) ?? []).length < count) await sleep(5);
    };
    const request = (path: string, body: string) =>
      Buffer.from(`POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
    const bodies = ['first body', 'second, sent in pieces'];
    socket.write(request('/one', bodies[0]!));
    await answered(1);
    const second = request('/two', bodies[1]!);
    const cuts = [0, 5, 30, second.length - 3, second.length];
    for (let i = 1; i < cuts.length; i++) {
      socket.write(second.subarray(cuts[i - 1], cuts[i]));
      await sleep(10);
    }
    await answered(2);
    socket.destroy();
    expect(answers.match(/[0-9a-f]{64}/g)).toEqual(
      bodies.map((body) => createHash('sha256').update(body).digest('hex')),
    );
    expect(echo.handled).toEqual(['POST /one', 'POST /two']);
    expect(echo.connections() - before).toBe(1);
    // Larger than a blob chunk: arrives in many pieces, goes up whole.
    const big = Buffer.alloc(1_500_000, 7);
    expect(await (await post(big)).text()).toBe(createHash('sha256').update(big).digest('hex'));
    expect(proxy.counts.get('unframed')).toBeUndefined();
  });

  it('drops a request before any of it goes up', async () => {
    only(proxy, 'drop');
    await expect(post('dropped')).rejects.toThrow();
    await sleep(50);
    expect(echo.handled).toEqual([]);
  });

  it('cuts a request midway: the server never gets all of it', async () => {
    only(proxy, 'cut', 0.5);
    await expect(post(Buffer.alloc(100_000, 1))).rejects.toThrow();
    await sleep(50);
    expect(echo.handled).toEqual([]);
  });

  it('holds a request back before sending it', async () => {
    only(proxy, 'delay', 0.99, 300);
    const started = Date.now();
    expect((await post('late')).ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it.each([0.2, 0.9])('loses the answer after the server handled the request (variant draw %s)', async (pick) => {
    only(proxy, 'dropResponse', pick);
    const answered = proxy.waitFor('response', (r) => r.path === '/commit', 2000);
    // The head may get through (a prefix of the answer), the body never does.
    await expect(post('committed', '/commit').then((answer) => answer.text())).rejects.toThrow();
    expect(await answered).toBe(true);
    expect(echo.handled).toEqual(['POST /commit']);
  });

  it('duplicates a request: the server handles it twice, the device sees one answer', async () => {
    only(proxy, 'duplicate', 0.5, 20);
    expect(await (await post('twice', '/dup')).text()).toBe(createHash('sha256').update('twice').digest('hex'));
    await sleep(100);
    expect(echo.handled).toEqual(['POST /dup', 'POST /dup']);
  });

  it('leaves reads alone when faults are for writes only', async () => {
    proxy.setFaults({ rate: 1, kinds: ['drop'], maxDelayMs: 0, writesOnly: true }, () => 0);
    expect((await fetch(`${proxy.url}/read`)).ok).toBe(true);
    await expect(post('write')).rejects.toThrow();
    expect(echo.handled).toEqual(['GET /read']);
  });

  it('tells a watcher when a matching request went up', async () => {
    const seen = proxy.waitFor('request', (r) => r.method === 'POST' && r.path === '/watched', 2000);
    await post('watched', '/watched');
    expect(await seen).toBe(true);
    expect(await proxy.waitFor('request', () => false, 20)).toBe(false);
  });
});
