// What a device upgraded from unkeyed chains keeps of them. Migration 0012
// writes, per chain, how far its legacy (plain SHA-256) links reach; at start
// the backend checks them and re-makes them under the key (chain-rekey.ts),
// then seals the record with an HMAC. Where the legacy links were already
// broken they are kept as found, and only up to that record may a legacy link
// stand: a verifier checks those under the old rule and reports the break.
import type { DatabaseSync } from 'node:sqlite';
import { chainKeysOf, hmacHex } from './chain-keys.ts';

export type ChainName = 'audit' | 'events';

export interface LegacyRecord {
  chain: ChainName;
  through_seq: number;
  rekeyed_at: string | null;
  legacy_broken_at: number | null;
  mac: string | null;
}

export function legacyRecordMac(key: Buffer, r: Omit<LegacyRecord, 'mac'>): string {
  return hmacHex(key, ['chain-rekey', r.chain, r.through_seq, r.rekeyed_at, r.legacy_broken_at]);
}

export function legacyRecord(db: DatabaseSync, chain: ChainName): LegacyRecord | null {
  return (
    (db
      .prepare('SELECT chain, through_seq, rekeyed_at, legacy_broken_at, mac FROM chain_rekey WHERE chain = ?')
      .get(chain) as LegacyRecord | undefined) ?? null
  );
}

/** A record this device sealed: one pending, or one whose seal does not hold, grants nothing. */
export function sealedRecord(db: DatabaseSync, chain: ChainName): LegacyRecord | null {
  const record = legacyRecord(db, chain);
  if (!record?.rekeyed_at || !record.mac) return null;
  return legacyRecordMac(chainKeysOf(db).auditChain, record) === record.mac ? record : null;
}

/** Up to which seq a legacy link may stand: only where the legacy chain was found broken. */
export function legacyThrough(db: DatabaseSync, chain: ChainName): number {
  const record = sealedRecord(db, chain);
  return record?.legacy_broken_at !== null && record?.legacy_broken_at !== undefined ? record.through_seq : 0;
}
