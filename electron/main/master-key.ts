// The device's master key, sealed with the OS keychain through safeStorage
// (DPAPI on Windows, the Keychain on macOS, libsecret or KWallet on Linux) and
// handed to the backend with what sealed it. Whether the keychain at hand is
// good enough is decided in key-store-policy.ts; this file only asks Electron
// and shows the answer.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dialog, safeStorage } from 'electron';
import type { KeyStore } from '../../shared/rpc/contract.ts';
import {
  ACCEPTANCE_FILE_NAME,
  acceptanceSchema,
  confirmationText,
  decideKeyStore,
  languageOf,
  refusalText,
  type KeyStoreDecision,
  type WeakKeyStoreAcceptance,
} from './key-store-policy.ts';

export interface MasterKey {
  key: Buffer;
  keyStore: KeyStore;
}

export interface KeyStoreRequest {
  /** Started with --accept-weak-key-store. */
  acceptRequested: boolean;
  /** app.getPreferredSystemLanguages(): the refusal speaks the person's language. */
  systemLanguages: string[];
}

function readAcceptance(file: string): WeakKeyStoreAcceptance | null {
  if (!existsSync(file)) return null;
  try {
    const parsed = acceptanceSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Asks the administrator to confirm the weaker store; records it when they do. */
async function confirmWeakStore(backend: string, file: string, request: KeyStoreRequest): Promise<boolean> {
  const text = confirmationText(backend, languageOf(request.systemLanguages));
  const { response } = await dialog.showMessageBox({
    type: 'warning',
    title: 'Tongban Desk',
    message: text.title,
    detail: text.message,
    buttons: [text.quit, text.confirm],
    defaultId: 0,
    cancelId: 0,
  });
  if (response !== 1) return false;
  const acceptance: WeakKeyStoreAcceptance = { backend, acceptedAt: new Date().toISOString() };
  writeFileSync(file, `${JSON.stringify(acceptance)}\n`, { mode: 0o600 });
  return true;
}

/** The master key and what seals it, or null when the key store is refused (the person has been told why). */
export async function loadMasterKey(dataDir: string, request: KeyStoreRequest): Promise<MasterKey | null> {
  const keysDir = join(dataDir, 'keys');
  const file = join(keysDir, 'master.key.sealed');
  const acceptanceFile = join(keysDir, ACCEPTANCE_FILE_NAME);
  mkdirSync(keysDir, { recursive: true, mode: 0o700 });
  const encryptionAvailable = await safeStorage.isAsyncEncryptionAvailable();
  const decide = (): KeyStoreDecision =>
    decideKeyStore({
      platform: process.platform,
      encryptionAvailable,
      linuxBackend: process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null,
      accepted: readAcceptance(acceptanceFile),
      acceptRequested: request.acceptRequested,
    });

  let decision = decide();
  if (decision.outcome === 'confirm') {
    if (!(await confirmWeakStore(decision.backend, acceptanceFile, request))) return null;
    decision = decide();
  }
  if (decision.outcome !== 'allow') {
    if (decision.outcome === 'refuse') {
      const text = refusalText(decision.reason, languageOf(request.systemLanguages));
      dialog.showErrorBox(text.title, text.message);
    }
    return null;
  }

  if (existsSync(file)) {
    const { result } = await safeStorage.decryptStringAsync(readFileSync(file));
    return { key: Buffer.from(result, 'base64'), keyStore: decision.keyStore };
  }
  const key = randomBytes(32);
  writeFileSync(file, await safeStorage.encryptStringAsync(key.toString('base64')), { mode: 0o600, flag: 'wx' });
  return { key, keyStore: decision.keyStore };
}
