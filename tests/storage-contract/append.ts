// The contract on appending events: numbers that only grow, duplicates and
// refusals that write nothing, checks that see the case as it stands, alone,
// racing each other or in one batch.
import { expect, it } from 'vitest';
import type { WireEvent } from '../../shared/sync/protocol.ts';
import { newCase, SERVER_REGION } from '../support/server.ts';
import type { AppendContext } from '../../server/storage/contract.ts';
import { hashOf, type ContractHarness } from './harness.ts';

/** appendEvent and appendEvents. */
export function appendContract(h: ContractHarness): void {
  const { device, append, allow } = h;

  it('appends with increasing server_seq and creates the case from the first event', async () => {
    const { store } = h;
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
    const { store } = h;
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
    const { store } = h;
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
    const { store } = h;
    const from = await device();
    const one = newCase();
    await append(one.received, from);
    await store.completeBlobs([{ sha256: hashOf(20), size: 5, storedAt: '2026-11-22T08:00:00.000Z', uploadedBy: 'x' }]);
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
    const { store } = h;
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
    const { store } = h;
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
    const { store } = h;
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
    const { store } = h;
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
}
