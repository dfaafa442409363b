// The store as the server uses it: payloads sealed on their way in and opened
// on their way out (payloads.ts), every other call passed through. Checks see
// the payload as pushed, and content hashes stay over it: the hash names the
// event and devices verify it. A sealed payload that does not open is refused,
// never served. A pull also records how far the device has got (rows.ts): the
// retention job's "acknowledged".
import type { PulledEvent, PushResult } from '../../shared/sync/protocol.ts';
import { HttpError } from '../http/errors.ts';
import type {
  AdmitRequest,
  AnchorOutcome,
  AnchorRecord,
  AppendContext,
  AppendInput,
  BlobRecord,
  BlobUpload,
  CaseRecord,
  CatalogBundle,
  DeviceRecord,
  EnrollmentCodeRecord,
  Party,
  PositionVerdict,
  RecoveryRecord,
  RedeemResult,
  ServerStore,
  StatusPageRecord,
  StoreStats,
  Verdict,
} from '../storage/contract.ts';
import type { Keyring } from './data-key.ts';
import { SealedRecordError } from './envelope.ts';
import { openPayload, sealPayload } from './payloads.ts';
import { atRestRowsOf, type AtRestRows } from './rows.ts';

export class SealedStore implements ServerStore {
  readonly inner: ServerStore;
  readonly keyring: Keyring;
  readonly rows: AtRestRows | null;
  /** The cursor last recorded per device: a pull that does not move it writes nothing. */
  private readonly recorded = new Map<string, number>();

  constructor(inner: ServerStore, keyring: Keyring) {
    this.inner = inner;
    this.keyring = keyring;
    this.rows = atRestRowsOf(inner);
  }

  private opened(event: PulledEvent): PulledEvent {
    try {
      return { ...event, payload: openPayload(this.keyring, event.eventId, event.payload) };
    } catch (error) {
      if (error instanceof SealedRecordError) throw unreadable(error);
      throw error;
    }
  }

  private sealed(input: AppendInput): AppendInput {
    const payload = sealPayload(this.keyring, input.event.eventId, input.event.payload);
    return { ...input, event: { ...input.event, payload } };
  }

  async appendEvent(input: AppendInput, check: (context: AppendContext) => Verdict): Promise<PushResult> {
    return (await this.appendEvents([input], (_input, context) => check(context)))[0]!;
  }

  appendEvents(
    inputs: readonly AppendInput[],
    check: (input: AppendInput, context: AppendContext) => Verdict,
  ): Promise<PushResult[]> {
    const pushed = new Map(inputs.map((input) => [this.sealed(input), input]));
    return this.inner.appendEvents([...pushed.keys()], (input, context) => check(pushed.get(input)!, context));
  }

  async event(eventId: string): Promise<PulledEvent | null> {
    const event = await this.inner.event(eventId);
    return event ? this.opened(event) : null;
  }

  statusPages(caseNo: string): Promise<StatusPageRecord[]> {
    return this.inner.statusPages(caseNo);
  }

  async pullEvents(party: Party, after: number, limit: number): Promise<{ events: PulledEvent[]; cursor: number }> {
    const page = await this.inner.pullEvents(party, after, limit);
    return { events: page.events.map((event) => this.opened(event)), cursor: page.cursor };
  }

  /** The device pulled with `after`: every event of its cases up to there has reached it. */
  async recordPull(deviceId: string, after: number): Promise<void> {
    const cursor = Math.min(after, Number.MAX_SAFE_INTEGER); // the store caps it at the newest server_seq too
    if (!this.rows || cursor <= (this.recorded.get(deviceId) ?? 0)) return;
    await this.rows.recordPull(deviceId, cursor, new Date().toISOString());
    this.recorded.set(deviceId, cursor);
  }

