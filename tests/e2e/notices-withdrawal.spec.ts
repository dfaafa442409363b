// 撤件 at the intake window, in the applicant's three languages: the clerk
// records the withdrawal through the case's form, the case ends, and the
// withdrawal confirmation prints from the case's detail on A4 and is read
// back from its PDF, the applicant masked.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Language } from '../../shared/languages.ts';
import { expect, test } from './browser-mode.ts';
import { pensionTransfer, submit } from './intake-rpc.ts';
import { CLERK } from './notice-desk.ts';
import { caseAt, compact, MASKED_ID, openCase, printedNotice } from './notice-print.ts';
import { WALKS } from './notice-walks.ts';
import { NUMERIC_DATE, officialToday } from './paper.ts';
import { createUser, logInWithKeyboard, logOut, setUpDevice } from './session.ts';

/** What the confirmation says in each language, beside the case's own facts. */
const WITHDRAWAL: Record<Language, { title: string; reason: string; statement: string; asker: string }> = {
  'zh-CN': {
    title: '撤回申请确认书',
    reason: '申请人已在参保地办结，不再需要转移。',
    statement: '本件自撤回之日起终止办理，办理时限停止计算。',
    asker: '申请人本人',
  },
  'zh-TW': {
    title: '撤回申請確認書',
    reason: '申請人已在參保地辦結，不再需要轉移。',
    statement: '本件自撤回之日起終止辦理，辦理時限停止計算。',
    asker: '申請人本人',
  },
  en: {
    title: 'Confirmation of Withdrawal',
    reason: 'The applicant settled the matter where insured.',
    statement: 'The case is no longer handled from that day, and its time limit no longer runs.',
    asker: 'The applicant',
  },
};

test('the intake window records a withdrawal and prints its confirmation in three languages', async ({
  page,
  host,
  consoleErrors,
}) => {
  // Printing to PDF and reading it back takes more than the default minute on 2 busy cores.
  test.setTimeout(240_000);
  const dir = mkdtempSync(join(tmpdir(), 'tongban-withdrawal-'));
  try {
    await setUpDevice(page, host.url);
    await createUser(page, CLERK);
    await logOut(page);
    await logInWithKeyboard(page, CLERK.username, CLERK.password);

    for (const walk of WALKS) {
      const words = WITHDRAWAL[walk.language];
      const { caseId, caseNo } = await submit(page, { ...pensionTransfer(), language: walk.language });
      const detail = await openCase(page, '收件', '办件列表', caseNo);

      // The form: who asked is the applicant unless changed; without a reason it does not send.
      const modal = page.getByTestId('action-modal');
      await detail.getByTestId('action-case.withdrawn').click();
      // Once open, the form focuses its first field: who asked.
      await expect(modal.getByRole('combobox')).toBeFocused();
      await modal.getByTestId('action-submit').click();
      await expect(modal.getByText('请填写“撤件原因”。')).toBeVisible();
      await modal.getByTestId('action-reason').fill(words.reason);
      await modal.getByTestId('action-submit').click();
      await expect(modal).toHaveCount(0);

      await expect(detail.getByTestId('case-status')).toHaveText('已撤件');
      await expect(detail.getByTestId('case-clock')).toHaveAttribute('data-state', 'stopped');
      await expect(detail.getByTestId('action-case.withdrawn')).toHaveCount(0);
      const recorded = await caseAt(page, caseId, (d) => d.row.status === 2);
      expect(recorded.timeline.at(-1)).toMatchObject({
        type: 'case.withdrawn',
        details: { reason: words.reason, requestedBy: 'applicant', side: 'intake' },
      });

      const paper = await printedNotice(page, 'withdrawal_notice', dir);
      for (const expected of [
        words.title,
        caseNo,
        walk.matter,
        words.reason,
        words.asker,
        words.statement,
        MASKED_ID,
        '欧**',
      ]) {
        expect(paper).toContain(compact(expected));
      }
      expect(paper).not.toContain('欧阳娜娜');
      expect(paper).toContain(compact(officialToday(walk.language)));
      expect(paper).not.toMatch(NUMERIC_DATE);
    }
    expect(consoleErrors).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
