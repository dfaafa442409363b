// The contract on the server-wide records: its region, the imported catalog,
// and the counts of what the store holds.
import { expect, it } from 'vitest';
import { newCase, SERVER_REGION } from '../support/server.ts';
import { hashOf, type ContractHarness } from './harness.ts';

/** region and setRegion. */
export function regionContract(h: ContractHarness): void {
  it('remembers the region', async () => {
    const { store } = h;
    expect(await store.region()).toBeNull();
    await store.setRegion(SERVER_REGION);
    expect(await store.region()).toBe(SERVER_REGION);
  });
}

/** catalog, replaceCatalog and stats. */
export function catalogContract(h: ContractHarness): void {
  const { device, append } = h;

  it('replaces the catalog and counts what it holds', async () => {
    const { store } = h;
    expect(await store.catalog()).toBeNull();
    const bundle = { catalogs: [], calendars: [{ year: 2027, holidays: ['2027-01-01'], workdays: [] }] };
    await store.replaceCatalog(bundle, '2026-11-22T08:00:00.000Z');
    expect(await store.catalog()).toEqual(bundle);
    await store.replaceCatalog({ catalogs: [], calendars: [] }, '2026-11-23T08:00:00.000Z');
    expect(await store.catalog()).toEqual({ catalogs: [], calendars: [] });

    const from = await device();
    const one = newCase();
    await append(one.received, from);
    await store.completeBlobs([{ sha256: hashOf(40), size: 100, storedAt: 't', uploadedBy: from.deviceId }]);
    await store.completeBlobs([{ sha256: hashOf(41), size: 23, storedAt: 't', uploadedBy: from.deviceId }]);
    expect(await store.stats()).toEqual({ devices: 1, events: 1, cases: 1, blobs: 2, bytes: 123 });
  });
}
