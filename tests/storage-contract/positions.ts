// The contract on rollback detection: a device's highest reported count of
// its own events, which a lower report cannot pass and does not change, a
// check that records nothing, the newest events received from the device,
// and an announced recovery.
import { expect, it } from 'vitest';
import { newCase } from '../support/server.ts';
import type { ContractHarness } from './harness.ts';

/** reportPosition and recordRecovery. */
export function positionsContract(h: ContractHarness): void {
  const { device, append } = h;

  it('keeps the highest count a device reported; a lower one is refused and writes nothing', async () => {
    const { store } = h;
    const from = await device();
    const other = await device();
    const one = newCase();
    await append(one.received, from);
    await append(one.materials, from, () => ({ ok: true, statusAfter: 1 }));

    expect(await store.reportPosition(from.deviceId, 4, 't1', false)).toMatchObject({ ok: true, highestSeq: 0 });
    expect(await store.reportPosition(from.deviceId, 4, 't1', true)).toEqual({
      ok: true,
      highestSeq: 4,
      recentEventIds: [one.materials.eventId, one.received.eventId],
    });
    expect(await store.reportPosition(from.deviceId, 3, 't2', true)).toEqual({ ok: false, highestSeq: 4 });
    expect(await store.reportPosition(from.deviceId, 3, 't2', false)).toEqual({ ok: false, highestSeq: 4 });
    expect(await store.reportPosition(from.deviceId, 4, 't3', false)).toMatchObject({ ok: true, highestSeq: 4 });
    expect(await store.reportPosition(other.deviceId, 0, 't3', true)).toEqual({
      ok: true,
      highestSeq: 0,
      recentEventIds: [],
    });
  });

  it('records an announced recovery and answers the highest count seen before it', async () => {
    const { store } = h;
    const from = await device();
    await store.reportPosition(from.deviceId, 9, 't1', true);
    const at = '2026-11-23T08:00:00.000Z';
    expect(await store.recordRecovery({ deviceId: from.deviceId, restoredSeq: 5, backupAt: 't0', at })).toBe(9);
    // The count seen stays the highest: a recovered device comes back to it, never below.
    expect(await store.reportPosition(from.deviceId, 8, 't2', false)).toEqual({ ok: false, highestSeq: 9 });
    const fresh = await device();
    expect(await store.recordRecovery({ deviceId: fresh.deviceId, restoredSeq: 2, backupAt: 't0', at })).toBe(0);
    expect(await store.reportPosition(fresh.deviceId, 1, 't2', false)).toEqual({ ok: false, highestSeq: 2 });
  });
}
