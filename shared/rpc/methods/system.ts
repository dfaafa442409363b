// The backend's own health, the device's UI language, and what keeps its master key.
import { z } from 'zod';
import { languageSchema } from '../../languages.ts';
import { noInput, type MethodSpec } from './common.ts';

export const healthSchema = z.object({
  appVersion: z.string(),
  schemaVersion: z.number().int().nonnegative(),
  sqliteVersion: z.string(),
  nodeVersion: z.string(),
  pid: z.number().int(),
  startedAt: z.string(),
});
export type Health = z.infer<typeof healthSchema>;

/** Where the device keeps its data: the administrator's to see, not the public health answer's. */
export const storageSchema = z.object({ databaseFile: z.string() });

/**
 * What seals the device's master key. os_keychain: DPAPI, the macOS Keychain,
 * libsecret or KWallet through Electron's safeStorage. weak_accepted: no
 * keyring on Linux (safeStorage's basic_text), run only because an
 * administrator accepted it at acceptedAt. key_file: a key file in the data
 * folder, browser mode, for development and tests.
 */
export const KEY_STORE_KINDS = ['os_keychain', 'weak_accepted', 'key_file'] as const;
export const keyStoreSchema = z.object({
  kind: z.enum(KEY_STORE_KINDS),
  // safeStorage's name for it on Linux (gnome_libsecret, kwallet5, basic_text…), the platform's elsewhere.
  backend: z.string().regex(/^[a-z0-9_]{1,40}$/),
  acceptedAt: z.iso.datetime().nullable(),
});
export type KeyStore = z.infer<typeof keyStoreSchema>;

export const languageResult = z.object({ language: languageSchema });

export const systemMethods = {
  'system.health': { permission: 'public', input: noInput, output: healthSchema },
  'system.keyStore': { permission: 'device.manage', input: noInput, output: keyStoreSchema },
  'system.storage': { permission: 'device.manage', input: noInput, output: storageSchema },
  // The UI language is a device preference, needed before anyone logs in.
  'settings.getLanguage': { permission: 'public', input: noInput, output: languageResult },
  'settings.setLanguage': { permission: 'public', input: languageResult.strict(), output: languageResult },
} as const satisfies Record<string, MethodSpec>;
