// Retention: the server relays cases, it is not their archive. A case's
// payloads and scans are purged a number of days (TONGBAN_RETENTION_DAYS)
// after its last event, once the case is concluded — in a status the state
// machine leads nowhere else from — and acknowledged: every party device (its
// intake window and its region's acceptance desks, revoked ones aside) has
// pulled past that last event. Ids, content hashes, blob hashes and sizes and
// the rest of each event stay, so a device can still prove what was exchanged;
// a purged payload is answered as a marker (at-rest/payloads.ts).
import { TRANSITIONS, type Transition } from '../shared/case/state-machine.ts';
import { CASE_STATUSES, type CaseStatusCode } from '../shared/case/status.ts';
import { purgedPayload } from './at-rest/payloads.ts';
import type { AtRestRows, BlobUse, CaseCandidate } from './at-rest/rows.ts';
import type { BlobBackend } from './blob-store/contract.ts';
import type { DeviceRecord, ServerStore } from './storage/contract.ts';

export const DEFAULT_RETENTION_DAYS = 90;
const DAY_MS = 24 * 3600_000;
/** Cases purged per transaction. */
const BATCH = 100;

/** The statuses a case never leaves: every transition from them keeps the status. */
export const TERMINAL_STATUSES: readonly CaseStatusCode[] = (
  Object.keys(CASE_STATUSES).map(Number) as CaseStatusCode[]
).filter((status) => {
  const out = (TRANSITIONS as readonly Transition[]).filter((t) => t.from.includes(status));
  return out.every((t) => t.to === 'same' || t.to === status);
});

/** TONGBAN_RETENTION_DAYS, a whole number of days (0: as soon as acknowledged), or the default. */
export function retentionDays(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.TONGBAN_RETENTION_DAYS;
  if (text === undefined || text === '') return DEFAULT_RETENTION_DAYS;
  const days = Number(text);
  if (!Number.isInteger(days) || days < 0) {
    throw new Error(`TONGBAN_RETENTION_DAYS must be a whole number of days (0 or more), not "${text}".`);
  }
  return days;
}

export interface PlannedCase {
  caseId: string;
  lastSeq: number;
  payloads: number;
  payloadBytes: number;
  blobs: number;
  blobBytes: number;
}

export interface RetentionPlan {
  days: number;
  /** Cases whose last event was received at or before this are old enough. */
  cutoff: string;
  purge: PlannedCase[];
  /** Blobs only purged cases refer to, counted once. */
  blobs: BlobUse[];
  /** Concluded and old enough, but some party device has not pulled past the last event yet. */
  waiting: string[];
}

/** The devices party to a case that are still enrolled: whose acknowledgement it waits for. */
function partiesOf(candidate: CaseCandidate, devices: readonly DeviceRecord[]): DeviceRecord[] {
  return devices.filter(
    (device) =>
      device.revokedAt === null &&
      (device.scope.kind === 'intake'
        ? device.deviceId === candidate.originDeviceId
        : device.scope.regionCode === candidate.handlingRegion &&
          (device.scope.matterIds.length === 0 || device.scope.matterIds.includes(candidate.matterId))),
  );
}

/** What a purge would do now; changes nothing. */
export async function planRetention(
  store: ServerStore,
  rows: AtRestRows,
  { days, now = new Date() }: { days: number; now?: Date },
): Promise<RetentionPlan> {
  const cutoff = new Date(now.getTime() - days * DAY_MS).toISOString();
  const [candidates, devices, cursors] = await Promise.all([
    rows.concludedCases(TERMINAL_STATUSES, cutoff),
    store.devices(),
    rows.pullCursors(),
  ]);
  const acknowledged: CaseCandidate[] = [];
  const waiting: string[] = [];
  for (const candidate of candidates) {
    const parties = partiesOf(candidate, devices);
    const done =
      parties.some((device) => device.scope.kind === 'acceptance') &&
      parties.every((device) => (cursors.get(device.deviceId) ?? 0) >= candidate.lastSeq);
    if (done) acknowledged.push(candidate);
    else waiting.push(candidate.caseId);
  }
  const chosen = new Set(acknowledged.map((c) => c.caseId));
  const blobs = (await rows.blobsOf([...chosen])).filter((use) => use.caseIds.every((id) => chosen.has(id)));
  const purge = acknowledged
    .map((candidate): PlannedCase => {
      const own = blobs.filter((use) => use.caseIds.includes(candidate.caseId));
      return {
        caseId: candidate.caseId,
        lastSeq: candidate.lastSeq,
        payloads: Number(candidate.payloads),
        payloadBytes: Number(candidate.payloadBytes),
        blobs: own.length,
        blobBytes: own.reduce((sum, use) => sum + use.size, 0),
      };
    })
    .filter((planned) => planned.payloads > 0 || planned.blobs > 0);
  return { days, cutoff, purge, blobs, waiting };
}

export interface RetentionResult {
  cases: number;
  payloads: number;
  blobs: number;
  bytes: number;
}

/** Purges what the plan names, a batch of cases per transaction; blobs leave the blob store once their rows are gone. */
export async function applyRetention(
  rows: AtRestRows,
  plan: RetentionPlan,
  store: Pick<BlobBackend, 'remove'>,
  now: Date = new Date(),
): Promise<RetentionResult> {
  const at = now.toISOString();
  const marker = JSON.stringify(purgedPayload(at));
  const result: RetentionResult = { cases: 0, payloads: 0, blobs: 0, bytes: 0 };
  const all = plan.purge.map((c) => c.caseId);
  const batchOf = new Map(all.map((caseId, index) => [caseId, Math.floor(index / BATCH)]));
  for (let start = 0; start < plan.purge.length; start += BATCH) {
    const batch = plan.purge.slice(start, start + BATCH);
    // A blob goes with the batch of the last case that refers to it: the cases before are purged by then.
    const blobs = plan.blobs.filter(
      (use) => Math.max(...use.caseIds.map((id) => batchOf.get(id) ?? Infinity)) === start / BATCH,
    );
    const forgotten = new Set(await rows.purge(batch, blobs, all, marker, at));
    // After COMMIT: a crash in between leaves a sealed blob no row names, never a row without its blob.
    for (const sha256 of forgotten) await store.remove(sha256);
    result.cases += batch.length;
    result.payloads += batch.reduce((sum, c) => sum + c.payloads, 0);
    result.blobs += forgotten.size;
    result.bytes +=
      batch.reduce((sum, c) => sum + c.payloadBytes, 0) +
      blobs.filter((use) => forgotten.has(use.sha256)).reduce((sum, use) => sum + use.size, 0);
  }
  return result;
}

/**
 * Runs the purge now and then once a day until stopped; each run's counts
 * (never a case's content) go to `report`, a failure to `fail`.
 */
export function scheduleRetention(
  run: () => Promise<RetentionResult>,
  report: (result: RetentionResult) => void,
  fail: (error: Error) => void,
): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const tick = (): void => {
    run()
      .then(report, fail)
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, DAY_MS).unref();
      });
  };
  tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
