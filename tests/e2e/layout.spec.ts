// Every list column, tag, button and chart label readable whole, at the
// counter's common 1366×768 and at 1920×1080, in zh-CN, zh-TW and en: one
// device with data on every screen (Huangmei's acceptance desk, which also
// takes cases in for Pengze), walked screen by screen while the page switches
// window size and language, each screen searched for clipped text.
import type { Locator, Page } from '@playwright/test';
import type { Role } from '../../shared/auth/permissions.ts';
import type { IntakeSubmission } from '../../shared/case/intake.ts';
import type { Language } from '../../shared/languages.ts';
import { decision } from '../support/server.ts';
import { chooseLanguage } from './antd.ts';
import { expect, test } from './browser-mode.ts';
import { findClipped, FULL_TEXT_ATTRIBUTE, type Clipped } from './clipping.ts';
import { pensionTransfer, rpc, setPrivacySettings } from './intake-rpc.ts';
import { addPartnerRemote, intakeCase, pushed } from './notice-desk.ts';
import { caseAt } from './notice-print.ts';
import { PartnerRegion } from './partner-region.ts';
import { ADMIN } from './session.ts';

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;
const LANGUAGES: { language: Language; label: string }[] = [
  { language: 'zh-CN', label: '简体中文' },
  { language: 'zh-TW', label: '繁體中文' },
  { language: 'en', label: 'English' },
];
const EVERYONE = {
  username: 'desk',
  displayName: '黄梅受理',
  password: 'desk-pass-1',
  roles: ['intake_clerk', 'handling_officer', 'supervisor', 'auditor', 'administrator'] as Role[],
};

/** A KST-SI-005 residents' pension transfer, the other pension matter the list must tell apart. */
function residentsPensionTransfer(): IntakeSubmission {
  return {
    ...pensionTransfer({ name: '司马相如', idKind: 'resident_id', idNumber: '11010519491231002X' }),
    matterId: 'KST-SI-005',
    materials: [
      { materialId: 'id_card', outcome: 'received', forms: ['original_checked', 'copy_kept'] },
      { materialId: 'household_proof', outcome: 'received', forms: ['copy_kept'] },
      { materialId: 'application_form', outcome: 'received', forms: ['original_kept'] },
    ],
  };
}

/**
 * The device's data: two pension transfers taken in here for Pengze (no server serves it yet: queued, no route,
 * a provisional deadline past the loaded calendars), three cases in the inbox from Pengze's window through
 * 421127's server, one of them decided and rated 2 by its applicant, and a consultation.
 */
async function setUp(page: Page, url: string, partner: PartnerRegion): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId('status-backend')).toContainText('已连接');
  const admin = await rpc(page, 'setup.initialize', {
    device: { name: '黄梅县受理台', regionCode: '421127', hall: '黄梅县政务服务中心', windowNo: '01' },
    admin: { username: ADMIN.username, displayName: '赵管理', password: ADMIN.password },
  });
  await page.evaluate((token) => window.tongban!.setSession(token), admin.token);
  await setPrivacySettings(page);
  await rpc(page, 'users.create', EVERYONE);
  await addPartnerRemote(page, partner, 'acceptance', '421127');
  const desk = await rpc(page, 'auth.login', { username: EVERYONE.username, password: EVERYONE.password });
  await page.evaluate((token) => window.tongban!.setSession(token), desk.token);

  for (const submission of [pensionTransfer(), residentsPensionTransfer()]) {
    await rpc(page, 'intake.submit', { ...submission, handlingRegion: '360430' });
  }
  await rpc(page, 'consultations.log', { matterId: 'KST-SI-005', note: '咨询转移接续所需材料', minutes: 10 });

  const pengze = await partner.enrol('intake', '360430', '彭泽县收件窗口');
  const inbox = [intakeCase('zh-CN'), intakeCase('en', 'KST-SI-005'), intakeCase('zh-TW')];
  await pushed(
    pengze,
    inbox.flatMap((c) => c.events),
  );
  const rated = inbox[2]!.caseId;
  for (const { caseId } of inbox) await caseAt(page, caseId, (d) => d.row.origin === 'inbox');
  await rpc(page, 'cases.record', { caseId: rated, type: 'case.accepted', payload: { acceptanceNo: 'HM-RS-2026-1' } });
  await rpc(page, 'cases.record', { caseId: rated, type: 'case.concluded_approved', payload: { resultDocuments: [] } });
  // Rated once the decision has reached the server.
  await expect
    .poll(async () => {
      const evaluated = decision(rated, pengze, 'case.evaluated', 'intake_clerk', { rating: 2 });
      return (await pengze.push([evaluated]))[0]!.status;
    })
    .toBe('accepted');
  await caseAt(page, rated, (d) => d.row.evaluation === 2);

  await page.reload();
  await page.getByTestId('login-username').fill(EVERYONE.username);
  await page.getByTestId('login-password').fill(EVERYONE.password);
  await page.getByTestId('login-password').press('Enter');
  await expect(page.getByTestId('signed-in-as')).toBeVisible();
}

