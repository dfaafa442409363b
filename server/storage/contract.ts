// The exchange server's one data-access contract, so one server can run on either store: the embedded
// SQLite store and PostgreSQL implement it, and both run the same contract
// suite (tests/storage-contract/). Methods are async because PostgreSQL's
// are. The rules of the protocol live in the server; what must be atomic
// (redeeming a code, appending an event after checking it) is done here in
// one transaction.
import type { z } from 'zod';
import type { CaseStatusCode, SubState } from '../../shared/case/status.ts';
import type { CollectPlace } from '../../shared/sync/status-page.ts';
import type {
  Anchor,
  catalogResponse,
  PulledEvent,
  PushResult,
  RefusalReason,
  Scope,
  WireEvent,
} from '../../shared/sync/protocol.ts';

export type CatalogBundle = z.infer<typeof catalogResponse>;

export interface EnrollmentCodeRecord {
  /** SHA-256 hex of the code: the code itself is a secret and is never stored. */
  codeHash: string;
  scope: Scope;
  createdAt: string;
  expiresAt: string;
}

export interface DeviceRecord {
  deviceId: string;
  name: string;
  /** Ed25519, SPKI DER, base64. */
  publicKey: string;
  scope: Scope;
  enrolledAt: string;
  lastSeenAt: string | null;
  revokedAt: string | null;
}

export type RedeemResult =
  { ok: true; device: DeviceRecord } | { ok: false; reason: 'unknown_code' | 'used_code' | 'expired_code' };

/** Who a device is party to, for pulls and blob reads: its enrolled scope (region, role, cases). */
export type Party =
  { kind: 'intake'; deviceId: string } | { kind: 'acceptance'; region: string; matterIds: readonly string[] };

export interface CaseRecord {
  caseId: string;
  /** The server device that sent the case.received: the intake window party to the case. */
  originDeviceId: string;
  intakeRegion: string;
  handlingRegion: string;
  matterId: string;
  status: CaseStatusCode;
}

/** One accepted event of a case, as the state machine sees its history. */
export interface StatusStep {
  eventId: string;
  type: string;
  serverSeq: number;
  statusAfter: CaseStatusCode;
}

/** What the check of an event sees, read inside the append's transaction. */
export interface AppendContext {
  case: CaseRecord | null;
  /** The case's accepted events in server_seq order. */
  history: StatusStep[];
  /** Of the blobs the event needs, those the server does not hold. */
  missingBlobs: string[];
}

export type Verdict =
  | {
      ok: true;
      statusAfter: CaseStatusCode;
      /** Given when the event creates the case. */
      newCase?: { intakeRegion: string; handlingRegion: string; matterId: string };
      /** What the public status page keeps of the event. */
      statusPage?: StatusPageUpdate;
    }
  | {
      ok: false;
      reason: Exclude<RefusalReason, 'hash_mismatch'>;
      detail?: string;
      winner?: { eventId: string; type: string };
    };

/** What an accepted event changes on its case's status page, written in the append's transaction. */
export interface StatusPageUpdate {
  /** Given with the event that creates the case. */
  created?: { caseNo: string; codeHash: string | null; collect: CollectPlace };
  /** Given when the event moved the status: since when it stands. */
  statusAt?: string;
  /** The paper's stage after the event, where the event moves it. */
  stage?: SubState;
}

/** A case's status page as kept: its case row's status with the page's own columns. */
export interface StatusPageRecord {
  caseId: string;
  caseNo: string;
  codeHash: string | null;
  collect: CollectPlace;
  status: CaseStatusCode;
  statusAt: string;
  stage: SubState | null;
  matterId: string;
  intakeRegion: string;
  handlingRegion: string;
}

export interface AppendInput {
  event: WireEvent;
  /** The enrolled device that pushed it (not the event's own deviceId, which is the device's local id). */
  sourceDeviceId: string;
  receivedAt: string;
  /** Every blob the event refers to. */
  blobs: readonly string[];
  /** The originating device's Ed25519 signature over the content hash, checked before the append. */
  signature?: string;
}

export interface BlobRecord {
  sha256: string;
  size: number;
  storedAt: string;
  uploadedBy: string;
}

/** A chunked upload in progress: the bytes so far sit in a part file beside the blobs. */
export interface BlobUpload {
  sha256: string;
  total: number;
  received: number;
  deviceId: string;
  updatedAt: string;
}

/** A signed request to let in: its device and its nonce, seen at `at` (epoch ms). */
export interface AdmitRequest {
  deviceId: string;
  nonce: string;
  at: number;
}

/** An anchor as the server keeps it: for the enrolled device that pushed it. */
export interface AnchorRecord extends Anchor {
  serverDeviceId: string;
  receivedAt: string;
}

/** Keeping an anchor: new, the same as kept, or a different head for a day already anchored (kept as it was). */
export type AnchorOutcome = 'accepted' | 'duplicate' | 'conflict';

export interface StoreStats {
  devices: number;
  events: number;
  cases: number;
  blobs: number;
  bytes: number;
}

/** What a device's reported position was held against (rollback detection). */
export type PositionVerdict =
  | {
      ok: true;
      highestSeq: number;
      /** The newest events received from the device, newest first: it must hold every one. */
      recentEventIds: string[];
    }
  | { ok: false; highestSeq: number };

/** How many of a device's newest events a position answer names. */
export const RECENT_EVENTS = 100;

/** A device's announced recovery from a backup. */
export interface RecoveryRecord {
  deviceId: string;
  /** Where the device stands after the restore. */
  restoredSeq: number;
  /** The time of the backup it restored. */
  backupAt: string;
  at: string;
}

