import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../shared/case/events.ts';
import { checkSubmission } from '../shared/case/intake.ts';
import type { TransitionResult } from '../shared/case/state-machine.ts';
import type { CaseStatusCode } from '../shared/case/status.ts';
import { contentHash } from '../shared-node/event-hash.ts';
import { pushResponse } from '../shared/sync/protocol.ts';
import { judge } from './events.ts';
import type { AppendContext, DeviceRecord } from './storage/contract.ts';
import { acceptedEvent, enroll, newCase, SERVER_REGION, seedMatter, wire } from '../tests/support/server.ts';
import { serverWithWindowForEachTest } from '../tests/support/server-each-test.ts';

const site = serverWithWindowForEachTest();

describe('push', () => {
  it('builds events the intake rules accept', () => {
    const { submission } = newCase();
    expect(checkSubmission(seedMatter('KST-SI-004'), submission)).toEqual([]);
  });

  it('accepts a new case in order with increasing server_seq', async () => {
    const one = newCase();
    const two = newCase();
    const answer = await site.window3.request(
      'POST',
      '/events',
      JSON.stringify({ events: [one.received, one.materials].map((e) => site.window3.signed(e)) }),
    );
    const { results } = pushResponse.parse(answer.json());
    expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    const [more] = await site.window3.push([two.received]);
    const seqs = [...results, more!].map((r) => (r.status === 'accepted' ? r.serverSeq : 0));
    expect(seqs[1]).toBeGreaterThan(seqs[0]!);
    expect(seqs[2]).toBeGreaterThan(seqs[1]!);
    expect(await site.server.store.caseRecord(one.caseId)).toMatchObject({
      originDeviceId: site.window3.deviceId,
      handlingRegion: SERVER_REGION,
      status: 1,
    });
  });

  it('answers a resend as a duplicate with the same server_seq', async () => {
    const one = newCase();
    const first = await site.window3.push([one.received, one.materials]);
    const again = await site.window3.push([one.received, one.materials]);
    expect(again).toEqual(first.map((r) => ({ ...r, status: 'duplicate' })));
    expect((await site.server.store.stats()).events).toBe(2);
  });

  it('refuses the same event id with other content, and keeps the first', async () => {
    const one = newCase();
    await site.window3.push([one.received]);
    const altered = wire({ ...one.received, occurredAt: '2026-11-22T00:00:00.000Z' });
    const [result] = await site.window3.push([altered]);
    expect(result).toMatchObject({ status: 'refused', reason: 'hash_mismatch' });
    expect((await site.server.store.event(one.received.eventId))?.contentHash).toBe(one.received.contentHash);
  });

  it('refuses a content hash that does not match the content', async () => {
    const one = newCase();
    const forged = { ...one.received, actor: { userId: 'someone-else', role: 'intake_clerk' } };
    const [result] = await site.window3.push([forged]);
    expect(result).toMatchObject({ status: 'refused', reason: 'bad_hash', eventId: one.received.eventId });
    expect(await site.server.store.caseRecord(one.caseId)).toBeNull();
  });

  it('refuses invalid envelopes and payloads, each for itself', async () => {
    const one = newCase();
    const payload = one.received.payload as Record<string, unknown>;
    const noIdNumber = wire({
      ...one.received,
      payload: { ...payload, applicant: { name: '张三丰', idKind: 'resident_id' } },
    });
    const extraKey = wire({ ...one.received, payload: { ...payload, smuggled: 'x' } });
    const untrimmed = wire({
      ...one.received,
      payload: { ...payload, applicant: { ...(payload.applicant as object), name: ' 张三丰 ' } },
    });
    const badEnvelope = { ...one.received, eventId: 'not-a-uuid' };
    const unknownType = { ...one.received, type: 'case.teleported' };
    const results = await site.window3.push([noIdNumber, extraKey, untrimmed, badEnvelope, unknownType, 42]);
    expect(results.map((r) => (r.status === 'refused' ? r.reason : r.status))).toEqual([
      'invalid_payload',
      'invalid_payload',
      'invalid_payload',
      'invalid_payload',
      'unknown_event',
      'invalid_payload',
    ]);
    expect(results[0]).toMatchObject({ eventId: one.received.eventId, detail: expect.stringContaining('idNumber') });
    // A refusal names where, never what: no personal data in the detail.
    for (const result of results) expect(JSON.stringify(result)).not.toContain('张三丰');
    expect((await site.server.store.stats()).events).toBe(0);
  });

  it('refuses a whole batch that is not a batch', async () => {
    expect((await site.window3.request('POST', '/events', JSON.stringify({ events: [] }))).status).toBe(400);
    expect(
      (await site.window3.request('POST', '/events', JSON.stringify({ events: Array(101).fill({}) }))).status,
    ).toBe(400);
    expect((await site.window3.request('POST', '/events', '[]')).json()).toMatchObject({ error: 'invalid_request' });
  });

  it('checks the role against the state-machine table', async () => {
    const one = newCase({ role: 'handling_officer' });
    const [result] = await site.window3.push([one.received]);
    expect(result).toMatchObject({ status: 'refused', reason: 'role_not_allowed' });
  });

  it('refuses an event out of order, and a second case.received', async () => {
    const one = newCase();
    const results = await site.window3.push([one.materials, one.received]);
    expect(results[0]).toMatchObject({ status: 'refused', reason: 'not_allowed_from_status' });
    expect(results[0]).not.toHaveProperty('winner');
    expect(results[1]).toMatchObject({ status: 'accepted' });
    const again = wire({ ...one.received, eventId: newCase().received.eventId });
    const [second] = await site.window3.push([again]);
    expect(second).toMatchObject({ status: 'refused', reason: 'not_allowed_from_status' });
  });

  it("refuses an event for another intake window's case", async () => {
    const other = await enroll(site.server, site.window3.transport, {}, '另一个窗口');
    const one = newCase();
    await site.window3.push([one.received]);
    const [result] = await other.push([one.materials]);
    expect(result).toMatchObject({ status: 'refused', reason: 'out_of_scope' });
  });

  it('takes cases only from an intake window of the region it names, for this handling region', async () => {
    const desk = await enroll(site.server, site.window3.transport, { kind: 'acceptance', regionCode: SERVER_REGION });
    const [fromDesk] = await desk.push([newCase().received]);
    expect(fromDesk).toMatchObject({ status: 'refused', reason: 'out_of_scope' });
    const [elsewhere] = await site.window3.push([newCase({ handlingRegion: '110101' }).received]);
    expect(elsewhere).toMatchObject({ status: 'refused', reason: 'out_of_scope' });
    const [notItsRegion] = await site.window3.push([newCase({ intakeRegion: '110101' }).received]);
    expect(notItsRegion).toMatchObject({ status: 'refused', reason: 'out_of_scope' });
  });

  it("takes an acceptance desk's 受理 once, from a handling officer, and shows it to the intake window", async () => {
    const desk = await enroll(site.server, site.window3.transport, { kind: 'acceptance', regionCode: SERVER_REGION });
    const one = newCase();
    await site.window3.push([one.received, one.materials]);

    const byClerk = wire({ ...acceptedEvent(one.caseId, desk, 'HM-2026-0001'), actor: one.received.actor });
    expect((await desk.push([byClerk]))[0]).toMatchObject({ status: 'refused', reason: 'role_not_allowed' });
    const fromWindow = acceptedEvent(one.caseId, site.window3, 'HM-2026-0001');
    expect((await site.window3.push([fromWindow]))[0]).toMatchObject({ status: 'refused', reason: 'role_not_allowed' });
    const blank = acceptedEvent(one.caseId, desk, ' ');
    expect((await desk.push([blank]))[0]).toMatchObject({ status: 'refused', reason: 'invalid_payload' });

    const accepted = acceptedEvent(one.caseId, desk, 'HM-2026-0001');
    expect((await desk.push([accepted]))[0]).toMatchObject({ status: 'accepted' });
    expect(await site.server.store.caseRecord(one.caseId)).toMatchObject({ status: 3 });
    const again = acceptedEvent(one.caseId, desk, 'HM-2026-0002');
    expect((await desk.push([again]))[0]).toMatchObject({
      status: 'refused',
      reason: 'superseded',
      winner: { eventId: accepted.eventId, type: 'case.accepted' },
    });

    const { events } = await site.window3.pull(0);
    expect(events.map((e) => e.type)).toEqual(['case.received', 'case.materials_checked', 'case.accepted']);
  });

  it('refuses an event whose blob is missing until the blob is sent', async () => {
    const bytes = Buffer.from('%PDF-1.4 scan of an ID card');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const one = newCase({ scans: [{ sha256, materialId: 'id_card' }] });
    const results = await site.window3.push([one.received, one.materials]);
    expect(results[1]).toMatchObject({
      status: 'refused',
      reason: 'blob_missing',
      detail: expect.stringContaining(sha256),
    });

    // Named only in the payload, not in `blobs`: still needed.
    const unlisted = wire({ ...one.materials, eventId: newCase().materials.eventId }, []);
    expect((await site.window3.push([unlisted]))[0]).toMatchObject({ reason: 'blob_missing' });

    expect((await site.window3.putChunk(sha256, bytes, 0, bytes.length)).status).toBe(200);
    const [accepted] = await site.window3.push([one.materials]);
    expect(accepted).toMatchObject({ status: 'accepted' });
  });
});

