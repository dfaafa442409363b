// Talking to one exchange server: every request signed, sent only over a TLS
// connection to the pinned server key, and every answer's signature checked
// (server-trust.ts) before it is checked against the protocol's schemas. A
// failure says whether the network, the server or trust in it was at fault, so
// the engine knows whether to back off.
import { createHash, randomBytes, type KeyObject } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { z } from 'zod';
import {
  PROTOCOL_PREFIX,
  SIGNATURE_HEADERS,
  anchorListResponse,
  anchorPushResponse,
  blobStatus,
  enrollResponse,
  pullResponse,
  pushResponse,
  type Anchor,
  type AnchorResult,
  type PushResult,
  type WireEvent,
} from '../../../shared/sync/protocol.ts';
import { deviceKeysResponse } from '../../../shared/sync/device-keys.ts';
import {
  checkTransport,
  pinnedAgent,
  TrustError,
  verifyAnswer,
  type ServerPin,
  type TrustFailure,
} from './server-trust.ts';
import { signedHeaders } from './signing.ts';

export class RemoteError extends Error {
  readonly kind: 'network' | 'http' | 'protocol' | 'trust';
  readonly status: number | undefined;
  /** Why the server was not trusted (kind 'trust'). */
  readonly reason: TrustFailure | undefined;
  constructor(kind: RemoteError['kind'], message: string, status?: number, reason?: TrustFailure) {
    super(message);
    this.name = 'RemoteError';
    this.kind = kind;
    this.status = status;
    this.reason = reason;
  }
}

function distrust(error: TrustError): RemoteError {
  return new RemoteError('trust', error.message, undefined, error.reason);
}

const REQUEST_TIMEOUT_MS = 30_000;

/**
 * Keep-alive pools: node:http hands a body to the socket as it is, where
 * fetch (undici) copies each one through web streams — for a backlog of 64 KB
 * scans that was most of the client's work. One per pinned key for https
 * (server-trust.ts); plain http is for development on loopback only.
 */
const plainAgent = new http.Agent({ keepAlive: true, scheduling: 'lifo' });

/** An answer, read whole and its signature checked: status, body, and the server key that signed it. */
export interface Answer {
  status: number;
  ok: boolean;
  body: Buffer;
  serverKey: KeyObject;
}

function send(
  url: URL,
  init: { method: string; headers: Record<string, string>; body?: Uint8Array | string },
  timeoutMs: number,
  pin: ServerPin,
  signal?: AbortSignal,
): Promise<Answer> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const abort = signal ? AbortSignal.any([signal, timeout]) : timeout;
  const network = (error: Error) =>
    error instanceof TrustError
      ? distrust(error)
      : signal?.aborted
        ? error
        : new RemoteError('network', `The server could not be reached (${error.name}).`);
  return new Promise<Answer>((resolve, reject) => {
    if (abort.aborted) return reject(network(abort.reason as Error));
    try {
      checkTransport(url);
    } catch (error) {
      return reject(network(error as Error));
    }
    const secure = url.protocol === 'https:';
    const nonce = init.headers[SIGNATURE_HEADERS.nonce] ?? randomBytes(16).toString('base64url');
    const body =
      init.body === undefined ? undefined : typeof init.body === 'string' ? Buffer.from(init.body) : init.body;
    const headers: Record<string, string | number> = { ...init.headers, [SIGNATURE_HEADERS.nonce]: nonce };
    if (body !== undefined) headers['content-length'] = body.length;
    const request = (secure ? https : http).request(url, {
      method: init.method,
      headers,
      agent: secure ? pinnedAgent(pin.fingerprint) : plainAgent,
      signal: abort,
    });
    request.once('error', (error) => reject(network(error)));
    request.once('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.once('error', (error) => reject(network(error)));
      // Cut off midway (aborted, or the connection dropped): no 'end'.
      response.once('close', () => {
        if (!response.complete) reject(network(new Error('The answer was cut off.')));
      });
      response.once('end', () => {
        const status = response.statusCode ?? 0;
        const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
        try {
          const serverKey = verifyAnswer({ status, body, headers: response.headers }, nonce, pin);
          resolve({ status, ok: status >= 200 && status < 300, body, serverKey });
        } catch (error) {
          reject(network(error as Error));
        }
      });
    });
    request.end(body);
  });
}

