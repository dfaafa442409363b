// Every answer leaves signed with the server key over the request's nonce,
// the status and the SHA-256 of the body (shared/sync/answer-signature.ts),
// with the key's SubjectPublicKeyInfo beside it. A body that is a stream (a
// blob) is read whole first: the signature must cover what is sent.
import type { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { ANSWER_SIGNATURE_HEADERS, answerSigningString } from '../../shared/sync/answer-signature.ts';
import { SIGNATURE_HEADERS } from '../../shared/sync/protocol.ts';
import { sha256Hex } from '../../shared-node/hash.ts';
import { signAsServer } from '../../shared-node/server-signature.ts';
import type { ServerIdentity } from '../tls.ts';

async function bytesOf(payload: unknown): Promise<Buffer> {
  if (payload === null || payload === undefined) return Buffer.alloc(0);
  if (typeof payload === 'string') return Buffer.from(payload, 'utf8');
  if (Buffer.isBuffer(payload)) return payload;
  const chunks: Buffer[] = [];
  for await (const chunk of payload as Readable) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/** The nonce a request carried, cut short: an enrollment sends one too, unsigned, to tie the answer to it. */
function nonceOf(header: string | string[] | undefined): string {
  return (typeof header === 'string' ? header : '').slice(0, 128);
}

export function signAnswers(app: FastifyInstance, identity: ServerIdentity): void {
  const serverKey = identity.publicKeySpki.toString('base64');
  app.addHook('onSend', async (request, reply, payload) => {
    const body = await bytesOf(payload);
    const text = answerSigningString(
      nonceOf(request.headers[SIGNATURE_HEADERS.nonce]),
      reply.statusCode,
      sha256Hex(body),
    );
    void reply.header(ANSWER_SIGNATURE_HEADERS.signature, signAsServer(identity.privateKey, text));
    void reply.header(ANSWER_SIGNATURE_HEADERS.serverKey, serverKey);
    return body;
  });
}
