// The one test suite of the data-access contract: every implementation
// (SQLite, PostgreSQL) runs it unchanged.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Scope, WireEvent } from '../../shared/sync/protocol.ts';
import { newCase, SERVER_REGION } from '../test-support.ts';
import type { AppendContext, DeviceRecord, ServerStore, Verdict } from './contract.ts';

export interface StoreFixture {
  store: ServerStore;
  /** Closes the store and removes what it wrote. */
  dispose(): Promise<void>;
}

const INTAKE: Scope = { kind: 'intake', regionCode: '360430', matterIds: [] };
const DAY = 24 * 3600_000;

const hashOf = (n: number): string => n.toString(16).padStart(64, '0');

export function storageContractSuite(name: string, makeStore: () => Promise<StoreFixture>): void {
  describe(`storage contract: ${name}`, () => {
    let fixture: StoreFixture;
    let store: ServerStore;
    let codes = 0;

    beforeEach(async () => {
      fixture = await makeStore();
      store = fixture.store;
    });
    afterEach(async () => fixture.dispose());

    async function device(scope: Scope = INTAKE, id = `device-${(codes += 1)}`): Promise<DeviceRecord> {
      const codeHash = hashOf(1_000_000 + codes);
      const now = new Date().toISOString();
      await store.addEnrollmentCode({
        codeHash,
        scope,
        createdAt: now,
        expiresAt: new Date(Date.now() + DAY).toISOString(),
      });
      const redeemed = await store.redeemEnrollmentCode(codeHash, now, {
        deviceId: id,
        name: id,
        publicKey: 'key',
        enrolledAt: now,
      });
      if (!redeemed.ok) throw new Error(redeemed.reason);
      return redeemed.device;
    }

    /** Allows every event: status 1, a new case from the case.received payload. */
    const allow = (event: WireEvent) => (): Verdict => ({
      ok: true,
      statusAfter: 1,
      newCase: {
        intakeRegion: '360430',
        handlingRegion: SERVER_REGION,
        matterId: (event.payload as { matterId?: string }).matterId ?? 'KST-SI-004',
      },
    });

    function append(
      event: WireEvent,
      from: DeviceRecord,
      check: (context: AppendContext) => Verdict = allow(event),
      blobs: string[] = [],
    ) {
      return store.appendEvent(
        { event, sourceDeviceId: from.deviceId, receivedAt: new Date().toISOString(), blobs },
        check,
      );
    }

    it('remembers the region', async () => {
      expect(await store.region()).toBeNull();
      await store.setRegion(SERVER_REGION);
      expect(await store.region()).toBe(SERVER_REGION);
    });

    it('redeems an enrollment code once, with the scope it was made for', async () => {
      const scope: Scope = { kind: 'acceptance', regionCode: SERVER_REGION, matterIds: ['KST-SI-004'] };
      const now = new Date();
      await store.addEnrollmentCode({
        codeHash: hashOf(1),
        scope,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + DAY).toISOString(),
      });
      const base = { name: 'desk', publicKey: 'key', enrolledAt: now.toISOString() };
      const first = await store.redeemEnrollmentCode(hashOf(1), now.toISOString(), { ...base, deviceId: 'a' });
      expect(first).toMatchObject({ ok: true, device: { deviceId: 'a', scope, lastSeenAt: null, revokedAt: null } });
      const second = await store.redeemEnrollmentCode(hashOf(1), now.toISOString(), { ...base, deviceId: 'b' });
      expect(second).toEqual({ ok: false, reason: 'used_code' });
      expect(await store.device('b')).toBeNull();
      expect(await store.redeemEnrollmentCode(hashOf(2), now.toISOString(), { ...base, deviceId: 'c' })).toEqual({
        ok: false,
        reason: 'unknown_code',
      });
    });

    it('refuses an expired code', async () => {
      const past = new Date(Date.now() - 8 * DAY);
      await store.addEnrollmentCode({
        codeHash: hashOf(3),
        scope: INTAKE,
        createdAt: past.toISOString(),
        expiresAt: new Date(past.getTime() + 7 * DAY).toISOString(),
      });
      const now = new Date().toISOString();
      expect(
        await store.redeemEnrollmentCode(hashOf(3), now, { deviceId: 'x', name: 'x', publicKey: 'k', enrolledAt: now }),
      ).toEqual({ ok: false, reason: 'expired_code' });
    });

    it('lists, touches and revokes devices', async () => {
      const a = await device();
      const b = await device({ kind: 'acceptance', regionCode: SERVER_REGION, matterIds: [] });
      expect((await store.devices()).map((d) => d.deviceId).sort()).toEqual([a.deviceId, b.deviceId].sort());
      await store.touchDevice(a.deviceId, '2026-11-22T08:00:00.000Z');
      expect((await store.device(a.deviceId))?.lastSeenAt).toBe('2026-11-22T08:00:00.000Z');
      expect(await store.revokeDevice(a.deviceId, '2026-11-22T09:00:00.000Z')).toBe(true);
      expect(await store.revokeDevice(a.deviceId, '2026-11-23T09:00:00.000Z')).toBe(true);
      expect((await store.device(a.deviceId))?.revokedAt).toBe('2026-11-22T09:00:00.000Z');
      expect(await store.revokeDevice('nobody', '2026-11-22T09:00:00.000Z')).toBe(false);
      expect((await store.device(b.deviceId))?.scope).toEqual(b.scope);
    });

    it('takes a nonce once per device until it is pruned', async () => {
      const a = await device();
      const b = await device();
      expect(await store.useNonce(a.deviceId, 'nonce-0000000001', 1000)).toBe(true);
      expect(await store.useNonce(a.deviceId, 'nonce-0000000001', 2000)).toBe(false);
      expect(await store.useNonce(b.deviceId, 'nonce-0000000001', 2000)).toBe(true);
      await store.pruneNonces(1500);
      expect(await store.useNonce(a.deviceId, 'nonce-0000000001', 3000)).toBe(true);
      expect(await store.useNonce(b.deviceId, 'nonce-0000000001', 3000)).toBe(false);
    });

    it('admits requests together: device as it stands, nonce once, none for unknown or revoked devices', async () => {
      const a = await device();
      const b = await device();
      const c = await device();
      await store.revokeDevice(c.deviceId, '2026-11-22T09:00:00.000Z');
      expect(await store.useNonce(a.deviceId, 'nonce-0000000001', 1000)).toBe(true);
      const results = await store.admit(
        [
          { deviceId: a.deviceId, nonce: 'nonce-0000000001', at: 2000 }, // used before
          { deviceId: a.deviceId, nonce: 'nonce-0000000002', at: 2000 },
          { deviceId: a.deviceId, nonce: 'nonce-0000000002', at: 2000 }, // twice in one list
          { deviceId: b.deviceId, nonce: 'nonce-0000000001', at: 2000 },
          { deviceId: c.deviceId, nonce: 'nonce-0000000003', at: 2000 }, // revoked
          { deviceId: 'nobody', nonce: 'nonce-0000000004', at: 2000 },
        ],
        { deviceIds: [b.deviceId], at: '2026-11-22T10:00:00.000Z' },
      );
      expect(results.map((r) => r.fresh)).toEqual([false, true, false, true, false, false]);
      expect(results.map((r) => r.device?.deviceId ?? null)).toEqual([
        a.deviceId,
        a.deviceId,
        a.deviceId,
        b.deviceId,
        c.deviceId,
        null,
      ]);
      expect(results[0]!.device).toMatchObject({ scope: a.scope, revokedAt: null });
      expect(results[4]!.device?.revokedAt).toBe('2026-11-22T09:00:00.000Z');
      expect((await store.device(b.deviceId))?.lastSeenAt).toBe('2026-11-22T10:00:00.000Z');
      expect(await store.useNonce(a.deviceId, 'nonce-0000000002', 3000)).toBe(false);
      expect(await store.admit([])).toEqual([]);
    });

    it('appends with increasing server_seq and creates the case from the first event', async () => {
      const from = await device();
      const one = newCase();
      const first = await append(one.received, from);
      const second = await append(one.materials, from, () => ({ ok: true, statusAfter: 1 }));
      expect(first).toMatchObject({ status: 'accepted', eventId: one.received.eventId });
      expect(second).toMatchObject({ status: 'accepted' });
      if (first.status !== 'accepted' || second.status !== 'accepted') throw new Error('not accepted');
      expect(second.serverSeq).toBeGreaterThan(first.serverSeq);
      expect(await store.caseRecord(one.caseId)).toEqual({
        caseId: one.caseId,
        originDeviceId: from.deviceId,
        intakeRegion: '360430',
        handlingRegion: SERVER_REGION,
        matterId: 'KST-SI-004',
        status: 1,
      });
      const stored = await store.event(one.received.eventId);
      expect(stored).toMatchObject({ ...one.received, serverSeq: first.serverSeq });
      expect(stored?.payload).toEqual(one.received.payload);
    });

    it('answers a resent event as a duplicate with its first server_seq, and never overwrites', async () => {
      const from = await device();
      const one = newCase();
      const first = await append(one.received, from);
      let checked = false;
      const again = await append(one.received, from, () => {
        checked = true;
        return { ok: true, statusAfter: 1 };
      });
      expect(checked).toBe(false);
      expect(again).toEqual({ ...first, status: 'duplicate' });

      const altered = { ...one.received, occurredAt: '2026-01-01T00:00:00.000Z', contentHash: hashOf(9) };
      const refused = await append(altered, from);
      expect(refused).toMatchObject({ status: 'refused', reason: 'hash_mismatch', eventId: one.received.eventId });
      expect(await store.event(one.received.eventId)).toMatchObject({
        contentHash: one.received.contentHash,
        occurredAt: one.received.occurredAt,
      });
      expect((await store.stats()).events).toBe(1);
    });

    it('writes nothing when the check refuses, and passes the refusal through', async () => {
      const from = await device();
      const one = newCase();
      const result = await append(one.received, from, () => ({
        ok: false,
        reason: 'superseded',
        detail: 'x came first',
        winner: { eventId: 'w', type: 'x' },
      }));
      expect(result).toEqual({
        eventId: one.received.eventId,
        status: 'refused',
        reason: 'superseded',
        detail: 'x came first',
        winner: { eventId: 'w', type: 'x' },
      });
      expect(await store.caseRecord(one.caseId)).toBeNull();
      expect(await store.event(one.received.eventId)).toBeNull();
    });

    it('gives the check the case, its history and the blobs it lacks, and rolls back when the check throws', async () => {
      const from = await device();
      const one = newCase();
      await append(one.received, from);
      await store.completeBlob({ sha256: hashOf(20), size: 5, storedAt: '2026-11-22T08:00:00.000Z', uploadedBy: 'x' });
      let seen: AppendContext | undefined;
      await append(
        one.materials,
        from,
        (context) => {
          seen = context;
          return { ok: false, reason: 'blob_missing' };
        },
        [hashOf(20), hashOf(21)],
      );
      expect(seen?.case).toMatchObject({ caseId: one.caseId, status: 1 });
      expect(seen?.history).toEqual([
        { eventId: one.received.eventId, type: 'case.received', serverSeq: expect.any(Number), statusAfter: 1 },
      ]);
      expect(seen?.missingBlobs).toEqual([hashOf(21)]);

      await expect(
        append(one.materials, from, () => {
          throw new Error('check failed');
        }),
      ).rejects.toThrow('check failed');
      expect(await store.event(one.materials.eventId)).toBeNull();
    });

    it('updates the case status with the verdict', async () => {
      const from = await device();
      const one = newCase();
      await append(one.received, from);
      await append(one.materials, from, () => ({ ok: true, statusAfter: 3 }));
      expect((await store.caseRecord(one.caseId))?.status).toBe(3);
    });

    it('keeps server_seq unique and increasing under concurrent appends', async () => {
      const from = await device();
      const cases = Array.from({ length: 20 }, () => newCase());
      const results = await Promise.all(cases.map((c) => append(c.received, from)));
      const seqs = results.map((r) => (r.status === 'accepted' ? r.serverSeq : -1));
      expect(new Set(seqs).size).toBe(20);
      expect(seqs.every((s) => s > 0)).toBe(true);
    });

    it('accepts an event pushed several times at once only once: the others are duplicates, or refused if they differ', async () => {
      const from = await device();
      const one = newCase();
      const results = await Promise.all([
        append(one.received, from),
        append(one.received, from),
        append(one.received, from),
      ]);
      const accepted = results.find((r) => r.status === 'accepted');
      expect(accepted).toBeDefined();
      expect(results.filter((r) => r !== accepted)).toEqual([
        { ...accepted, status: 'duplicate' },
        { ...accepted, status: 'duplicate' },
      ]);

      // The same event id with other content (another case even) at the same time: one wins, the other is refused.
      const two = newCase();
      const other = { ...newCase().received, eventId: two.received.eventId, contentHash: hashOf(8) };
      const raced = await Promise.all([append(two.received, from), append(other, from)]);
      expect(raced.map((r) => r.status).sort()).toEqual(['accepted', 'refused']);
      expect(raced.find((r) => r.status === 'refused')).toMatchObject({ reason: 'hash_mismatch' });
      expect((await store.stats()).events).toBe(2);
    });

    it('lets each check of a case see the events appended to it before, even when they arrive at once', async () => {
      const from = await device();
      const one = newCase();
      await append(one.received, from);
      const seen: number[] = [];
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          append({ ...one.materials, eventId: `${one.materials.eventId}-${i}` }, from, (context) => {
            seen.push(context.history.length);
            return { ok: true, statusAfter: 1 };
          }),
        ),
      );
      expect(results.every((r) => r.status === 'accepted')).toBe(true);
      expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    });

    it('appends a batch in order in one go: each event sees those before it, a repeated id is a duplicate', async () => {
      const from = await device();
      const one = newCase();
      const two = newCase();
      const existing = newCase();
      await append(existing.received, from);
      const histories: number[] = [];
      const input = (event: WireEvent, blobs: string[] = []) => ({
        event,
        sourceDeviceId: from.deviceId,
        receivedAt: new Date().toISOString(),
        blobs,
      });
      const results = await store.appendEvents(
        [
          input(one.received),
          input(two.received),
          input(one.materials),
          input(one.received),
          input({ ...one.received, contentHash: hashOf(7) }),
          input(existing.received),
          input(two.materials, [hashOf(30)]),
        ],
        ({ event }, context) => {
          histories.push(context.history.length);
          if (context.missingBlobs.length > 0) return { ok: false, reason: 'blob_missing' };
          return event.type === 'case.received' ? allow(event)() : { ok: true, statusAfter: 3 };
        },
      );
      expect(histories).toEqual([0, 0, 1, 1]);
      expect(results.map((r) => r.status)).toEqual([
        'accepted',
        'accepted',
        'accepted',
        'duplicate',
        'refused',
        'duplicate',
        'refused',
      ]);
      const seq = (r: (typeof results)[number]) => (r.status === 'refused' ? -1 : r.serverSeq);
      expect(seq(results[1]!)).toBe(seq(results[0]!) + 1);
      expect(seq(results[2]!)).toBe(seq(results[1]!) + 1);
      expect(seq(results[3]!)).toBe(seq(results[0]!));
      expect(results[4]).toMatchObject({ reason: 'hash_mismatch' });
      expect(results[6]).toMatchObject({ reason: 'blob_missing' });
      expect(await store.caseRecord(one.caseId)).toMatchObject({ originDeviceId: from.deviceId, status: 3 });
      expect((await store.event(one.materials.eventId))?.serverSeq).toBe(seq(results[2]!));
      expect((await store.stats()).events).toBe(4);

      // All or nothing: a check that throws leaves none of the batch behind.
      const three = newCase();
      await expect(
        store.appendEvents([input(three.received), input(three.materials)], ({ event }) => {
          if (event.type === 'case.materials_checked') throw new Error('check failed');
          return allow(event)();
        }),
      ).rejects.toThrow('check failed');
      expect(await store.caseRecord(three.caseId)).toBeNull();
      expect((await store.stats()).events).toBe(4);
    });

    it('keeps batches racing each other consistent: numbers unique, each event once', async () => {
      const from = await device();
      const cases = Array.from({ length: 12 }, () => newCase());
      const batch = (slice: typeof cases) =>
        store.appendEvents(
          slice.flatMap((c) =>
            [c.received, c.materials].map((event) => ({
              event,
              sourceDeviceId: from.deviceId,
              receivedAt: new Date().toISOString(),
              blobs: [],
            })),
          ),
          ({ event }, context) =>
            event.type === 'case.received'
              ? allow(event)()
              : context.case
                ? { ok: true, statusAfter: 2 }
                : { ok: false, reason: 'not_allowed_from_status' },
        );
      // Overlapping batches: the cases in the middle are sent by both.
      const [a, b] = await Promise.all([batch(cases.slice(0, 8)), batch(cases.slice(4))]);
      const accepted = [...a, ...b].filter((r) => r.status === 'accepted');
      expect(accepted).toHaveLength(24);
      expect([...a, ...b].filter((r) => r.status === 'duplicate')).toHaveLength(8);
      expect(new Set(accepted.map((r) => (r.status === 'accepted' ? r.serverSeq : -1))).size).toBe(24);
      expect((await store.stats()).events).toBe(24);
    });

    it('never lets a pull cursor pass an event appended at the same time', async () => {
      const from = await device();
      const party = { kind: 'intake' as const, deviceId: from.deviceId };
      let done = false;
      const appends = Promise.all(Array.from({ length: 30 }, () => append(newCase().received, from))).finally(() => {
        done = true;
      });
      const pulled: number[] = [];
      let cursor = 0;
      for (;;) {
        const finished = done;
        const page = await store.pullEvents(party, cursor, 7);
        pulled.push(...page.events.map((e) => e.serverSeq));
        cursor = page.cursor;
        if (finished && page.events.length === 0) break;
      }
      const seqs = (await appends).map((r) => (r.status === 'accepted' ? r.serverSeq : -1));
      expect(pulled).toEqual(seqs.sort((x, y) => x - y));
    });

    it('pulls by party: an intake window its own cases, an acceptance desk its region and matters', async () => {
      const windowA = await device();
      const windowB = await device();
      const a = newCase();
      const b = newCase();
      await append(a.received, windowA);
      await append(b.received, windowB);
      await append(a.materials, windowA, () => ({ ok: true, statusAfter: 1 }));

      const ofA = await store.pullEvents({ kind: 'intake', deviceId: windowA.deviceId }, 0, 100);
      expect(ofA.events.map((e) => e.eventId)).toEqual([a.received.eventId, a.materials.eventId]);
      const ofB = await store.pullEvents({ kind: 'intake', deviceId: windowB.deviceId }, 0, 100);
      expect(ofB.events.map((e) => e.eventId)).toEqual([b.received.eventId]);
      // Fewer than the limit: the cursor moves to the newest server_seq, past others' events.
      expect(ofB.cursor).toBe(ofA.events[1]!.serverSeq);

      const desk = { kind: 'acceptance' as const, region: SERVER_REGION, matterIds: [] };
      expect((await store.pullEvents(desk, 0, 100)).events).toHaveLength(3);
      expect(
        (await store.pullEvents({ ...desk, matterIds: ['KST-SI-004'] }, 0, 100)).events.map((e) => e.eventId),
      ).toHaveLength(3);
      expect((await store.pullEvents({ ...desk, matterIds: ['KST-SI-001'] }, 0, 100)).events).toEqual([]);
      expect((await store.pullEvents({ ...desk, region: '110101' }, 0, 100)).events).toEqual([]);
    });

    it('pages with the cursor', async () => {
      const from = await device();
      for (let i = 0; i < 5; i += 1) await append(newCase().received, from);
      const party = { kind: 'intake' as const, deviceId: from.deviceId };
      const first = await store.pullEvents(party, 0, 2);
      expect(first.events).toHaveLength(2);
      expect(first.cursor).toBe(first.events[1]!.serverSeq);
      const second = await store.pullEvents(party, first.cursor, 2);
      const third = await store.pullEvents(party, second.cursor, 2);
      expect(third.events).toHaveLength(1);
      const seqs = [...first.events, ...second.events, ...third.events].map((e) => e.serverSeq);
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
      expect(new Set(seqs).size).toBe(5);
      expect(await store.pullEvents(party, third.cursor, 2)).toEqual({ events: [], cursor: third.cursor });
    });

    it('keeps blob uploads and records, and says who may read a blob', async () => {
      const windowA = await device();
      const windowB = await device();
      const sha = hashOf(30);
      expect(await store.blob(sha)).toBeNull();
      expect(await store.blobUpload(sha)).toBeNull();
      const upload = { sha256: sha, total: 10, received: 4, deviceId: windowA.deviceId, updatedAt: 't1' };
      await store.saveBlobUpload(upload);
      expect(await store.blobUpload(sha)).toEqual(upload);
      await store.saveBlobUpload({ ...upload, received: 8, updatedAt: 't2' });
      expect((await store.blobUpload(sha))?.received).toBe(8);
      await store.completeBlob({ sha256: sha, size: 10, storedAt: 't3', uploadedBy: windowA.deviceId });
      expect(await store.blobUpload(sha)).toBeNull();
      expect(await store.blob(sha)).toEqual({ sha256: sha, size: 10, storedAt: 't3', uploadedBy: windowA.deviceId });

      const partyB = { kind: 'intake' as const, deviceId: windowB.deviceId };
      const desk = { kind: 'acceptance' as const, region: SERVER_REGION, matterIds: [] };
      expect(await store.mayReadBlob(sha, windowA.deviceId, { kind: 'intake', deviceId: windowA.deviceId })).toBe(true);
      expect(await store.mayReadBlob(sha, windowB.deviceId, partyB)).toBe(false);
      expect(await store.mayReadBlob(sha, 'desk', desk)).toBe(false);
      const one = newCase({ scans: [{ sha256: sha, materialId: 'id_card' }] });
      await append(one.received, windowA);
      await append(one.materials, windowA, () => ({ ok: true, statusAfter: 1 }), [sha]);
      expect(await store.mayReadBlob(sha, 'desk', desk)).toBe(true);
      expect(await store.mayReadBlob(sha, windowB.deviceId, partyB)).toBe(false);

      await store.saveBlobUpload({ ...upload, sha256: hashOf(31) });
      await store.deleteBlobUpload(hashOf(31));
      expect(await store.blobUpload(hashOf(31))).toBeNull();
    });

    it('replaces the catalog and counts what it holds', async () => {
      expect(await store.catalog()).toBeNull();
      const bundle = { catalogs: [], calendars: [{ year: 2027, holidays: ['2027-01-01'], workdays: [] }] };
      await store.replaceCatalog(bundle, '2026-11-22T08:00:00.000Z');
      expect(await store.catalog()).toEqual(bundle);
      await store.replaceCatalog({ catalogs: [], calendars: [] }, '2026-11-23T08:00:00.000Z');
      expect(await store.catalog()).toEqual({ catalogs: [], calendars: [] });

      const from = await device();
      const one = newCase();
      await append(one.received, from);
      await store.completeBlob({ sha256: hashOf(40), size: 100, storedAt: 't', uploadedBy: from.deviceId });
      await store.completeBlob({ sha256: hashOf(41), size: 23, storedAt: 't', uploadedBy: from.deviceId });
      expect(await store.stats()).toEqual({ devices: 1, events: 1, cases: 1, blobs: 2, bytes: 123 });
    });
  });
}