function json(answer: Answer): unknown {
  try {
    return JSON.parse(answer.body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function parse<S extends z.ZodType>(response: Answer, schema: S): z.output<S> {
  if (!response.ok) {
    const body = (json(response) ?? {}) as { error?: string };
    throw new RemoteError('http', `The server answered ${response.status} ${body.error ?? ''}`.trim(), response.status);
  }
  const parsed = schema.safeParse(json(response));
  if (!parsed.success)
    throw new RemoteError('protocol', 'The server answered something this version does not understand.');
  return parsed.data;
}

/** Enrolls at the server whose key has this fingerprint; gives the enrollment and that key (SPKI DER, base64). */
export async function enroll(
  baseUrl: string,
  fingerprint: string,
  body: { code: string; publicKey: string; deviceName: string },
) {
  const response = await send(
    new URL(`${PROTOCOL_PREFIX}/enroll`, baseUrl),
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
    REQUEST_TIMEOUT_MS,
    { fingerprint },
  );
  return {
    enrolled: parse(response, enrollResponse),
    serverPublicKey: response.serverKey.export({ type: 'spki', format: 'der' }).toString('base64'),
  };
}

export class RemoteClient {
  private readonly baseUrl: string;
  private readonly deviceId: string;
  private readonly key: KeyObject;
  private readonly pin: ServerPin;

  constructor(baseUrl: string, serverDeviceId: string, key: KeyObject, pin: ServerPin) {
    this.baseUrl = baseUrl;
    this.deviceId = serverDeviceId;
    this.key = key;
    this.pin = pin;
  }

  private request(
    method: string,
    path: string,
    options: {
      body?: Uint8Array | string;
      /** The body's SHA-256 when the caller knows it already (a scan is named by it): not hashed again. */
      bodySha256?: string;
      contentType?: string;
      headers?: Record<string, string>;
      timeoutMs?: number;
    },
    signal?: AbortSignal,
  ): Promise<Answer> {
    const url = new URL(`${PROTOCOL_PREFIX}${path}`, this.baseUrl);
    const body = options.body ?? '';
    const headers = {
      ...signedHeaders(
        this.key,
        this.deviceId,
        method,
        url.pathname + url.search,
        body,
        Date.now(),
        options.bodySha256,
      ),
      ...(options.contentType ? { 'content-type': options.contentType } : {}),
      ...options.headers,
    };
    return send(
      url,
      { method, headers, body: method === 'GET' || method === 'HEAD' ? undefined : body },
      options.timeoutMs ?? REQUEST_TIMEOUT_MS,
      this.pin,
      signal,
    );
  }

  async hasBlob(sha256: string, signal?: AbortSignal): Promise<boolean> {
    const response = await this.request('HEAD', `/blobs/${sha256}`, {}, signal);
    if (response.status === 404) return false;
    if (!response.ok) throw new RemoteError('http', `HEAD blob answered ${response.status}`, response.status);
    return true;
  }

  async blobReceived(sha256: string, signal?: AbortSignal): Promise<number> {
    return (await parse(await this.request('GET', `/blobs/${sha256}/status`, {}, signal), blobStatus)).received;
  }

  /** `chunkSha256`: the chunk's SHA-256 when it is known (a whole blob: its name, once its bytes were checked). */
  async putBlobChunk(
    sha256: string,
    chunk: Uint8Array,
    first: number,
    total: number,
    signal?: AbortSignal,
    chunkSha256?: string,
  ) {
    const response = await this.request(
      'PUT',
      `/blobs/${sha256}`,
      {
        body: chunk,
        ...(chunkSha256 ? { bodySha256: chunkSha256 } : {}),
        contentType: 'application/octet-stream',
        headers: { 'content-range': `bytes ${first}-${first + chunk.length - 1}/${total}` },
      },
      signal,
    );
    return parse(response, blobStatus);
  }

  /** A blob of a case this device is party to; bytes that do not match the hash are refused. */
  async getBlob(sha256: string, signal?: AbortSignal): Promise<Buffer> {
    const response = await this.request('GET', `/blobs/${sha256}`, {}, signal);
    if (!response.ok) throw new RemoteError('http', `GET blob answered ${response.status}`, response.status);
    const bytes = response.body;
    if (createHash('sha256').update(bytes).digest('hex') !== sha256) {
      throw new RemoteError('protocol', 'A file from the server does not match its hash.');
    }
    return bytes;
  }

  async push(events: WireEvent[], signal?: AbortSignal): Promise<PushResult[]> {
    const response = await this.request(
      'POST',
      '/events',
      { body: JSON.stringify({ events }), contentType: 'application/json' },
      signal,
    );
    const { results } = await parse(response, pushResponse);
    if (results.length !== events.length) throw new RemoteError('protocol', 'The server answered for other events.');
    return results;
  }

  /** The server's signed listing of these devices' keys, bound to `nonce` (checked by the caller). */
  async deviceKeys(ids: readonly string[], nonce: string, signal?: AbortSignal) {
    const query = `ids=${ids.map(encodeURIComponent).join(',')}&nonce=${nonce}`;
    return parse(await this.request('GET', `/device-keys?${query}`, {}, signal), deviceKeysResponse);
  }

  /** A signed JSON POST whose answer the caller reads (rollback detection reads a 409 of its own). */
  postJson(path: string, body: unknown, signal?: AbortSignal): Promise<Answer> {
    return this.request('POST', path, { body: JSON.stringify(body), contentType: 'application/json' }, signal);
  }

  async pull(after: number, waitSeconds: number, signal?: AbortSignal) {
    const response = await this.request(
      'GET',
      `/events?after=${after}&wait=${waitSeconds}`,
      { timeoutMs: REQUEST_TIMEOUT_MS + waitSeconds * 1000 },
      signal,
    );
    return parse(response, pullResponse);
  }

  /** The heads of closed days (anchors.ts), one result per anchor in order. */
  async pushAnchors(anchors: Anchor[], signal?: AbortSignal): Promise<AnchorResult[]> {
    const body = JSON.stringify({ anchors });
    const response = await this.request('POST', '/anchors', { body, contentType: 'application/json' }, signal);
    const { results } = await parse(response, anchorPushResponse);
    if (results.length !== anchors.length) throw new RemoteError('protocol', 'The server answered for other anchors.');
    return results;
  }

  /** This device's anchors the server keeps between two days, and the key it holds for this device. */
  async anchors(from: string, to: string, signal?: AbortSignal) {
    return parse(await this.request('GET', `/anchors?from=${from}&to=${to}`, {}, signal), anchorListResponse);
  }
}
