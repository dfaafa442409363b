// Talking to one exchange server: every request signed, every answer checked
// against the protocol's schemas. A failure says whether the network or the
// server was at fault, so the engine knows whether to back off.
import { createHash, type KeyObject } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { z } from 'zod';
import {
  PROTOCOL_PREFIX,
  blobStatus,
  enrollResponse,
  pullResponse,
  pushResponse,
  type PushResult,
  type WireEvent,
} from '../../../shared/sync/protocol.ts';
import { signedHeaders } from './signing.ts';

export class RemoteError extends Error {
  readonly kind: 'network' | 'http' | 'protocol';
  readonly status: number | undefined;
  constructor(kind: RemoteError['kind'], message: string, status?: number) {
    super(message);
    this.name = 'RemoteError';
    this.kind = kind;
    this.status = status;
  }
}

const REQUEST_TIMEOUT_MS = 30_000;

/**
 * One keep-alive pool per process for every server: node:http hands a body
 * to the socket as it is, where fetch (undici) copies each one through web
 * streams — for a backlog of 64 KB scans that was most of the client's work.
 */
const agents = {
  'http:': new http.Agent({ keepAlive: true, scheduling: 'lifo' }),
  'https:': new https.Agent({ keepAlive: true, scheduling: 'lifo' }),
};

/** An answer, read whole: status and body. */
export interface Answer {
  status: number;
  ok: boolean;
  body: Buffer;
}

function send(
  url: URL,
  init: { method: string; headers: Record<string, string>; body?: Uint8Array | string },
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<Answer> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const abort = signal ? AbortSignal.any([signal, timeout]) : timeout;
  const network = (error: Error) =>
    signal?.aborted ? error : new RemoteError('network', `The server could not be reached (${error.name}).`);
  return new Promise<Answer>((resolve, reject) => {
    if (abort.aborted) return reject(network(abort.reason as Error));
    const secure = url.protocol === 'https:';
    if (!secure && url.protocol !== 'http:') return reject(new RemoteError('network', 'Only http and https.'));
    const body =
      init.body === undefined ? undefined : typeof init.body === 'string' ? Buffer.from(init.body) : init.body;
    const headers: Record<string, string | number> = { ...init.headers };
    if (body !== undefined) headers['content-length'] = body.length;
    const request = (secure ? https : http).request(url, {
      method: init.method,
      headers,
      agent: agents[secure ? 'https:' : 'http:'],
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
        resolve({
          status,
          ok: status >= 200 && status < 300,
          body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks),
        });
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

export function enroll(baseUrl: string, body: { code: string; publicKey: string; deviceName: string }) {
  return send(
    new URL(`${PROTOCOL_PREFIX}/enroll`, baseUrl),
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
    REQUEST_TIMEOUT_MS,
  ).then((response) => parse(response, enrollResponse));
}

export class RemoteClient {
  private readonly baseUrl: string;
  private readonly deviceId: string;
  private readonly key: KeyObject;

  constructor(baseUrl: string, serverDeviceId: string, key: KeyObject) {
    this.baseUrl = baseUrl;
    this.deviceId = serverDeviceId;
    this.key = key;
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
}
