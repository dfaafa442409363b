// 容缺受理 at Pengze's intake window: the clerk defers the photo of an
// employment-certificate application, is told a due day before today will not
// do, gives a later one, and prints the commitment letter for the applicant to
// sign; the letter is reprinted from the case in the applicant's other
// languages and read back from its PDF each time. Then the window's to-do
// lists what is owed, recording the photo brought in (with its scan) closes
// the commitment, and one past its due day is marked overdue, called out on
// its case and among the supervisor's warnings.
import { randomUUID } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { Role } from '../../shared/auth/permissions.ts';
import { SEED_CATALOG } from '../../shared/catalog/seed.ts';
import type { IntakeSubmission } from '../../shared/case/intake.ts';
import { PRIVACY_NOTICE_VERSION } from '../../shared/case/privacy-notice.ts';
import type { Language } from '../../shared/languages.ts';
import { localDayFrom } from '../../shared/local-time.ts';
import { expect, test } from './browser-mode.ts';
import { png } from './files.ts';
import { rpc, submit } from './intake-rpc.ts';
import { CLERK } from './notice-desk.ts';
import { compact, FULL_ID, MASKED_ID } from './notice-print.ts';
import { isPortraitA4, NUMERIC_DATE, savePaper } from './paper.ts';
import { createUser, logInWithKeyboard, logOut, PENGZE_WINDOW, setUpDevice } from './session.ts';

const MATTER = SEED_CATALOG.matters.find((m) => m.id === 'KST-EMP-002')!;
const PHOTO = MATTER.materials.find((m) => m.id === 'photo')!;
const APPLICANT = { name: '欧阳娜娜', idKind: 'resident_id' as const, idNumber: FULL_ID, phone: '', address: '' };

const SUPERVISOR = {
  username: 'boss',
  displayName: '赵主管',
  password: 'boss-pass-1',
  roles: ['supervisor'] as Role[],
};

/** What the letter must say in each language, besides the case's own values. */
const LETTERS = {
  'zh-CN': { title: '容缺受理承诺书', consequence: '逾期未补交的，视为申请材料不齐全', sign: '申请人（签字）：' },
  'zh-TW': { title: '容缺受理承諾書', consequence: '逾期未補交的，視為申請材料不齊全', sign: '申請人（簽名）：' },
  en: {
    title: 'DeferralCommitment',
    consequence: 'The application counts as incomplete',
    sign: 'Applicant (signature):',
  },
} as const;

/** A day as official papers write it, worked out apart from the app's own formatter. */
function official(day: string, language: Language): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return language === 'en'
    ? new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric' }).format(
        new Date(year, month - 1, date),
      )
    : `${year}年${month}月${date}日`;
}

/** The required materials received as the catalog expects, the photo not yet decided. */
function materials(): IntakeSubmission['materials'] {
  return MATTER.materials
    .filter((m) => m.requirement === 'required')
    .map((m) => ({ materialId: m.id, outcome: 'received' as const, forms: [...m.acceptedForms] }));
}

const formData = { [MATTER.formFields[0]!.id]: MATTER.formFields[0]!.options![0]!.value };

/** Prints the open letter to PDF and returns its text, whitespace removed, checking it is one A4 page. */
async function printedLetter(page: Page, dir: string, name: string): Promise<string> {
  const dialog = page.getByTestId('commitment-letter-dialog');
  await expect(page.getByTestId('commitment-letter')).toBeVisible();
  // The browser's print dialog cannot be answered headless: the test notes the request and saves the PDF itself.
  await page.evaluate(() => {
    window.print = () => {
      document.body.dataset.printRequests = String(Number(document.body.dataset.printRequests ?? '0') + 1);
    };
  });
  const before = Number((await page.locator('body').getAttribute('data-print-requests')) ?? '0');
  await page.getByTestId('commitment-letter-pdf').click();
  await expect(page.locator('body')).toHaveAttribute('data-print-requests', String(before + 1));
  const paper = await savePaper(page, join(dir, `${name}.pdf`));
  await dialog.getByTestId('commitment-letter-close').click();
  await expect(dialog).toBeHidden();
  expect(paper.sizes.length).toBe(1);
  expect(isPortraitA4(paper.sizes[0]!)).toBe(true);
  expect(paper.text).not.toContain(FULL_ID);
  expect(paper.text).not.toContain(APPLICANT.name);
  expect(paper.text).not.toMatch(NUMERIC_DATE);
  return paper.text;
}