const nav = (page: Page, key: string): Locator =>
  page.getByTestId('workspace-nav').locator(`[data-menu-id$="-${key}"]`);

/** One screen: how to bring it up with its data on it, what on the page belongs to it, and when it has redrawn. */
interface Screen {
  name: string;
  open(page: Page): Promise<void>;
  root: string;
  ready?(page: Page): Promise<void>;
}

/** The frames after a resize: observers have fired and what they changed is drawn. */
const redrawn = (page: Page): Promise<void> =>
  page.evaluate(async () => {
    for (let i = 0; i < 3; i++) await new Promise(requestAnimationFrame);
  });

const SETTINGS_TABS = ['account', 'users', 'device', 'backup', 'calendar', 'authorities'];

const SCREENS: Screen[] = [
  {
    name: 'intake case list',
    root: '[data-testid="workspace-intake"], [data-testid="workspace-nav"], header',
    async open(page) {
      await nav(page, 'intake').click();
      await page.getByTestId('workspace-intake').locator('.ant-tabs-tab[data-node-key="cases"]').click();
      await expect(page.getByTestId('workspace-intake').getByTestId('case-row')).toHaveCount(2);
    },
  },
  {
    name: 'acceptance desk list',
    root: '[data-testid="workspace-acceptance"]',
    async open(page) {
      await nav(page, 'acceptance').click();
      await expect(page.getByTestId('workspace-acceptance').getByTestId('case-row')).toHaveCount(3);
    },
  },
  {
    name: 'case detail',
    root: '[data-testid="case-detail"]',
    async open(page) {
      await page.getByTestId('workspace-acceptance').getByTestId('case-row').first().click();
      await expect(page.getByTestId('case-detail-body').getByTestId('case-number')).toBeVisible();
    },
  },
  {
    name: 'ledger',
    root: '[data-testid="workspace-supervisor"]',
    async open(page) {
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('case-detail-body')).toBeHidden();
      await nav(page, 'supervisor').click();
      await page.getByTestId('supervisor-tab-ledger').click();
      await expect(page.getByTestId('ledger-rating')).toBeVisible();
      await expect(page.getByTestId('ledger-consultation-row')).toHaveCount(1);
    },
  },
  {
    name: 'warnings',
    root: '[data-testid="workspace-supervisor"]',
    async open(page) {
      await page.getByTestId('supervisor-tab-warnings').click();
      await expect(page.getByTestId('warning-row').first()).toBeVisible();
    },
  },
  {
    name: 'statistics',
    root: '[data-testid="workspace-supervisor"]',
    async open(page) {
      await page.getByTestId('supervisor-tab-stats').click();
    },
    async ready(page) {
      for (const chart of ['chart-by-matter', 'chart-by-status', 'chart-evaluations']) {
        const drawn = page.getByTestId(chart);
        await expect(drawn.locator('svg text').first()).toBeVisible();
        // Drawn at the chart's present size, after the window changed.
        await expect
          .poll(
            () =>
              drawn.evaluate((el) => Math.abs(Number(el.querySelector('svg')?.getAttribute('width')) - el.clientWidth)),
            { intervals: [50] },
          )
          .toBeLessThanOrEqual(1);
      }
    },
  },
  {
    name: 'sync',
    root: '[data-testid="workspace-sync"]',
    async open(page) {
      await nav(page, 'sync').click();
      await expect(page.getByTestId('sync-remote-421127')).toBeVisible();
      await expect(page.getByTestId('sync-remote-360430')).toBeVisible();
    },
  },
  {
    name: 'audit',
    root: '[data-testid="workspace-audit"]',
    async open(page) {
      await nav(page, 'audit').click();
      await expect(page.getByTestId('audit-row').first()).toBeVisible();
    },
  },
  ...SETTINGS_TABS.map((tab): Screen => ({
    name: `settings: ${tab}`,
    root: '[data-testid="workspace-settings"]',
    async open(page) {
      if (!(await page.getByTestId('workspace-settings').isVisible())) await nav(page, 'settings').click();
      await page.getByTestId(`settings-tab-${tab}`).click();
      await expect(page.locator(`.ant-tabs-tab-active [data-testid="settings-tab-${tab}"]`)).toBeVisible();
    },
  })),
];

