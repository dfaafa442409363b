// The collector's signature from a signature pad (签批屏). Pads that speak
// HTTP on loopback (DONSEE EST-100 style, see README.md) are driven here; a
// signature is personal data, so the driver talks to this machine only.
import { lookup } from 'node:dns/promises';
import http from 'node:http';
import { sniffMediaType } from '../services/blobs.ts';

export interface SignaturePad {
  /** Opens the signing window with the prompt; resolves with the drawn signature. Rejects with the signal's reason when it aborts. */
  capture(prompt: string, signal: AbortSignal): Promise<{ png: Buffer }>;
}

export type SignaturePadErrorKind = 'not_local' | 'unreachable' | 'cancelled' | 'invalid';

export class SignaturePadError extends Error {
  readonly kind: SignaturePadErrorKind;
  constructor(kind: SignaturePadErrorKind, message: string) {
    super(message);
    this.name = 'SignaturePadError';
    this.kind = kind;
  }
}

/** A pad's service listens on loopback; a pad that is not there refuses at once, a wedged one is given this long. */
export const CONNECT_TIMEOUT_MS = 3_000;
/** A base64 PNG of a signature is tens of KB; more than this is not a signature. */
const MAX_ANSWER_BYTES = 4 * 1024 * 1024;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The pad's address when it is plain http on this machine, normalised (no trailing slash); null otherwise. */
export function loopbackPadUrl(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  const local =
    url.protocol === 'http:' &&
    LOOPBACK_HOSTS.has(url.hostname) &&
    !url.username &&
    !url.password &&
    !url.search &&
    !url.hash;
  return local ? url.href.replace(/\/$/, '') : null;
}

function isLoopbackAddress(address: string): boolean {
  return address === '::1' || /^(::ffff:)?127\./.test(address);
}

/** The address to connect to: a literal as it is; "localhost" only to what it resolves to on loopback (a hosts file could say otherwise). */
async function loopbackAddress(hostname: string): Promise<string> {
  if (hostname === 'localhost') {
    const found = (await lookup(hostname, { all: true })).find((a) => isLoopbackAddress(a.address));
    if (!found) throw new SignaturePadError('not_local', 'localhost does not resolve to a loopback address.');
    return found.address;
  }
  return hostname.replace(/^\[(.*)\]$/, '$1');
}

/** The answer's image: base64 of a PNG (whitespace tolerated, as some services wrap lines); empty when nothing was signed. */
function pngOf(body: Buffer): Buffer {
  let answer: unknown;
  try {
    answer = JSON.parse(body.toString('utf8'));
  } catch {
    throw new SignaturePadError('invalid', 'The pad answered something other than JSON.');
  }
  const image = typeof answer === 'object' && answer !== null && 'image' in answer ? answer.image : undefined;
  if (typeof image !== 'string') throw new SignaturePadError('invalid', 'The pad’s answer has no image.');
  const base64 = image.replace(/\s+/g, '');
  if (base64 === '') throw new SignaturePadError('cancelled', 'Nothing was signed.');
  if (base64.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) {
    throw new SignaturePadError('invalid', 'The pad’s image is not base64.');
  }
  const png = Buffer.from(base64, 'base64');
  if (sniffMediaType(png) !== 'image/png') throw new SignaturePadError('invalid', 'The pad’s image is not a PNG.');
  return png;
}

/** POST <url>/sign=start {"prompt"} → {"image": base64 PNG}; one fresh connection per signature. */
export class HttpSignaturePad implements SignaturePad {
  private readonly url: URL;
  private readonly connectTimeoutMs: number;

  constructor(url: string, options: { connectTimeoutMs?: number } = {}) {
    const local = loopbackPadUrl(url);
    if (!local) throw new SignaturePadError('not_local', 'A signature pad must be on this machine (http on loopback).');
    this.url = new URL(`${local}/sign=start`);
    this.connectTimeoutMs = options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
  }

  async capture(prompt: string, signal: AbortSignal): Promise<{ png: Buffer }> {
    signal.throwIfAborted();
    const host = await loopbackAddress(this.url.hostname);
    const body = Buffer.from(JSON.stringify({ prompt }));
    const answer = await new Promise<Buffer>((resolve, reject) => {
      const fail = (error: unknown): void =>
        reject(
          signal.aborted
            ? signal.reason
            : error instanceof SignaturePadError
              ? error
              : new SignaturePadError('unreachable', `The pad could not be reached (${(error as Error).name}).`),
        );
      const request = http.request({
        host,
        port: this.url.port || 80,
        path: this.url.pathname,
        method: 'POST',
        headers: {
          host: this.url.host,
          'content-type': 'application/json; charset=utf-8',
          'content-length': body.length,
        },
        // A keep-alive socket would hide a pad that has gone since the last signature.
        agent: false,
        signal,
      });
      // Only the connection is timed here: after it, a person is signing, for as long as the caller's signal allows.
      const connectTimer = setTimeout(
        () => request.destroy(new SignaturePadError('unreachable', 'The pad did not accept the connection in time.')),
        this.connectTimeoutMs,
      );
      request.once('socket', (socket) => socket.once('connect', () => clearTimeout(connectTimer)));
      request.once('close', () => clearTimeout(connectTimer));
      request.once('error', fail);
      request.once('response', (response) => {
        if (response.statusCode === undefined || response.statusCode < 200 || response.statusCode >= 300) {
          response.resume();
          return fail(new SignaturePadError('unreachable', `The pad answered HTTP ${response.statusCode}.`));
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_ANSWER_BYTES) {
            request.destroy(new SignaturePadError('invalid', 'The pad’s answer is too large for a signature.'));
          } else chunks.push(chunk);
        });
        response.once('error', fail);
        response.once('end', () => resolve(Buffer.concat(chunks)));
        // Cut off midway (the pad's service died): no 'end'.
        response.once('close', () => {
          if (!response.complete) fail(new SignaturePadError('unreachable', 'The pad’s answer was cut off.'));
        });
      });
      request.end(body);
    });
    return { png: pngOf(answer) };
  }
}
