// A fault-injecting TCP proxy for the sync fault tests: device ⇄ proxy ⇄
// exchange server, on 127.0.0.1. The bytes pass unchanged; what the proxy
// adds is framing of the device's HTTP/1.1 requests (the head up to the blank
// line, then Content-Length bytes of body), because the device's HTTP client
// keeps a connection alive across many requests and a fault must hit one
// request, not whatever happens to share its socket. Each request is read in
// full, then — by the schedule's seeded RNG — passed, dropped, cut, held,
// forwarded with its answer lost, or forwarded twice. Responses are not
// framed: the device's client does not pipeline, so what the server sends
// after a request went up is that request's answer. A request that is not
// framed by Content-Length (chunked) turns its connection into a plain pipe
// and is counted as `unframed`.
//
// In front of an exchange server the proxy stands for the link the way a
// TLS-terminating load balancer does: it holds the server's own certificate
// and key, so the device's pin still holds, reads the requests in clear to
// frame them, and goes on to the server over TLS. Given several servers
// (instances of one region's server), it also balances as such a load
// balancer does, without health checks: each new connection to the next one
// in turn, a replayed request's included, so a retry or a duplicate may land
// on another instance than the first try, and one that is down answers by
// closing the connection.
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import tls from 'node:tls';

export const FAULT_KINDS = ['drop', 'cut', 'delay', 'dropResponse', 'duplicate'] as const;
/**
 * - drop: the connection is closed before the request goes up
 * - cut: part of the request goes up, then both sides are closed
 * - delay: the request is held for up to maxDelayMs, then sent (even if the device gave up meanwhile)
 * - dropResponse: the request goes up in full; the device's side is closed before or while the
 *   answer comes back, so the server commits and the device never learns of it
 * - duplicate: the request goes up, and its bytes are replayed on a second connection whose answer is thrown away
 */
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultSettings {
  /** Chance that a request meets a fault. */
  rate: number;
  kinds: readonly FaultKind[];
  maxDelayMs: number;
  /** Faults only for requests that change something on the server (pushes, blob chunks), not reads. */
  writesOnly: boolean;
}

export interface ProxiedRequest {
  method: string;
  path: string;
  bytes: number;
  fault: FaultKind | 'pass';
}

type Phase = 'request' | 'response';

interface Watcher {
  phase: Phase;
  match: (request: ProxiedRequest) => boolean;
  resolve: (seen: boolean) => void;
}

const HEAD_END = Buffer.from('\r\n\r\n');
/** Longer than any long-poll: an upstream kept only to let the server finish is closed after this. */
const ORPHAN_TIMEOUT_MS = 40_000;

function parseHead(head: Buffer): { method: string; path: string; length: number | null } {
  const lines = head.toString('latin1').split('\r\n');
  const [method = '', path = ''] = lines[0]!.split(' ');
  let length = 0;
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'transfer-encoding') return { method, path, length: null };
    if (name === 'content-length') length = Number(value);
  }
  return { method, path, length };
}

/** Where a proxy forwards to. */
export interface Target {
  host: string;
  port: number;
}

/** The server's certificate and key, for a proxy in front of a server that speaks TLS. */
export interface ProxyTls {
  certificatePem: string;
  keyPem: string;
}

export class FaultProxy {
  private readonly server: Server;
  private readonly targets: readonly Target[];
  private nextTarget = 0;
  private readonly tls: ProxyTls | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly watchers = new Set<Watcher>();
  private settings: FaultSettings | null = null;
  private random: () => number = Math.random;
  /** Requests by fault, and by method and route with their fault: what the faults actually hit. */
  readonly counts = new Map<string, number>();

  private constructor(server: Server, targets: readonly Target[], secure: ProxyTls | undefined) {
    this.server = server;
    this.targets = targets;
    this.tls = secure;
  }

