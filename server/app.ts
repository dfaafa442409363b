// The exchange server (DESIGN §2, §7): a Fastify app serving exactly the
// routes of the route table. Bodies arrive as raw bytes, so a signature is
// checked against what was sent and JSON is parsed only after it. Logs carry
// methods, paths, status codes, device ids and counts — never a body or a
// signature header: events carry names and ID numbers.
import { randomUUID, type KeyObject } from 'node:crypto';
import Fastify, {
  LogController,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import { z } from 'zod';
import { SEED_CALENDAR, SEED_CATALOG } from '../shared/catalog/index.ts';
import { uuidv7 } from '../shared/case/uuid.ts';
import {
  enrollRequest,
  MAX_CLOCK_SKEW_MS,
  MAX_BLOB_BYTES,
  MAX_PUSH_EVENTS,
  pullQuery,
  SIGNATURE_HEADERS,
  type PushResult,
} from '../shared/sync/protocol.ts';
import { parsePublicKey, signatureHeaders, signatureValid, timestampFresh, type SignatureHeaders } from './auth.ts';
import { BlobFiles } from './blob-files.ts';
import { codeHash } from './enrollment.ts';
import { inspectEvent, judge, sha256Hex } from './events.ts';
import { AppendSignal } from './long-poll.ts';
import { openApiDocument } from './openapi.ts';
import { TokenBuckets, type RateLimit } from './rate-limit.ts';
import {
  CONTENT_RANGE,
  JSON_BODY_LIMIT,
  ROUTES,
  type AuthFailure,
  type OperationId,
  type RouteSpec,
} from './routes.ts';
import type { AdmitRequest, AppendInput, DeviceRecord, Party, ServerStore } from './storage/contract.ts';

export interface ServerOptions {
  store: ServerStore;
  dataDir: string;
  /** The server's own region. */
  region: string;
  logger?: FastifyServerOptions['logger'];
  rateLimit?: RateLimit;
}

/** Generous for a window's bursts (a backlog of scans after an outage), low enough to stop a runaway loop. */
export const DEFAULT_RATE_LIMIT: RateLimit = { capacity: 600, perSecond: 300 };

/** Pino options: a request is logged as method, path and device id — never headers or body. */
export function loggerOptions(level: string, stream?: { write(line: string): void }): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    serializers: {
      req: (request: FastifyRequest) => ({
        method: request.method,
        url: request.url,
        // As claimed, before it is checked: cut short so nothing long can ride along.
        device: String(request.headers[SIGNATURE_HEADERS.device] ?? '').slice(0, 64) || undefined,
      }),
      res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
    },
  };
}

/**
 * One log line per request, when it is answered — method, path, claimed
 * device, status, time — instead of Fastify's two (incoming, then completed):
 * at thousands of requests a second every line costs, and everything the
 * incoming line said is on the completed one.
 */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error)
      reply.log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    else reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}

class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;
  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

const AUTH_MESSAGES: Record<AuthFailure, string> = {
  unsigned: 'This request must be signed by an enrolled device.',
  bad_signature: 'The signature does not match the request.',
  stale_timestamp: `The timestamp is more than ${MAX_CLOCK_SKEW_MS / 60_000} minutes from the server's clock.`,
  replayed_nonce: 'This nonce was already used.',
  unknown_device: 'This device is not enrolled here.',
  revoked: 'This device was revoked.',
};

function authError(reason: AuthFailure): HttpError {
  return new HttpError(401, reason, AUTH_MESSAGES[reason]);
}

function parseJson(body: unknown): unknown {
  if (!Buffer.isBuffer(body)) throw new HttpError(400, 'invalid_request', 'A JSON body is required.');
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    // Not the parser's message: it quotes the body.
    throw new HttpError(400, 'invalid_request', 'The body is not JSON.');
  }
}

function valid<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const where = parsed.error.issues.map((issue) => issue.path.join('.') || '(root)').join(', ');
    throw new HttpError(400, 'invalid_request', `Invalid ${what}: ${where}`.slice(0, 300));
  }
  return parsed.data;
}

function partyOf(device: DeviceRecord, region: string): Party {
  return device.scope.kind === 'intake'
    ? { kind: 'intake', deviceId: device.deviceId }
    : { kind: 'acceptance', region, matterIds: device.scope.matterIds };
}

