// Cases taken in through the same RPC the intake wizard uses, with the page's
// session: for specs whose subject is what happens to a case afterwards.
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import type { IntakeSubmission } from '../../shared/case/intake.ts';
import { PRIVACY_NOTICE_VERSION } from '../../shared/case/privacy-notice.ts';
import { SEED_CATALOG } from '../../shared/catalog/seed.ts';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/rpc/contract.ts';

/** A KST-SI-004 intake (handled by 421127, Huangmei): two events, no scans. */
export function pensionTransfer(
  applicant: IntakeSubmission['applicant'] = {
    name: '欧阳娜娜',
    idKind: 'resident_id',
    idNumber: '11010219781027232X',
  },
): IntakeSubmission {
  return {
    submissionId: randomUUID(),
    matterId: 'KST-SI-004',
    applicant,
    agent: null,
    priority: false,
    materials: [
      { materialId: 'id_card', outcome: 'received', forms: ['original_checked', 'copy_kept'] },
      { materialId: 'contribution_certificate', outcome: 'received', forms: ['original_kept'] },
      { materialId: 'application_form', outcome: 'received', forms: ['original_kept'] },
    ],
    scans: [],
    formData: { transfer_out_region: '广东省深圳市', transfer_in_region: '湖北省黄冈市黄梅县' },
    language: 'zh-CN',
    // 转入地: the receiving place the clerk chose.
    handlingRegion: '421127',
    privacyNotice: { version: PRIVACY_NOTICE_VERSION, acknowledgedAt: new Date().toISOString() },
  };
}

/** The privacy notice's settings of the tests' windows; no intake is taken until an administrator sets them. */
export const PRIVACY_SETTINGS = { retentionYears: 30, contact: '彭泽县政务服务中心 0792-4567890' };

/** Set by the page's administrator session, through the same RPC the Settings screen uses. */
export async function setPrivacySettings(page: Page): Promise<void> {
  await rpc(page, 'privacy.setSettings', PRIVACY_SETTINGS);
}

/**
 * A KST-LAB-002 labour-dispute arbitration application, handled where the
 * employer is (421127): every required material received in its first form.
 */
export function labourArbitration(): IntakeSubmission {
  const matter = SEED_CATALOG.matters.find((m) => m.id === 'KST-LAB-002')!;
  return {
    ...pensionTransfer(),
    matterId: matter.id,
    materials: matter.materials
      .filter((m) => m.requirement === 'required')
      .map((m) => ({ materialId: m.id, outcome: 'received', forms: [m.acceptedForms[0]!] })),
    formData: {
      respondent_name: '黄梅县某物流有限公司',
      respondent_address: '湖北省黄冈市黄梅县黄梅镇人民大道 1 号',
      respondent_count: 1,
      claims: '请求支付拖欠工资。',
    },
  };
}

/** Taken in through the same RPC the wizard uses, with the page's session. */
export function submit(page: Page, submission: IntakeSubmission): Promise<{ caseId: string; caseNo: string }> {
  return rpc(page, 'intake.submit', submission);
}

/** Any method, called from the page with the page client's session; throws the error code on refusal. */
export async function rpc<M extends MethodName>(
  page: Page,
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  const result = await page.evaluate(([m, i]) => window.tongban!.request(m as M, i as MethodInput<M>), [
    method,
    input,
  ] as const);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.reason ?? ''}`);
  return result.value as MethodOutput<M>;
}
