import { createHash, randomUUID, sign } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import type { Role } from '../../shared/auth/permissions.ts';
import { ANSWER_SIGNATURE_HEADERS, answerSigningString } from '../../shared/sync/answer-signature.ts';
import { formatInvitation } from '../../shared/sync/invitation.ts';
import { SIGNATURE_HEADERS, type PushResult, type WireEvent } from '../../shared/sync/protocol.ts';
import { SELF_SIGNED_HOSTS, selfSignedIdentity } from '../../server/tls.ts';
import { chooseLanguage } from './antd.ts';
import { expect, test } from './browser-mode.ts';
import { pensionTransfer, submit } from './intake-rpc.ts';
import { ADMIN, createUser, logInWithKeyboard, logOut, setUpDevice } from './session.ts';

const CLERK = { username: 'clerk', displayName: '李受理', password: 'clerk-pass-1', roles: ['intake_clerk'] as Role[] };

async function openSync(page: Page): Promise<void> {
  await page.getByTestId('workspace-nav').getByText('同步', { exact: true }).click();
  await expect(page.getByTestId('workspace-sync')).toBeVisible();
}

/**
 * A stand-in for region 421127's exchange server (the real one lives in
 * server/): over HTTPS with a key of its own, whose fingerprint its
 * invitation carries, every answer signed with it as the real one signs. It
 * enrolls anyone, accepts every event except those of the applicant named
 * `refuse`, and has nothing to hand back: no event, no anchor, and a device
 * position it takes as it comes. No checks of the device's signatures.
 */