const pushBatch = z.object({ events: z.array(z.unknown()).min(1).max(MAX_PUSH_EVENTS) });

/** Enough to share one commit among many pushes, few enough to keep one transaction's arrays small. */
const MAX_GROUP_EVENTS = 2000;

interface WaitingPush {
  inputs: AppendInput[];
  device: DeviceRecord;
  resolve(results: PushResult[]): void;
  reject(error: unknown): void;
}

/**
 * Group commit: pushes that arrive while an append transaction is under way
 * wait for it, then go together in the next one — one durable commit for many
 * events, so a storm of windows reconnecting at once costs a few commits, not
 * one per event. A push is answered only once its transaction has committed.
 */
class GroupCommit {
  private readonly store: ServerStore;
  private readonly region: string;
  private waiting: WaitingPush[] = [];
  private running = false;

  constructor(store: ServerStore, region: string) {
    this.store = store;
    this.region = region;
  }

  append(inputs: AppendInput[], device: DeviceRecord): Promise<PushResult[]> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ inputs, device, resolve, reject });
      if (!this.running) void this.run();
    });
  }

  private async run(): Promise<void> {
    this.running = true;
    while (this.waiting.length > 0) {
      let events = 0;
      let count = 0;
      while (
        count < this.waiting.length &&
        (count === 0 || events + this.waiting[count]!.inputs.length <= MAX_GROUP_EVENTS)
      ) {
        events += this.waiting[count]!.inputs.length;
        count += 1;
      }
      await this.commit(this.waiting.splice(0, count));
    }
    this.running = false;
  }

  private async commit(group: WaitingPush[]): Promise<void> {
    const devices = new Map(group.map((push) => [push.device.deviceId, push.device]));
    try {
      const results = await this.store.appendEvents(
        group.flatMap((push) => push.inputs),
        (input, context) => judge(input.event, devices.get(input.sourceDeviceId)!, this.region, context),
      );
      let at = 0;
      for (const push of group) {
        push.resolve(results.slice(at, (at += push.inputs.length)));
      }
    } catch (error) {
      // One push's failure must not fail the others with it: alone, each stands or falls by itself.
      if (group.length === 1) group[0]!.reject(error);
      else for (const push of group) await this.commit([push]);
    }
  }
}

interface WaitingAdmission {
  request: AdmitRequest;
  resolve(result: { device: DeviceRecord | null; fresh: boolean }): void;
  reject(error: unknown): void;
}

/**
 * Nonces are written the way events are (GroupCommit): the signed requests
 * that arrive while one admission is being committed go together in the next
 * — one statement and one durable commit for all of them, with each device
 * read as it stands in that transaction. A request goes on only once its nonce
 * is committed, so a replay is refused after a restart as before.
 */
class Admissions {
  private readonly store: ServerStore;
  private waiting: WaitingAdmission[] = [];
  private running = false;
  /** Devices to mark seen with the next admission (at most once a minute each). */
  private touch = new Set<string>();
  private readonly lastTouched = new Map<string, number>();

  constructor(store: ServerStore) {
    this.store = store;
  }

  admit(request: AdmitRequest): Promise<{ device: DeviceRecord | null; fresh: boolean }> {
    if (request.at - (this.lastTouched.get(request.deviceId) ?? 0) > 60_000) {
      this.lastTouched.set(request.deviceId, request.at);
      this.touch.add(request.deviceId);
    }
    return new Promise((resolve, reject) => {
      this.waiting.push({ request, resolve, reject });
      if (!this.running) void this.run();
    });
  }

  private async run(): Promise<void> {
    this.running = true;
    while (this.waiting.length > 0) {
      const group = this.waiting.splice(0, 1000);
      const touch = [...this.touch];
      this.touch.clear();
      try {
        const results = await this.store.admit(
          group.map((waiting) => waiting.request),
          touch.length > 0 ? { deviceIds: touch, at: new Date().toISOString() } : undefined,
        );
        group.forEach((waiting, i) => waiting.resolve(results[i]!));
      } catch (error) {
        for (const deviceId of touch) this.lastTouched.delete(deviceId);
        for (const waiting of group) waiting.reject(error);
      }
    }
    this.running = false;
  }
}

