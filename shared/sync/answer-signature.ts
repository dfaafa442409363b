// Every answer of an exchange server is signed with the server's key (the
// private key of its TLS certificate, whose fingerprint the device pinned at
// enrollment) over the request's nonce, the status and the SHA-256 of the
// body. A device checks it before it reads the answer, so an answer changed
// or made up on the way — or an old one replayed — is refused.
export const ANSWER_SIGNATURE_HEADERS = {
  /** base64 signature over answerSigningString(…). */
  signature: 'x-tongban-answer-signature',
  /** The server key's SubjectPublicKeyInfo (DER, base64): the device compares its SHA-256 with the pinned fingerprint. */
  serverKey: 'x-tongban-server-key',
} as const;

export function answerSigningString(nonce: string, status: number, bodySha256: string): string {
  return ['tongban-answer-v1', nonce, String(status), bodySha256].join('\n');
}
