// The places around region 421127's exchange server: Huangmei's acceptance
// desk set up in this browser-mode device, its officer and clerk, and cases
// as Pengze's intake window sends them, and this device adding that server.
import type { Page } from '@playwright/test';
import { newCase, wire, type TestDevice } from '../support/server.ts';
import type { Role } from '../../shared/auth/permissions.ts';
import type { Language } from '../../shared/languages.ts';
import type { PushResult, ScopeKind } from '../../shared/sync/protocol.ts';
import { expect } from './browser-mode.ts';
import { rpc } from './intake-rpc.ts';
import type { PartnerRegion } from './partner-region.ts';
import { ADMIN } from './session.ts';

/** Pushes events as a test device and checks that none was refused. */
export async function pushed(device: TestDevice, events: Parameters<TestDevice['push']>[0]): Promise<PushResult[]> {
  const results = await device.push(events);
  for (const result of results) expect(result.status).not.toBe('refused');
  return results;
}

export const OFFICER = {
  username: 'officer',
  displayName: '黄审批',
  password: 'officer-pass-1',
  roles: ['handling_officer'] as Role[],
};
export const CLERK = {
  username: 'clerk',
  displayName: '李收件',
  password: 'clerk-pass-1',
  roles: ['intake_clerk'] as Role[],
};

/** This device adds the partner's server as a remote, with a fresh invitation of the scope it works in. */
export async function addPartnerRemote(
  page: Page,
  partner: PartnerRegion,
  kind: ScopeKind,
  region: string,
): Promise<void> {
  await rpc(page, 'sync.addRemote', { invitation: partner.invitation(kind, region), name: '黄梅县交换服务器' });
}

/** The first-run screen as Huangmei's acceptance desk, 421127, desk 01. */
export async function setUpDesk(page: Page, url: string): Promise<void> {
  await page.goto(url);
  const fields = page.getByTestId('setup-screen').locator('input');
  const values = [
    '黄梅县受理台',
    '421127',
    '黄梅县政务服务中心',
    '01',
    ADMIN.username,
    '赵管理',
    ADMIN.password,
    ADMIN.password,
  ];
  for (const [index, value] of values.entries()) await fields.nth(index).fill(value);
  await page.getByTestId('setup-submit').click();
  await expect(page.getByTestId('signed-in-as')).toBeVisible();
}

/** A case as Pengze's intake window makes it, in the applicant's language (of the pension transfer unless told). */
export function intakeCase(language: Language, matterId?: string) {
  const made = newCase();
  const received = wire({
    ...made.received,
    payload: { ...(made.received.payload as object), language, ...(matterId ? { matterId } : {}) },
  });
  return { caseId: made.caseId, events: [received, made.materials] };
}
