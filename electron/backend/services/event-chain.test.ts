// The per-device event hash chain on a real SQLite database (the migrated
// schema): a day sealed as it stood is checked again after its rows were
// edited, removed or moved, as someone with the database file could. Each
// tamper is undone afterwards and the day checks clean again, so every
// problem reported is the edit's doing.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertCaseRow } from '../store/case-rows.ts';
import { openDatabase } from '../store/database.ts';
import { bindChainKeys } from './chain-keys.ts';
import {
  appendToChain,
  chainHead,
  chainLink,
  CHAIN_ORIGIN,
  checkDay,
  openDayFrom,
  sealDay,
  type ChainedEvent,
  type SealedDay,
} from './event-chain.ts';

const MONDAY = '2026-11-23';
const TUESDAY = '2026-11-24';
const WEDNESDAY = '2026-11-25';

let db: DatabaseSync;
let counter = 0;
const eventChainKey = randomBytes(32);

function addCase(caseId: string): void {
  insertCaseRow(db, {
    caseId,
    caseNo: `no-${caseId}`,
    matterId: 'KST-SI-004',
    catalogVersion: '2026.1',
    intakeRegion: '360430',
    handlingRegion: '421127',
    remoteId: 'r1',
    origin: 'intake',
    status: 1,
    subState: 'queued',
    syncState: 'queued',
    applicantMaskedName: '张*',
    applicantMaskedId: '1101**********232X',
    applicantIdKind: 'resident_id',
    priority: false,
    clerkUserId: 'u1',
    receivedAt: '2026-11-23T01:00:00Z',
    receivedDay: MONDAY,
    promisedDeadline: null,
    statutoryDeadline: null,
    deadlineProvisional: false,
    deadlineUnit: 'working_days',
    acceptanceDeadline: null,
    contentHash: 'h',
    detailEnc: 'enc',
    updatedAt: 'now',
  });
}

