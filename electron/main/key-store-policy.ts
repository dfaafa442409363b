// Whether the desktop app may keep its master key with what the OS offers. On
// Linux without a keyring, Electron's safeStorage falls back to basic_text: a
// key every copy of Chromium knows, so the "sealed" master key is as good as
// plain. The app then refuses to create or open its store and says what to
// install, unless an administrator has accepted a weaker key store (started
// once with --accept-weak-key-store and confirmed), which is recorded in the
// data folder, then in the audit log and shown in Settings. Pure: the facts
// come from master-key.ts, which alone talks to Electron.
import { z } from 'zod';
import { RESOURCES } from '../../shared/i18n/index.ts';
import type { Language } from '../../shared/languages.ts';
import type { KeyStore } from '../../shared/rpc/contract.ts';

export const ACCEPT_WEAK_KEY_STORE_SWITCH = 'accept-weak-key-store';
/** Beside the sealed key in the data folder's keys/. */
export const ACCEPTANCE_FILE_NAME = 'weak-key-store-accepted.json';

/** safeStorage's Linux backends that keep the key in a real keyring. */
const KEYRINGS = new Set(['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6']);

export const acceptanceSchema = z.object({
  backend: z.string().regex(/^[a-z0-9_]{1,40}$/),
  acceptedAt: z.iso.datetime(),
});
export type WeakKeyStoreAcceptance = z.infer<typeof acceptanceSchema>;

export interface KeyStoreFacts {
  platform: NodeJS.Platform;
  /** safeStorage can encrypt at all. */
  encryptionAvailable: boolean;
  /** safeStorage.getSelectedStorageBackend() on Linux; null elsewhere. */
  linuxBackend: string | null;
  /** The administrator's acceptance recorded in the data folder, if any. */
  accepted: WeakKeyStoreAcceptance | null;
  /** Started with --accept-weak-key-store. */
  acceptRequested: boolean;
}

export type RefusalReason = 'keyring_missing' | 'encryption_unavailable';

export type KeyStoreDecision =
  | { outcome: 'allow'; keyStore: KeyStore }
  /** The administrator asked to accept a weaker store: confirm, record the acceptance, decide again. */
  | { outcome: 'confirm'; backend: string }
  | { outcome: 'refuse'; reason: RefusalReason };

const PLATFORM_STORES: Partial<Record<NodeJS.Platform, string>> = { win32: 'dpapi', darwin: 'keychain' };

export function decideKeyStore(facts: KeyStoreFacts): KeyStoreDecision {
  // Nothing to seal with: no acceptance can help, the key would lie in the open.
  if (!facts.encryptionAvailable) return { outcome: 'refuse', reason: 'encryption_unavailable' };
  if (facts.platform !== 'linux') {
    const backend = PLATFORM_STORES[facts.platform] ?? facts.platform;
    return { outcome: 'allow', keyStore: { kind: 'os_keychain', backend, acceptedAt: null } };
  }
  // 'unknown' too is no keyring we can name; it is treated as none.
  const backend = facts.linuxBackend ?? 'unknown';
  if (KEYRINGS.has(backend)) return { outcome: 'allow', keyStore: { kind: 'os_keychain', backend, acceptedAt: null } };
  // An acceptance holds for the store it was given for.
  if (facts.accepted?.backend === backend) {
    return { outcome: 'allow', keyStore: { kind: 'weak_accepted', backend, acceptedAt: facts.accepted.acceptedAt } };
  }
  if (facts.acceptRequested) return { outcome: 'confirm', backend };
  return { outcome: 'refuse', reason: 'keyring_missing' };
}

/** The language of the refusal, before any database (and its language preference) is open. */
export function languageOf(systemLanguages: readonly string[]): Language {
  const first = (systemLanguages[0] ?? '').toLowerCase();
  if (!first.startsWith('zh')) return first ? 'en' : 'zh-CN';
  return /hant|-tw|-hk|-mo/.test(first) ? 'zh-TW' : 'zh-CN';
}

function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}

export function refusalText(reason: RefusalReason, language: Language): { title: string; message: string } {
  const { refused } = RESOURCES[language].keyStore;
  return { title: refused.title, message: fill(refused[reason], { flag: `--${ACCEPT_WEAK_KEY_STORE_SWITCH}` }) };
}

export function confirmationText(
  backend: string,
  language: Language,
): { title: string; message: string; confirm: string; quit: string } {
  const { accept } = RESOURCES[language].keyStore;
  return { ...accept, message: fill(accept.message, { backend }) };
}
