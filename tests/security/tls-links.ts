// The links the TLS attack tests put between a device and its exchange
// server, each on loopback:
// - SwitchableLink: a TCP relay that passes the device's TLS through to the
//   real server untouched, until it is switched to a man in the middle who
//   ends TLS with a key of its own and records every byte it reads in clear;
// - TamperingLink: a TLS terminator holding the server's own key (as if that
//   key had leaked to whoever runs the link), relaying each request and
//   altering the answer's body or status, or stripping its signature.
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import https from 'node:https';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import tls from 'node:tls';
import { ANSWER_SIGNATURE_HEADERS } from '../../shared/sync/answer-signature.ts';
import { SELF_SIGNED_HOSTS, selfSignedIdentity, type ServerIdentity } from '../../server/tls.ts';

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

function closeAll(server: Server, sockets: Set<Socket>): Promise<void> {
  for (const socket of sockets) socket.destroy();
  return new Promise((resolve) => server.close(() => resolve()));
}

export class SwitchableLink {
  /** What the man in the middle read in clear, from every connection. */
  readonly seenInClear: Buffer[] = [];
  /** Connections that reached the man in the middle. */
  connections = 0;
  mode: 'pass' | 'mitm' = 'pass';
  readonly port: number;
  private readonly relay: Server;
  private readonly mitm: tls.Server;
  private readonly mitmPort: number;
  private readonly sockets = new Set<Socket>();

  private constructor(relay: Server, port: number, mitm: tls.Server, mitmPort: number) {
    this.relay = relay;
    this.port = port;
    this.mitm = mitm;
    this.mitmPort = mitmPort;
  }

  static async start(serverPort: number): Promise<SwitchableLink> {
    // Another key, in a certificate that names 127.0.0.1 just as well.
    const impostor: ServerIdentity = selfSignedIdentity('Tongban exchange server', SELF_SIGNED_HOSTS);
    const mitm = tls.createServer({ cert: impostor.certificatePem, key: impostor.keyPem });
    mitm.on('tlsClientError', () => undefined);
    const mitmPort = await listen(mitm);
    const relay = createServer();
    const link = new SwitchableLink(relay, await listen(relay), mitm, mitmPort);
    mitm.on('connection', () => (link.connections += 1));
    mitm.on('secureConnection', (socket) => {
      link.track(socket);
      socket.on('data', (chunk: Buffer) => link.seenInClear.push(chunk));
    });
    relay.on('connection', (client) => {
      link.track(client);
      const upstream = connect(link.mode === 'pass' ? serverPort : link.mitmPort, '127.0.0.1');
      link.track(upstream);
      client.pipe(upstream).pipe(client);
    });
    return link;
  }

  get url(): string {
    return `https://127.0.0.1:${this.port}`;
  }

  /** From now on every new connection meets the man in the middle; the kept-alive ones are cut. */
  switchToMitm(): void {
    this.mode = 'mitm';
    for (const socket of this.sockets) socket.destroy();
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('close', () => this.sockets.delete(socket));
  }

  async close(): Promise<void> {
    await closeAll(this.mitm, this.sockets);
    await closeAll(this.relay, this.sockets);
  }
}

export type Tampering = 'none' | 'body' | 'status' | 'unsigned';

export class TamperingLink {
  tampering: Tampering = 'none';
  /** Answers it altered. */
  altered = 0;
  readonly port: number;
  private readonly server: https.Server;

  private constructor(server: https.Server, port: number) {
    this.server = server;
    this.port = port;
  }

  static async start(serverPort: number, identity: ServerIdentity): Promise<TamperingLink> {
    const upstream = new https.Agent({ ca: identity.certificatePem, keepAlive: true });
    const server = https.createServer({ cert: identity.certificatePem, key: identity.keyPem });
    const link = new TamperingLink(server, await listen(server));
    server.on('request', (request, response) => {
      const forward = https.request(
        {
          host: '127.0.0.1',
          port: serverPort,
          method: request.method,
          path: request.url,
          headers: request.headers,
          agent: upstream,
        },
        (answer) => {
          const chunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => chunks.push(chunk));
          answer.once('end', () =>
            link.answer(response, answer.statusCode ?? 502, answer.headers, Buffer.concat(chunks)),
          );
        },
      );
      forward.once('error', () => response.destroy());
      request.pipe(forward);
    });
    return link;
  }

  get url(): string {
    return `https://127.0.0.1:${this.port}`;
  }

  private answer(response: ServerResponse, status: number, headers: IncomingHttpHeaders, body: Buffer): void {
    const tampering = this.tampering;
    // Framing is set again below for the body as altered.
    const rest = { ...headers };
    for (const name of ['content-length', 'connection', 'keep-alive']) delete rest[name];
    let out = body;
    let code = status;
    if (tampering !== 'none') this.altered += 1;
    if (tampering === 'body' && body.length > 0) {
      // One byte of the answer changed: a JSON answer stays JSON where it can.
      out = Buffer.from(body.toString('utf8').replace(/"cursor":(\d)/, '"cursor":9$1'));
      if (out.equals(body)) out = Buffer.concat([body, Buffer.from(' ')]);
    }
    if (tampering === 'status') code = status === 200 ? 201 : 200;
    if (tampering === 'unsigned') delete rest[ANSWER_SIGNATURE_HEADERS.signature];
    response.writeHead(code, { ...rest, 'content-length': out.length });
    response.end(out);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
