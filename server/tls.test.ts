import { createPublicKey, X509Certificate } from 'node:crypto';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../shared-node/hash.ts';
import { tempDir } from '../tests/support/server.ts';
import { selfSignedCertificate } from './tls-certificate.ts';
import { plainHttpAllowed, resolveIdentity } from './tls-config.ts';
import {
  dataFolderIdentity,
  identityFiles,
  identityFromFiles,
  identityFromPem,
  IdentityError,
  SELF_SIGNED_HOSTS,
  selfSignedIdentity,
} from './tls.ts';

function pem(der: Buffer): string {
  return `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/.{64}/g, '$&\n').trimEnd()}\n-----END CERTIFICATE-----\n`;
}

describe('the server key', () => {
  it('a self-signed certificate names loopback, verifies, and its fingerprint is the SHA-256 of its key', () => {
    const identity = selfSignedIdentity('Tongban exchange server', SELF_SIGNED_HOSTS);
    const certificate = new X509Certificate(identity.certificatePem);
    expect(certificate.verify(certificate.publicKey)).toBe(true);
    expect(certificate.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(certificate.checkHost('localhost')).toBe('localhost');
    expect(identity.fingerprint).toBe(sha256Hex(certificate.publicKey.export({ type: 'spki', format: 'der' })));
  });

  it('is made once in the data folder, its key readable by the owner only, and kept', () => {
    const dir = tempDir();
    try {
      const first = dataFolderIdentity(dir.path, SELF_SIGNED_HOSTS);
      expect(first.made).toBe(true);
      expect(statSync(identityFiles(dir.path).key).mode & 0o777).toBe(0o600);
      const again = dataFolderIdentity(dir.path, SELF_SIGNED_HOSTS);
      expect(again).toMatchObject({ made: false, identity: { fingerprint: first.identity.fingerprint } });
    } finally {
      dir.remove();
    }
  });

  it('a renewed certificate with the same key keeps the fingerprint; a key not the certificate’s is refused', () => {
    const identity = selfSignedIdentity('Tongban exchange server', SELF_SIGNED_HOSTS);
    const renewed = selfSignedCertificate({
      publicKeySpki: identity.publicKeySpki,
      privateKey: identity.privateKey,
      commonName: 'Tongban exchange server',
      hosts: ['exchange.example.test'],
      notBefore: new Date(),
      notAfter: new Date(Date.now() + 86_400_000),
    });
    expect(identityFromPem(pem(renewed), identity.keyPem).fingerprint).toBe(identity.fingerprint);
    expect(createPublicKey(identity.keyPem).export({ type: 'spki', format: 'der' })).toEqual(identity.publicKeySpki);

    const other = selfSignedIdentity('another', SELF_SIGNED_HOSTS);
    expect(() => identityFromPem(identity.certificatePem, other.keyPem)).toThrow(IdentityError);
  });

  it('takes a certificate and key from files, both or neither', () => {
    const dir = tempDir();
    try {
      const identity = selfSignedIdentity('region CA issued', ['exchange.example.test']);
      const cert = join(dir.path, 'server.crt');
      const key = join(dir.path, 'server.key');
      writeFileSync(cert, identity.certificatePem);
      writeFileSync(key, identity.keyPem);
      expect(identityFromFiles(cert, key).fingerprint).toBe(identity.fingerprint);
      expect(resolveIdentity(dir.path, {}, { TONGBAN_TLS_CERT: cert, TONGBAN_TLS_KEY: key })).toMatchObject({
        source: 'files',
        identity: { fingerprint: identity.fingerprint },
      });
      expect(() => resolveIdentity(dir.path, { 'tls-cert': cert }, {})).toThrow(/needs its key/);
    } finally {
      dir.remove();
    }
  });

  it('serves plain HTTP only on loopback, and only with the development switch', () => {
    expect(plainHttpAllowed('127.0.0.1', {})).toBe(false);
    expect(plainHttpAllowed('127.0.0.1', { TONGBAN_ALLOW_PLAIN_HTTP: '1' })).toBe(true);
    expect(plainHttpAllowed('::1', { TONGBAN_ALLOW_PLAIN_HTTP: '1' })).toBe(true);
    expect(plainHttpAllowed('0.0.0.0', { TONGBAN_ALLOW_PLAIN_HTTP: '1' })).toMatch(/loopback/);
  });
});
