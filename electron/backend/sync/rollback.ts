// Rollback detection on the device. Before each sync pass the device tells
// the server its position in its own record of events: how many events it
// has made (plus what an announced recovery could not bring back). The server
// answers device_behind when it once heard a higher number: this data folder
// is an older copy than the device once had. Then the device stops syncing
// with that remote — it sends and takes nothing — and the administrator sees
// which events are missing. The same holds for the day closes: the server
// keeps each close's anchor, so a copy that lacks a close the server holds
// is older too, even when it holds every event. A device restored from a
// backup announces the recovery instead (rollback-recover.ts).
import type { DatabaseSync } from 'node:sqlite';
import { deviceBehindResponse, positionResponse } from '../../../shared/sync/positions.ts';
import { log } from '../log.ts';
import { getSetting, setSetting } from '../store/settings.ts';
import type { SyncContext } from './context.ts';
import { RemoteError, type RemoteClient } from './remote-client.ts';
import { ownPosition } from './rollback-position.ts';
import { pendingRecovery, recoverAtRemote } from './rollback-recover.ts';

const ROLLBACK_PREFIX = 'sync.rollback:';

/** A remote this device stopped syncing with: the server saw more of its events than it holds. */
export interface RollbackState {
  remoteId: string;
  highestSeen: number;
  reported: number;
  /** Events recorded on this device that the server holds and this copy lacks. */
  missing: number;
  /** Days this device closed, anchored at the server, whose close this copy lacks. */
  missingCloses: string[];
  detectedAt: string;
}

/** An anchor day before any a device can have made: the start of the list the server is asked for. */
const FIRST_DAY = '2000-01-01';
const LAST_DAY = '9999-12-31';

/** The days this device closed and anchored at the server that this copy holds no close of. */
async function missingCloses(db: DatabaseSync, client: RemoteClient, signal: AbortSignal): Promise<string[]> {
  const { day } = db.prepare('SELECT max(day) AS day FROM day_closes').get() as { day: string | null };
  const { anchors, highestDay } = await client.anchors(day ?? FIRST_DAY, LAST_DAY, signal);
  if (highestDay === null || (day !== null && highestDay <= day)) return [];
  const held = db.prepare('SELECT 1 FROM day_closes WHERE day = ?');
  const missing = anchors.map((anchor) => anchor.day).filter((anchored) => !held.get(anchored));
  // More anchors than one answer lists: the highest alone still names the gap.
  return missing.length > 0 ? missing : [highestDay];
}

export function rollbackStates(db: DatabaseSync): RollbackState[] {
  const rows = db.prepare(`SELECT value FROM settings WHERE key LIKE '${ROLLBACK_PREFIX}%' ORDER BY key`).all() as {
    value: string;
  }[];
  return rows.map(
    (row) => ({ missingCloses: [], ...(JSON.parse(row.value) as Partial<RollbackState>) }) as RollbackState,
  );
}

/** A restore replaces the whole database: a stop recorded in the backup does not hold for it. */
export function clearRollbackStates(db: DatabaseSync): void {
  db.prepare(`DELETE FROM settings WHERE key LIKE '${ROLLBACK_PREFIX}%'`).run();
}

function parked(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/**
 * Reports the position. `behind`: what is missing when this copy is behind, null when it is not;
 * `highestSeen`: the highest count the server had heard before.
 */
async function report(
  client: RemoteClient,
  db: DatabaseSync,
  remoteId: string,
  reported: number,
  record: boolean,
  signal: AbortSignal,
): Promise<{ behind: RollbackState | null; highestSeen: number }> {
  const answer = await client.postJson('/devices/position', { ownEvents: reported, record }, signal);
  const body = answer.body.length > 0 ? (JSON.parse(answer.body.toString('utf8')) as unknown) : undefined;
  const detectedAt = new Date().toISOString();
  if (answer.status === 409) {
    const behind = deviceBehindResponse.safeParse(body);
    if (!behind.success) {
      throw new RemoteError('protocol', 'The server answered something this version does not understand.');
    }
    const { highestSeen } = behind.data;
    return {
      behind: { remoteId, highestSeen, reported, missing: highestSeen - reported, missingCloses: [], detectedAt },
      highestSeen,
    };
  }
  const seen = positionResponse.safeParse(answer.ok ? body : undefined);
  if (!seen.success) {
    throw new RemoteError('http', `The server answered ${answer.status} to the position report.`, answer.status);
  }
  // More events than once reported, yet not the ones the server got from here: a copy that went on alone.
  const held = db.prepare('SELECT 1 FROM case_events WHERE event_id = ?');
  const missing = seen.data.recentEventIds.filter((id) => !held.get(id)).length;
  const { highestSeen } = seen.data;
  return {
    behind: missing > 0 ? { remoteId, highestSeen, reported, missing, missingCloses: [], detectedAt } : null,
    highestSeen,
  };
}

/**
 * Runs before a pass. First a check, which writes nothing at the server;
 * only a device that holds what the server got from it has its count
 * recorded. True: go on. False: this remote is stopped (it has waited until
 * the runner was kicked or stopped), and nothing was sent.
 */
export async function beforeSync(
  ctx: SyncContext,
  remoteId: string,
  client: RemoteClient,
  signal: AbortSignal,
): Promise<boolean> {
  const { db } = ctx;
  if (getSetting(db, ROLLBACK_PREFIX + remoteId) !== undefined) {
    await parked(signal);
    return false;
  }
  const recovery = pendingRecovery(db);
  if (recovery && !recovery.done.includes(remoteId)) {
    await recoverAtRemote(ctx, remoteId, client, signal, recovery.backupAt);
    return true;
  }
  const reported = ownPosition(db);
  const checked = await report(client, db, remoteId, reported, false, signal);
  const closes = checked.behind ? [] : await missingCloses(db, client, signal);
  let state = checked.behind;
  if (!state && closes.length > 0) {
    state = {
      remoteId,
      highestSeen: reported,
      reported,
      missing: 0,
      missingCloses: closes,
      detectedAt: new Date().toISOString(),
    };
  }
  // Recorded only when it moved: most passes make no event of this device's own.
  if (!state && checked.highestSeen !== reported) {
    state = (await report(client, db, remoteId, reported, true, signal)).behind;
  }
  if (!state) return true;
  setSetting(db, ROLLBACK_PREFIX + remoteId, JSON.stringify(state));
  log.warn('sync.rollback_detected', {
    remoteId,
    reported,
    highestSeen: state.highestSeen,
    missing: state.missing,
    missingCloses: state.missingCloses.length,
  });
  ctx.onStatus();
  await parked(signal);
  return false;
}
