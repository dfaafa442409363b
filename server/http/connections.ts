// Ending the connections when the server stops. Node's close ends only the
// connections idle at that moment; three kinds would hold the stop until a
// timeout minutes later: a long poll released by the stop, which answers a
// moment later and leaves its keep-alive connection open; a connection
// opened and never used (a device's pool keeps one when the request it was
// opened for was given up); and a TLS handshake a departed device left
// half-done. So the server counts the requests under way on each connection
// and, once stopping, ends each connection as soon as it has none, and every
// handshake not finished.
import type { Socket } from 'node:net';
import tls from 'node:tls';
import type { FastifyInstance } from 'fastify';

const addressOf = (socket: Socket): string => `${socket.remoteAddress}|${socket.remotePort}`;

export function endConnectionsOnClose(app: FastifyInstance): void {
  const underWay = new Map<Socket, number>();
  /** TCP connections whose TLS handshake has not finished, by remote address and port. */
  const handshaking = new Map<string, Socket>();
  let stopping = false;
  const track = (socket: Socket): void => {
    if (stopping) return void socket.destroy();
    underWay.set(socket, 0);
    socket.once('close', () => underWay.delete(socket));
  };
  if (app.server instanceof tls.Server) {
    app.server.on('connection', (raw: Socket) => {
      const address = addressOf(raw);
      handshaking.set(address, raw);
      raw.once('close', () => handshaking.delete(address));
    });
    // A request's socket is the TLS socket, not the TCP one under it.
    app.server.on('secureConnection', (socket: Socket) => {
      handshaking.delete(addressOf(socket));
      track(socket);
    });
  } else {
    app.server.on('connection', track);
  }
  app.server.on('request', (request, response) => {
    const socket = request.socket;
    underWay.set(socket, (underWay.get(socket) ?? 0) + 1);
    response.once('close', () => {
      const left = Math.max(0, (underWay.get(socket) ?? 1) - 1);
      underWay.set(socket, left);
      if (stopping && left === 0) socket.destroy();
    });
  });
  // Registered after the hook that releases the long polls: they answer, then their connections end.
  app.addHook('preClose', async () => {
    stopping = true;
    for (const raw of handshaking.values()) raw.destroy();
    for (const [socket, requests] of underWay) if (requests === 0) socket.destroy();
  });
}
