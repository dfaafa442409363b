// Request authentication: every signed route runs `authenticate` when the
// request arrives (headers and clock, before the body is read) and
// `verifySignature` once the body is in (the Ed25519 signature over the raw
// bytes, the device's rate, then the device and the nonce as they stand). The
// nonce is recorded only after the signature is good, so nobody can burn
// another device's nonces.
import type { KeyObject } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { MAX_CLOCK_SKEW_MS } from '../../shared/sync/protocol.ts';
import { parsePublicKey, signatureHeaders, signatureValid, timestampFresh, type SignatureHeaders } from '../auth.ts';
import { sha256Hex } from '../../shared-node/hash.ts';
import type { TokenBuckets } from '../rate-limit.ts';
import type { AuthFailure } from '../routes.ts';
import type { DeviceRecord, ServerStore } from '../storage/contract.ts';
import { Admissions } from './admissions.ts';
import { HttpError } from './errors.ts';
import { rawBody } from './request.ts';
import { throttle } from './throttle.ts';

/** A request whose signature, device and nonce passed. */
export interface Signed {
  device: DeviceRecord;
  /** The device's Ed25519 key the signature was checked with: its events must be signed with it too. */
  key: KeyObject;
  headers: SignatureHeaders;
  /** Of the raw body, computed once for the signature. */
  bodySha256: string;
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

export class RequestAuthentication {
  private readonly store: ServerStore;
  private readonly buckets: TokenBuckets;
  private readonly admissions: Admissions;
  /** Enrolled devices' keys: a device's key never changes (a new key is a new enrollment, a new device id). */
  private readonly keys = new Map<string, KeyObject>();
  private readonly claimed = new WeakMap<FastifyRequest, SignatureHeaders>();
  private readonly signed = new WeakMap<FastifyRequest, Signed>();
  private lastPrune = 0;

  constructor(store: ServerStore, buckets: TokenBuckets) {
    this.store = store;
    this.buckets = buckets;
    this.admissions = new Admissions(store);
  }

  /** A device enrolled just now: its first signed request needs no look-up. */
  knowKey(deviceId: string, key: KeyObject): void {
    this.keys.set(deviceId, key);
  }

  /** What verifySignature found for a request it let through. */
  signedOf(request: FastifyRequest): Signed {
    return this.signed.get(request)!;
  }

  /**
   * Headers and clock: what can be refused before the body is read. A device
   * seen before has its key here already; one not seen yet is looked up now,
   * so an unknown or revoked device is refused before its body is read.
   */
  readonly authenticate = async (request: FastifyRequest): Promise<void> => {
    const headers = signatureHeaders(request.headers);
    if (!headers) throw authError('unsigned');
    if (!timestampFresh(headers.timestamp, Date.now())) throw authError('stale_timestamp');
    if (!this.keys.has(headers.deviceId)) {
      const device = await this.store.device(headers.deviceId);
      if (!device) throw authError('unknown_device');
      if (device.revokedAt) throw authError('revoked');
      const key = parsePublicKey(device.publicKey);
      if (!key) throw authError('bad_signature');
      this.keys.set(device.deviceId, key);
    }
    this.claimed.set(request, headers);
  };

  /**
   * The signature over the raw body, then the device's rate, then — in one
   * transaction shared with the requests arriving meanwhile — the device as it
   * stands now (unknown or revoked is refused) and the nonce.
   */
  readonly verifySignature = async (request: FastifyRequest): Promise<void> => {
    const headers = this.claimed.get(request)!;
    const body = rawBody(request.body);
    const bodySha256 = sha256Hex(body);
    const key = this.keys.get(headers.deviceId)!;
    if (!signatureValid(key, request.method, request.url, headers, body, bodySha256)) {
      throw authError('bad_signature');
    }
    // Before the nonce is written: a flood from one device costs no writes.
    throttle(this.buckets, headers.deviceId);
    const now = Date.now();
    const { device, fresh } = await this.admissions.admit({
      deviceId: headers.deviceId,
      nonce: headers.nonce,
      at: now,
    });
    if (!device) throw authError('unknown_device');
    if (device.revokedAt) throw authError('revoked');
    if (!fresh) throw authError('replayed_nonce');
    this.signed.set(request, { device, key, headers, bodySha256 });
    // A nonce can only be replayed while its timestamp passes: within twice the skew of when it was seen.
    if (now - this.lastPrune > 60_000) {
      this.lastPrune = now;
      await this.store.pruneNonces(now - 2 * MAX_CLOCK_SKEW_MS);
    }
  };
}
