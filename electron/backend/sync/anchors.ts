// Anchors: the head of each closed day (日结), signed with the device key and
// kept by every exchange server this device is enrolled at, where the
// device's own database cannot reach it. After its events, each sync pass
// sends the closes a server does not have yet; the supervisor's check reads
// the servers' copies back and compares each closed day with them: intact,
// altered here, not yet anchored, or no server could be asked.
import { sign, verify, type KeyObject } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import type { AnchorState, AnchorCheck } from '../../../shared/rpc/methods/day-close.ts';
import { anchorSigningText, MAX_PUSH_ANCHORS, type Anchor } from '../../../shared/sync/protocol.ts';
import { closeSignatureHolds, publicKeyFrom, spkiOf, type CloseRecord } from '../services/day-close-signature.ts';
import { checkDay } from '../services/event-chain.ts';
import { log } from '../log.ts';
import type { RemoteClient } from './remote-client.ts';
import { clientFor, enrolledRemoteIds, remoteRow } from './remotes.ts';
import type { DeviceKeyPair } from './signing.ts';

/** How long the supervisor's check waits for a server before calling it unreachable. */
const CHECK_TIMEOUT_MS = 8000;

type StoredClose = Omit<CloseRecord, 'display_name'>;

function localDeviceId(db: DatabaseSync): string | null {
  return (
    (db.prepare('SELECT device_id FROM device WHERE singleton = 1').get() as { device_id: string } | undefined)
      ?.device_id ?? null
  );
}

/** A close as it stands holds: its signature under the device's own key, and its day's links. */
function closeHolds(db: DatabaseSync, close: StoredClose, publicKey: KeyObject): boolean {
  const sealed = { firstSeq: close.first_seq, lastSeq: close.last_seq, events: close.events, hash: close.chain_hash };
  return closeSignatureHolds(close, publicKey) && checkDay(db, close.day, sealed).length === 0;
}

export function anchorFor(close: StoredClose, deviceId: string, privateKey: KeyObject): Anchor {
  const head = {
    day: close.day,
    chainHead: close.chain_hash,
    events: close.events,
    auditSeq: close.audit_seq,
    auditHead: close.audit_hash,
    deviceId,
  };
  return { ...head, signature: sign(null, Buffer.from(anchorSigningText(head)), privateKey).toString('base64') };
}

/**
 * Sends the remote the closes it has not had, oldest first. A close that no
 * longer holds here is never anchored (the server would keep what someone
 * else wrote); it is noted as refused here and shows broken on the screen.
 */
export async function pushAnchors(
  db: DatabaseSync,
  deviceKey: DeviceKeyPair,
  remoteId: string,
  client: RemoteClient,
  signal: AbortSignal,
): Promise<void> {
  const deviceId = localDeviceId(db);
  if (!deviceId) return;
  const pending = db.prepare(
    `SELECT * FROM day_closes d WHERE NOT EXISTS (SELECT 1 FROM anchor_pushes p WHERE p.remote_id = ? AND p.day = d.day)
     ORDER BY d.day LIMIT ${MAX_PUSH_ANCHORS}`,
  );
  const note = db.prepare(
    `INSERT OR REPLACE INTO anchor_pushes (remote_id, day, status, reason, pushed_at) VALUES (?, ?, ?, ?, ?)`,
  );
  const publicKey = publicKeyFrom(spkiOf(deviceKey.privateKey));
  for (;;) {
    const closes = pending.all(remoteId) as unknown as StoredClose[];
    if (closes.length === 0) return;
    const now = new Date().toISOString();
    const holding = closes.filter((close) => {
      if (closeHolds(db, close, publicKey)) return true;
      note.run(remoteId, close.day, 'refused', 'broken_locally', now);
      return false;
    });
    if (holding.length === 0) continue;
    const results = await client.pushAnchors(
      holding.map((close) => anchorFor(close, deviceId, deviceKey.privateKey)),
      signal,
    );
    for (const result of results) {
      note.run(remoteId, result.day, result.status, result.status === 'refused' ? result.reason : null, now);
      if (result.status === 'refused') log.warn('sync.anchor_refused', { remoteId, reason: result.reason });
    }
  }
}

type ServerView =
  | { reachable: false }
  | { reachable: true; publicKey: string; highestDay: string | null; anchors: Map<string, Anchor> };

