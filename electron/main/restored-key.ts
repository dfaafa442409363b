// A restored backup brings its own master key: the backend hands it to main,
// which seals it with the OS keychain in place of the old one and hands it to
// every later start of the backend. The backend keeps the staged restore
// until a start receives this key, so a crash before the seal loses nothing.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { safeStorage } from 'electron';

/** The key of a `restored-key` message from the backend, or null for any other message. */
export function restoredKeyOf(message: unknown): Buffer | null {
  const m = message as { type?: unknown; key?: unknown } | null;
  if (m?.type !== 'restored-key' || typeof m.key !== 'string') return null;
  const key = Buffer.from(m.key, 'base64');
  return key.length === 32 ? key : null;
}

export async function sealRestoredKey(dataDir: string, key: Buffer): Promise<void> {
  const file = join(dataDir, 'keys', 'master.key.sealed');
  mkdirSync(join(dataDir, 'keys'), { recursive: true, mode: 0o700 });
  writeFileSync(`${file}.new`, await safeStorage.encryptStringAsync(key.toString('base64')), { mode: 0o600 });
  renameSync(`${file}.new`, file);
}
