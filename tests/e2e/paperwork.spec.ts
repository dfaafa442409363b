// The counter's paperwork in the applicant's three languages, read back from
// the printed PDFs: a one-time notice issued from a failed materials check
// (everything missing, and a material marked wrong, listed in one go), then
// reprinted from the notices issued; the application form printed for a
// signature on paper (the applicant's data in full on the paper, masked on
// screen), then signed on the pad (the simulator) and kept as a scan of the
// case.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import {
  startSignaturePadSimulator,
  type SignaturePadSimulator,
} from '../../electron/backend/devices/signature-pad-simulator.ts';
import type { Language } from '../../shared/languages.ts';
import { chooseOption, settled } from './antd.ts';
import { expect, test } from './browser-mode.ts';
import { rpc } from './intake-rpc.ts';
import { CLERK } from './notice-desk.ts';
import { compact, FULL_ID, MASKED_ID } from './notice-print.ts';
import { NUMERIC_DATE, officialToday, savePaper } from './paper.ts';
import { createUser, logInWithKeyboard, logOut, PENGZE_WINDOW, setUpDevice } from './session.ts';

const WALKS = [
  {
    language: 'zh-CN',
    notice: '一次性告知单',
    matter: '企业职工基本养老保险关系转移接续申请',
    certificate: '《基本养老保险参保缴费凭证》（转出地开具）',
    form: '《转移接续申请表》',
    idCard: '居民身份证',
    missing: '未提交',
    expired: '已过有效期',
    allAtOnce: '以上为需补齐或更正的全部材料，本窗口一次性告知，不再另行要求其他材料。',
    formTitle: '申请表',
    declaration: '本人承诺以上填写的信息和提交的材料真实、准确、完整',
    signature: '申请人（代理人）签名',
    padPrompt: '请核对申请表后签名',
    delivery: '到本窗口领取',
  },
  {
    language: 'zh-TW',
    notice: '一次性告知單',
    matter: '企業職工基本養老保險關係轉移接續申請',
    certificate: '《基本養老保險參保繳費憑證》（轉出地開具）',
    form: '《轉移接續申請表》',
    idCard: '居民身份證',
    missing: '未提交',
    expired: '已過有效期',
    allAtOnce: '以上為需補齊或更正的全部材料，本窗口一次性告知，不再另行要求其他材料。',
    formTitle: '申請表',
    declaration: '本人承諾以上填寫的資料和提交的材料真實、準確、完整',
    signature: '申請人（代理人）簽名',
    padPrompt: '請核對申請表後簽名',
    delivery: '到本窗口領取',
  },
  {
    language: 'en',
    notice: 'One-Time Notice of Materials Required',
    matter: 'Transfer of urban-employee basic pension insurance relationship',
    certificate: 'Basic pension insurance contribution certificate (issued by the transferring-out place)',
    form: 'Transfer application form',
    idCard: 'Resident identity card',
    missing: 'Not provided',
    expired: 'Expired',
    allAtOnce: 'This is everything still required, told to you in one go; nothing else will be asked of you.',
    formTitle: 'Application Form',
    declaration: 'I declare that the information above and the materials provided are true',
    signature: 'Signature of the applicant (or agent)',
    padPrompt: 'Please check the application form, then sign',
    delivery: 'Collected at this window',
  },
] as const;

const APPLICANT = { name: '欧阳娜娜', phone: '13812348000', address: '江西省九江市彭泽县龙城镇人民路 8 号' };

/** A KST-SI-004 intake as the wizard keeps it: the ID card checked, the certificate and the form not brought. */
function draft(language: Language, step: 'materials' | 'review') {
  const person = { name: APPLICANT.name, idKind: 'resident_id', idNumber: FULL_ID, phone: '', address: '' };
  const forms = { id_card: ['original_checked', 'copy_kept'], contribution_certificate: ['original_kept'] };
  return {
    draftId: randomUUID(),
    step,
    matterId: 'KST-SI-004',
    applicant: { ...person, phone: APPLICANT.phone, address: APPLICANT.address },
    hasAgent: false,
    agent: { ...person, name: '', idNumber: '', powerOfAttorney: null },
    priority: false,
    formData: { transfer_out_region: '广东省深圳市', transfer_in_region: '湖北省黄冈市黄梅县' },
    materials: {
      id_card: { outcome: 'received', forms: forms.id_card, verificationRef: '' },
      contribution_certificate: {
        outcome: step === 'review' ? 'received' : 'not_provided',
        forms: forms.contribution_certificate,
        verificationRef: '',
      },
      application_form: { outcome: 'not_provided', forms: ['original_kept'], verificationRef: '' },
      power_of_attorney: { outcome: 'not_provided', forms: ['original_kept'], verificationRef: '' },
      agent_id: { outcome: 'not_provided', forms: ['original_checked', 'copy_kept'], verificationRef: '' },
    },
    scans: [],
    language,
    handlingRegion: '421127',
    // The applicant has read the privacy notice; the result is collected at this window.
    privacyAcknowledgedAt: new Date().toISOString(),
    delivery: { method: 'intake_window', county: null, street: '', phone: '' },
  };
}

