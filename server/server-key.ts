// The vouching key: the Ed25519 key the exchange server vouches with, for
// example for the device keys it lists. It is not the TLS key devices pin:
// a front end that ends the link (a region's load balancer) holds that one,
// and must not be able to vouch for a device's key. Every use of it goes through
// serverSigningKey, so where the key comes from is decided here alone. It is
// made on first start in the data folder, readable by its owner only.
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ServerSigningKey {
  privateKey: KeyObject;
  /** SPKI DER, base64: what devices learn at enrollment and check listings with. */
  publicKey: string;
}

export const SERVER_KEY_FILE = 'server-signing-key.pem';

const loaded = new Map<string, ServerSigningKey>();

function publicHalf(privateKey: KeyObject): string {
  return createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).toString('base64');
}

/** The server key of the server whose data folder is `dataDir`: loaded, or made (mode 0600) the first time. */
export function serverSigningKey(dataDir: string): ServerSigningKey {
  const file = join(dataDir, SERVER_KEY_FILE);
  const known = loaded.get(file);
  if (known) return known;
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    const pem = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' });
    try {
      writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another process (the admin CLI) made it at the same moment: read theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  chmodSync(file, 0o600);
  const privateKey = createPrivateKey(readFileSync(file));
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${file} does not hold an Ed25519 key.`);
  const key = { privateKey, publicKey: publicHalf(privateKey) };
  loaded.set(file, key);
  return key;
}