const report = (found: (Clipped & { at: string })[]): string =>
  found.map((c) => `${c.at} | ${c.where} | "${c.text.slice(0, 80)}" | ${c.why}`).join('\n');

test('the clipping finder tells text cut off from text whole, and trusts a full-text title', async ({ page }) => {
  const cut = `style="width:40px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap"`;
  await page.setContent(`
    <div id="t" style="font: 14px sans-serif">
      <span class="ant-tag" style="display:inline-block;width:30px;white-space:nowrap;overflow:hidden">暂定暂定</span>
      <span class="ant-tag" style="display:inline-block;white-space:nowrap">暂定</span>
      <div ${cut} title="Provisional deadline" ${FULL_TEXT_ATTRIBUTE}="Provisional deadline">Provisional deadline</div>
      <div ${cut} ${FULL_TEXT_ATTRIBUTE}="Provisional deadline">Provisional deadline</div>
      <table style="table-layout:fixed;width:120px"><tr><td>Transfer of urban pension</td></tr></table>
      <div class="ant-table-content" style="overflow:auto;width:100px">
        <table style="width:300px"><tr><td>好差评</td></tr></table>
      </div>
      <div data-testid="chart" data-values='[{"label":"Transfer of urban pension"}]'>
        <svg width="200" height="40"><text x="0" y="20">Transfer of urb...</text></svg>
      </div>
    </div>`);
  const found = await findClipped(page, '#t');
  expect(found.map((c) => [c.text, c.why.replace(/[\d >]+/g, ' ').trim()])).toEqual([
    ['暂定暂定', 'px too wide'],
    ['Provisional deadline', `${FULL_TEXT_ATTRIBUTE} without a title holding the whole text`],
    ['好差评', 'table scrolls sideways: wide'],
    ['Transfer of urb...', 'label shortened'],
    ['Transfer of urban pension', 'label not drawn whole'],
  ]);
  expect(await findClipped(page, '#missing')).toEqual([
    { where: '#missing', text: '', why: 'nothing on the page to check' },
  ]);
});

test('every list column, tag and chart label reads whole at 1366×768 and 1920×1080 in three languages', async ({
  page,
  host,
  consoleErrors,
}) => {
  test.setTimeout(180_000);
  const partner = await PartnerRegion.start('sqlite');
  try {
    await page.setViewportSize(SIZES[0]);
    await setUp(page, host.url, partner);
    const clipped: (Clipped & { at: string })[] = [];
    for (const { language, label } of LANGUAGES) {
      await chooseLanguage(page, label);
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      for (const screen of SCREENS) {
        await screen.open(page);
        for (const size of SIZES) {
          await page.setViewportSize(size);
          await redrawn(page);
          await screen.ready?.(page);
          const at = `${screen.name} | ${language} | ${size.width}×${size.height}`;
          for (const found of await findClipped(page, screen.root)) clipped.push({ ...found, at });
        }
      }
    }
    expect(clipped, `clipped text:\n${report(clipped)}`).toEqual([]);
    expect(consoleErrors).toEqual([]);
  } finally {
    await partner.stop();
  }
});
