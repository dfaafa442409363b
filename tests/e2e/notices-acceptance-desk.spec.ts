// The notices of Huangmei's acceptance desk, rendered to PDF and their text
// checked, in the applicant's three languages: cases arrive in the desk's
// inbox from Pengze's intake window (a signed test device) at region 421127's
// real exchange server, and its officer accepts, asks for corrections and
// refuses. Each case is opened from the case list, as an officer would, and
// the notices are printed from the buttons in its detail.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decision } from '../support/server.ts';
import { expect, test } from './browser-mode.ts';
import { rpc } from './intake-rpc.ts';
import { addPartnerRemote, intakeCase, OFFICER, pushed, setUpDesk } from './notice-desk.ts';
import { caseAt, compact, MASKED_ID, openCase, printedNotice } from './notice-print.ts';
import { WALKS } from './notice-walks.ts';
import { NUMERIC_DATE, officialToday } from './paper.ts';
import { PartnerRegion } from './partner-region.ts';
import { createUser, logInWithKeyboard, logOut } from './session.ts';

test('the acceptance desk prints acceptance, correction and refusal notices in the applicant’s language', async ({
  page,
  host,
  consoleErrors,
}) => {
  // Printing to PDF and reading it back takes more than the default minute on 2 busy cores.
  test.setTimeout(300_000);
  const partner = await PartnerRegion.start('sqlite');
  const dir = mkdtempSync(join(tmpdir(), 'tongban-notices-'));
  try {
    await setUpDesk(page, host.url);
    await createUser(page, OFFICER);
    await addPartnerRemote(page, partner, 'acceptance', '421127');
    await logOut(page);
    await logInWithKeyboard(page, OFFICER.username, OFFICER.password);

    // Pengze's window sends three cases per language: one to accept, one to correct and then refuse, and a
    // labour-dispute arbitration application the committee does not accept.
    const window = await partner.enrol('intake', '360430', '彭泽县收件窗口');
    const cases = WALKS.map((walk) => ({
      walk,
      accepted: intakeCase(walk.language),
      refused: intakeCase(walk.language),
      labour: intakeCase(walk.language, 'KST-LAB-002'),
    }));
    await pushed(
      window,
      cases.flatMap((c) => [...c.accepted.events, ...c.refused.events, ...c.labour.events]),
    );

    for (const { walk, accepted, refused } of cases) {
      await caseAt(page, accepted.caseId, (d) => d.row.origin === 'inbox');
      await rpc(page, 'cases.record', {
        caseId: accepted.caseId,
        type: 'case.accepted',
        payload: { acceptanceNo: `HM-RS-2026-${walk.language}` },
      });
      await caseAt(page, refused.caseId, (d) => d.row.origin === 'inbox');
      await rpc(page, 'cases.record', {
        caseId: refused.caseId,
        type: 'case.correction_requested',
        payload: {
          items: [
            { materialId: 'contribution_certificate', problem: 'incorrect', note: walk.note },
            { materialId: null, problem: 'missing', note: walk.otherItem },
          ],
          note: walk.note,
          deadline: '2099-12-31',
        },
      });
    }

    // The window supplies the corrections once the request has reached the server; then the desk refuses.
    for (const { refused } of cases) {
      await expect
        .poll(async () => {
          const [result] = await window.push([
            decision(refused.caseId, window, 'case.correction_supplied', 'intake_clerk'),
          ]);
          return result!.status;
        })
        .toBe('accepted');
    }
    for (const { walk, refused } of cases) {
      await caseAt(page, refused.caseId, (d) => d.row.status === 7);
      await rpc(page, 'cases.record', {
        caseId: refused.caseId,
        type: 'case.not_accepted',
        payload: {
          reasons: [walk.reason],
          remedies: [
            { kind: 'administrative_reconsideration', body: walk.bodies[0], period: { value: 60, unit: 'days' } },
            { kind: 'administrative_litigation', body: walk.bodies[1], period: { value: 6, unit: 'months' } },
          ],
        },
      });
    }

    // 劳动争议调解仲裁法 art. 29: against an arbitration application not accepted, a suit at the court alone.
    for (const { walk, labour } of cases) {
      await caseAt(page, labour.caseId, (d) => d.row.origin === 'inbox');
      const reconsideration = await page.evaluate(
        (input) => globalThis.window.tongban!.request('cases.record', input as never),
        {
          caseId: labour.caseId,
          type: 'case.not_accepted',
          payload: {
            reasons: [walk.labourReason],
            remedies: [
              { kind: 'administrative_reconsideration', body: walk.bodies[0], period: { value: 60, unit: 'days' } },
            ],
          },
        },
      );
      expect(reconsideration).toMatchObject({ ok: false, error: { reason: 'remedy_not_given' } });
      if (walk.language !== 'zh-CN') {
        await rpc(page, 'cases.record', {
          caseId: labour.caseId,
          type: 'case.not_accepted',
          payload: { reasons: [walk.labourReason], remedies: [{ kind: 'civil_litigation', body: walk.bodies[1] }] },
        });
        continue;
      }
      // The officer's form offers the remedy the catalog gives the matter, its court filled in from the register.
      const caseNo = (await rpc(page, 'cases.get', { caseId: labour.caseId })).row.caseNo;
      await openCase(page, '受理', null, caseNo);
      await page.getByTestId('action-case.not_accepted').click();
      const modal = page.getByTestId('action-modal');
      await expect(modal.getByTestId('action-remedyBody-civil_litigation')).toHaveValue(walk.bodies[1]);
      await expect(modal.getByTestId('action-remedyBody-administrative_reconsideration')).toHaveCount(0);
      await expect(modal.getByTestId('action-remedyBody-administrative_litigation')).toHaveCount(0);
      await modal.getByTestId('action-reasons').fill(walk.labourReason);
      await modal.getByTestId('action-submit').click();
      await expect(modal).toHaveCount(0);
      await caseAt(page, labour.caseId, (d) => d.row.status === 5);
    }

    for (const { walk, accepted, refused, labour } of cases) {
      const [acceptanceTitle, correctionTitle, refusalTitle] = walk.titles;
      const acceptedNo = (await rpc(page, 'cases.get', { caseId: accepted.caseId })).row.caseNo;
      let detail = await openCase(page, '受理', null, acceptedNo);
      await expect(detail.getByTestId('notice-buttons').getByRole('button')).toHaveCount(1);
      const acceptance = await printedNotice(page, 'acceptance_notice', dir);
      for (const expected of [
        acceptanceTitle,
        acceptedNo,
        `HM-RS-2026-${walk.language}`,
        walk.matter,
        MASKED_ID,
        walk.handlingPlace,
        walk.certificate,
        OFFICER.displayName,
        ...walk.authority,
      ]) {
        expect(acceptance).toContain(compact(expected));
      }

      const refusedNo = (await rpc(page, 'cases.get', { caseId: refused.caseId })).row.caseNo;
      detail = await openCase(page, '受理', null, refusedNo);
      await expect(detail.getByTestId('notice-buttons').getByRole('button')).toHaveCount(2);
      const correction = await printedNotice(page, 'correction_notice', dir);
      for (const expected of [
        correctionTitle,
        refusedNo,
        walk.certificate,
        walk.incorrect,
        walk.otherItem,
        walk.missing,
        walk.note,
        walk.supplyBy,
        walk.allAtOnce,
      ]) {
        expect(correction).toContain(compact(expected));
      }
      const refusal = await printedNotice(page, 'refusal_notice', dir);
      for (const expected of [
        refusalTitle,
        refusedNo,
        walk.matter,
        MASKED_ID,
        walk.reason,
        walk.remedies,
        ...walk.authority,
      ]) {
        expect(refusal).toContain(compact(expected));
      }
      // Six months, not 180 days: the number appears nowhere on the page.
      expect(refusal).not.toContain('180');
      // Dated as official papers are, in the applicant's language; no numeric date on any of them.
      for (const notice of [acceptance, correction, refusal]) {
        expect(notice).toContain(compact(officialToday(walk.language)));
        expect(notice).not.toMatch(NUMERIC_DATE);
      }

      const labourNo = (await rpc(page, 'cases.get', { caseId: labour.caseId })).row.caseNo;
      detail = await openCase(page, '受理', null, labourNo);
      await expect(detail.getByTestId('notice-buttons').getByRole('button')).toHaveCount(1);
      const labourRefusal = await printedNotice(page, 'refusal_notice', dir);
      for (const expected of [
        refusalTitle,
        labourNo,
        walk.labourMatter,
        walk.labourReason,
        walk.labourRemedy,
        ...walk.labourAuthority,
      ]) {
        expect(labourRefusal).toContain(compact(expected));
      }
      expect(labourRefusal).not.toContain(compact(walk.remedies));
      expect(labourRefusal).not.toContain('180');
    }
    expect(consoleErrors).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await partner.stop();
  }
});