/** The intake wizard opens on this draft alone, as after a restart. */
async function openDraft(page: Page, state: ReturnType<typeof draft>): Promise<void> {
  for (const old of await rpc(page, 'drafts.list', {})) await rpc(page, 'drafts.discard', { draftId: old.draftId });
  await rpc(page, 'drafts.save', { draftId: state.draftId, state });
  await page.reload();
  await expect(page.getByTestId('draft-restored')).toBeVisible();
}

/** Prints the open dialog's document through its PDF button, as "Save as PDF" would, and reads it back. */
async function printed(page: Page, testId: string, file: string): Promise<string> {
  // Headless Chromium has no print dialog: the test notes the app's request, then saves the page itself.
  await page.evaluate(() => {
    window.print = () => {
      document.body.dataset.printRequests = String(Number(document.body.dataset.printRequests ?? '0') + 1);
    };
  });
  const before = Number((await page.locator('body').getAttribute('data-print-requests')) ?? '0');
  await page.getByTestId(`${testId}-pdf`).click();
  await expect(page.locator('body')).toHaveAttribute('data-print-requests', String(before + 1));
  const { text } = await savePaper(page, file);
  await page.getByTestId(`${testId}-close`).click();
  await expect(page.getByTestId(`${testId}-dialog`)).toBeHidden();
  return text;
}

