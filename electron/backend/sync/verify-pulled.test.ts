// Each reason a pulled event is refused for, against a real store and real keys.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/auth/permissions.ts';
import type { CaseEvent } from '../../../shared/case/events.ts';
import type { PulledEvent, Scope } from '../../../shared/sync/protocol.ts';
import { contentHash } from '../../../shared-node/event-hash.ts';
import { signEventHash } from '../../../shared-node/event-signature.ts';
import { openDatabase } from '../store/database.ts';
import { insertCaseRow } from '../store/case-rows.ts';
import { pulledEventRefusal } from './verify-pulled.ts';

interface Party {
  id: string;
  key: KeyObject;
}

function party(db: DatabaseSync, id: string, scope: Scope, revoked = false): Party {
  const pair = generateKeyPairSync('ed25519');
  db.prepare('INSERT INTO party_device_keys VALUES (?, ?, ?, ?, ?, ?)').run(
    'r1',
    id,
    pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    JSON.stringify(scope),
    revoked ? 1 : 0,
    'now',
  );
  return { id, key: pair.privateKey };
}

let sequence = 0;
function pulled(
  by: Party,
  type: CaseEvent['type'],
  role: Role,
  payload: unknown = {},
  caseId = 'c1',
  key: KeyObject | null = by.key,
): PulledEvent {
  sequence += 1;
  const event: CaseEvent = {
    eventId: `e${sequence}`,
    caseId,
    type,
    payload,
    actor: { userId: 'u', role },
    deviceId: 'local',
    occurredAt: 'now',
  };
  const hash = contentHash(event);
  return {
    ...event,
    contentHash: hash,
    blobs: [],
    serverSeq: sequence,
    receivedAt: 'now',
    originDeviceId: by.id,
    signature: key ? signEventHash(key, hash) : null,
  };
}

describe('a pulled event', () => {
  let db: DatabaseSync;
  let window: Party;
  let desk: Party;
  beforeEach(() => {
    db = openDatabase(':memory:').db;
    db.exec("INSERT INTO remotes (remote_id, region_code, created_at) VALUES ('r1', '421127', 'now')");
    window = party(db, 'window', { kind: 'intake', regionCode: '360430', matterIds: [] });
    desk = party(db, 'desk', { kind: 'acceptance', regionCode: '421127', matterIds: ['KST-SI-004'] });
    // An inbox case this device holds, taken in by `window`.
    insertCaseRow(db, {
      caseId: 'c1',
      caseNo: '360430-20261122-030001-5',
      matterId: 'KST-SI-004',
      catalogVersion: 'v',
      intakeRegion: '360430',
      handlingRegion: '421127',
      remoteId: 'r1',
      origin: 'inbox',
      status: 1,
      subState: 'delivered',
      syncState: 'synced',
      applicantMaskedName: '张*',
      applicantMaskedId: 'x',
      applicantIdKind: 'resident_id',
      priority: false,
      receivedAt: 'now',
      receivedDay: '2026-11-22',
      promisedDeadline: null,
      statutoryDeadline: null,
      deadlineProvisional: false,
      deadlineUnit: 'working_days',
      acceptanceDeadline: null,
      contentHash: 'h',
      detailEnc: 'enc',
      updatedAt: 'now',
    });
    db.exec(`INSERT INTO case_events (event_id, case_id, case_seq, type, payload_enc, actor_user_id, actor_role,
      device_id, occurred_at, content_hash, origin_device_id) VALUES ('r', 'c1', 1, 'case.received', 'x', 'u',
      'intake_clerk', 'local', 'now', 'h', 'window')`);
  });
  afterEach(() => db.close());

  const refusal = (event: PulledEvent) => pulledEventRefusal(db, 'r1', event);

  it('is taken when its origin signed it and may act for the case', () => {
    expect(refusal(pulled(desk, 'case.accepted', 'handling_officer', { acceptanceNo: 'A-1' }))).toBeNull();
    expect(refusal(pulled(window, 'case.note_added', 'intake_clerk', { text: '请核对。' }))).toBeNull();
  });

  it('is refused unsigned, signed with another key, or altered after it was signed', () => {
    expect(refusal(pulled(desk, 'case.accepted', 'handling_officer', {}, 'c1', null))).toBe('unsigned_event');
    expect(refusal(pulled(desk, 'case.accepted', 'handling_officer', {}, 'c1', window.key))).toBe('forged_signature');
    const altered = pulled(desk, 'case.accepted', 'handling_officer', { acceptanceNo: 'A-1' });
    expect(refusal({ ...altered, payload: { acceptanceNo: 'A-2' } })).toBe('altered_event');
    const rehashed = { ...altered, payload: { acceptanceNo: 'A-2' } };
    expect(refusal({ ...rehashed, contentHash: contentHash(rehashed) })).toBe('forged_signature');
  });

  it('is refused from a device the server does not list, or one revoked', () => {
    const stranger = { id: 'stranger', key: generateKeyPairSync('ed25519').privateKey };
    expect(refusal(pulled(stranger, 'case.accepted', 'handling_officer'))).toBe('unknown_device');
    const revoked = party(db, 'revoked', { kind: 'acceptance', regionCode: '421127', matterIds: [] }, true);
    expect(refusal(pulled(revoked, 'case.accepted', 'handling_officer'))).toBe('revoked_device');
  });

  it('is refused from a device that may not act for the case', () => {
    const otherWindow = party(db, 'other-window', { kind: 'intake', regionCode: '360430', matterIds: [] });
    const otherRegion = party(db, 'other-desk', { kind: 'acceptance', regionCode: '110101', matterIds: [] });
    const otherMatters = party(db, 'narrow-desk', { kind: 'acceptance', regionCode: '421127', matterIds: ['X'] });
    expect(refusal(pulled(otherWindow, 'case.note_added', 'intake_clerk', { text: '请核对。' }))).toBe('not_party');
    expect(refusal(pulled(otherRegion, 'case.accepted', 'handling_officer'))).toBe('not_party');
    expect(refusal(pulled(otherMatters, 'case.accepted', 'handling_officer'))).toBe('not_party');
    // A role its scope does not speak for, and a case only an intake window opens.
    expect(refusal(pulled(window, 'case.accepted', 'handling_officer'))).toBe('not_party');
    expect(refusal(pulled(desk, 'case.received', 'handling_officer', {}, 'c2'))).toBe('not_party');
  });

  it('waits behind an earlier refused event of its case; other cases go on', () => {
    db.exec(`INSERT INTO pulled_quarantine VALUES ('x', 'r1', 'c1', 'case.accepted', 1, 'forged_signature', 'enc',
      'now')`);
    expect(refusal(pulled(desk, 'case.accepted', 'handling_officer', { acceptanceNo: 'A-1' }))).toBe('held_behind');
    expect(refusal(pulled(desk, 'case.accepted', 'handling_officer', { acceptanceNo: 'A-1' }, 'c3'))).toBeNull();
  });
});