async function serverView(
  db: DatabaseSync,
  remoteId: string,
  privateKey: KeyObject,
  from: string,
  to: string,
): Promise<ServerView> {
  const remote = remoteRow(db, remoteId);
  if (!remote?.url || !remote.server_device_id) return { reachable: false };
  try {
    const client = clientFor({ ...remote, url: remote.url, server_device_id: remote.server_device_id }, privateKey);
    const kept = await client.anchors(from, to, AbortSignal.timeout(CHECK_TIMEOUT_MS));
    return { reachable: true, ...kept, anchors: new Map(kept.anchors.map((a) => [a.day, a])) };
  } catch (error) {
    log.warn('sync.anchor_check_failed', { remoteId, error: error instanceof Error ? error.name : 'unknown' });
    return { reachable: false };
  }
}

/** One server's word on one day; null when it has no anchor of the day. */
function judge(
  db: DatabaseSync,
  day: string,
  close: StoredClose | undefined,
  view: Extract<ServerView, { reachable: true }>,
): 'intact' | 'altered' | null {
  const anchor = view.anchors.get(day);
  if (!anchor) return null;
  // A close removed here that the server holds is history rewritten.
  if (!close) return 'altered';
  let serverKey: KeyObject;
  try {
    serverKey = publicKeyFrom(view.publicKey);
  } catch {
    return 'altered';
  }
  const anchorSigned = verify(
    null,
    Buffer.from(anchorSigningText(anchor)),
    serverKey,
    Buffer.from(anchor.signature, 'base64'),
  );
  const sameHead =
    close.chain_hash === anchor.chainHead &&
    close.events === anchor.events &&
    close.audit_seq === anchor.auditSeq &&
    close.audit_hash === anchor.auditHead;
  // The audit log must still hold the entry the close signed as its head.
  const auditHolds =
    anchor.auditSeq === null ||
    anchor.auditSeq === 0 ||
    (db.prepare('SELECT hash FROM audit_log WHERE seq = ?').get(anchor.auditSeq) as { hash: string } | undefined)
      ?.hash === anchor.auditHead;
  // The day's links as they stand now must still end at the head the server keeps.
  const sealed = { firstSeq: close.first_seq, lastSeq: close.last_seq, events: anchor.events, hash: anchor.chainHead };
  const linksHold = checkDay(db, day, sealed).length === 0;
  const holds = anchorSigned && sameHead && linksHold && auditHolds;
  return holds && closeSignatureHolds(close, serverKey) ? 'intact' : 'altered';
}

/**
 * Every closed day of the last `limit` (and every day a server anchored in
 * that span) against each enrolled server's copy. A server's word that the
 * day differs outweighs another's that it agrees.
 */
export async function checkAnchors(db: DatabaseSync, deviceKey: DeviceKeyPair, limit: number): Promise<AnchorCheck> {
  const closes = db
    .prepare('SELECT * FROM day_closes ORDER BY day DESC LIMIT ?')
    .all(limit) as unknown as StoredClose[];
  const removed = (
    db
      .prepare(
        `SELECT DISTINCT target AS day FROM audit_log WHERE action = 'day.close' AND target IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM day_closes d WHERE d.day = target) ORDER BY target DESC LIMIT ?`,
      )
      .all(limit) as { day: string }[]
  ).map((r) => r.day);
  const byDay = new Map(closes.map((c) => [c.day, c]));
  const localDays = [...byDay.keys(), ...removed].sort();
  const from = localDays[0] ?? '0000-01-01';
  const to = '9999-12-31';
  const remoteIds = enrolledRemoteIds(db);
  const views = await Promise.all(remoteIds.map((id) => serverView(db, id, deviceKey.privateKey, from, to)));
  const reachable = views.filter((v): v is Extract<ServerView, { reachable: true }> => v.reachable);
  const mine = spkiOf(deviceKey.privateKey);
  const days = new Set(localDays);
  for (const view of reachable) for (const day of view.anchors.keys()) days.add(day);
  const state = (day: string): AnchorState => {
    const words = reachable.map((view) => judge(db, day, byDay.get(day), view));
    if (words.includes('altered')) return 'altered';
    if (words.includes('intact')) return 'intact';
    if (reachable.length > 0 || remoteIds.length === 0) return 'not_anchored';
    return 'unreachable';
  };
  return {
    servers: remoteIds.map((remoteId, index) => {
      const view = views[index]!;
      const remote = remoteRow(db, remoteId);
      return {
        name: remote?.name ?? remote?.region_code ?? remoteId,
        reachable: view.reachable,
        keyMatches: view.reachable ? view.publicKey === mine : null,
        highestDay: view.reachable ? view.highestDay : null,
      };
    }),
    days: [...days]
      .sort()
      .reverse()
      .slice(0, limit)
      .map((day) => ({ day, state: state(day) })),
  };
}