test('one-time notices and application forms print in the applicant’s language; the pad signs the form', async ({
  page,
  host,
}) => {
  test.setTimeout(300_000);
  const dir = mkdtempSync(join(tmpdir(), 'tongban-paperwork-'));
  let pad: SignaturePadSimulator | null = null;
  try {
    pad = await startSignaturePadSimulator();
    await setUpDevice(page, host.url);
    await createUser(page, CLERK);
    await rpc(page, 'devices.setSignaturePad', { url: pad.url });
    await logOut(page);
    await logInWithKeyboard(page, CLERK.username, CLERK.password);

    // 0. From a question at the window, with no intake: the matter is chosen, the notice printed in English.
    await page.getByTestId('one-time-notice-open').click();
    const asked = page.getByTestId('one-time-notice-modal');
    await asked.getByTestId('one-time-notice-matter').click();
    await page.keyboard.type('si004');
    await (
      await settled(page.locator('.ant-select-dropdown:visible:not([class*="-leave"])').last())
    )
      .locator('.ant-select-item-option')
      .filter({ hasText: 'KST-SI-004' })
      .click();
    // The matter's checklist appears under it and moves the language field down: the list is
    // opened only once the field is where it stays, and the choice is checked to have taken.
    await expect(asked.getByTestId('one-time-notice-items-table')).toBeVisible();
    await chooseOption(page, asked.getByTestId('one-time-notice-language'), 'English');
    await expect(asked.getByTestId('one-time-notice-language')).toContainText('English');
    // Nothing listed: refused, saying what is expected, and nothing recorded.
    await asked.getByTestId('one-time-notice-issue').click();
    await expect(asked.getByTestId('one-time-notice-error')).toHaveText('请至少列入一项缺少或有误的材料。');
    expect(await rpc(page, 'paperwork.oneTimeNotices', {})).toEqual([]);
    await asked.getByTestId('one-time-notice-include-contribution_certificate').check();
    await asked.getByTestId('one-time-notice-issue').click();
    const consulted = await printed(page, 'one-time-notice', join(dir, 'notice-consultation.pdf'));
    expect(consulted).toContain(compact(WALKS[2].notice));
    expect(consulted).toContain(compact(WALKS[2].certificate));
    expect(consulted).not.toContain(compact(WALKS[2].idCard));
    expect(await rpc(page, 'paperwork.oneTimeNotices', {})).toHaveLength(1);

    for (const walk of WALKS) {
      // 1. The materials check fails: the notice starts from everything required and not brought.
      await openDraft(page, draft(walk.language, 'materials'));
      await page.getByTestId('one-time-notice-from-check').click();
      const modal = page.getByTestId('one-time-notice-modal');
      await expect(modal.getByTestId('one-time-notice-include-contribution_certificate')).toBeChecked();
      await expect(modal.getByTestId('one-time-notice-include-application_form')).toBeChecked();
      await expect(modal.getByTestId('one-time-notice-include-id_card')).not.toBeChecked();
      // The ID card was brought but has expired: the clerk lists it too.
      await modal.getByTestId('one-time-notice-include-id_card').check();
      await expect(modal.getByTestId('one-time-notice-problem-id_card')).toContainText('未提交');
      await chooseOption(page, modal.getByTestId('one-time-notice-problem-id_card'), '已过有效期');
      await expect(modal.getByTestId('one-time-notice-problem-id_card')).toContainText('已过有效期');
      await modal.getByTestId('one-time-notice-issue').click();
      await expect(page.getByTestId('one-time-notice')).toBeVisible();
      const notice = await printed(page, 'one-time-notice', join(dir, `notice-${walk.language}.pdf`));
      for (const expected of [
        walk.notice,
        walk.matter,
        walk.idCard,
        walk.certificate,
        walk.form,
        walk.missing,
        walk.expired,
        walk.allAtOnce,
        PENGZE_WINDOW.hall,
        CLERK.displayName,
        officialToday(walk.language),
      ]) {
        expect(notice).toContain(compact(expected));
      }
      expect(notice).not.toMatch(NUMERIC_DATE);
      expect(notice).not.toContain(APPLICANT.name);
      expect(notice).not.toContain(MASKED_ID);

      // 2. Reprinted later from the notices issued here: the same notice.
      // Clicked only once the list has stopped zooming in: a click during the motion can land on
      // the mask beside it, which closes the list.
      await page.getByTestId('one-time-notice-history').click();
      const history = await settled(page.getByTestId('one-time-notice-history-modal').locator('.ant-modal'));
      await history.getByTestId('one-time-notice-row').first().getByTestId('one-time-notice-reprint').click();
      const again = await printed(page, 'one-time-notice', join(dir, `notice-again-${walk.language}.pdf`));
      expect(again).toBe(notice);

      // 3. The application form at review: masked on screen, in full on the paper the applicant signs.
      await openDraft(page, draft(walk.language, 'review'));
      await page.getByTestId('application-form-open').click();
      const screen = page.getByTestId('application-form');
      await expect(screen).toContainText(walk.formTitle);
      await expect(screen).toContainText(MASKED_ID);
      await expect(screen).not.toContainText(FULL_ID);
      await expect(screen).not.toContainText(APPLICANT.phone);
      const form = await printed(page, 'application-form', join(dir, `form-${walk.language}.pdf`));
      for (const expected of [
        walk.formTitle,
        walk.matter,
        FULL_ID,
        APPLICANT.name,
        APPLICANT.phone,
        APPLICANT.address,
        walk.idCard,
        walk.declaration,
        walk.signature,
        walk.delivery,
        PENGZE_WINDOW.hall,
        officialToday(walk.language),
      ]) {
        expect(form).toContain(compact(expected));
      }
      expect(form).not.toMatch(NUMERIC_DATE);

      // 4. Signed on the pad: the form with the signature becomes a scan of the case, on its material.
      await page.getByTestId('application-form-open').click();
      await page.getByTestId('application-form-sign-pad').click();
      await expect(page.getByTestId('application-form-signed')).toBeVisible();
      // The pad asks in the applicant's language.
      expect(pad.prompts.at(-1)).toBe(walk.padPrompt);
      await page.getByTestId('application-form-close').click();
      await page.getByTestId('submit-intake').click();
      const caseNo = (await page.getByTestId('submitted-case-no').innerText()).trim();
      const found = await rpc(page, 'cases.list', { query: caseNo, limit: 1 });
      const detail = await rpc(page, 'cases.get', { caseId: found.rows[0]!.caseId });
      const scan = detail.scans.find((s) => s.materialId === 'application_form');
      expect(scan).toMatchObject({ mediaType: 'image/png', held: true });
      expect(detail.materials).toContainEqual(
        expect.objectContaining({ materialId: 'application_form', outcome: 'received' }),
      );
      const bytes = Buffer.from(
        (await rpc(page, 'scans.get', { sha256: scan!.sha256, caseId: detail.row.caseId })).data,
        'base64',
      );
      // A PNG one A4 page wide at 150 dpi, at least one page long: the form drawn, not the signature alone.
      expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(bytes.readUInt32BE(16)).toBe(1240);
      expect(bytes.readUInt32BE(20)).toBeGreaterThanOrEqual(1754);
      await page.keyboard.press('Escape');
    }
  } finally {
    await pad?.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
