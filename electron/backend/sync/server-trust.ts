// Trusting an exchange server: by its key, not by a certificate authority.
// The device pinned the fingerprint of the server key (SHA-256 of its
// SubjectPublicKeyInfo) from the invitation; every TLS connection is checked
// against it before a byte of the request is written, and every answer's
// signature (shared/sync/answer-signature.ts) against the pinned key before
// it is read. Plain http:// is refused unless the server is on this machine
// and TONGBAN_ALLOW_PLAIN_HTTP=1 (development).
import { createPublicKey, type KeyObject } from 'node:crypto';
import { signedByServer } from '../../../shared-node/server-signature.ts';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import { sha256Hex } from '../../../shared-node/hash.ts';
import { ANSWER_SIGNATURE_HEADERS, answerSigningString } from '../../../shared/sync/answer-signature.ts';
import { isLoopbackHost, PLAIN_HTTP_SWITCH } from '../../../shared/sync/transport.ts';

/** Why a server was not trusted: a reason code the Sync workspace puts in words. */
export const TRUST_FAILURES = [
  'server_key_mismatch', // the TLS certificate's key is not the pinned one
  'server_key_unknown', // the remote was enrolled before keys were pinned: add it again with an invitation
  'answer_unsigned',
  'answer_signature_bad',
  'plain_http_refused',
] as const;
export type TrustFailure = (typeof TRUST_FAILURES)[number];

const TRUST_MESSAGES: Record<TrustFailure, string> = {
  server_key_mismatch: 'The server presented a key other than the one pinned at enrollment; nothing was sent.',
  server_key_unknown: 'No server key is pinned for this server; add it again with an invitation.',
  answer_unsigned: 'The answer carries no valid signature of the server; it was not used.',
  answer_signature_bad: 'The answer’s signature does not match the pinned server key; it was not used.',
  plain_http_refused: 'Plain http:// is refused: use https://.',
};

export class TrustError extends Error {
  readonly reason: TrustFailure;
  constructor(reason: TrustFailure) {
    super(TRUST_MESSAGES[reason]);
    this.name = 'TrustError';
    this.reason = reason;
  }
}

/** Throws unless the address may carry personal data: https, or http on loopback with the development switch. */
export function checkTransport(url: URL, env: NodeJS.ProcessEnv = process.env): void {
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname) && env[PLAIN_HTTP_SWITCH] === '1') return;
  throw new TrustError('plain_http_refused');
}

/** What the device knows of a server: the pinned fingerprint and, after enrollment, the key itself. */
export interface ServerPin {
  fingerprint: string;
  publicKey?: KeyObject;
}

export function spkiFingerprint(spki: Buffer): string {
  return sha256Hex(spki);
}

/**
 * TLS connections whose peer's key is the pinned one: the certificate is not
 * checked against any authority (a region's self-signed certificate is the
 * norm), only its key. The socket goes to the request only once it passed,
 * so nothing of the request reaches a server with another key. No session
 * resumption: each connection shows its certificate.
 */
class PinnedAgent extends https.Agent {
  private readonly fingerprint: string;

  constructor(fingerprint: string) {
    super({ keepAlive: true, scheduling: 'lifo', maxCachedSessions: 0 });
    this.fingerprint = fingerprint;
  }

  override createConnection(
    options: https.RequestOptions,
    callback?: (error: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    const socket = tls.connect({ ...(options as tls.ConnectionOptions), rejectUnauthorized: false });
    let settled = false;
    const settle = (error: Error | null) => {
      if (settled) return;
      settled = true;
      if (error) socket.destroy();
      callback?.(error, socket);
    };
    socket.once('error', settle);
    socket.once('secureConnect', () => {
      const spki = socket.getPeerX509Certificate()?.publicKey.export({ type: 'spki', format: 'der' });
      settle(spki && spkiFingerprint(spki) === this.fingerprint ? null : new TrustError('server_key_mismatch'));
    });
    return undefined;
  }
}

const agents = new Map<string, PinnedAgent>();

/** One keep-alive pool per pinned key. */
export function pinnedAgent(fingerprint: string): https.Agent {
  let agent = agents.get(fingerprint);
  if (!agent) {
    agent = new PinnedAgent(fingerprint);
    agents.set(fingerprint, agent);
  }
  return agent;
}

/**
 * The server key an answer was signed with, once its signature over the
 * request's nonce, the status and the body checks out: the pinned key, or —
 * at enrollment, when only the fingerprint is known — the key the answer
 * names, if its fingerprint is the pinned one.
 */
export function verifyAnswer(
  answer: { status: number; body: Buffer; headers: Record<string, string | string[] | undefined> },
  nonce: string,
  pin: ServerPin,
): KeyObject {
  const signature = answer.headers[ANSWER_SIGNATURE_HEADERS.signature];
  const named = answer.headers[ANSWER_SIGNATURE_HEADERS.serverKey];
  if (typeof signature !== 'string' || typeof named !== 'string') throw new TrustError('answer_unsigned');
  let key = pin.publicKey;
  if (!key) {
    const spki = Buffer.from(named, 'base64');
    if (spkiFingerprint(spki) !== pin.fingerprint) throw new TrustError('server_key_mismatch');
    try {
      key = createPublicKey({ key: spki, format: 'der', type: 'spki' });
    } catch {
      throw new TrustError('answer_signature_bad');
    }
  }
  const text = answerSigningString(nonce, answer.status, sha256Hex(answer.body));
  if (!signedByServer(key, text, signature)) throw new TrustError('answer_signature_bad');
  return key;
}

/** A pinned key as the remotes table keeps it (SPKI DER, base64), checked against the fingerprint. */
export function pinFromStored(fingerprint: string | null, publicKey: string | null): ServerPin {
  if (!fingerprint || !publicKey) throw new TrustError('server_key_unknown');
  const spki = Buffer.from(publicKey, 'base64');
  if (spkiFingerprint(spki) !== fingerprint) throw new TrustError('server_key_unknown');
  return { fingerprint, publicKey: createPublicKey({ key: spki, format: 'der', type: 'spki' }) };
}