/** Writes an event row and its link, as writeEvent does inside its transaction. */
function record(caseId: string, type: string, day: string): ChainedEvent {
  counter++;
  const event: ChainedEvent = {
    event_id: `e${counter}`,
    case_id: caseId,
    case_seq: counter,
    type,
    payload_enc: `ciphertext-${counter}`,
    actor_user_id: 'u1',
    actor_role: 'intake_clerk',
    device_id: 'd1',
    occurred_at: `${day}T02:0${counter % 10}:00.000Z`,
    content_hash: createHash('sha256').update(`event ${counter}`).digest('hex'),
  };
  db.prepare(
    `INSERT INTO case_events (event_id, case_id, case_seq, type, payload_enc, actor_user_id, actor_role, device_id,
       occurred_at, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    event.event_id,
    event.case_id,
    event.case_seq,
    event.type,
    event.payload_enc,
    event.actor_user_id,
    event.actor_role,
    event.device_id,
    event.occurred_at,
    event.content_hash,
  );
  appendToChain(db, event, day);
  return event;
}

let monday: ChainedEvent[];
let sealedMonday: SealedDay;

beforeEach(() => {
  counter = 0;
  ({ db } = openDatabase(':memory:'));
  bindChainKeys(db, { eventChain: eventChainKey, auditChain: randomBytes(32) });
  db.exec(`
    INSERT INTO users VALUES ('u1', 'clerk', '李受理', 'hash', '["intake_clerk"]', 1, 0, NULL, 'now', 'now');
    INSERT INTO remotes (remote_id, region_code, created_at) VALUES ('r1', '421127', 'now');
  `);
  addCase('c1');
  addCase('c2');
  monday = [
    record('c1', 'case.received', MONDAY),
    record('c1', 'case.materials_checked', MONDAY),
    record('c2', 'case.received', MONDAY),
    record('c1', 'case.note_added', MONDAY),
  ];
  sealedMonday = sealDay(db, MONDAY);
});
afterEach(() => db.close());

const update = (sql: string, ...params: (string | number)[]) => db.prepare(sql).run(...params);

describe('the chain as written', () => {
  it('links each event to the one before, from the origin, in the order recorded', () => {
    const links = db.prepare('SELECT seq, event_id, day, hash FROM event_chain ORDER BY seq').all() as {
      seq: number;
      event_id: string;
      day: string;
      hash: string;
    }[];
    let previous = CHAIN_ORIGIN;
    for (const [index, link] of links.entries()) {
      const event = monday[index]!;
      // The link is an HMAC under the chain key over the previous link and every stored column it covers.
      const expected = createHmac('sha256', eventChainKey)
        .update(
          JSON.stringify([
            previous,
            event.event_id,
            event.case_id,
            event.case_seq,
            event.type,
            event.payload_enc,
            event.actor_user_id,
            event.actor_role,
            event.device_id,
            event.occurred_at,
            event.content_hash,
          ]),
        )
        .digest('hex');
      expect(link).toEqual({ seq: index + 1, event_id: event.event_id, day: MONDAY, hash: expected });
      // Not what the plain SHA-256 of the same fields gives: without the key it cannot be recomputed.
      expect(chainLink(previous, event)).not.toBe(expected);
      previous = expected;
    }
    expect(chainHead(db)).toBe(previous);
  });

  it("seals a day's range, count and last link; an empty day carries the link before it", () => {
    const links = db.prepare('SELECT seq, hash FROM event_chain ORDER BY seq').all() as {
      seq: number;
      hash: string;
    }[];
    expect(sealedMonday).toEqual({ firstSeq: 1, lastSeq: 4, events: 4, hash: links[3]!.hash });
    expect(sealDay(db, '2026-11-22')).toEqual({ firstSeq: null, lastSeq: null, events: 0, hash: CHAIN_ORIGIN });
    expect(sealDay(db, TUESDAY)).toEqual({ firstSeq: null, lastSeq: null, events: 0, hash: links[3]!.hash });
  });
});

describe('checking a sealed day', () => {
  it('reports nothing for an untouched day, nor for events recorded after the close on later days', () => {
    expect(checkDay(db, MONDAY, sealedMonday)).toEqual([]);
    record('c1', 'case.originals_dispatched', TUESDAY);
    record('c2', 'case.note_added', WEDNESDAY);
    expect(checkDay(db, MONDAY, sealedMonday)).toEqual([]);
    // A closed empty day stays clean as later days fill.
    const emptyTuesday = { firstSeq: null, lastSeq: null, events: 0, hash: chainHead(db) };
    expect(checkDay(db, '2026-11-28', emptyTuesday)).toEqual([]);
  });

  it('files an event recorded on a closed day under the next day not closed, leaving the closed day clean', () => {
    const close = (day: string, sealed: SealedDay) =>
      db
        .prepare(
          `INSERT INTO day_closes (day, closed_at, user_id, first_seq, last_seq, events, chain_hash, summary,
             comments_enc, signature) VALUES (?, 'now', 'u1', ?, ?, ?, ?, '{}', 'enc', 'sig')`,
        )
        .run(day, sealed.firstSeq, sealed.lastSeq, sealed.events, sealed.hash);
    close(MONDAY, sealedMonday);
    expect(openDayFrom(db, MONDAY)).toBe(TUESDAY);
    const late = record('c1', 'case.note_added', MONDAY);
    close(TUESDAY, sealDay(db, TUESDAY));
    const later = record('c2', 'case.note_added', MONDAY);
    const dayOf = (eventId: string) =>
      (db.prepare('SELECT day FROM event_chain WHERE event_id = ?').get(eventId) as { day: string }).day;
    expect([dayOf(late.event_id), dayOf(later.event_id)]).toEqual([TUESDAY, WEDNESDAY]);
    expect(checkDay(db, MONDAY, sealedMonday)).toEqual([]);
    // Across the end of a month and a year.
    close('2026-12-31', sealDay(db, '2026-12-31'));
    expect(openDayFrom(db, '2026-12-31')).toBe('2027-01-01');
    expect(openDayFrom(db, WEDNESDAY)).toBe(WEDNESDAY);
  });

  it.each([
    ['type', 'case.accepted'],
    ['occurred_at', '2026-11-23T09:59:00.000Z'],
    ['payload_enc', 'another-ciphertext'],
    ['content_hash', 'f'.repeat(64)],
    ['actor_user_id', 'u2'],
    ['actor_role', 'supervisor'],
    ['case_seq', 99],
    ['device_id', 'd2'],
  ])('reports an event whose %s was changed, and only that event', (column, value) => {
    const target = monday[1]!;
    const original = target[column as keyof ChainedEvent];
    update(`UPDATE case_events SET ${column} = ? WHERE event_id = ?`, value, target.event_id);
    expect(checkDay(db, MONDAY, sealedMonday)).toEqual([
      { kind: 'changed', eventId: target.event_id, caseId: target.case_id },
    ]);
    update(`UPDATE case_events SET ${column} = ? WHERE event_id = ?`, original, target.event_id);
    expect(checkDay(db, MONDAY, sealedMonday)).toEqual([]);
  });

  it("reports a change to the day's last event", () => {
    const last = monday[3]!;
    update('UPDATE case_events SET payload_enc = ? WHERE event_id = ?', 'edited', last.event_id);
    expect(checkDay(db, MONDAY, sealedMonday)).toEqual([{ kind: 'changed', eventId: last.event_id, caseId: 'c1' }]);
  });

  it('reports a removed event row as missing, by its link', () => {
    const removed = monday[2]!;
    db.exec('PRAGMA foreign_keys = OFF');
    update('DELETE FROM case_events WHERE event_id = ?', removed.event_id);
    expect(checkDay(db, MONDAY, sealedMonday)).toEqual([{ kind: 'missing', eventId: removed.event_id, caseId: null }]);
  });

  it('reports a removed link: one fewer than sealed, and the next link no longer follows', () => {
    update('DELETE FROM event_chain WHERE event_id = ?', monday[1]!.event_id);
    expect(checkDay(db, MONDAY, sealedMonday)).toEqual([
      { kind: 'changed', eventId: monday[2]!.event_id, caseId: 'c2' },
      { kind: 'missing', eventId: null, caseId: null },
    ]);
  });

  it("reports the day's last link removed (with its event) as missing", () => {
    db.exec('PRAGMA foreign_keys = OFF');
    update('DELETE FROM case_events WHERE event_id = ?', monday[3]!.event_id);
    update('DELETE FROM event_chain WHERE event_id = ?', monday[3]!.event_id);
    expect(checkDay(db, MONDAY, sealedMonday)).toEqual([{ kind: 'missing', eventId: null, caseId: null }]);
  });

  it('reports a later link slipped into the closed day by editing its day column', () => {
    const later = record('c2', 'case.note_added', TUESDAY);
    update('UPDATE event_chain SET day = ? WHERE event_id = ?', MONDAY, later.event_id);
    expect(checkDay(db, MONDAY, sealedMonday)).toEqual([{ kind: 'added', eventId: later.event_id, caseId: 'c2' }]);
    // And a sealed link moved out of its day is missing there.
    update('UPDATE event_chain SET day = ? WHERE event_id = ?', TUESDAY, later.event_id);
    update('UPDATE event_chain SET day = ? WHERE event_id = ?', TUESDAY, monday[3]!.event_id);
    expect(checkDay(db, MONDAY, sealedMonday)).toEqual([{ kind: 'missing', eventId: null, caseId: null }]);
  });

  it('reports a link slipped into a day that was closed empty', () => {
    const emptyTuesday = sealDay(db, TUESDAY);
    const later = record('c1', 'case.note_added', WEDNESDAY);
    update('UPDATE event_chain SET day = ? WHERE event_id = ?', TUESDAY, later.event_id);
    expect(checkDay(db, TUESDAY, emptyTuesday)).toEqual([{ kind: 'added', eventId: later.event_id, caseId: 'c1' }]);
  });

  it('catches an edit whose links were all recomputed without the key: no link follows', () => {
    // Someone who knows the link formula, but not the key, edits an event and rewrites every link.
    update(
      'UPDATE case_events SET occurred_at = ? WHERE event_id = ?',
      '2026-11-23T11:00:00.000Z',
      monday[1]!.event_id,
    );
    let previous = CHAIN_ORIGIN;
    for (const row of db
      .prepare(
        `SELECT l.seq, e.event_id, e.case_id, e.case_seq, e.type, e.payload_enc, e.actor_user_id, e.actor_role,
           e.device_id, e.occurred_at, e.content_hash FROM event_chain l JOIN case_events e USING (event_id)
         ORDER BY l.seq`,
      )
      .all() as unknown as (ChainedEvent & { seq: number })[]) {
      previous = chainLink(previous, row);
      update('UPDATE event_chain SET hash = ? WHERE seq = ?', previous, row.seq);
    }
    expect(checkDay(db, MONDAY, sealedMonday)).toEqual(
      monday.map((e) => ({ kind: 'changed', eventId: e.event_id, caseId: e.case_id })),
    );
  });
});