async function partnerServer(refuse: string): Promise<{ url: string; invitation: string; close(): Promise<void> }> {
  let seq = 0;
  const identity = selfSignedIdentity('stand-in partner', SELF_SIGNED_HOSTS);
  const server: Server = createServer({ cert: identity.certificatePem, key: identity.keyPem }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    const answer = (status: number, value: unknown): void => {
      const body = Buffer.from(JSON.stringify(value));
      const nonce = String(req.headers[SIGNATURE_HEADERS.nonce] ?? '');
      const text = answerSigningString(nonce, status, createHash('sha256').update(body).digest('hex'));
      res.writeHead(status, {
        'content-type': 'application/json',
        [ANSWER_SIGNATURE_HEADERS.signature]: sign('sha256', Buffer.from(text), identity.privateKey).toString('base64'),
        [ANSWER_SIGNATURE_HEADERS.serverKey]: identity.publicKeySpki.toString('base64'),
      });
      res.end(body);
    };
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'https://partner');
      const reply = (value: unknown): void => answer(200, value);
      if (req.method === 'POST' && url.pathname === '/v1/enroll') {
        reply({
          deviceId: randomUUID(),
          scope: { kind: 'intake', regionCode: '360430', matterIds: [] },
          serverRegion: '421127',
          serverTime: new Date().toISOString(),
        });
      } else if (req.method === 'POST' && url.pathname === '/v1/events') {
        const { events } = JSON.parse(Buffer.concat(chunks).toString()) as { events: WireEvent[] };
        const results: PushResult[] = events.map((event) =>
          (event.payload as { applicant?: { name?: string } }).applicant?.name === refuse
            ? { eventId: event.eventId, status: 'refused', reason: 'out_of_scope', detail: 'not a case of this window' }
            : { eventId: event.eventId, status: 'accepted', serverSeq: ++seq },
        );
        reply({ results });
      } else if (req.method === 'POST' && url.pathname === '/v1/devices/position') {
        const { ownEvents } = JSON.parse(Buffer.concat(chunks).toString()) as { ownEvents: number };
        reply({ highestSeen: ownEvents, recentEventIds: [] });
      } else if (req.method === 'GET' && url.pathname === '/v1/anchors') {
        reply({ publicKey: identity.publicKeySpki.toString('base64'), highestDay: null, anchors: [] });
      } else if (req.method === 'GET' && url.pathname === '/v1/events') {
        // A long-poll that ends with nothing new, so the device does not spin.
        const timer = setTimeout(() => reply({ events: [], cursor: seq }), 2000);
        res.on('close', () => clearTimeout(timer));
      } else {
        answer(404, { error: 'not_found', message: 'Not here.' });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    invitation: formatInvitation({ server: url, code: 'ABCD-1234-EFGH', fingerprint: identity.fingerprint }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

test('a case for a region with no server waits in the Sync workspace and the status bar; a clerk cannot add a server', async ({
  page,
  host,
  consoleErrors,
}) => {
  await setUpDevice(page, host.url);
  await createUser(page, CLERK);
  await logOut(page);
  await logInWithKeyboard(page, CLERK.username, CLERK.password);
  await openSync(page);
  await expect(page.getByTestId('sync-empty')).toBeVisible();
  const badge = page.getByTestId('sync-badge');
  await expect(badge).toHaveAttribute('data-queued', '0');
  await expect(badge).toContainText('无待发送');

  // Taken in elsewhere (the wizard, another window): the screen follows without a reload.
  await submit(page, pensionTransfer());
  const remote = page.getByTestId('sync-remote-421127');
  await expect(remote).toContainText('湖北省黄冈市黄梅县（421127）');
  await expect(remote.getByTestId('sync-remote-state')).toHaveText('未配置');
  await expect(remote.getByTestId('sync-remote-not-configured')).toContainText('未配置服务器——2 个事件等待发送');
  await expect(remote.getByTestId('sync-remote-not-configured')).toContainText('请管理员添加该地区的服务器');
  await expect(remote.getByTestId('sync-remote-queue')).toHaveAttribute('data-count', '2');
  await expect(remote.getByTestId('sync-remote-quarantined')).toHaveText('0');
  await expect(badge).toHaveAttribute('data-queued', '2');
  await expect(badge).toContainText('2 待发送');
  await expect(page.getByTestId('sync-badge-quarantined')).toHaveCount(0);
  await expect(page.getByTestId('sync-quarantine')).toContainText('没有被隔离的事件。');

  await expect(page.getByTestId('sync-now')).toBeVisible();
  await expect(page.getByTestId('sync-add-form')).toHaveCount(0);
  // Ctrl+S is "sync now"; with no server configured it says what happens instead.
  await page.keyboard.press('Control+s');
  await expect(page.getByText('尚未配置合作地区服务器：办件保留在本机，配置后自动发送。')).toBeVisible();

  // The badge is on every screen, and the keyboard reaches its detail.
  await page.getByTestId('workspace-nav').getByText('收件', { exact: true }).click();
  await expect(badge).toHaveAttribute('data-queued', '2');
  await badge.focus();
  await expect(page.getByTestId('sync-badge-detail')).toContainText('湖北省黄冈市黄梅县（421127）');
  await expect(page.getByTestId('sync-badge-detail')).toContainText('未配置');
  expect(consoleErrors).toEqual([]);
});

test('the add-server form checks its fields, then names a server that cannot be reached, in the UI language', async ({
  page,
  host,
  consoleErrors,
}) => {
  await setUpDevice(page, host.url);
  await openSync(page);
  const form = page.getByTestId('sync-add-form');

  await page.getByTestId('sync-add-submit').click();
  await expect(form).toContainText('请填写以 https:// 开头的服务器地址。');
  await expect(form).toContainText('请填写名称，不超过 60 个字。');
  await expect(form).toContainText('注册码为 8 至 64 个字符。');
  await expect(form).toContainText('指纹为 64 位十六进制数字（可带空格或冒号）。');
  await page.getByTestId('sync-add-url').fill('ftp://127.0.0.1/');
  await page.getByTestId('sync-add-code').fill('1234567');
  await expect(form).toContainText('请填写以 https:// 开头的服务器地址。');
  await expect(form).toContainText('注册码为 8 至 64 个字符。');

  // Nothing listens on the discard port; Enter in a field submits.
  await page.getByTestId('sync-add-url').fill('https://127.0.0.1:9');
  await page.getByTestId('sync-add-name').fill('黄梅县交换服务器');
  await page.getByTestId('sync-add-code').fill('ABCD-1234-EFGH');
  await page.getByTestId('sync-add-fingerprint').fill('ab'.repeat(32));
  await page.getByTestId('sync-add-code').press('Enter');
  await expect(page.getByTestId('sync-add-error')).toHaveText('无法连接服务器 https://127.0.0.1:9，请检查地址和网络。');
  await expect(page.getByTestId('sync-empty')).toBeVisible();

  // Plain http is refused before anything is sent.
  await page.getByTestId('sync-add-url').fill('http://127.0.0.1:9');
  await page.getByTestId('sync-add-submit').click();
  await expect(page.getByTestId('sync-add-error')).toContainText('不能使用 http:// 明文连接');

  // A pasted invitation replaces the fields, and must be one.
  await page.getByTestId('sync-add-invitation').fill('tongban-invite:v1?server=https%3A%2F%2F127.0.0.1%3A9');
  await expect(page.getByTestId('sync-add-url')).toHaveCount(0);
  await page.getByTestId('sync-add-submit').click();
  await expect(form).toContainText('这不是有效的邀请');
  await page.getByTestId('sync-add-invitation').fill('');
  await page.getByTestId('sync-add-url').fill('https://127.0.0.1:9');
  await page.getByTestId('sync-add-code').fill('ABCD-1234-EFGH');
  await page.getByTestId('sync-add-fingerprint').fill('ab'.repeat(32));

  await chooseLanguage(page, 'English');
  await page.getByTestId('sync-add-submit').click();
  await expect(page.getByTestId('sync-add-error')).toHaveText(
    'The server https://127.0.0.1:9 could not be reached; check the address and the network.',
  );
  expect(consoleErrors).toEqual([]);
});

test('a refused event is quarantined with its reason, counted in red, and tagged on its case; other cases flow', async ({
  page,
  host,
  consoleErrors,
}) => {
  const partner = await partnerServer('张伟');
  try {
    await setUpDevice(page, host.url);
    await createUser(page, CLERK);
    await logOut(page);
    await logInWithKeyboard(page, CLERK.username, CLERK.password);
    await submit(page, pensionTransfer());
    const refused = (
      await submit(page, pensionTransfer({ name: '张伟', idKind: 'resident_id', idNumber: '11010519491231002X' }))
    ).caseNo;
    await logOut(page);

    await logInWithKeyboard(page, ADMIN.username, ADMIN.password);
    await openSync(page);
    await page.getByTestId('sync-add-invitation').fill(partner.invitation);
    await page.getByTestId('sync-add-name').fill('黄梅县交换服务器');
    await page.getByTestId('sync-add-submit').click();
    await expect(page.getByText('本机已在湖北省黄冈市黄梅县（421127）的服务器注册。')).toBeVisible();

    const remote = page.getByTestId('sync-remote-421127');
    await expect(remote.getByTestId('sync-remote-state')).toHaveText('在线');
    await expect(remote.getByTestId('sync-remote-url')).toContainText(partner.url);
    await expect(remote.getByTestId('sync-remote-queue')).toHaveAttribute('data-count', '0');
    await expect(remote.getByTestId('sync-remote-last-success')).toBeVisible();
    await expect(remote.getByTestId('sync-remote-quarantined')).toHaveText('1');

    const rows = page.getByTestId('sync-quarantine-row');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(refused);
    await expect(rows.first()).toContainText('收件');
    await expect(rows.first()).toContainText('湖北省黄冈市黄梅县（421127）');
    await expect(rows.first().getByTestId('sync-quarantine-reason')).toHaveText(
      '本机无权为该办件操作，超出了注册范围。',
    );
    await expect(rows.first()).toContainText('not a case of this window');
    await expect(page.getByTestId('sync-badge-quarantined')).toHaveText('1');
    await expect(page.getByTestId('sync-badge')).toHaveAttribute('data-queued', '0');

    await chooseLanguage(page, 'English');
    await expect(rows.first().getByTestId('sync-quarantine-reason')).toHaveText(
      'This device may not act for this case: it is outside its enrollment.',
    );
    await expect(rows.first()).toContainText('Intake');
    await chooseLanguage(page, '简体中文');
    await logOut(page);

    // The case list marks the refused case; the other one went through.
    await logInWithKeyboard(page, CLERK.username, CLERK.password);
    await page.getByTestId('workspace-intake').getByRole('tab', { name: '办件列表' }).click();
    const caseRows = page.getByTestId('case-row');
    await expect(caseRows).toHaveCount(2);
    await expect(caseRows.filter({ hasText: refused })).toContainText('已隔离');
    await expect(caseRows.filter({ hasNotText: refused })).toContainText('已同步');
    expect(consoleErrors).toEqual([]);
  } finally {
    await partner.close();
  }
});
