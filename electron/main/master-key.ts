// The device's master key, sealed with the OS keychain through safeStorage
// (DPAPI on Windows, libsecret/kwallet on Linux) and handed to the backend.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { safeStorage } from 'electron';

export async function loadMasterKey(dataDir: string): Promise<Buffer> {
  const file = join(dataDir, 'keys', 'master.key.sealed');
  if (!(await safeStorage.isAsyncEncryptionAvailable())) {
    throw new Error('The OS keychain is not available, so personal data cannot be protected at rest.');
  }
  if (existsSync(file)) {
    const { result } = await safeStorage.decryptStringAsync(readFileSync(file));
    return Buffer.from(result, 'base64');
  }
  const key = randomBytes(32);
  mkdirSync(join(dataDir, 'keys'), { recursive: true, mode: 0o700 });
  writeFileSync(file, await safeStorage.encryptStringAsync(key.toString('base64')), { mode: 0o600, flag: 'wx' });
  return key;
}