  /**
   * Plain TCP both ways, or with `secure` TLS both ways (the server's own
   * certificate towards the device); to one server, or to several in turn.
   */
  static async start(target: Target | readonly Target[], secure?: ProxyTls): Promise<FaultProxy> {
    const targets = Array.isArray(target) ? target : [target as Target];
    if (targets.length === 0) throw new Error('a proxy needs a server to forward to');
    const server = secure ? tls.createServer({ cert: secure.certificatePem, key: secure.keyPem }) : createServer();
    const proxy = new FaultProxy(server, targets, secure);
    server.on(secure ? 'secureConnection' : 'connection', (client: Socket) => proxy.accept(client));
    // A handshake the device broke off: nothing to proxy.
    server.on('tlsClientError', () => undefined);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    return proxy;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get url(): string {
    return `${this.tls ? 'https' : 'http'}://127.0.0.1:${this.port}`;
  }

  /** Faults from now on (null: none), drawn from `random`. */
  setFaults(settings: FaultSettings | null, random: () => number = Math.random): void {
    this.settings = settings;
    this.random = random;
  }

  /**
   * Resolves true once a matching request has gone up (phase 'request') or its
   * answer has started to come back ('response'); false after timeoutMs.
   */
  waitFor(phase: Phase, match: (request: ProxiedRequest) => boolean, timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const watcher: Watcher = {
        phase,
        match,
        resolve: (seen) => {
          clearTimeout(timer);
          this.watchers.delete(watcher);
          resolve(seen);
        },
      };
      const timer = setTimeout(() => watcher.resolve(false), timeoutMs);
      this.watchers.add(watcher);
    });
  }

  async close(): Promise<void> {
    for (const watcher of this.watchers) watcher.resolve(false);
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private count(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  countUnframed(): void {
    this.count('unframed');
  }

  notify(phase: Phase, request: ProxiedRequest): void {
    for (const watcher of [...this.watchers]) {
      if (watcher.phase === phase && watcher.match(request)) watcher.resolve(true);
    }
  }

  /** A number in [0, 1) from the schedule's generator: cut points, delays, variants. */
  draw(): number {
    return this.random();
  }

  /** The fault for a request, if any, and how long a delay or a replay may wait. */
  decide(method: string): { kind: FaultKind | 'pass'; maxDelayMs: number } {
    const settings = this.settings;
    const read = method === 'GET' || method === 'HEAD';
    if (!settings || settings.kinds.length === 0 || (settings.writesOnly && read) || this.draw() >= settings.rate) {
      return { kind: 'pass', maxDelayMs: 0 };
    }
    return { kind: settings.kinds[Math.floor(this.draw() * settings.kinds.length)]!, maxDelayMs: settings.maxDelayMs };
  }

  record(request: ProxiedRequest): void {
    const route = request.path.replace(/[0-9a-f]{64}/, ':sha256').replace(/\?.*$/, '');
    this.count(request.fault);
    this.count(`${request.method} ${route} ${request.fault}`);
  }

  openUpstream(): Socket {
    const target = this.targets[this.nextTarget++ % this.targets.length]!;
    const socket = this.tls
      ? tls.connect({ port: target.port, host: target.host, ca: this.tls.certificatePem })
      : connect(target.port, target.host);
    this.track(socket);
    return socket;
  }

  track(socket: Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    // Resets are what this proxy is for; 'close' follows every error.
    socket.on('error', () => undefined);
  }

  private accept(client: Socket): void {
    this.track(client);
    void new Link(this, client).run();
  }
}

/** One device connection and its upstream connection to the server. */
class Link {
  private readonly proxy: FaultProxy;
  private readonly client: Socket;
  private readonly upstream: Socket;
  private pending: Buffer = Buffer.alloc(0);
  private clientDone = false;
  private piping = false;
  private wake: (() => void) | null = null;
  /** Takes the next bytes of an answer instead of the device: set once a request has gone up. */
  private onAnswer: ((chunk: Buffer) => void) | null = null;

  constructor(proxy: FaultProxy, client: Socket) {
    this.proxy = proxy;
    this.client = client;
    this.upstream = proxy.openUpstream();
    client.on('data', (chunk: Buffer) => {
      if (this.piping) return void this.upstream.write(chunk);
      this.pending = Buffer.concat([this.pending, chunk]);
      this.wake?.();
    });
    const done = (): void => {
      this.clientDone = true;
      this.wake?.();
    };
    client.once('end', done);
    client.once('close', done);
    this.upstream.on('data', (chunk: Buffer) => {
      const take = this.onAnswer;
      if (take) return take(chunk);
      if (!this.client.destroyed) this.client.write(chunk);
    });
    this.upstream.once('end', () => this.client.end());
    this.upstream.once('close', () => this.client.destroy());
  }

  /** Waits until `ready` says the pending bytes suffice, or the device is done sending. */
  private async until(ready: () => boolean): Promise<boolean> {
    while (!ready()) {
      if (this.clientDone) return false;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = null;
    }
    return true;
  }

  private take(bytes: number): Buffer {
    const taken = this.pending.subarray(0, bytes);
    this.pending = this.pending.subarray(bytes);
    return taken;
  }

  private send(socket: Socket, bytes: Buffer): Promise<void> {
    if (socket.destroyed) return Promise.resolve();
    return new Promise((resolve) => socket.write(bytes, () => resolve()));
  }

  private closeBoth(): void {
    this.client.destroy();
    this.upstream.destroy();
  }

  async run(): Promise<void> {
    for (;;) {
      if (!(await this.until(() => this.pending.includes(HEAD_END)))) break;
      const headLength = this.pending.indexOf(HEAD_END) + HEAD_END.length;
      const { method, path, length } = parseHead(this.pending.subarray(0, headLength));
      if (length === null) return this.pipe();
      if (!(await this.until(() => this.pending.length >= headLength + length))) break;
      const bytes = this.take(headLength + length);
      const { kind, maxDelayMs } = this.proxy.decide(method);
      const request: ProxiedRequest = { method, path, bytes: bytes.length, fault: kind };
      this.proxy.record(request);
      if (!(await this.forward(bytes, request, maxDelayMs))) return;
    }
    // The device stopped sending: what it sent of an unfinished request goes up, as a real network would deliver it.
    if (this.pending.length > 0) await this.send(this.upstream, this.take(this.pending.length));
    this.upstream.end();
  }

  /** Sends one whole request as its fault says; false when the connection is finished. */
  private async forward(bytes: Buffer, request: ProxiedRequest, maxDelayMs: number): Promise<boolean> {
    const random = (): number => this.proxy.draw();
    switch (request.fault) {
      case 'drop':
        this.closeBoth();
        return false;
      case 'cut':
        await this.send(this.upstream, bytes.subarray(0, 1 + Math.floor(random() * (bytes.length - 1))));
        this.closeBoth();
        return false;
      case 'delay':
        await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * maxDelayMs)));
        break;
      case 'dropResponse':
        return this.loseAnswer(bytes, request);
      case 'duplicate':
        this.replay(bytes, Math.floor(random() * maxDelayMs));
        break;
      case 'pass':
        break;
    }
    this.onAnswer = (chunk) => {
      this.onAnswer = null;
      this.proxy.notify('response', request);
      if (!this.client.destroyed) this.client.write(chunk);
    };
    await this.send(this.upstream, bytes);
    this.proxy.notify('request', request);
    return true;
  }

  /** The server gets the whole request and answers; the device's side closes before or while that answer arrives. */
  private async loseAnswer(bytes: Buffer, request: ProxiedRequest): Promise<boolean> {
    const early = this.proxy.draw() < 0.5;
    const prefix = this.proxy.draw();
    const orphan = setTimeout(() => this.upstream.destroy(), ORPHAN_TIMEOUT_MS);
    this.upstream.once('close', () => clearTimeout(orphan));
    this.onAnswer = (chunk) => {
      this.onAnswer = () => undefined;
      clearTimeout(orphan);
      this.proxy.notify('response', request);
      if (!early && !this.client.destroyed) this.client.write(chunk.subarray(0, Math.floor(prefix * chunk.length)));
      this.closeBoth();
    };
    await this.send(this.upstream, bytes);
    this.proxy.notify('request', request);
    if (early) this.client.destroy();
    return false;
  }

  /** The same bytes again on their own connection, after `afterMs`; the answer is read and dropped. */
  private replay(bytes: Buffer, afterMs: number): void {
    setTimeout(() => {
      const again = this.proxy.openUpstream();
      const orphan = setTimeout(() => again.destroy(), ORPHAN_TIMEOUT_MS);
      again.once('data', () => {
        clearTimeout(orphan);
        again.destroy();
      });
      again.once('close', () => clearTimeout(orphan));
      again.write(bytes);
    }, afterMs);
  }

  /** No framing to go by: from here on the connection is a plain pipe. */
  private pipe(): void {
    this.proxy.countUnframed();
    this.piping = true;
    this.upstream.write(this.take(this.pending.length));
    if (this.clientDone) this.upstream.end();
    else this.client.once('end', () => this.upstream.end());
  }
}
