// The contract on blobs: uploads under way, blobs held, and who may read one.
import { expect, it } from 'vitest';
import { newCase, SERVER_REGION } from '../support/server.ts';
import { hashOf, type ContractHarness } from './harness.ts';

/** Blob uploads, records and read rights. */
export function blobsContract(h: ContractHarness): void {
  const { device, append } = h;

  it('keeps blob uploads and records, and says who may read a blob', async () => {
    const { store } = h;
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
    await store.completeBlobs([{ sha256: sha, size: 10, storedAt: 't3', uploadedBy: windowA.deviceId }]);
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
}
