// What the at-rest jobs read and write beside the store's contract: the
// cursor each device pulled with, payloads still in clear, and the purge of
// concluded cases. Each store has its own SQL (sqlite-rows.ts,
// postgres-rows.ts) over the same tables (server migration 0004).
import type { ServerStore } from '../storage/contract.ts';
import { PostgresStore } from '../storage/postgres.ts';
import { SqliteStore } from '../storage/sqlite.ts';
import { PostgresAtRestRows } from './postgres-rows.ts';
import { SqliteAtRestRows } from './sqlite-rows.ts';

/** A concluded case whose last event is old enough, with what a purge would free. */
export interface CaseCandidate {
  caseId: string;
  originDeviceId: string;
  handlingRegion: string;
  matterId: string;
  /** The case's newest event: every party device must have pulled past it. */
  lastSeq: number;
  lastAt: string;
  /** Payloads not purged yet, and their bytes as kept. */
  payloads: number;
  payloadBytes: number;
}

/** A blob held here that the given cases refer to, and every case that refers to it. */
export interface BlobUse {
  sha256: string;
  size: number;
  caseIds: string[];
}

export interface PurgeCase {
  caseId: string;
  /** Only events up to this one, those every party device acknowledged, are purged. */
  lastSeq: number;
}

export interface AtRestRows {
  /** Every event up to `cursor` (at most the newest server_seq) has reached the device; only ever rises. */
  recordPull(deviceId: string, cursor: number, at: string): Promise<void>;
  pullCursors(): Promise<Map<string, number>>;
  /** Payloads kept in clear by an earlier server, as stored, a batch at a time. */
  clearPayloads(limit: number): Promise<{ eventId: string; payload: string }[]>;
  /** Sealed payloads whose data key another key than `keyId` wrapped, as stored, a batch at a time. */
  payloadsNotUnder(keyId: string, limit: number): Promise<{ eventId: string; payload: string }[]>;
  /** Replaces a payload when it is still `from` (a purge meanwhile wins); true when it was replaced. */
  replacePayload(eventId: string, from: string, to: string): Promise<boolean>;
  /** Cases in one of `statuses` whose newest event was received at or before `before`. */
  concludedCases(statuses: readonly number[], before: string): Promise<CaseCandidate[]>;
  blobsOf(caseIds: readonly string[]): Promise<BlobUse[]>;
  /**
   * In one transaction: the cases' payloads up to their lastSeq become the
   * purged marker, and of `blobs` those no case outside `purgeSet` refers to
   * are forgotten (their hash and size kept in purged_blobs). The blobs forgotten.
   */
  purge(
    cases: readonly PurgeCase[],
    blobs: readonly BlobUse[],
    purgeSet: readonly string[],
    marker: string,
    at: string,
  ): Promise<string[]>;
}

/** The rows of the store's own database; null for a store that is neither (none purges then). */
export function atRestRowsOf(store: ServerStore): AtRestRows | null {
  if (store instanceof SqliteStore) return new SqliteAtRestRows(store.connection);
  if (store instanceof PostgresStore) return new PostgresAtRestRows(store.connections);
  return null;
}
