// The result collection slip at Pengze's intake window, in the applicant's
// three languages: Huangmei's desk concludes the case and mails the result,
// and the clerk hands it out against a signature on the pad, then prints the
// slip from the case's detail.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decision } from '../support/server.ts';
import { expect, test } from './browser-mode.ts';
import { png } from './files.ts';
import { pensionTransfer, rpc, submit } from './intake-rpc.ts';
import { addPartnerRemote, CLERK, pushed } from './notice-desk.ts';
import { caseAt, compact, FULL_ID, MASKED_ID, openCase, printedNotice } from './notice-print.ts';
import { WALKS } from './notice-walks.ts';
import { NUMERIC_DATE, officialToday } from './paper.ts';
import { PartnerRegion } from './partner-region.ts';
import { createUser, logInWithKeyboard, logOut, setUpDevice } from './session.ts';

test('the intake window prints the result collection slip with the collector masked and the signature', async ({
  page,
  host,
  consoleErrors,
}) => {
  // Printing to PDF and reading it back takes more than the default minute on 2 busy cores.
  test.setTimeout(180_000);
  const partner = await PartnerRegion.start('sqlite');
  const dir = mkdtempSync(join(tmpdir(), 'tongban-notices-'));
  try {
    await setUpDevice(page, host.url);
    await createUser(page, CLERK);
    await addPartnerRemote(page, partner, 'intake', '360430');
    await logOut(page);
    await logInWithKeyboard(page, CLERK.username, CLERK.password);

    const desk = await partner.enrol('acceptance', '421127', '黄梅县政务服务中心 受理台');
    for (const walk of WALKS) {
      const { caseId, caseNo } = await submit(page, { ...pensionTransfer(), language: walk.language });
      await caseAt(page, caseId, (d) => d.row.syncState === 'synced');

      // The desk accepts, concludes with a result document, and mails it to this window.
      const letter = png(60, 40, [20, 20, 160]);
      const sha256 = createHash('sha256').update(letter).digest('hex');
      expect((await desk.putChunk(sha256, letter, 0, letter.length)).status).toBeLessThan(300);
      const concluded = decision(caseId, desk, 'case.concluded_approved', 'handling_officer', {
        resultDocuments: [{ sha256, materialId: null, mediaType: 'image/png', title: walk.result }],
      });
      await pushed(desk, [
        decision(caseId, desk, 'case.accepted', 'handling_officer', { acceptanceNo: 'HM-RS-2026-000123' }),
        { ...concluded, blobs: [sha256] },
        decision(caseId, desk, 'case.result_mailed', 'handling_officer'),
      ]);
      await caseAt(page, caseId, (d) => d.row.subState === 'result_in_transit');

      // The clerk takes the result in and hands it out against a signature on the pad.
      await rpc(page, 'cases.record', { caseId, type: 'case.result_arrived', payload: { waybillNo: '1180000000002' } });
      const signatureImage = png(200, 60, [0, 0, 0]).toString('base64');
      const { uploadId } = await rpc(page, 'scans.begin', {
        mediaType: 'image/png',
        size: Buffer.from(signatureImage, 'base64').length,
      });
      await rpc(page, 'scans.chunk', { uploadId, index: 0, data: signatureImage });
      const signature = (await rpc(page, 'scans.finish', { uploadId, thumbnail: null })).sha256;
      await rpc(page, 'cases.record', {
        caseId,
        type: 'case.result_collected',
        payload: {
          collector: { name: '欧阳娜娜', idKind: 'resident_id', idNumber: FULL_ID },
          byApplicant: true,
          signature: { sha256: signature, source: 'pad' },
        },
      });

      const detail = await openCase(page, '收件', '办件列表', caseNo);
      await expect(detail.getByTestId('notice-buttons').getByRole('button')).toHaveCount(2);
      await page.getByTestId('notice-open-collection_slip').click();
      await expect(
        page.getByTestId('notice-collection_slip').getByTestId('notice-signature').locator('img'),
      ).toHaveAttribute('src', `data:image/png;base64,${signatureImage}`);
      await page
        .getByTestId('notice-collection_slip-dialog')
        .getByRole('button', { name: /关闭|Close|關閉/ })
        .click();
      const slip = await printedNotice(page, 'collection_slip', dir);
      for (const expected of [
        walk.titles[3],
        caseNo,
        walk.matter,
        walk.result,
        '1180000000002',
        MASKED_ID,
        '欧**',
        walk.signedOn,
      ]) {
        expect(slip).toContain(compact(expected));
      }
      expect(slip).not.toContain('欧阳娜娜');
      expect(slip).toContain(compact(officialToday(walk.language)));
      expect(slip).not.toMatch(NUMERIC_DATE);
    }
    expect(consoleErrors).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await partner.stop();
  }
});
