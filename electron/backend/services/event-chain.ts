// Every case event this device records — made here or pulled from a server —
// is a link in one hash chain, in the order recorded, under the local day it
// was recorded on. A link is an HMAC under the device's event-chain key
// (chain-keys.ts), so a changed event cannot be hidden by recomputing the
// chain from the database file alone; links made before the chains were keyed
// are re-made once at start (chain-rekey.ts). The end-of-day close signs the day's last link; checking a
// closed day recomputes its links from the stored events, so a changed,
// removed or slipped-in event shows (a changed payload changes its ciphertext,
// which the link covers). server_seq and received_at are left out: the device
// fills them in after the event is written.
import { createHash } from 'node:crypto';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { chainKeysOf, hmacHex, LINK_RULES } from './chain-keys.ts';
import { legacyThrough } from './chain-legacy.ts';

/** The columns of case_events a link covers, as stored. */
export interface ChainedEvent {
  event_id: string;
  case_id: string;
  case_seq: number;
  type: string;
  payload_enc: string;
  actor_user_id: string;
  actor_role: string;
  device_id: string;
  occurred_at: string;
  content_hash: string;
}

export const CHAINED_COLUMNS =
  'event_id, case_id, case_seq, type, payload_enc, actor_user_id, actor_role, device_id, occurred_at, content_hash';

/** The chain's start, before the first event. */
export const CHAIN_ORIGIN = '0'.repeat(64);

function linkFields(previous: string, e: ChainedEvent): unknown[] {
  return [
    previous,
    e.event_id,
    e.case_id,
    e.case_seq,
    e.type,
    e.payload_enc,
    e.actor_user_id,
    e.actor_role,
    e.device_id,
    e.occurred_at,
    e.content_hash,
  ];
}

/** The legacy rule: plain SHA-256, as links were made before the chains were keyed. */
export function chainLink(previous: string, e: ChainedEvent): string {
  return createHash('sha256')
    .update(JSON.stringify(linkFields(previous, e)))
    .digest('hex');
}

/** The keyed rule: HMAC-SHA-256 under the event-chain key. */
export function keyedChainLink(key: Buffer, previous: string, e: ChainedEvent): string {
  return hmacHex(key, linkFields(previous, e));
}

interface ChainStatements {
  head: StatementSync;
  closed: StatementSync;
  insert: StatementSync;
}

// Every event written passes here: its statements are prepared once per connection.
const statements = new WeakMap<DatabaseSync, ChainStatements>();

function prepared(db: DatabaseSync): ChainStatements {
  let s = statements.get(db);
  if (!s) {
    s = {
      head: db.prepare('SELECT hash FROM event_chain ORDER BY seq DESC LIMIT 1'),
      closed: db.prepare('SELECT 1 FROM day_closes WHERE day = ?'),
      insert: db.prepare(`INSERT INTO event_chain (event_id, day, hash, rule) VALUES (?, ?, ?, ${LINK_RULES.keyed})`),
    };
    statements.set(db, s);
  }
  return s;
}

export function chainHead(db: DatabaseSync): string {
  const row = prepared(db).head.get() as { hash: string } | undefined;
  return row?.hash ?? CHAIN_ORIGIN;
}

/**
 * The day a new link goes under: the day it was recorded, unless that day is
 * already closed (a supervisor may close the day before the window shuts, and
 * pulls go on): then the next day not closed, as business after a cut-off
 * goes to the next business day. A closed day never gains a link, so a link
 * found there outside what was signed was put there by someone else.
 */
