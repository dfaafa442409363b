// A Linux machine without a keyring: Electron's safeStorage falls back to
// basic_text, a key every copy of Chromium knows, and the sealed master key is
// as good as plain. The desktop app must refuse to create or open its store
// and say what to install, unless an administrator accepted a weaker key
// store; that acceptance reaches the backend with the key, is written to the
// audit log once and shown in Settings. The decision is the pure function main
// runs (no Electron binary here); the backend part runs the real backend entry
// in a worker thread standing in for the utilityProcess, fed as main feeds it.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { MessageChannel, Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import {
  confirmationText,
  decideKeyStore,
  languageOf,
  refusalText,
  type KeyStoreFacts,
} from '../../electron/main/key-store-policy.ts';
import { messagePortChannel } from '../../electron/backend/rpc/message-port-channel.ts';
import type { AuditRow } from '../../electron/backend/services/audit.ts';
import { LANGUAGES } from '../../shared/languages.ts';
import { RpcClient } from '../../shared/rpc/client.ts';
import type { KeyStore } from '../../shared/rpc/contract.ts';
import {
  ADMIN,
  call,
  createUser,
  login,
  refusal,
  setUpDevice,
  startChild,
  tempDataDir,
  withDb,
  type Connectable,
} from '../integration/harness.ts';

const NO_KEYRING: KeyStoreFacts = {
  platform: 'linux',
  encryptionAvailable: true,
  linuxBackend: 'basic_text',
  accepted: null,
  acceptRequested: false,
};
const ACCEPTED_AT = '2026-11-20T08:30:00.000Z';

describe('M6 key storage on Linux', () => {
  it('a basic_text store without an acceptance is refused, saying what to install', () => {
    expect(decideKeyStore(NO_KEYRING)).toEqual({ outcome: 'refuse', reason: 'keyring_missing' });
    // A backend safeStorage cannot name is no keyring either.
    expect(decideKeyStore({ ...NO_KEYRING, linuxBackend: 'unknown' })).toEqual({
      outcome: 'refuse',
      reason: 'keyring_missing',
    });
    for (const language of LANGUAGES) {
      const { title, message } = refusalText('keyring_missing', language);
      expect(title).not.toBe('');
      expect(message).toContain('gnome-keyring');
      expect(message).toContain('KWallet');
      expect(message).toContain('--accept-weak-key-store');
    }
  });

  it('an acceptance given for another store, or none with encryption unavailable, opens nothing', () => {
    const forOther = { backend: 'unknown', acceptedAt: ACCEPTED_AT };
    expect(decideKeyStore({ ...NO_KEYRING, accepted: forOther })).toMatchObject({ outcome: 'refuse' });
    const accepted = { backend: 'basic_text', acceptedAt: ACCEPTED_AT };
    expect(decideKeyStore({ ...NO_KEYRING, encryptionAvailable: false, accepted })).toEqual({
      outcome: 'refuse',
      reason: 'encryption_unavailable',
    });
    expect(decideKeyStore({ ...NO_KEYRING, platform: 'win32', encryptionAvailable: false })).toMatchObject({
      outcome: 'refuse',
    });
  });

  it("the administrator's start flag asks for a confirmation; the recorded acceptance then allows the store", () => {
    expect(decideKeyStore({ ...NO_KEYRING, acceptRequested: true })).toEqual({
      outcome: 'confirm',
      backend: 'basic_text',
    });
    for (const language of LANGUAGES) expect(confirmationText('basic_text', language).message).toContain('basic_text');
    const accepted = { backend: 'basic_text', acceptedAt: ACCEPTED_AT };
    expect(decideKeyStore({ ...NO_KEYRING, accepted })).toEqual({
      outcome: 'allow',
      keyStore: { kind: 'weak_accepted', backend: 'basic_text', acceptedAt: ACCEPTED_AT },
    });
  });

  it('a real keyring, DPAPI or the Keychain is used without asking', () => {
    for (const linuxBackend of ['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6']) {
      expect(decideKeyStore({ ...NO_KEYRING, linuxBackend })).toEqual({
        outcome: 'allow',
        keyStore: { kind: 'os_keychain', backend: linuxBackend, acceptedAt: null },
      });
    }
    expect(decideKeyStore({ ...NO_KEYRING, platform: 'win32', linuxBackend: null })).toMatchObject({
      outcome: 'allow',
      keyStore: { kind: 'os_keychain', backend: 'dpapi' },
    });
    expect(decideKeyStore({ ...NO_KEYRING, platform: 'darwin', linuxBackend: null })).toMatchObject({
      outcome: 'allow',
      keyStore: { kind: 'os_keychain', backend: 'keychain' },
    });
  });

  it('the refusal speaks the system language', () => {
    expect(languageOf(['zh-CN'])).toBe('zh-CN');
    expect(languageOf(['zh-Hans-CN', 'en-US'])).toBe('zh-CN');
    expect(languageOf(['zh-TW'])).toBe('zh-TW');
    expect(languageOf(['zh-Hant-HK'])).toBe('zh-TW');
    expect(languageOf(['en-GB', 'zh-CN'])).toBe('en');
    expect(languageOf([])).toBe('zh-CN');
  });
});