/** How a store that other server instances share tells this one that they appended events. */
export interface AppendWatcher {
  /** Another instance appended events: waiting pulls look again. */
  wake(): void;
  /** The way news arrives broke; it is being mended, and pulls wait at most their own timeout meanwhile. */
  lost(error: Error): void;
  /** Mended; `wake` was called once too, for what came meanwhile. */
  restored(): void;
}

export interface ServerStore {
  /** The server's own region, fixed on first start. */
  region(): Promise<string | null>;
  setRegion(region: string): Promise<void>;

  addEnrollmentCode(code: EnrollmentCodeRecord): Promise<void>;
  /** Single use: marks the code used and creates the device in one transaction. */
  redeemEnrollmentCode(
    codeHash: string,
    now: string,
    device: Omit<DeviceRecord, 'scope' | 'lastSeenAt' | 'revokedAt'>,
  ): Promise<RedeemResult>;

  device(deviceId: string): Promise<DeviceRecord | null>;
  devices(): Promise<DeviceRecord[]>;
  /** False when there is no such device; revoking twice keeps the first time. */
  revokeDevice(deviceId: string, at: string): Promise<boolean>;
  touchDevice(deviceId: string, at: string): Promise<void>;

  /** Records a request nonce; false when this device already used it. `at` is epoch ms. */
  useNonce(deviceId: string, nonce: string, at: number): Promise<boolean>;
  /**
   * Signed requests let in together, in one durable transaction (the server
   * batches the requests that arrive while one is under way): for each, the
   * device as it stands, and its nonce recorded — only when the device is
   * enrolled and not revoked. `fresh` is false when the nonce was used before,
   * by an earlier request or an earlier one in the list. Devices in `touch` are
   * marked seen at `touchedAt` in the same transaction.
   */
  admit(
    requests: readonly AdmitRequest[],
    touch?: { deviceIds: readonly string[]; at: string },
  ): Promise<{ device: DeviceRecord | null; fresh: boolean }[]>;
  /** Forgets nonces seen before `before` (epoch ms): their timestamps can no longer pass. */
  pruneNonces(before: number): Promise<void>;

  /**
   * Appends one event atomically. An event id already here answers for itself:
   * the same content hash is a duplicate with the original server_seq, another
   * hash is refused as hash_mismatch and nothing is overwritten. Otherwise
   * `check` judges the event against the case as it stands inside the
   * transaction; when it allows, the event gets the next server_seq (global,
   * increasing) and the case projection is updated.
   */
  appendEvent(input: AppendInput, check: (context: AppendContext) => Verdict): Promise<PushResult>;
  /**
   * appendEvent for several events, in order, in ONE transaction: each is
   * judged against the case as the events before it in the list left it, and
   * an event id given twice is a duplicate the second time. All or nothing:
   * when it throws, none was appended. One durable commit for many events is
   * how concurrent pushes share the cost of the write (app.ts, GroupCommit).
   */
  appendEvents(
    inputs: readonly AppendInput[],
    check: (input: AppendInput, context: AppendContext) => Verdict,
  ): Promise<PushResult[]>;
  event(eventId: string): Promise<PulledEvent | null>;
  caseRecord(caseId: string): Promise<CaseRecord | null>;
  /**
   * Events with server_seq > after of the cases the party is party to, oldest
   * first. The cursor is the last one returned, or, when fewer than `limit`
   * came back, the newest server_seq of all (nothing of this party lies before it).
   */
  pullEvents(party: Party, after: number, limit: number): Promise<{ events: PulledEvent[]; cursor: number }>;
  /** The status pages of the cases with this number (one, unless a device reused a number). */
  statusPages(caseNo: string): Promise<StatusPageRecord[]>;

  blob(sha256: string): Promise<BlobRecord | null>;
  blobUpload(sha256: string): Promise<BlobUpload | null>;
  saveBlobUpload(upload: BlobUpload): Promise<void>;
  deleteBlobUpload(sha256: string): Promise<void>;
  /** Records verified blobs and ends their uploads, all in one transaction (blobs kept together). */
  completeBlobs(records: readonly BlobRecord[]): Promise<void>;
  /** A device may read a blob it sent, or one an event of a case it is party to refers to. */
  mayReadBlob(sha256: string, deviceId: string, party: Party): Promise<boolean>;

  /** The imported catalog and calendar; null until one is imported. */
  catalog(): Promise<CatalogBundle | null>;
  replaceCatalog(bundle: CatalogBundle, at: string): Promise<void>;

  /** Keeps a day's anchor once, and raises the device's highest anchored day, in one transaction. */
  putAnchor(record: AnchorRecord): Promise<AnchorOutcome>;
  /** A device's anchors between two days (inclusive, oldest first), and its highest anchored day. */
  anchors(
    serverDeviceId: string,
    from: string | null,
    to: string | null,
    limit: number,
  ): Promise<{ anchors: AnchorRecord[]; highestDay: string | null }>;
  /**
   * Holds a device's report of its position in its own record of events
   * against the highest it reported before, in one transaction: a lower one
   * is refused and nothing is written; otherwise, when `record`, it becomes
   * the highest.
   */
  reportPosition(deviceId: string, seq: number, at: string, record: boolean): Promise<PositionVerdict>;
  /** Records an announced recovery and answers the highest position seen before it (0 when none). */
  recordRecovery(recovery: RecoveryRecord): Promise<number>;

  stats(): Promise<StoreStats>;
  /**
   * Several server instances on one database: tells `watcher` of the events
   * the others append. Resolves once it listens, to the function that stops it.
   * Absent on a store only one process may hold (the embedded SQLite): its
   * pushes wake its pulls in-process.
   */
  watchAppends?(watcher: AppendWatcher): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
