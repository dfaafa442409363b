// What a backup is on disk: a folder with a manifest and one sealed file per
// part of the device's data (the database, each scan). A recovery passphrase
// (scrypt) wraps a random content key and the device's master key, so a new
// PC opens the backup with the passphrase alone. Every part is sealed with
// AES-256-GCM under the content key, bound to its name; the manifest lists
// each part's SHA-256 (sealed and clear) and is itself under an HMAC, so a
// changed byte anywhere is found before anything is restored.
import { createCipheriv, createDecipheriv, createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../../../../shared/case/events.ts';
import { rejected } from '../../../../shared/rpc/framing.ts';

export const BACKUP_FORMAT = 'tongban.backup';
export const BACKUP_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';
/** The logical name of the database part; scans are `blobs/<ab>/<sha256>.tbb`. */
export const DATABASE_PART = 'database';

const KDF = { N: 2 ** 15, r: 8, p: 1 } as const;
const SCRYPT_MAXMEM = 64 * 1024 * 1024;
const WRAP_AAD = 'tongban.backup/v1/keys';
export const MIN_PASSPHRASE_LENGTH = 12;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);

export const partSchema = z.object({
  name: z.string().regex(/^(database|blobs\/[0-9a-f]{2}\/[0-9a-f]{64}\.tbb)$/),
  stored: z.string().regex(/^parts\/[0-9]{6}\.bin$/),
  size: z.number().int().nonnegative(),
  sha256: hex64,
  storedSha256: hex64,
});
export type BackupPart = z.infer<typeof partSchema>;

export const manifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  createdAt: z.string(),
  device: z.object({ deviceId: z.string(), name: z.string(), regionCode: z.string() }).nullable(),
  kdf: z.object({
    name: z.literal('scrypt'),
    N: z.number().int(),
    r: z.number().int(),
    p: z.number().int(),
    salt: base64,
  }),
  /** The content key and the master key, sealed under the passphrase's key. */
  keys: base64,
  parts: z.array(partSchema),
  /** HMAC-SHA256 under the content key over the manifest without this field. */
  mac: hex64,
});
export type BackupManifest = z.infer<typeof manifestSchema>;

export interface BackupSecrets {
  contentKey: Buffer;
  masterKey: Buffer;
}

function passphraseKey(passphrase: string, salt: Buffer, kdf: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(passphrase.normalize('NFC'), salt, 32, { ...kdf, maxmem: SCRYPT_MAXMEM }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export function seal(key: Buffer, plaintext: Buffer, aad: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]);
}

/** Throws when the bytes or their name were changed. */
export function unseal(key: Buffer, sealed: Buffer, aad: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  return Buffer.concat([decipher.update(sealed.subarray(12, sealed.length - 16)), decipher.final()]);
}

/** The key a passphrase gives, with its salt: made once when the administrator sets the passphrase. */
export interface PassphraseKey {
  salt: Buffer;
  key: Buffer;
}

export async function passphraseKeyFor(passphrase: string): Promise<PassphraseKey> {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw rejected('backup_passphrase_too_short', 'The recovery passphrase is too short.', {
      min: MIN_PASSPHRASE_LENGTH,
    });
  }
  const salt = randomBytes(16);
  return { salt, key: await passphraseKey(passphrase, salt, KDF) };
}

/** Seals the keys under the passphrase's key: what goes in the manifest's `kdf` and `keys`. */
export function wrapSecrets(passphrase: PassphraseKey, secrets: BackupSecrets): Pick<BackupManifest, 'kdf' | 'keys'> {
  const sealed = seal(passphrase.key, Buffer.concat([secrets.contentKey, secrets.masterKey]), WRAP_AAD);
  return { kdf: { name: 'scrypt', ...KDF, salt: passphrase.salt.toString('base64') }, keys: sealed.toString('base64') };
}

/** The keys of a backup; a wrong passphrase is refused as such. */
export async function unwrapSecrets(passphrase: string, manifest: BackupManifest): Promise<BackupSecrets> {
  const { N, r, p, salt } = manifest.kdf;
  // A manifest cannot make us spend unbounded memory or time: only the parameters we write are taken.
  if (N !== KDF.N || r !== KDF.r || p !== KDF.p) throw tampered('manifest');
  const key = await passphraseKey(passphrase, Buffer.from(salt, 'base64'), { N, r, p });
  let plain: Buffer;
  try {
    plain = unseal(key, Buffer.from(manifest.keys, 'base64'), WRAP_AAD);
  } catch {
    throw rejected('backup_wrong_passphrase', 'The recovery passphrase does not open this backup.');
  }
  if (plain.length !== 64) throw tampered('manifest');
  return { contentKey: plain.subarray(0, 32), masterKey: plain.subarray(32) };
}

/** Over the canonical JSON of every field but the MAC itself. */
export function manifestMac(contentKey: Buffer, manifest: Omit<BackupManifest, 'mac'>): string {
  const rest: Record<string, unknown> = { ...manifest };
  delete rest.mac;
  return createHmac('sha256', contentKey).update(canonicalJson(rest)).digest('hex');
}

export function checkManifestMac(contentKey: Buffer, manifest: BackupManifest): void {
  const expected = Buffer.from(manifestMac(contentKey, manifest), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(manifest.mac, 'hex'))) throw tampered('manifest');
}

/** A backup that does not hold what it says: nothing of it is used. */
export function tampered(part: string): Error {
  return rejected('backup_tampered', 'The backup has been changed or damaged and cannot be restored.', { part });
}
