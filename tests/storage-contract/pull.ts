// The contract on pulling events: by party, page by page, and never past an
// event still being appended.
import { expect, it } from 'vitest';
import { newCase, SERVER_REGION } from '../support/server.ts';
import type { ContractHarness } from './harness.ts';

/** pullEvents. */
export function pullContract(h: ContractHarness): void {
  const { device, append } = h;

  it('never lets a pull cursor pass an event appended at the same time', async () => {
    const { store } = h;
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
    const { store } = h;
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
    const { store } = h;
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
}
