// The server's listing of party devices' keys: it vouches for each device's
// Ed25519 key, scope and revocation with the server key, bound to the nonce of
// the device that asked, so an old listing cannot be played back and a listing
// the server key did not sign is refused whole.
import { z } from 'zod';
import { canonicalJson } from '../case/events.ts';
import { publicKeySchema } from './event-signature.ts';
import { scopeSchema } from './protocol.ts';

export const DEVICE_KEYS_TAG = 'tongban-device-keys-v1';

export const listedDeviceSchema = z.object({
  deviceId: z.string().max(100),
  publicKey: publicKeySchema,
  /** Whom the device speaks for on this server: who may be party to which case. */
  scope: scopeSchema,
  revoked: z.boolean(),
});
export type ListedDevice = z.infer<typeof listedDeviceSchema>;

export const MAX_DEVICE_KEY_IDS = 50;
/** GET /v1/device-keys?ids=<id>,<id>&nonce=<nonce>: the devices asked for that the server knows. */
export const deviceKeysQuery = z.object({
  ids: z
    .string()
    .max(MAX_DEVICE_KEY_IDS * 101)
    .transform((text) => [...new Set(text.split(',').filter((id) => id.length > 0))])
    .pipe(z.array(z.string().max(100)).min(1).max(MAX_DEVICE_KEY_IDS)),
  nonce: z.string().regex(/^[A-Za-z0-9_-]{16,128}$/),
});

export const deviceKeysResponse = z.object({
  devices: z.array(listedDeviceSchema),
  nonce: z.string(),
  issuedAt: z.string(),
  /** The server key that signed this listing, as the device learnt it at enrollment. */
  serverKey: publicKeySchema,
  /** Ed25519 by the server key over deviceKeysSigningText. */
  signature: z.string(),
});
export type DeviceKeysResponse = z.infer<typeof deviceKeysResponse>;

/** The bytes a device-key listing's signature covers. */
export function deviceKeysSigningText(listing: Pick<DeviceKeysResponse, 'devices' | 'nonce' | 'issuedAt'>): string {
  const { devices, nonce, issuedAt } = listing;
  return `${DEVICE_KEYS_TAG}\n${canonicalJson({ devices, nonce, issuedAt })}`;
}