export function openDayFrom(db: DatabaseSync, day: string): string {
  const { closed } = prepared(db);
  let open = day;
  while (closed.get(open)) {
    const next = new Date(`${open}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    open = next.toISOString().slice(0, 10);
  }
  return open;
}

/** Inside the transaction that wrote the event. */
export function appendToChain(db: DatabaseSync, event: ChainedEvent, day: string): void {
  const link = keyedChainLink(chainKeysOf(db).eventChain, chainHead(db), event);
  prepared(db).insert.run(event.event_id, openDayFrom(db, day), link);
}

export interface ChainProblem {
  kind: 'changed' | 'missing' | 'added';
  eventId: string | null;
  caseId: string | null;
}

/** What a close signs of its day: the day's links as they were then. */
export interface SealedDay {
  firstSeq: number | null;
  lastSeq: number | null;
  events: number;
  /** The day's last link; the link before the day when it has none. */
  hash: string;
}

type LinkRow = ChainedEvent & {
  seq: number;
  link_event_id: string;
  hash: string;
  rule: number;
  previous: string | null;
};

function dayLinks(db: DatabaseSync, day: string): LinkRow[] {
  return db
    .prepare(
      `SELECT l.seq, l.event_id AS link_event_id, l.hash, l.rule,
         (SELECT p.hash FROM event_chain p WHERE p.seq < l.seq ORDER BY p.seq DESC LIMIT 1) AS previous,
         ${CHAINED_COLUMNS.split(', ')
           .map((c) => `e.${c}`)
           .join(', ')}
       FROM event_chain l LEFT JOIN case_events e ON e.event_id = l.event_id
       WHERE l.day = ? ORDER BY l.seq`,
    )
    .all(day) as unknown as LinkRow[];
}

/** The day as it stands, for a close to sign. */
export function sealDay(db: DatabaseSync, day: string): SealedDay {
  const links = db.prepare('SELECT seq, hash FROM event_chain WHERE day = ? ORDER BY seq').all(day) as {
    seq: number;
    hash: string;
  }[];
  const last = links.at(-1);
  const before = db.prepare('SELECT hash FROM event_chain WHERE day < ? ORDER BY seq DESC LIMIT 1').get(day) as
    { hash: string } | undefined;
  return {
    firstSeq: links[0]?.seq ?? null,
    lastSeq: last?.seq ?? null,
    events: links.length,
    hash: last?.hash ?? before?.hash ?? CHAIN_ORIGIN,
  };
}

/**
 * Recomputes each of a day's links from the event as stored now and the link
 * before it. Against what a close sealed: links outside the sealed range were
 * slipped in, fewer links than sealed were removed, and the day's last link
 * must still be the one signed.
 */
export function checkDay(db: DatabaseSync, day: string, sealed: SealedDay): ChainProblem[] {
  const problems: ChainProblem[] = [];
  const flagged = new Set<string>();
  const flag = (kind: ChainProblem['kind'], row: LinkRow): void => {
    flagged.add(row.link_event_id);
    problems.push({ kind, eventId: row.link_event_id, caseId: row.case_id });
  };
  const inRange = (seq: number): boolean =>
    sealed.firstSeq !== null && sealed.lastSeq !== null && seq >= sealed.firstSeq && seq <= sealed.lastSeq;
  const follows = linkCheck(db);
  const links = dayLinks(db, day);
  for (const row of links) {
    if (!inRange(row.seq)) flag('added', row);
    else if (row.event_id === null) flag('missing', row);
    else if (!follows(row)) flag('changed', row);
  }
  const kept = links.filter((row) => inRange(row.seq));
  for (let n = kept.length; n < sealed.events; n++) problems.push({ kind: 'missing', eventId: null, caseId: null });
  const last = kept.at(-1);
  if (last && last.seq === sealed.lastSeq && last.hash !== sealed.hash && !flagged.has(last.link_event_id)) {
    flag('changed', last);
  }
  return problems;
}

/**
 * Whether a link follows from the one before it under the rule it names. A
 * legacy link counts only where the chain was found broken when it was to be
 * keyed (and is then checked as it was made); anywhere else a legacy rule is
 * someone recomputing the chain without the key.
 */
function linkCheck(db: DatabaseSync): (row: LinkRow) => boolean {
  const key = chainKeysOf(db).eventChain;
  const legacyUpTo = legacyThrough(db, 'events');
  return (row) => {
    const previous = row.previous ?? CHAIN_ORIGIN;
    if (row.rule === LINK_RULES.keyed) return keyedChainLink(key, previous, row) === row.hash;
    return row.rule === LINK_RULES.legacy && row.seq <= legacyUpTo && chainLink(previous, row) === row.hash;
  };
}
