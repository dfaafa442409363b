import { connect as connectTcp, type AddressInfo, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { startServer } from '../../tests/support/server.ts';

const closed = (socket: Socket): Promise<void> => new Promise((resolve) => socket.once('close', () => resolve()));

describe('a stopping server ends the connections that would hold it', () => {
  it('ends a TLS handshake left half-done and a connection that never carried a request', async () => {
    const server = await startServer();
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = server.app.server.address() as AddressInfo;
    // A TCP connection that never starts its handshake, and a TLS one that never sends a request.
    const halfDone = connectTcp(port, '127.0.0.1');
    await new Promise((resolve) => halfDone.once('connect', resolve));
    const unused = connectTls({ port, host: '127.0.0.1', ca: server.identity.certificatePem, servername: 'localhost' });
    await new Promise((resolve) => unused.once('secureConnect', resolve));
    const ended = Promise.all([closed(halfDone), closed(unused)]);
    halfDone.on('error', () => {});
    unused.on('error', () => {});

    // Without the server ending them, close waits for the TLS handshake timeout (two minutes) and this
    // test runs out of time.
    await server.close();
    await ended;
    expect(halfDone.destroyed && unused.destroyed).toBe(true);
  });
});
