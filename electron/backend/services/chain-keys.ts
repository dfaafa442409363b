// The keys the device's two hash chains are made under, bound to the database
// connection they guard. Every link is an HMAC-SHA-256 under a key derived
// from the master key (crypto/keys.ts), which never enters the database: whoever
// holds only the file cannot make a link that checks. The binding lives beside
// the connection, so the many writers of the audit log need not carry the key.
import { createHmac } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';

export interface ChainKeys {
  readonly eventChain: Buffer;
  readonly auditChain: Buffer;
}

/**
 * How a link was made, recorded in the link's `rule` column (migration 0012):
 * LEGACY links were plain SHA-256 (anyone could recompute them), KEYED links
 * are HMAC-SHA-256 under the chain's key. The table chain_rules names both.
 */
export const LINK_RULES = { legacy: 1, keyed: 2 } as const;

const bound = new WeakMap<DatabaseSync, ChainKeys>();

export function bindChainKeys(db: DatabaseSync, keys: ChainKeys): void {
  bound.set(db, { eventChain: keys.eventChain, auditChain: keys.auditChain });
}

/** The keys bound to this connection, if any: a wrapper of the connection (a tracer) is bound to the same. */
export function boundChainKeys(db: DatabaseSync): ChainKeys | undefined {
  return bound.get(db);
}

/** The keys of this connection; a chain is never written unkeyed. */
export function chainKeysOf(db: DatabaseSync): ChainKeys {
  const keys = bound.get(db);
  if (!keys) throw new Error('The chain keys are not bound to this database.');
  return keys;
}

export function hmacHex(key: Buffer, fields: readonly unknown[]): string {
  return createHmac('sha256', key).update(JSON.stringify(fields)).digest('hex');
}