describe('judge: competing decisions', () => {
  // A small table of the handling place's decisions, given to judge in place of the shared one.
  const TABLE: Record<string, { from: (CaseStatusCode | null)[]; to: CaseStatusCode }> = {
    'case.accepted': { from: [1, 7], to: 3 },
    'case.not_accepted': { from: [1, 7], to: 5 },
    'case.correction_requested': { from: [1], to: 6 },
    'case.concluded': { from: [3], to: 11 },
  };
  const apply = (current: CaseStatusCode | null, event: string): TransitionResult => {
    const row = TABLE[event];
    if (!row) return { ok: false, reason: 'unknown_event' };
    return row.from.includes(current) ? { ok: true, status: row.to } : { ok: false, reason: 'not_allowed_from_status' };
  };
  const desk: DeviceRecord = {
    deviceId: 'desk-2',
    name: 'desk',
    publicKey: '',
    scope: { kind: 'acceptance', regionCode: SERVER_REGION, matterIds: [] },
    enrolledAt: '',
    lastSeenAt: null,
    revokedAt: null,
  };
  const { received } = newCase();
  const decision = (type: string) => ({ ...received, type, actor: { userId: 'officer', role: 'handling_officer' } });
  const context = (steps: [string, CaseStatusCode][]): AppendContext => ({
    case: {
      caseId: received.caseId,
      originDeviceId: 'window',
      intakeRegion: '360430',
      handlingRegion: SERVER_REGION,
      matterId: 'KST-SI-004',
      status: steps.at(-1)![1],
    },
    history: steps.map(([type, statusAfter], i) => ({ eventId: `e${i}`, type, serverSeq: i + 1, statusAfter })),
    missingBlobs: [],
  });

  it('names the decision that came first', () => {
    const accepted = context([
      ['case.received', 1],
      ['case.materials_checked', 1],
      ['case.accepted', 3],
    ]);
    const verdict = judge(decision('case.not_accepted') as never, desk, SERVER_REGION, accepted, apply);
    expect(verdict).toMatchObject({
      ok: false,
      reason: 'superseded',
      winner: { eventId: 'e2', type: 'case.accepted' },
    });
  });

  it('names the latest decision that moved the case past where the event was allowed', () => {
    const later = context([
      ['case.received', 1],
      ['case.correction_requested', 6],
      ['case.correction_completed', 7],
      ['case.accepted', 3],
      ['case.concluded', 11],
    ]);
    const verdict = judge(decision('case.not_accepted') as never, desk, SERVER_REGION, later, apply);
    expect(verdict).toMatchObject({ reason: 'superseded', winner: { eventId: 'e3' } });
  });

  it('is not_allowed_from_status, without a winner, when no earlier status allowed the event', () => {
    const verdict = judge(
      decision('case.concluded') as never,
      desk,
      SERVER_REGION,
      context([['case.received', 1]]),
      apply,
    );
    expect(verdict).toEqual({ ok: false, reason: 'not_allowed_from_status', detail: expect.any(String) });
  });

  it('allows the decision from the current status', () => {
    const verdict = judge(
      decision('case.accepted') as never,
      desk,
      SERVER_REGION,
      context([['case.received', 1]]),
      apply,
    );
    // The status moved, so the status page learns since when it stands.
    expect(verdict).toEqual({ ok: true, statusAfter: 3, statusPage: { statusAt: expect.any(String) } });
  });

  it('keeps an acceptance desk to its matters and region', () => {
    const narrowed = { ...desk, scope: { ...desk.scope, matterIds: ['KST-SI-001'] } };
    const verdict = judge(
      decision('case.accepted') as never,
      narrowed,
      SERVER_REGION,
      context([['case.received', 1]]),
      apply,
    );
    expect(verdict).toMatchObject({ ok: false, reason: 'out_of_scope' });
  });

  it('hashes exactly the fields the device hashes', () => {
    const { eventId, caseId, type, payload, actor, deviceId, occurredAt } = received;
    const text = canonicalJson({ eventId, caseId, type, payload, actor, deviceId, occurredAt });
    expect(received.contentHash).toBe(createHash('sha256').update(text).digest('hex'));
    expect(contentHash({ ...received, contentHash: 'x', blobs: ['y'] } as never)).toBe(received.contentHash);
  });
});
