// Sending the outbox's events: in order within each case, several cases'
// batches at once, and what the server said about each written back in one
// transaction. Each event carries its device's signature over its content
// hash. A refused event goes to quarantine with its reason and blocks only its
// own case.
import type { Role } from '../../../shared/auth/permissions.ts';
import { blobRefsOf } from '../../../shared/case/events.ts';
import type { PushResult, WireEvent } from '../../../shared/sync/protocol.ts';
import { contentHash } from '../../../shared-node/event-hash.ts';
import { decryptText } from '../crypto/fields.ts';
import { inParallel, transaction, type SyncContext } from './context.ts';
import { RemoteError, type RemoteClient } from './remote-client.ts';
import { signEvent } from './signing.ts';

const PUSH_BATCH = 100;
/** Pushes in flight at once: enough to keep the link and the server busy, few enough to stay polite. */
export const PUSH_CONCURRENCY = 4;

interface OutboxEventRow {
  event_id: string;
  case_id: string;
  type: string;
  payload_enc: string;
  actor_user_id: string;
  actor_role: Role;
  device_id: string;
  occurred_at: string;
  content_hash: string;
  signature: string | null;
}

/** The files an event refers to, which the server must hold before it takes the event. */
export function blobsOf(type: string, payload: unknown): string[] {
  return blobRefsOf(type, payload).map((ref) => ref.sha256);
}

/**
 * Push batches that can go at the same time: each case's events of the window
 * in one batch, in order, so no case has two batches in flight. A case with
 * more events than a batch holds is sent alone, one batch after the other.
 */
export function byCase<T extends { case_id: string }>(rows: readonly T[], size: number): T[][] {
  const cases = new Map<string, T[]>();
  for (const row of rows) cases.set(row.case_id, [...(cases.get(row.case_id) ?? []), row]);
  if ([...cases.values()].some((events) => events.length > size)) return [rows.slice(0, size)];
  const batches: T[][] = [];
  for (const events of cases.values()) {
    const last = batches.at(-1);
    if (last && last.length + events.length <= size) last.push(...events);
    else batches.push([...events]);
  }
  return batches;
}

/**
 * The event's signature as it goes out. An event recorded before events were
 * signed is signed now, on its way out — the only way it leaves the device —
 * and only when its content still has the hash it was recorded with: this
 * device never signs what it did not make. One that does not match goes
 * unsigned, and the server refuses it for its hash.
 */
function signatureOf(ctx: SyncContext, event: WireEvent, recorded: string | null): string | undefined {
  if (recorded !== null) return recorded;
  if (contentHash(event) !== event.contentHash) return undefined;
  const signature = signEvent(ctx.db, ctx.keys.fields, event.contentHash);
  ctx.db
    .prepare('UPDATE case_events SET signature = ? WHERE event_id = ? AND signature IS NULL')
    .run(signature, event.eventId);
  return signature;
}

function wireEvent(ctx: SyncContext, row: OutboxEventRow): WireEvent & { signature?: string } {
  const payload = JSON.parse(
    decryptText(ctx.keys.fields, row.payload_enc, `case_events.payload:${row.event_id}`),
  ) as unknown;
  const event: WireEvent = {
    eventId: row.event_id,
    caseId: row.case_id,
    type: row.type as WireEvent['type'],
    payload,
    actor: { userId: row.actor_user_id, role: row.actor_role },
    deviceId: row.device_id,
    occurredAt: row.occurred_at,
    contentHash: row.content_hash,
    blobs: blobsOf(row.type, payload),
  };
  const signature = signatureOf(ctx, event, row.signature);
  return signature === undefined ? event : { ...event, signature };
}

/** Sends the remote's outbox of events until it is empty, skipping cases in quarantine. */
export async function pushEvents(
  ctx: SyncContext,
  remoteId: string,
  client: RemoteClient,
  signal: AbortSignal,
): Promise<void> {
  const window = ctx.db.prepare(
    `SELECT o.event_id, e.case_id, e.type, e.payload_enc, e.actor_user_id, e.actor_role, e.device_id, e.occurred_at,
       e.content_hash, e.signature
     FROM outbox_events o JOIN case_events e USING (event_id)
     WHERE o.remote_id = ? AND NOT EXISTS (SELECT 1 FROM quarantine q WHERE q.case_id = e.case_id)
     ORDER BY o.enqueued_at, e.case_id, e.case_seq LIMIT ${PUSH_BATCH * PUSH_CONCURRENCY}`,
  );
  for (;;) {
    const rows = window.all(remoteId) as unknown as OutboxEventRow[];
    if (rows.length === 0) return;
    await inParallel(byCase(rows, PUSH_BATCH), PUSH_CONCURRENCY, async (batch) => {
      const events = batch.map((row) => wireEvent(ctx, row));
      const results = await client.push(events, signal);
      settle(ctx, remoteId, events, results);
    });
  }
}

/** What the server said about each event, written in one transaction. */
function settle(ctx: SyncContext, remoteId: string, events: WireEvent[], results: PushResult[]): void {
  const { db } = ctx;
  const now = new Date().toISOString();
  const cases = new Set(events.map((e) => e.caseId));
  const quarantine = db.prepare(
    `INSERT OR REPLACE INTO quarantine (event_id, remote_id, case_id, reason, detail, winner_event_id, winner_type,
       quarantined_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const accepted = db.prepare('UPDATE case_events SET server_seq = ? WHERE event_id = ?');
  const sent = db.prepare('DELETE FROM outbox_events WHERE remote_id = ? AND event_id = ?');
  // "Still in an outbox" through the case's events (indexed by case) and the outbox's key (remote, event):
  // outbox_events has no index on case_id, and a scan of it per case made settling a big backlog quadratic.
  const queued = `EXISTS (SELECT 1 FROM case_events qe JOIN outbox_events qo
      ON qo.remote_id IN (SELECT remote_id FROM remotes) AND qo.event_id = qe.event_id AND qo.case_id = qe.case_id
      WHERE qe.case_id = ?1)`;
  const caseState = db.prepare(
    `UPDATE cases SET sync_state = CASE
       WHEN EXISTS (SELECT 1 FROM quarantine WHERE case_id = ?1) THEN 'quarantined'
       WHEN ${queued} THEN 'queued'
       ELSE 'synced' END,
     sub_state = CASE WHEN sub_state = 'queued' AND NOT ${queued}
       AND NOT EXISTS (SELECT 1 FROM quarantine WHERE case_id = ?1) THEN 'sent' ELSE sub_state END,
     updated_at = ?2
     WHERE case_id = ?1`,
  );
  transaction(db, () => {
    results.forEach((result, index) => {
      const event = events[index]!;
      if (result.eventId !== event.eventId) throw new RemoteError('protocol', 'The server answered out of order.');
      if (result.status === 'refused') {
        quarantine.run(
          event.eventId,
          remoteId,
          event.caseId,
          result.reason,
          result.detail ?? null,
          result.winner?.eventId ?? null,
          result.winner?.type ?? null,
          now,
        );
      } else {
        accepted.run(result.serverSeq, event.eventId);
      }
      sent.run(remoteId, event.eventId);
    });
    for (const caseId of cases) caseState.run(caseId, now);
  });
  ctx.onCasesChanged([...cases]);
  ctx.onStatus();
}
