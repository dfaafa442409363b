// Browser mode: the same RPC over a WebSocket on 127.0.0.1. A connection needs
// the per-run token, and its Origin must be the browser-mode page's, so other
// web pages open in the same browser cannot reach the backend.
import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { FrameChannel } from '../../../shared/rpc/framing.ts';

export interface WebSocketServerOptions {
  port: number;
  token: string;
  /** The page origins allowed to connect; undefined lets any origin (tests from Node). */
  allowedOrigins?: readonly string[];
}

export const RPC_PATH = '/rpc';

function sameToken(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function webSocketChannel(socket: WebSocket): FrameChannel {
  return {
    send: (text) => {
      if (socket.readyState === socket.OPEN) socket.send(text);
    },
    onMessage: (listener) => socket.on('message', (data, isBinary) => listener(isBinary ? '' : data.toString())),
    onClose: (listener) => socket.on('close', listener),
    close: () => socket.close(),
  };
}

export async function listenWebSocket(
  options: WebSocketServerOptions,
  onChannel: (channel: FrameChannel) => void,
): Promise<{ port: number; close(): Promise<void> }> {
  const server = new WebSocketServer({
    host: '127.0.0.1',
    port: options.port,
    path: RPC_PATH,
    maxPayload: 16 * 1024 * 1024,
    verifyClient: ({ req, origin }: { req: { url?: string }; origin: string }) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (!sameToken(url.searchParams.get('token'), options.token)) return false;
      return options.allowedOrigins === undefined || options.allowedOrigins.includes(origin);
    },
  });
  server.on('connection', (socket) => onChannel(webSocketChannel(socket)));
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}
