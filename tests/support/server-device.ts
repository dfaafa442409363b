// Devices talking to a test server: transports (in-process through
// app.inject, or over HTTP), requests signed with a real Ed25519 key, and
// enrollment with a one-time code.
import { createHash, randomBytes, sign, type KeyObject } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { FastifyInstance } from 'fastify';
import {
  PROTOCOL_PREFIX,
  SIGNATURE_HEADERS,
  signingString,
  type PushResult,
  type Scope,
  type WireEvent,
} from '../../shared/sync/protocol.ts';
import { INTAKE_REGION, newKeys } from '../../bench/support/exchange-samples.ts';
import { issueEnrollmentCode } from '../../server/enrollment.ts';
import { signEventHash } from '../../shared-node/event-signature.ts';
import type { TestServer } from './server-store.ts';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: Buffer;
  json<T = unknown>(): T;
}

export interface Outgoing {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: Buffer | string;
}

export type Transport = (request: Outgoing) => Promise<Answer>;

export function injectTransport(app: FastifyInstance): Transport {
  return async ({ method, url, headers, body }) => {
    const response = await app.inject({
      method: method as 'GET',
      url,
      headers,
      ...(body === undefined ? {} : { payload: body }),
    });
    const raw = response.rawPayload;
    return {
      status: response.statusCode,
      headers: response.headers,
      body: raw,
      json: <T>() => JSON.parse(raw.toString('utf8')) as T,
    };
  };
}

/**
 * Over the network: HTTPS trusting only `certificatePem` (the test server's
 * own certificate; it names 127.0.0.1), or plain HTTP for an http:// address.
 */
export function httpTransport(baseUrl: string, certificatePem?: string): Transport {
  const agent = certificatePem ? new https.Agent({ ca: certificatePem, keepAlive: true }) : undefined;
  return ({ method, url, headers, body }) =>
    new Promise<Answer>((resolve, reject) => {
      const target = new URL(url, baseUrl);
      const request = (target.protocol === 'https:' ? https : http).request(target, { method, headers, agent });
      request.once('error', reject);
      request.once('response', (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.once('error', reject);
        response.once('end', () => {
          const raw = Buffer.concat(chunks);
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: raw,
            json: <T>() => JSON.parse(raw.toString('utf8')) as T,
          });
        });
      });
      request.end(body);
    });
}

export function signedHeaders(
  key: KeyObject,
  deviceId: string,
  method: string,
  pathWithQuery: string,
  body: Buffer | string,
  options: { at?: number; nonce?: string } = {},
): Record<string, string> {
  const timestamp = new Date(options.at ?? Date.now()).toISOString();
  const nonce = options.nonce ?? randomBytes(16).toString('base64url');
  const bodyHash = createHash('sha256').update(body).digest('hex');
  const text = signingString(method, pathWithQuery, timestamp, nonce, bodyHash);
  return {
    [SIGNATURE_HEADERS.device]: deviceId,
    [SIGNATURE_HEADERS.timestamp]: timestamp,
    [SIGNATURE_HEADERS.nonce]: nonce,
    [SIGNATURE_HEADERS.signature]: sign(null, Buffer.from(text), key).toString('base64'),
  };
}

/** An enrolled device: every request signed with its key. */
export class TestDevice {
  readonly transport: Transport;
  readonly deviceId: string;
  readonly key: KeyObject;
  readonly scope: Scope;

  constructor(transport: Transport, deviceId: string, key: KeyObject, scope: Scope) {
    this.transport = transport;
    this.deviceId = deviceId;
    this.key = key;
    this.scope = scope;
  }

  request(
    method: string,
    path: string,
    body: Buffer | string = '',
    extra: { headers?: Record<string, string>; at?: number; nonce?: string } = {},
  ): Promise<Answer> {
    const url = `${PROTOCOL_PREFIX}${path}`;
    const headers = {
      ...signedHeaders(this.key, this.deviceId, method, url, body, extra),
      ...(typeof body === 'string' && body !== '' ? { 'content-type': 'application/json' } : {}),
      ...(Buffer.isBuffer(body) ? { 'content-type': 'application/octet-stream' } : {}),
      ...extra.headers,
    };
    return this.transport({ method, url, headers, ...(method === 'GET' || method === 'HEAD' ? {} : { body }) });
  }

  /** Pushes the events, each signed with this device's key as a window signs the events it makes, unless it carries a signature. */
  async push(events: readonly unknown[]): Promise<PushResult[]> {
    const answer = await this.request('POST', '/events', JSON.stringify({ events: events.map((e) => this.signed(e)) }));
    if (answer.status !== 200) throw new Error(`push answered ${answer.status} ${answer.body.toString()}`);
    return answer.json<{ results: PushResult[] }>().results;
  }

  async pull(after: number, wait = 0): Promise<{ events: (WireEvent & { serverSeq: number })[]; cursor: number }> {
    const answer = await this.request('GET', `/events?after=${after}&wait=${wait}`);
    if (answer.status !== 200) throw new Error(`pull answered ${answer.status}`);
    return answer.json();
  }

  /** An event as this device signs it; anything else as it is. */
  signed(event: unknown): unknown {
    if (event === null || typeof event !== 'object' || 'signature' in event) return event;
    const { contentHash } = event as { contentHash?: unknown };
    return typeof contentHash === 'string' ? { ...event, signature: signEventHash(this.key, contentHash) } : event;
  }

  putChunk(sha256: string, bytes: Buffer, first: number, total: number): Promise<Answer> {
    return this.request('PUT', `/blobs/${sha256}`, bytes, {
      headers: { 'content-range': `bytes ${first}-${first + bytes.length - 1}/${total}` },
    });
  }
}

export async function enroll(
  server: TestServer,
  transport: Transport,
  scope: Partial<Scope> = {},
  name = '综合受理窗口 3',
): Promise<TestDevice> {
  const full: Scope = { kind: 'intake', regionCode: INTAKE_REGION, matterIds: [], ...scope };
  const { code } = await issueEnrollmentCode(server.store, full);
  return enrollWithCode(transport, code, name);
}

/** Enrolls with a code made elsewhere (the admin CLI of a server in another process). */
export async function enrollWithCode(transport: Transport, code: string, name: string): Promise<TestDevice> {
  const keys = newKeys();
  const answer = await transport({
    method: 'POST',
    url: `${PROTOCOL_PREFIX}/enroll`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, publicKey: keys.publicKey, deviceName: name }),
  });
  if (answer.status !== 200) throw new Error(`enroll answered ${answer.status} ${answer.body.toString()}`);
  const { deviceId, scope } = answer.json<{ deviceId: string; scope: Scope }>();
  return new TestDevice(transport, deviceId, keys.privateKey, scope);
}