interface Signed {
  device: DeviceRecord;
  headers: SignatureHeaders;
  /** Of the raw body, computed once for the signature. */
  bodySha256: string;
}

type Handler = (request: FastifyRequest, reply: FastifyReply, signed: Signed | null) => Promise<unknown>;

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { store, region } = options;
  const files = new BlobFiles(options.dataDir);
  const appended = new AppendSignal();
  const commits = new GroupCommit(store, region);
  const buckets = new TokenBuckets(options.rateLimit ?? DEFAULT_RATE_LIMIT);
  const admissions = new Admissions(store);
  const claimed = new WeakMap<FastifyRequest, SignatureHeaders>();
  const signedRequests = new WeakMap<FastifyRequest, Signed>();
  const keys = new Map<string, KeyObject>();
  let lastPrune = 0;

  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: JSON_BODY_LIMIT,
    // HEAD /v1/blobs/:sha256 is its own route, not GET's shadow.
    exposeHeadRoutes: false,
    genReqId: () => randomUUID(),
    logController: new OneLinePerRequest(),
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  function limit(key: string): void {
    if (!buckets.take(key)) {
      throw new HttpError(429, 'rate_limited', 'Too many requests; slow down.', {
        'retry-after': String(buckets.retryAfter(key)),
      });
    }
  }

  /**
   * Headers and clock: what can be refused before the body is read. A device
   * seen before has its key here already; one not seen yet is looked up now,
   * so an unknown or revoked device is refused before its body is read.
   */
  async function authenticate(request: FastifyRequest): Promise<void> {
    const headers = signatureHeaders(request.headers);
    if (!headers) throw authError('unsigned');
    if (!timestampFresh(headers.timestamp, Date.now())) throw authError('stale_timestamp');
    if (!keys.has(headers.deviceId)) {
      const device = await store.device(headers.deviceId);
      if (!device) throw authError('unknown_device');
      if (device.revokedAt) throw authError('revoked');
      const key = parsePublicKey(device.publicKey);
      if (!key) throw authError('bad_signature');
      // A device's key never changes (a new key is a new enrollment, a new device id).
      keys.set(device.deviceId, key);
    }
    claimed.set(request, headers);
  }

  /**
   * The signature over the raw body, then the device's rate, then — in one
   * transaction shared with the requests arriving meanwhile — the device as it
   * stands now (unknown or revoked is refused) and the nonce.
   */
  async function verifySignature(request: FastifyRequest): Promise<void> {
    const headers = claimed.get(request)!;
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const bodySha256 = sha256Hex(body);
    if (!signatureValid(keys.get(headers.deviceId)!, request.method, request.url, headers, body, bodySha256)) {
      throw authError('bad_signature');
    }
    // Before the nonce is written: a flood from one device costs no writes.
    limit(headers.deviceId);
    const now = Date.now();
    const { device, fresh } = await admissions.admit({ deviceId: headers.deviceId, nonce: headers.nonce, at: now });
    if (!device) throw authError('unknown_device');
    if (device.revokedAt) throw authError('revoked');
    if (!fresh) throw authError('replayed_nonce');
    signedRequests.set(request, { device, headers, bodySha256 });
    // A nonce can only be replayed while its timestamp passes: within twice the skew of when it was seen.
    if (now - lastPrune > 60_000) {
      lastPrune = now;
      await store.pruneNonces(now - 2 * MAX_CLOCK_SKEW_MS);
    }
  }

  const openapi = openApiDocument();

  const handlers: Record<OperationId, Handler> = {
    async enroll(request) {
      limit(`address:${request.ip}`);
      const body = valid(enrollRequest, parseJson(request.body), 'enrollment');
      if (!parsePublicKey(body.publicKey)) {
        throw new HttpError(400, 'invalid_request', 'The public key is not an Ed25519 key (SPKI DER, base64).');
      }
      const now = new Date().toISOString();
      const redeemed = await store.redeemEnrollmentCode(codeHash(body.code), now, {
        deviceId: uuidv7(),
        name: body.deviceName,
        publicKey: body.publicKey,
        enrolledAt: now,
      });
      if (!redeemed.ok) {
        request.log.info({ event: 'enroll_refused', reason: redeemed.reason }, 'enrollment refused');
        throw new HttpError(403, redeemed.reason, 'This enrollment code cannot be used.');
      }
      const { device } = redeemed;
      // Its key, known now: its first signed request needs no look-up (the device itself is read with each nonce).
      keys.set(device.deviceId, parsePublicKey(device.publicKey)!);
      request.log.info({ event: 'enrolled', device: device.deviceId, scope: device.scope.kind }, 'device enrolled');
      return { deviceId: device.deviceId, scope: device.scope, serverRegion: region, serverTime: now };
    },

    async pushEvents(request, _reply, signed) {
      const { device } = signed!;
      const { events } = valid(pushBatch, parseJson(request.body), 'push');
      const receivedAt = new Date().toISOString();
      const inspections = events.map((raw) => inspectEvent(raw));
      const inputs: AppendInput[] = inspections.flatMap((inspected) =>
        inspected.ok
          ? [{ event: inspected.event, sourceDeviceId: device.deviceId, receivedAt, blobs: inspected.blobs }]
          : [],
      );
      // In order, in one transaction shared with other pushes: an event may depend on the one before it.
      const appendResults = inputs.length > 0 ? await commits.append(inputs, device) : [];
      let next = 0;
      const results = inspections.map((inspected) => (inspected.ok ? appendResults[next++]! : inspected.result));
      if (results.some((result) => result.status === 'accepted')) appended.notify();
      const refused: Record<string, number> = {};
      for (const result of results) {
        if (result.status === 'refused') refused[result.reason] = (refused[result.reason] ?? 0) + 1;
      }
      request.log.info(
        {
          event: 'push',
          device: device.deviceId,
          accepted: results.filter((r) => r.status === 'accepted').length,
          duplicate: results.filter((r) => r.status === 'duplicate').length,
          refused,
        },
        'events pushed',
      );
      return { results };
    },

    async pullEvents(request, reply, signed) {
      const { device } = signed!;
      const { after, limit: max, wait } = valid(pullQuery, request.query, 'query');
      const party = partyOf(device, region);
      const deadline = Date.now() + wait * 1000;
      const gone = new AbortController();
      reply.raw.once('close', () => gone.abort());
      for (;;) {
        const seen = appended.version;
        const page = await store.pullEvents(party, after, max);
        if (page.events.length > 0 || Date.now() >= deadline || gone.signal.aborted) return page;
        await appended.wait(seen, deadline - Date.now(), gone.signal);
        // Stopping: the store may be closing too, so no second look.
        if (appended.version === seen || appended.closing) return page;
      }
    },

    async headBlob(request, reply) {
      const { sha256 } = request.params as { sha256: string };
      return reply.code((await store.blob(sha256)) ? 200 : 404).send();
    },

    async putBlobChunk(request, _reply, signed) {
      const { device, bodySha256 } = signed!;
      const { sha256 } = request.params as { sha256: string };
      const range = CONTENT_RANGE.exec(String(request.headers['content-range'] ?? ''));
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      if (!range)
        throw new HttpError(400, 'invalid_request', 'Content-Range "bytes <first>-<last>/<total>" is needed.');
      const [first, last, total] = [Number(range[1]), Number(range[2]), Number(range[3])];
      if (total > MAX_BLOB_BYTES) {
        throw new HttpError(413, 'blob_too_large', `A blob may have at most ${MAX_BLOB_BYTES} bytes.`);
      }
      if (total < 1 || last < first || last >= total || last - first + 1 !== body.length) {
        throw new HttpError(400, 'invalid_request', 'Content-Range does not match the body.');
      }
      return files.exclusive(sha256, async () => {
        const held = await store.blob(sha256);
        if (held) return { received: held.size, complete: true };
        if (first === 0 && last + 1 === total) {
          // The whole blob at once (a scan fits in a chunk): whatever part arrived before is superseded.
          if (!(await files.storeWhole(sha256, body, bodySha256))) {
            await files.discard(sha256);
            await store.deleteBlobUpload(sha256);
            request.log.info({ event: 'blob_refused', device: device.deviceId, sha256 }, 'blob hash mismatch');
            throw new HttpError(422, 'hash_mismatch', 'The bytes do not have this SHA-256; nothing was kept.');
          }
          const storedAt = new Date().toISOString();
          await store.completeBlob({ sha256, size: total, storedAt, uploadedBy: device.deviceId });
          request.log.info({ event: 'blob_stored', device: device.deviceId, sha256, size: total }, 'blob stored');
          return { received: total, complete: true };
        }
        let upload = await store.blobUpload(sha256);
        // A new total starts over: the device began this blob again.
        if (upload && upload.total !== total && first === 0) upload = null;
        if (upload && upload.total !== total) {
          throw new HttpError(409, 'range_conflict', 'This blob is being sent with another size.');
        }
        const received = upload?.received ?? 0;
        if (first > received) {
          throw new HttpError(409, 'range_conflict', `Only ${received} bytes have arrived; continue from there.`);
        }
        // Bytes before `received` are already here (a resent chunk): write only what is new.
        const fresh = body.subarray(received - first);
        await files.writePart(sha256, received, received, fresh);
        const now = new Date().toISOString();
        const upTo = Math.max(received, last + 1);
        if (upTo < total) {
          await store.saveBlobUpload({ sha256, total, received: upTo, deviceId: device.deviceId, updatedAt: now });
          return { received: upTo, complete: false };
        }
        if (!(await files.finish(sha256, total))) {
          await store.deleteBlobUpload(sha256);
          request.log.info({ event: 'blob_refused', device: device.deviceId, sha256 }, 'blob hash mismatch');
          throw new HttpError(422, 'hash_mismatch', 'The bytes do not have this SHA-256; nothing was kept.');
        }
        await store.completeBlob({ sha256, size: total, storedAt: now, uploadedBy: device.deviceId });
        request.log.info({ event: 'blob_stored', device: device.deviceId, sha256, size: total }, 'blob stored');
        return { received: total, complete: true };
      });
    },

    async blobStatus(request) {
      const { sha256 } = request.params as { sha256: string };
      const held = await store.blob(sha256);
      if (held) return { received: held.size, complete: true };
      return { received: (await store.blobUpload(sha256))?.received ?? 0, complete: false };
    },

    async getBlob(request, reply, signed) {
      const { device } = signed!;
      const { sha256 } = request.params as { sha256: string };
      const held = await store.blob(sha256);
      if (!held) throw new HttpError(404, 'not_found', 'This blob is not held here.');
      if (!(await store.mayReadBlob(sha256, device.deviceId, partyOf(device, region)))) {
        throw new HttpError(403, 'out_of_scope', 'This device is not party to a case that refers to this blob.');
      }
      return reply
        .header('content-type', 'application/octet-stream')
        .header('content-length', held.size)
        .send(files.read(sha256));
    },

    async catalog() {
      return (await store.catalog()) ?? { catalogs: [SEED_CATALOG], calendars: [...SEED_CALENDAR] };
    },

    async openapi() {
      return openapi;
    },
  };

  for (const route of ROUTES as readonly RouteSpec[]) {
    const handler = handlers[route.operationId as OperationId];
    app.route({
      method: route.method,
      url: route.path,
      bodyLimit: route.bodyLimit ?? JSON_BODY_LIMIT,
      ...(route.signed ? { onRequest: authenticate, preHandler: verifySignature } : {}),
      handler: async (request, reply) => {
        const signed = route.signed ? signedRequests.get(request)! : null;
        if (route.params) request.params = valid(route.params, request.params, 'path');
        return handler(request, reply, signed);
      },
    });
  }

  app.setNotFoundHandler((_request, reply) => {
    void reply.code(404).send({ error: 'not_found', message: 'No such route.' });
  });

  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    if (error instanceof HttpError) {
      if (error.status === 401) request.log.info({ event: 'auth_refused', reason: error.code }, 'request refused');
      return reply.code(error.status).headers(error.headers).send({ error: error.code, message: error.message });
    }
    const status = error.statusCode ?? 500;
    if (status === 413) {
      return reply.code(413).send({ error: 'body_too_large', message: 'The body is larger than this route takes.' });
    }
    if (status >= 400 && status < 500) {
      return reply.code(status).send({ error: 'invalid_request', message: 'The request cannot be read.' });
    }
    // Name and code only: a message may quote what was sent.
    request.log.error({ event: 'internal_error', name: error.name, code: error.code }, 'request failed');
    return reply.code(500).send({ error: 'internal', message: 'The server failed; try again.' });
  });

  app.addHook('preClose', async () => appended.close());
  return app;
}