function expectLetter(text: string, language: Language, caseNo: string, due: string): void {
  const letter = LETTERS[language];
  for (const expected of [
    letter.title,
    letter.consequence,
    letter.sign,
    caseNo,
    MATTER.names[language],
    PHOTO.names[language],
    MATTER.deferralConsequence![language],
    official(due, language),
    PENGZE_WINDOW.hall,
    CLERK.displayName,
    MASKED_ID,
  ]) {
    expect(text, expected).toContain(compact(expected));
  }
}

test('a deferred material: the due day checked, the commitment letter printed, the to-do closed', async ({
  page,
  host,
  consoleErrors,
}) => {
  // Three PDFs printed and read back take more than the default minute on 2 busy cores.
  test.setTimeout(240_000);
  const dir = mkdtempSync(join(tmpdir(), 'tongban-commitments-'));
  try {
    await setUpDevice(page, host.url);
    await createUser(page, CLERK);
    await createUser(page, SUPERVISOR);
    await logOut(page);
    await logInWithKeyboard(page, CLERK.username, CLERK.password);

    // The intake so far, as the wizard saves it: applicant and form filled, at the materials step.
    const draftId = randomUUID();
    await rpc(page, 'drafts.save', {
      draftId,
      state: {
        draftId,
        step: 'materials',
        matterId: MATTER.id,
        applicant: APPLICANT,
        hasAgent: false,
        agent: { name: '', idKind: 'resident_id', idNumber: '', phone: '', address: '', powerOfAttorney: null },
        priority: false,
        formData,
        materials: Object.fromEntries(
          MATTER.materials.map((m) => [
            m.id,
            {
              outcome: m.requirement === 'required' ? 'received' : 'not_provided',
              forms: [...m.acceptedForms],
              verificationRef: '',
            },
          ]),
        ),
        scans: [],
        language: 'zh-CN',
        handlingRegion: '421127',
      },
    });
    await logOut(page);
    await logInWithKeyboard(page, CLERK.username, CLERK.password);
    await expect(page.getByTestId('draft-restored')).toBeVisible();

    // 容缺后补: the due day is asked; yesterday is refused with a message and the step stays.
    const photo = page.getByTestId(`material-${PHOTO.id}`);
    await photo.getByText('容缺后补').click();
    const dueInput = page.getByTestId(`material-${PHOTO.id}-due`);
    await dueInput.fill(localDayFrom(new Date(), -1));
    await page.getByTestId('next-step').click();
    await expect(page.getByTestId('step-problems')).toContainText(
      `容缺材料“${PHOTO.names['zh-CN']}”的补交期限不能早于今天`,
    );
    await expect(page.getByTestId('materials-table')).toBeVisible();
    const due = localDayFrom(new Date(), 7);
    await dueInput.fill(due);
    await page.getByTestId('next-step').click();
    await expect(page.getByTestId('materials-table')).toBeHidden();
    await page.getByTestId('next-step').click();
    await page.keyboard.press('Alt+KeyP'); // the applicant read the privacy notice
    await page.getByTestId('submit-intake').click();
    const caseNo = (await page.getByTestId('submitted-case-no').innerText()).trim();

    // The receipt opens first; once it is closed, the letter from the intake's result, in the applicant's language.
    await expect(page.getByTestId('receipt')).toBeVisible();
    await page.getByTestId('receipt-close').click();
    await expect(page.getByTestId('receipt-dialog')).toBeHidden();
    await page.getByTestId('commitment-letter-open').click();
    expectLetter(await printedLetter(page, dir, 'zh-CN'), 'zh-CN', caseNo, due);

    // Reprinted from the case, for applicants of the other two languages.
    for (const language of ['zh-TW', 'en'] as const) {
      const other = await submit(page, {
        submissionId: randomUUID(),
        matterId: MATTER.id,
        applicant: { name: APPLICANT.name, idKind: 'resident_id', idNumber: FULL_ID },
        agent: null,
        priority: false,
        materials: [...materials(), { materialId: PHOTO.id, outcome: 'deferred', dueDate: due }],
        scans: [],
        formData,
        language,
        handlingRegion: '421127',
        privacyNotice: { version: PRIVACY_NOTICE_VERSION, acknowledgedAt: new Date().toISOString() },
      });
      await page.getByRole('tab', { name: '办件列表' }).click();
      await page.getByTestId('case-row').filter({ hasText: other.caseNo }).click();
      const commitments = page.getByTestId('case-commitments');
      await expect(commitments).toContainText('待补交');
      await commitments.getByTestId('commitment-letter-open').click();
      expectLetter(await printedLetter(page, dir, language), language, other.caseNo, due);
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('case-detail')).toBeHidden();
    }

    // The to-do: three photos owed, none overdue; the first taken in is recorded as brought in.
    await page.getByRole('tab', { name: '容缺待补' }).click();
    await expect(page.getByTestId('commitments-total')).toHaveAttribute('data-count', '3');
    await expect(page.getByTestId('commitment-overdue')).toHaveCount(0);
    await page.getByTestId(`commitment-receive-${caseNo}`).click();
    const detail = page.getByTestId('case-detail-body');
    await expect(detail.getByTestId('case-number')).toHaveText(caseNo);
    await detail.getByTestId('action-case.deferred_material_received').click();
    const modal = page.getByTestId('action-modal');
    await expect(modal.getByTestId('action-materialId')).toContainText(PHOTO.names['zh-CN']);
    await modal
      .getByTestId('action-files')
      .setInputFiles({ name: '照片.png', mimeType: 'image/png', buffer: png(40, 60, [230, 230, 240]) });
    await modal.getByTestId('action-submit').click();
    await expect(modal).toHaveCount(0);

    await expect(detail.getByTestId('case-commitments')).toContainText('已补交');
    await expect(detail.getByTestId('case-materials')).toContainText('已收取');
    await expect(detail.getByTestId('action-case.deferred_material_received')).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('commitments-total')).toHaveAttribute('data-count', '2');
    await expect(page.getByTestId(`commitment-receive-${caseNo}`)).toHaveCount(0);
    const { items } = await rpc(page, 'commitments.open', {});
    expect(items.map((c) => c.caseNo)).not.toContain(caseNo);

    // A promise not kept: a test cannot wait for a due day, so one is moved two days back in the file.
    const lapsed = items[0]!;
    const db = new DatabaseSync(join(host.dataDir, 'tongban.sqlite'));
    try {
      const moved = db
        .prepare('UPDATE commitments SET due_date = ? WHERE case_id = ? AND material_id = ?')
        .run(localDayFrom(new Date(), -2), lapsed.caseId, lapsed.materialId);
      expect(moved.changes).toBe(1);
    } finally {
      db.close();
    }
    await page.getByTestId('commitments-refresh').click();
    await expect(page.getByTestId('commitment-overdue')).toHaveCount(1);
    await expect(page.getByTestId('commitment-overdue')).toHaveText('已逾期 2 天');
    // Soonest due first: the lapsed one heads the list.
    await expect(page.getByTestId('commitments-table').locator('tbody tr').first()).toContainText(lapsed.caseNo);
    await page.getByTestId(`commitment-receive-${lapsed.caseNo}`).click();
    await expect(page.getByTestId('commitments-lapsed')).toContainText(
      `申请人未在承诺期限内补交容缺材料：${PHOTO.names['zh-CN']}`,
    );
    await page.keyboard.press('Escape');

    // The supervisor's warnings name the case and the material owed, two days overdue.
    await logOut(page);
    await logInWithKeyboard(page, SUPERVISOR.username, SUPERVISOR.password);
    await page.getByTestId('workspace-nav').getByText('台账', { exact: true }).click();
    await page.getByTestId('supervisor-tab-warnings').click();
    await expect(page.getByTestId('warnings-count-commitment_lapsed')).toContainText('1');
    const warning = page.getByTestId('warnings-group-commitment_lapsed').getByTestId('warning-row');
    await expect(warning).toHaveCount(1);
    await expect(warning).toContainText(lapsed.caseNo);
    await expect(warning).toContainText(PHOTO.names['zh-CN']);
    await expect(warning.getByTestId('warning-days')).toHaveAttribute('data-days', '2');
    expect(consoleErrors).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
