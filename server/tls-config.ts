// Which server key a server (or its admin CLI) uses: a certificate and key
// from files (--tls-cert/--tls-key or TONGBAN_TLS_CERT/TONGBAN_TLS_KEY),
// else the self-signed one in the data folder, made on first use. And whether
// it may speak plain HTTP: only on loopback with TONGBAN_ALLOW_PLAIN_HTTP=1.
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { isLoopbackHost, PLAIN_HTTP_SWITCH } from '../shared/sync/transport.ts';
import { dataFolderIdentity, identityFiles, identityFromFiles, SELF_SIGNED_HOSTS, type ServerIdentity } from './tls.ts';

export interface TlsValues {
  'tls-cert'?: string | undefined;
  'tls-key'?: string | undefined;
}

export interface ResolvedIdentity {
  identity: ServerIdentity;
  /** Where it came from, for the start-up line. */
  source: 'files' | 'self-signed' | 'self-signed, made now';
}

/**
 * Throws IdentityError (or a plain Error naming the missing half) when the configuration cannot be used.
 * `make`: false for the admin commands, which name the key a server presents and must not invent one where
 * no server has started (an admin machine of a deployment on PostgreSQL).
 */
export function resolveIdentity(
  dataDir: string,
  values: TlsValues,
  env: NodeJS.ProcessEnv = process.env,
  make = true,
): ResolvedIdentity {
  const cert = values['tls-cert'] ?? env.TONGBAN_TLS_CERT;
  const key = values['tls-key'] ?? env.TONGBAN_TLS_KEY;
  if (cert || key) {
    if (!cert || !key)
      throw new Error('A TLS certificate needs its key, and a key its certificate (--tls-cert and --tls-key).');
    return { identity: identityFromFiles(cert, key), source: 'files' };
  }
  const files = identityFiles(dataDir);
  if (!make && !(existsSync(files.cert) && existsSync(files.key))) {
    throw new Error(
      `no server certificate in ${dirname(files.cert)}. Give the certificate the server presents ` +
        '(--tls-cert and --tls-key), or the data folder of a server that has started.',
    );
  }
  const { identity, made } = dataFolderIdentity(dataDir, SELF_SIGNED_HOSTS);
  return { identity, source: made ? 'self-signed, made now' : 'self-signed' };
}

/**
 * Whether to serve plain HTTP: never, unless the development switch is set —
 * and then only on a loopback address. A message when the switch is set for another address.
 */
export function plainHttpAllowed(host: string, env: NodeJS.ProcessEnv = process.env): boolean | string {
  if (env[PLAIN_HTTP_SWITCH] !== '1') return false;
  if (!isLoopbackHost(host)) {
    return `${PLAIN_HTTP_SWITCH}=1 serves plain HTTP on a loopback address only (127.0.0.1, ::1), never on ${host}: names and ID numbers would cross the network in clear.`;
  }
  return true;
}
