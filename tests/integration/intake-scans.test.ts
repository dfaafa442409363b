// Scans at intake: only JPEG, PNG and PDF within the limit, stored once,
// encrypted, under the blobs folder, and read back through a draft or a case.
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_SCAN_BYTES } from '../../shared/rpc/contract.ts';
import { call, makePng, PDF_BYTES, pensionTransfer, refusal, seedMatter, uploadScan, withDb } from './harness.ts';
import { blobFiles, expectNothingWritten, intakeBackend } from './intake-backend.ts';

const MATTER = seedMatter('KST-SI-004');

const site = intakeBackend();
const clerk = site.clerk;

describe('scans', () => {
  it('refuses types other than JPEG, PNG and PDF, files over the limit, and content that is not its type', async () => {
    const client = await clerk();
    await expectNothingWritten(site.backend, async () => {
      expect(await refusal(client.request('scans.begin', { mediaType: 'image/gif', size: 100 }))).toMatchObject({
        code: 'REJECTED',
        reason: 'scan_type_not_allowed',
      });
      expect(
        await refusal(client.request('scans.begin', { mediaType: 'application/pdf', size: MAX_SCAN_BYTES + 1 })),
      ).toMatchObject({ code: 'REJECTED', reason: 'scan_too_large' });
      expect(await refusal(uploadScan(client, PDF_BYTES, 'image/png'))).toMatchObject({
        code: 'REJECTED',
        reason: 'scan_type_mismatch',
      });
      expect(await refusal(uploadScan(client, makePng('not a pdf'), 'application/pdf'))).toMatchObject({
        reason: 'scan_type_mismatch',
      });
    });
    // At the limit is allowed to start.
    expect(await client.request('scans.begin', { mediaType: 'application/pdf', size: MAX_SCAN_BYTES })).toMatchObject({
      ok: true,
    });
  });

  it('stores a scan once, encrypted, under the blobs folder, and a case can refer to it', async () => {
    const client = await clerk();
    const png = makePng('scan of the ID card', 48, 48);
    const sha256 = createHash('sha256').update(png).digest('hex');
    const filesBefore = blobFiles(site.backend);

    const first = await call(client, 'scans.begin', { mediaType: 'image/png', size: png.length }).then(
      async ({ uploadId }) => {
        const half = Math.floor(png.length / 2);
        expect(
          await call(client, 'scans.chunk', { uploadId, index: 0, data: png.subarray(0, half).toString('base64') }),
        ).toEqual({ received: half });
        await call(client, 'scans.chunk', { uploadId, index: 1, data: png.subarray(half).toString('base64') });
        return call(client, 'scans.finish', { uploadId, thumbnail: null });
      },
    );
    expect(first).toEqual({ sha256, mediaType: 'image/png', size: png.length, thumbnailSha256: null });

    const added = blobFiles(site.backend).filter((f) => !filesBefore.includes(f));
    expect(added).toEqual([join(sha256.slice(0, 2), `${sha256}.tbb`)]);
    const stored = readFileSync(join(site.backend.dataDir, 'blobs', added[0]!));
    expect(stored.includes(png)).toBe(false);
    expect(stored.includes(png.subarray(0, 33))).toBe(false); // signature and IHDR
    expect(stored.includes(png.subarray(41, 73))).toBe(false); // compressed pixels

    // The same bytes again: the same address, no second file, the first one untouched.
    expect(await uploadScan(client, png, 'image/png', 3)).toMatchObject({ ok: true, value: { sha256 } });
    expect(blobFiles(site.backend).filter((f) => !filesBefore.includes(f))).toEqual(added);
    expect(readFileSync(join(site.backend.dataDir, 'blobs', added[0]!)).equals(stored)).toBe(true);

    // Before a case exists, a scan is readable only through the viewer's own draft.
    expect(await client.request('scans.get', { sha256, caseId: null })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const draftId = randomUUID();
    await call(client, 'drafts.save', { draftId, state: { scans: [{ sha256 }] } });
    const back = await call(client, 'scans.get', { sha256, caseId: null });
    expect(Buffer.from(back.data, 'base64').equals(png)).toBe(true);
    await call(client, 'drafts.discard', { draftId });

    const { caseId } = await call(
      client,
      'intake.submit',
      pensionTransfer({ scans: [{ sha256, materialId: 'id_card' }] }),
    );
    expect((await call(client, 'cases.get', { caseId })).scans).toEqual([
      { sha256, materialId: 'id_card', mediaType: 'image/png', held: true },
    ]);
    // Read back through its case with the audited call, it is the original.
    const viewed = await call(client, 'scans.get', { sha256, caseId });
    expect(Buffer.from(viewed.data, 'base64').equals(png)).toBe(true);
    withDb(site.backend.dbFile, (db) => {
      expect(db.prepare('SELECT sha256, material_id FROM case_blobs WHERE case_id = ?').all(caseId)).toEqual([
        { sha256, material_id: 'id_card' },
      ]);
      expect(
        db
          .prepare('SELECT r.region_code FROM outbox_blobs o JOIN remotes r USING (remote_id) WHERE o.sha256 = ?')
          .all(sha256),
      ).toEqual([{ region_code: MATTER.handlingRegion }]);
    });
  });
});
