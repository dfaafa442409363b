// The server key: the private key of the server's TLS certificate. It secures
// the link, signs every answer (http/answer-signature.ts), and its fingerprint
// — SHA-256 of the certificate's SubjectPublicKeyInfo — is what each device
// pins at enrollment. A certificate of the region's own CA or a government CA
// is taken from files; without one the server makes a self-signed ECDSA P-256
// certificate in its data folder on first start and keeps it.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createPrivateKey, generateKeyPairSync, X509Certificate, type KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { sha256Hex } from '../shared-node/hash.ts';
import { selfSignedCertificate } from './tls-certificate.ts';

export interface ServerIdentity {
  /** PEM: the certificate, and any chain after it, as served. */
  certificatePem: string;
  keyPem: string;
  privateKey: KeyObject;
  /** SubjectPublicKeyInfo, DER. */
  publicKeySpki: Buffer;
  /** SHA-256 of the SPKI, lowercase hex. */
  fingerprint: string;
}

/** Where a self-signed identity is kept in the data folder. */
export function identityFiles(dataDir: string): { cert: string; key: string } {
  return { cert: join(dataDir, 'tls', 'server.crt'), key: join(dataDir, 'tls', 'server.key') };
}

export class IdentityError extends Error {}

/** An identity from a certificate and its key, as PEM; the key must be the certificate's. */
export function identityFromPem(certificatePem: string, keyPem: string): ServerIdentity {
  let certificate: X509Certificate;
  let privateKey: KeyObject;
  try {
    certificate = new X509Certificate(certificatePem);
    privateKey = createPrivateKey(keyPem);
  } catch (error) {
    throw new IdentityError(`The certificate or its key cannot be read (${(error as Error).message}).`);
  }
  if (!certificate.checkPrivateKey(privateKey)) {
    throw new IdentityError('The private key is not the key of the certificate.');
  }
  const publicKeySpki = certificate.publicKey.export({ type: 'spki', format: 'der' });
  return { certificatePem, keyPem, privateKey, publicKeySpki, fingerprint: sha256Hex(publicKeySpki) };
}

export function identityFromFiles(certFile: string, keyFile: string): ServerIdentity {
  let certificatePem: string;
  let keyPem: string;
  try {
    certificatePem = readFileSync(certFile, 'utf8');
    keyPem = readFileSync(keyFile, 'utf8');
  } catch (error) {
    throw new IdentityError(`Cannot read the certificate or key file (${(error as NodeJS.ErrnoException).code}).`);
  }
  return identityFromPem(certificatePem, keyPem);
}

const TEN_YEARS_MS = 10 * 365 * 24 * 3600_000;

/** A new self-signed identity: an ECDSA P-256 key and a certificate naming `hosts`. */
export function selfSignedIdentity(commonName: string, hosts: readonly string[], now = new Date()): ServerIdentity {
  const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const der = selfSignedCertificate({
    publicKeySpki: pair.publicKey.export({ type: 'spki', format: 'der' }),
    privateKey: pair.privateKey,
    commonName,
    hosts,
    // An hour back: a device whose clock is a little behind still reads it as valid.
    notBefore: new Date(now.getTime() - 3600_000),
    notAfter: new Date(now.getTime() + TEN_YEARS_MS),
  });
  const certificatePem = `-----BEGIN CERTIFICATE-----\n${der
    .toString('base64')
    .replace(/.{64}/g, '$&\n')
    .trimEnd()}\n-----END CERTIFICATE-----\n`;
  const keyPem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return identityFromPem(certificatePem, keyPem);
}

export const SELF_SIGNED_HOSTS = ['localhost', '127.0.0.1', '::1'];

/**
 * The identity kept in the data folder, made there on first use (the key file
 * readable by its owner only). `made` says whether it was made just now.
 */
export function dataFolderIdentity(
  dataDir: string,
  hosts: readonly string[],
): { identity: ServerIdentity; made: boolean } {
  const files = identityFiles(dataDir);
  if (existsSync(files.cert) && existsSync(files.key)) {
    return { identity: identityFromFiles(files.cert, files.key), made: false };
  }
  const identity = selfSignedIdentity('Tongban exchange server', hosts);
  mkdirSync(join(dataDir, 'tls'), { recursive: true, mode: 0o700 });
  writeFileSync(files.key, identity.keyPem, { mode: 0o600 });
  chmodSync(files.key, 0o600);
  writeFileSync(files.cert, identity.certificatePem, { mode: 0o644 });
  return { identity, made: true };
}