  region(): Promise<string | null> {
    return this.inner.region();
  }
  setRegion(region: string): Promise<void> {
    return this.inner.setRegion(region);
  }
  addEnrollmentCode(code: EnrollmentCodeRecord): Promise<void> {
    return this.inner.addEnrollmentCode(code);
  }
  redeemEnrollmentCode(
    codeHash: string,
    now: string,
    device: Omit<DeviceRecord, 'scope' | 'lastSeenAt' | 'revokedAt'>,
  ): Promise<RedeemResult> {
    return this.inner.redeemEnrollmentCode(codeHash, now, device);
  }
  device(deviceId: string): Promise<DeviceRecord | null> {
    return this.inner.device(deviceId);
  }
  devices(): Promise<DeviceRecord[]> {
    return this.inner.devices();
  }
  revokeDevice(deviceId: string, at: string): Promise<boolean> {
    return this.inner.revokeDevice(deviceId, at);
  }
  touchDevice(deviceId: string, at: string): Promise<void> {
    return this.inner.touchDevice(deviceId, at);
  }
  useNonce(deviceId: string, nonce: string, at: number): Promise<boolean> {
    return this.inner.useNonce(deviceId, nonce, at);
  }
  admit(
    requests: readonly AdmitRequest[],
    touch?: { deviceIds: readonly string[]; at: string },
  ): Promise<{ device: DeviceRecord | null; fresh: boolean }[]> {
    return this.inner.admit(requests, touch);
  }
  pruneNonces(before: number): Promise<void> {
    return this.inner.pruneNonces(before);
  }
  caseRecord(caseId: string): Promise<CaseRecord | null> {
    return this.inner.caseRecord(caseId);
  }
  blob(sha256: string): Promise<BlobRecord | null> {
    return this.inner.blob(sha256);
  }
  blobUpload(sha256: string): Promise<BlobUpload | null> {
    return this.inner.blobUpload(sha256);
  }
  saveBlobUpload(upload: BlobUpload): Promise<void> {
    return this.inner.saveBlobUpload(upload);
  }
  deleteBlobUpload(sha256: string): Promise<void> {
    return this.inner.deleteBlobUpload(sha256);
  }
  completeBlobs(records: readonly BlobRecord[]): Promise<void> {
    return this.inner.completeBlobs(records);
  }
  mayReadBlob(sha256: string, deviceId: string, party: Party): Promise<boolean> {
    return this.inner.mayReadBlob(sha256, deviceId, party);
  }
  catalog(): Promise<CatalogBundle | null> {
    return this.inner.catalog();
  }
  replaceCatalog(bundle: CatalogBundle, at: string): Promise<void> {
    return this.inner.replaceCatalog(bundle, at);
  }
  putAnchor(record: AnchorRecord): Promise<AnchorOutcome> {
    return this.inner.putAnchor(record);
  }
  anchors(
    serverDeviceId: string,
    from: string | null,
    to: string | null,
    limit: number,
  ): Promise<{ anchors: AnchorRecord[]; highestDay: string | null }> {
    return this.inner.anchors(serverDeviceId, from, to, limit);
  }
  reportPosition(deviceId: string, seq: number, at: string, record: boolean): Promise<PositionVerdict> {
    return this.inner.reportPosition(deviceId, seq, at, record);
  }
  recordRecovery(recovery: RecoveryRecord): Promise<number> {
    return this.inner.recordRecovery(recovery);
  }
  stats(): Promise<StoreStats> {
    return this.inner.stats();
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

/** Refused, not served: the device is told, the log names the cause and nothing of the record. */
export function unreadable(error: SealedRecordError): HttpError {
  return new HttpError(
    500,
    'record_unreadable',
    `A record kept here failed its integrity check (${error.code}); it is not served.`,
  );
}

/** The store sealed with `keyring`; a store sealed already stays as it is. */
export function sealStore(store: ServerStore, keyring: Keyring): SealedStore {
  return store instanceof SealedStore ? store : new SealedStore(store, keyring);
}

/** Records a pull's cursor when the store keeps them (a sealed store over SQLite or PostgreSQL). */
export async function recordPull(store: ServerStore, deviceId: string, after: number): Promise<void> {
  if (store instanceof SealedStore) await store.recordPull(deviceId, after);
}
