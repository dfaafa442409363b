// Talking to one exchange server: every request signed, every answer checked
// against the protocol's schemas. A failure says whether the network or the
// server was at fault, so the engine knows whether to back off.
import { createHash, type KeyObject } from 'node:crypto';
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

async function send(url: string, init: RequestInit, timeoutMs: number, signal?: AbortSignal): Promise<Response> {
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    return await fetch(url, { ...init, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new RemoteError('network', `The server could not be reached (${(error as Error).name}).`);
  }
}

async function parse<S extends z.ZodType>(response: Response, schema: S): Promise<z.output<S>> {
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: string };
    throw new RemoteError('http', `The server answered ${response.status} ${body.error ?? ''}`.trim(), response.status);
  }
  const parsed = schema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success)
    throw new RemoteError('protocol', 'The server answered something this version does not understand.');
  return parsed.data;
}

export function enroll(baseUrl: string, body: { code: string; publicKey: string; deviceName: string }) {
  return send(
    new URL(`${PROTOCOL_PREFIX}/enroll`, baseUrl).href,
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
    options: { body?: Uint8Array | string; contentType?: string; headers?: Record<string, string>; timeoutMs?: number },
    signal?: AbortSignal,
  ): Promise<Response> {
    const url = new URL(`${PROTOCOL_PREFIX}${path}`, this.baseUrl);
    const body = options.body ?? '';
    const headers = {
      ...signedHeaders(this.key, this.deviceId, method, url.pathname + url.search, body),
      ...(options.contentType ? { 'content-type': options.contentType } : {}),
      ...options.headers,
    };
    return send(
      url.href,
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

  async putBlobChunk(sha256: string, chunk: Uint8Array, first: number, total: number, signal?: AbortSignal) {
    const response = await this.request(
      'PUT',
      `/blobs/${sha256}`,
      {
        body: chunk,
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
    const bytes = Buffer.from(await response.arrayBuffer());
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
