// An announced recovery: a device restored from a backup tells each server
// where it stands and from which backup, then takes back from the server what
// the backup lacks — its own events pushed after the backup and the others'
// events since — before it syncs as usual. A case this window took in after
// the backup comes back whole from its own case.received. What the server
// never got is lost for good; it still counts in the device's position, so
// the position never goes down.
import type { DatabaseSync } from 'node:sqlite';
import { blobRefsOf, type CaseReceivedPayload } from '../../../shared/case/events.ts';
import { recoveryResponse } from '../../../shared/sync/positions.ts';
import type { PulledEvent } from '../../../shared/sync/protocol.ts';
import type { DeviceKeys } from '../crypto/keys.ts';
import { log } from '../log.ts';
import { audit } from '../services/audit.ts';
import { attachBlobs } from '../services/case-events.ts';
import { getSetting, setSetting } from '../store/settings.ts';
import { applyPulledEvent, caseFromReceived } from './apply.ts';
import { learnPartyKeys } from './party-keys.ts';
import { pulledEventRefusal, quarantinePulled } from './verify-pulled.ts';
import { fetchBlobs } from './blob-transfer.ts';
import { transaction, type SyncContext } from './context.ts';
import { RemoteError, type RemoteClient } from './remote-client.ts';
import { enrolledRemoteIds, remoteRow } from './remotes.ts';
import { OWN_EVENTS_OFFSET_KEY, ownPosition } from './rollback-position.ts';

/** Set by a restore in the restored database; cleared once every remote has heard of the recovery. */
export const RECOVERY_PENDING_KEY = 'recovery.pending';

export interface PendingRecovery {
  backupAt: string;
  /** Remotes that have heard of it and given back what the backup lacked. */
  done: string[];
}

export function pendingRecovery(db: DatabaseSync): PendingRecovery | null {
  const raw = getSetting(db, RECOVERY_PENDING_KEY);
  if (raw === undefined) return null;
  const parsed = JSON.parse(raw) as Partial<PendingRecovery>;
  return { backupAt: String(parsed.backupAt), done: parsed.done ?? [] };
}

export async function recoverAtRemote(
  ctx: SyncContext,
  remoteId: string,
  client: RemoteClient,
  signal: AbortSignal,
  backupAt: string,
): Promise<void> {
  const { db } = ctx;
  const restored = ownPosition(db);
  const answer = await client.postJson('/devices/recovery', { ownEvents: restored, backupAt }, signal);
  const parsed = recoveryResponse.safeParse(answer.ok ? JSON.parse(answer.body.toString('utf8')) : undefined);
  if (!parsed.success) {
    throw new RemoteError('http', `The server answered ${answer.status} to the recovery.`, answer.status);
  }
  const ownDevice = (db.prepare('SELECT device_id FROM device').get() as { device_id: string }).device_id;
  for (;;) {
    const { events, cursor } = await client.pull(remoteRow(db, remoteId)!.pull_cursor, 0, signal);
    // What comes back, this device's own events included, is checked as any pulled event is.
    await learnPartyKeys(db, remoteId, client, events, signal);
    const changed = new Set<string>();
    const applied = db.prepare('SELECT 1 FROM case_events WHERE event_id = ?');
    transaction(db, () => {
      for (const event of events) {
        if (applied.get(event.eventId) === undefined) {
          const refusal = pulledEventRefusal(db, remoteId, event);
          if (refusal) {
            quarantinePulled(db, ctx.keys, remoteId, event, refusal);
            continue;
          }
        }
        const caseId = reopenOwnCase(db, ctx.keys, remoteId, ownDevice, event) ?? applyPulledEvent(db, ctx.keys, event);
        if (caseId) changed.add(caseId);
      }
      db.prepare('UPDATE remotes SET pull_cursor = max(pull_cursor, ?) WHERE remote_id = ?').run(cursor, remoteId);
    });
    if (changed.size > 0) ctx.onCasesChanged([...changed]);
    if (events.length === 0) break;
  }
  await fetchBlobs(ctx, remoteId, client, signal);
  transaction(db, () => {
    const now = ownPosition(db);
    const lost = Math.max(0, parsed.data.highestSeen - now);
    if (lost > 0) {
      const offset = Number(getSetting(db, OWN_EVENTS_OFFSET_KEY) ?? 0);
      setSetting(db, OWN_EVENTS_OFFSET_KEY, String(offset + lost));
    }
    audit(db, {
      userId: null,
      action: 'sync.recovered',
      target: remoteId,
      detail: { backupAt, restored, highestSeen: parsed.data.highestSeen, recovered: now - restored, lost },
    });
    const pending = pendingRecovery(db);
    const done = [...new Set([...(pending?.done ?? []), remoteId])];
    if (enrolledRemoteIds(db).every((id) => done.includes(id)))
      db.prepare('DELETE FROM settings WHERE key = ?').run(RECOVERY_PENDING_KEY);
    else setSetting(db, RECOVERY_PENDING_KEY, JSON.stringify({ backupAt, done }));
  });
  log.info('sync.recovered', { remoteId, restored, highestSeen: parsed.data.highestSeen });
  ctx.onStatus();
}

/**
 * A case this window took in after the backup: its case.received, pulled
 * back, makes the case row again as the intake did (origin intake, already
 * on the server), and the day's case-number counter moves past it so a new
 * case never takes its number. Null for any other event.
 */
function reopenOwnCase(
  db: DatabaseSync,
  keys: DeviceKeys,
  remoteId: string,
  ownDevice: string,
  event: PulledEvent,
): string | null {
  if (event.type !== 'case.received' || event.deviceId !== ownDevice) return null;
  if (db.prepare('SELECT 1 FROM cases WHERE case_id = ?').get(event.caseId)) return null;
  if (db.prepare('SELECT 1 FROM case_events WHERE event_id = ?').get(event.eventId)) return null;
  caseFromReceived(db, keys, event, {
    remoteId,
    origin: 'intake',
    status: 1,
    subState: 'sent',
    // A clerk whose account was made after the copy is not known here: the event still names them.
    clerkUserId: db.prepare('SELECT 1 FROM users WHERE user_id = ?').get(event.actor.userId)
      ? event.actor.userId
      : null,
  });
  attachBlobs(db, event.caseId, remoteId, blobRefsOf(event.type, event.payload), 'fetch', event.receivedAt);
  const match = /^\d{6}-(\d{8})-(\d{2})(\d{4})-/.exec((event.payload as CaseReceivedPayload).caseNo);
  if (match) {
    db.prepare(
      `INSERT INTO case_no_counters (day, window_no, last_seq) VALUES (?1, ?2, ?3)
       ON CONFLICT (day, window_no) DO UPDATE SET last_seq = max(last_seq, ?3)`,
    ).run(match[1]!, match[2]!, Number(match[3]));
  }
  return event.caseId;
}
