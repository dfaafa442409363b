// Taking in the server's events: long-polling while this device has nothing
// to send, checking each new event's signature against the keys the server
// vouches for, applying each batch with the new cursor in one transaction
// (what fails its check to quarantine instead), then fetching the files the
// batch named.
import type { PulledEvent } from '../../../shared/sync/protocol.ts';
import { applyPulledEvent } from './apply.ts';
import { fetchBlobs } from './blob-transfer.ts';
import { transaction, type SyncContext } from './context.ts';
import type { RemoteClient } from './remote-client.ts';
import { learnPartyKeys } from './party-keys.ts';
import { remoteRow } from './remotes.ts';
import { pulledEventRefusal, quarantinePulled } from './verify-pulled.ts';

/** How long the server may hold a pull open when there is nothing to send. */
const PULL_WAIT_SECONDS = 25;

/** Pulls until the server has nothing more; with events waiting to go out, one batch only, so they are not held up. */
export async function pull(
  ctx: SyncContext,
  remoteId: string,
  client: RemoteClient,
  signal: AbortSignal,
  waitSeconds = PULL_WAIT_SECONDS,
): Promise<void> {
  for (;;) {
    const remote = remoteRow(ctx.db, remoteId)!;
    const outboxEmpty = !ctx.db.prepare('SELECT 1 FROM outbox_events WHERE remote_id = ? LIMIT 1').get(remoteId);
    const { events, cursor } = await client.pull(remote.pull_cursor, outboxEmpty ? waitSeconds : 0, signal);
    await learnPartyKeys(ctx.db, remoteId, client, events, signal);
    const changed = applyPulled(ctx, remoteId, events, cursor);
    if (changed.length > 0) ctx.onCasesChanged(changed);
    await fetchBlobs(ctx, remoteId, client, signal);
    if (events.length === 0 || !outboxEmpty) return;
  }
}

/** Applies a batch and moves the cursor past it together, so a crash never skips nor half-applies one. */
function applyPulled(ctx: SyncContext, remoteId: string, events: PulledEvent[], cursor: number): string[] {
  const { db } = ctx;
  const changed = new Set<string>();
  const applied = db.prepare('SELECT 1 FROM case_events WHERE event_id = ?');
  const quarantined = db.prepare('SELECT 1 FROM pulled_quarantine WHERE event_id = ?');
  transaction(db, () => {
    for (const event of events) {
      if (applied.get(event.eventId) === undefined) {
        if (quarantined.get(event.eventId) !== undefined) continue;
        const refusal = pulledEventRefusal(db, remoteId, event);
        if (refusal) {
          quarantinePulled(db, ctx.keys, remoteId, event, refusal);
          continue;
        }
      }
      const caseId = applyPulledEvent(db, ctx.keys, event);
      if (caseId) changed.add(caseId);
    }
    db.prepare('UPDATE remotes SET pull_cursor = max(pull_cursor, ?) WHERE remote_id = ?').run(cursor, remoteId);
  });
  return [...changed];
}
