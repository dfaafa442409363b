// What seals the device's master key, as the host reported it: shown in
// Settings, and an administrator's acceptance of a weaker store (no keyring)
// written to the audit log the first time the backend runs under it.
import type { DatabaseSync } from 'node:sqlite';
import type { KeyStore } from '../../../shared/rpc/contract.ts';
import { audit } from './audit.ts';

export const WEAK_KEY_STORE_ACCEPTED = 'key_store.weak_accepted';

export class KeyStoreStatus {
  private readonly db: DatabaseSync;
  private readonly keyStore: KeyStore;

  constructor(db: DatabaseSync, keyStore: KeyStore) {
    this.db = db;
    this.keyStore = keyStore;
  }

  get(): KeyStore {
    return this.keyStore;
  }

  /** One entry per acceptance (named by its time), however often the app starts under it. */
  recordAcceptance(): void {
    const { kind, backend, acceptedAt } = this.keyStore;
    if (kind !== 'weak_accepted' || acceptedAt === null) return;
    const recorded = this.db
      .prepare('SELECT 1 FROM audit_log WHERE action = ? AND target = ?')
      .get(WEAK_KEY_STORE_ACCEPTED, acceptedAt);
    if (!recorded)
      audit(this.db, { userId: null, action: WEAK_KEY_STORE_ACCEPTED, target: acceptedAt, detail: { backend } });
  }
}