describe('M6 an accepted weaker key store is audited and shown', () => {
  const stops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
  });

  /** The real backend entry in a worker thread, given the key and its store as Electron main gives them. */
  async function underElectron(
    keyStore: KeyStore,
  ): Promise<Connectable & { dbFile: string; restart(): Promise<void> }> {
    const dataDir = tempDataDir('tongban-keystore-');
    const key = randomBytes(32).toString('base64');
    const clients = new Set<RpcClient>();
    const start = async (): Promise<Worker> => {
      const worker = new Worker(new URL('../integration/backend-worker.ts', import.meta.url), {
        env: { ...process.env, TONGBAN_DATA_DIR: dataDir, TONGBAN_APP_VERSION: 'test' },
        workerData: { key, keyStore },
      });
      await new Promise<void>((resolve, reject) => {
        worker.once('message', () => resolve());
        worker.once('error', reject);
      });
      return worker;
    };
    let worker = await start();
    const halt = async (): Promise<void> => {
      for (const client of clients) client.detach();
      clients.clear();
      await worker.terminate();
    };
    stops.push(async () => {
      await halt();
      rmSync(dataDir, { recursive: true, force: true });
    });
    return {
      dbFile: `${dataDir}/tongban.sqlite`,
      async connect(token) {
        const { port1, port2 } = new MessageChannel();
        worker.postMessage({ type: 'connect', port: port1 }, [port1]);
        const client = new RpcClient({ callTimeoutMs: 10_000 });
        client.attach(messagePortChannel(port2));
        if (token) client.setSession(token);
        clients.add(client);
        return client;
      },
      async restart() {
        await halt();
        worker = await start();
      },
    };
  }

  function acceptanceEntries(dbFile: string): AuditRow[] {
    return withDb(
      dbFile,
      (db) =>
        db
          .prepare("SELECT * FROM audit_log WHERE action = 'key_store.weak_accepted' ORDER BY seq")
          .all() as unknown as AuditRow[],
    );
  }

  it('accepted basic_text: the backend runs, audits the acceptance once, and Settings shows the store', async () => {
    const weak: KeyStore = { kind: 'weak_accepted', backend: 'basic_text', acceptedAt: ACCEPTED_AT };
    const backend = await underElectron(weak);
    const { admin } = await setUpDevice(backend);
    expect(await call(admin, 'system.keyStore', {})).toEqual(weak);

    const entries = acceptanceEntries(backend.dbFile);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ user_id: null, target: ACCEPTED_AT });
    expect(JSON.parse(entries[0]!.detail)).toEqual({ backend: 'basic_text' });

    // Every later start runs under the same acceptance: it is not recorded again.
    await backend.restart();
    expect(acceptanceEntries(backend.dbFile)).toHaveLength(1);
    const { client } = await login(backend, ADMIN);
    expect(await call(client, 'system.keyStore', {})).toEqual(weak);
    // The line is the administrator's: a clerk is refused.
    const clerk = await createUser(client, ['intake_clerk']);
    const { client: clerkClient } = await login(backend, clerk);
    expect(await refusal(clerkClient.request('system.keyStore', {}))).toMatchObject({ code: 'PERMISSION_DENIED' });
  });

  it('a real keyring is shown as such and audits nothing', async () => {
    const keyring: KeyStore = { kind: 'os_keychain', backend: 'gnome_libsecret', acceptedAt: null };
    const backend = await underElectron(keyring);
    const { admin } = await setUpDevice(backend);
    expect(await call(admin, 'system.keyStore', {})).toEqual(keyring);
    expect(acceptanceEntries(backend.dbFile)).toEqual([]);
  });

  it('browser mode, for development and tests, says it keeps a key file', async () => {
    const backend = await startChild();
    stops.push(() => backend.stop());
    const { admin } = await setUpDevice(backend);
    expect(await call(admin, 'system.keyStore', {})).toEqual({ kind: 'key_file', backend: 'file', acceptedAt: null });
    expect(acceptanceEntries(backend.dbFile)).toEqual([]);
  });
});
