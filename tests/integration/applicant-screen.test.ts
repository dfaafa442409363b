// The applicant's screen against the real backend: a code redeemed once for a
// token that reads and writes only its own intake's applicant view; wrong,
// reused and cancelled codes refused; other methods refused to the token; the
// token revoked when the intake ends; the 好差评 recorded on the case with its
// rules (five levels, a reason for the two lowest).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RpcClient } from '../../shared/rpc/client.ts';
import type { ApplicantContent } from '../../shared/rpc/methods/applicant-screen.ts';
import { MAX_WRONG_CODES } from '../../electron/backend/services/applicant-pairings.ts';
import {
  APPLICANT,
  call,
  createUser,
  login,
  makePng,
  pensionTransfer,
  refusal,
  setUpDevice,
  startInProcess,
  tokenHash,
  withDb,
  type BackendUnderTest,
} from './harness.ts';

const content: ApplicantContent = {
  matterId: 'KST-SI-004',
  language: 'zh-CN',
  handlingRegion: '421127',
  applicant: { ...APPLICANT, address: '湖北省黄冈市黄梅县黄梅镇人民路 1 号' },
  agent: null,
  materials: [],
  delivery: 'intake_window',
};

describe("the applicant's screen", () => {
  let device: BackendUnderTest;
  let admin: RpcClient;
  let clerk: RpcClient;
  let clerkToken: string;
  let other: RpcClient;

  beforeAll(async () => {
    device = startInProcess();
    admin = (await setUpDevice(device)).admin;
    const signedIn = await login(device, await createUser(admin, ['intake_clerk']));
    clerk = signedIn.client;
    clerkToken = signedIn.info.token;
    other = (await login(device, await createUser(admin, ['intake_clerk']))).client;
  });
  afterAll(() => device.stop());

  /** A pairing for a new draft, redeemed on a page of its own. */
  async function paired(by: RpcClient = clerk): Promise<{ pairingId: string; draftId: string; page: RpcClient }> {
    const draftId = randomUUID();
    const { pairingId, code } = await call(by, 'applicantScreen.open', { draftId });
    const page = await device.connect();
    page.setSession((await call(page, 'applicantScreen.redeem', { code: code! })).token);
    return { pairingId, draftId, page };
  }

  it('redeems a code once for a token that sees its intake masked as the receipt masks it', async () => {
    const draftId = randomUUID();
    const opened = await call(clerk, 'applicantScreen.open', { draftId });
    expect(opened).toMatchObject({ phase: 'waiting', draftId, closedReason: null });
    expect(opened.code).toMatch(/^\d{6}$/);
    const page = await device.connect();
    const { token } = await call(page, 'applicantScreen.redeem', { code: opened.code! });
    expect(await refusal(page.request('applicantScreen.redeem', { code: opened.code! }))).toMatchObject({
      reason: 'pairing_code_used',
    });
    await call(clerk, 'applicantScreen.show', { pairingId: opened.pairingId, content });
    page.setSession(token);
    const view = await call(page, 'applicantScreen.view', {});
    expect(view.rows).toEqual([
      { field: 'matter', value: expect.stringContaining('养老保险') },
      { field: 'applicant.name', value: '张*' },
      { field: 'applicant.idNumber', value: '110102********232X' },
      { field: 'applicant.phone', value: '138****8000' },
      { field: 'applicant.address', value: '••••' },
      { field: 'delivery', value: 'intake_window' },
    ]);
    expect(JSON.stringify(view)).not.toContain(APPLICANT.idNumber);
    expect(view.notice).toMatchObject({
      version: expect.any(String),
      retentionYears: 30,
      handlingRegion: '421127',
      authority: '黄梅县人力资源和社会保障局',
    });
    expect(await call(clerk, 'applicantScreen.state', { pairingId: opened.pairingId })).toMatchObject({
      phase: 'paired',
      code: null,
    });
  });

  it('refuses every other method to the token, and the pairing to another clerk', async () => {
    const { pairingId, page } = await paired();
    for (const [method, input] of [
      ['cases.list', {}],
      ['drafts.list', {}],
      ['applicantScreen.state', { pairingId }],
      ['applicantScreen.takeSignature', { pairingId }],
    ] as const) {
      expect(await refusal(page.request(method as 'drafts.list', input as never))).toMatchObject({
        code: 'UNAUTHENTICATED',
      });
    }
    expect(await refusal(other.request('applicantScreen.state', { pairingId }))).toMatchObject({
      reason: 'applicant_screen_unknown',
    });
    // Another clerk's pairing has its own token and view: neither reaches the other's intake.
    const second = await paired(other);
    await call(other, 'applicantScreen.show', { pairingId: second.pairingId, content: { ...content, agent: null } });
    expect((await call(second.page, 'applicantScreen.view', {})).pairingId).toBe(second.pairingId);
    expect((await call(page, 'applicantScreen.view', {})).pairingId).toBe(pairingId);
  });

  it('cancels the waiting pairings after too many wrong codes, and refuses their code afterwards', async () => {
    const draftId = randomUUID();
    const { pairingId, code } = await call(clerk, 'applicantScreen.open', { draftId });
    const guesser = await device.connect();
    const wrong = code === '000000' ? '000001' : '000000';
    for (let i = 1; i < MAX_WRONG_CODES; i += 1) {
      expect(await refusal(guesser.request('applicantScreen.redeem', { code: wrong }))).toMatchObject({
        reason: 'pairing_code_wrong',
      });
    }
    expect(await refusal(guesser.request('applicantScreen.redeem', { code: wrong }))).toMatchObject({
      reason: 'pairing_code_guessing',
    });
    expect(await refusal(guesser.request('applicantScreen.redeem', { code: code! }))).toMatchObject({
      reason: 'pairing_code_guessing',
    });
    expect(await call(clerk, 'applicantScreen.state', { pairingId })).toMatchObject({
      phase: 'closed',
      closedReason: 'guessing',
      code: null,
    });
  });

  it('takes the acknowledgement, the signature and a field called wrong, and tells the clerk of each', async () => {
    const { pairingId, page } = await paired();
    const told: string[] = [];
    clerk.on('applicantScreen.changed', ({ pairingId: changed }) => told.push(changed));
    expect(await refusal(page.request('applicantScreen.acknowledge', {}))).toMatchObject({
      reason: 'applicant_notice_not_ready',
    });
    await call(clerk, 'applicantScreen.show', { pairingId, content });
    const acknowledged = await call(page, 'applicantScreen.acknowledge', {});
    expect(acknowledged.acknowledgedAt).not.toBeNull();

    expect(
      await refusal(page.request('applicantScreen.sign', { png: Buffer.from('not a png').toString('base64') })),
    ).toMatchObject({ reason: 'applicant_signature_invalid' });
    expect(await refusal(clerk.request('applicantScreen.takeSignature', { pairingId }))).toMatchObject({
      reason: 'applicant_not_signed',
    });
    const png = makePng('signature').toString('base64');
    expect((await call(page, 'applicantScreen.sign', { png })).signed).toBe(true);

    expect(await refusal(page.request('applicantScreen.flag', { field: 'agent.name' }))).toMatchObject({
      reason: 'applicant_field_unknown',
    });
    await call(page, 'applicantScreen.flag', { field: 'applicant.idNumber' });

    const state = await call(clerk, 'applicantScreen.state', { pairingId });
    expect(state).toMatchObject({ acknowledgedAt: acknowledged.acknowledgedAt, flag: { field: 'applicant.idNumber' } });
    expect(state.signedAt).not.toBeNull();
    expect((await call(clerk, 'applicantScreen.takeSignature', { pairingId })).png).toBe(png);
    // Handed over once: the form it was drawn into is the record.
    expect(await refusal(clerk.request('applicantScreen.takeSignature', { pairingId }))).toMatchObject({
      reason: 'applicant_not_signed',
    });
    expect(told).toContain(pairingId);
    // The clerk changed the intake: the field pointed at is settled.
    await call(clerk, 'applicantScreen.show', { pairingId, content });
    expect((await call(clerk, 'applicantScreen.state', { pairingId })).flag).toBeNull();
  });

  it('rates the submitted intake in five levels, a reason for the two lowest, once, as case.evaluated', async () => {
    const { pairingId, draftId, page } = await paired();
    expect(await refusal(page.request('applicantScreen.rate', { rating: 5 }))).toMatchObject({
      reason: 'applicant_not_submitted',
    });
    const { caseId, caseNo } = await call(clerk, 'intake.submit', pensionTransfer({ submissionId: draftId }));
    const view = await call(page, 'applicantScreen.view', {});
    expect(view).toMatchObject({ phase: 'submitted', caseNo, rows: [] });
    // Nothing of the intake can be changed any more from the page.
    expect(await refusal(page.request('applicantScreen.flag', { field: 'matter' }))).toMatchObject({
      reason: 'applicant_already_submitted',
    });
    for (const rating of [0, 6, 3.5, -1]) {
      expect(await refusal(page.request('applicantScreen.rate', { rating, reason: '说明' }))).toMatchObject({
        reason: 'rating_level_invalid',
      });
    }
    for (const rating of [1, 2]) {
      expect(await refusal(page.request('applicantScreen.rate', { rating }))).toMatchObject({
        reason: 'rating_reason_required',
      });
      expect(await refusal(page.request('applicantScreen.rate', { rating, reason: '   ' }))).toMatchObject({
        reason: 'rating_reason_required',
      });
    }
    expect(await refusal(page.request('applicantScreen.rate', { rating: 1, reason: '长'.repeat(501) }))).toMatchObject({
      reason: 'rating_reason_too_long',
    });
    expect((await call(clerk, 'cases.get', { caseId })).timeline.map((e) => e.type)).not.toContain('case.evaluated');

    expect((await call(page, 'applicantScreen.rate', { rating: 1, reason: ' 等候时间太长 ' })).rating).toBe(1);
    const detail = await call(clerk, 'cases.get', { caseId });
    expect(detail.timeline.find((e) => e.type === 'case.evaluated')).toMatchObject({
      role: 'intake_clerk',
      details: { rating: 1, comment: '等候时间太长' },
    });
    expect(await refusal(page.request('applicantScreen.rate', { rating: 5 }))).toMatchObject({
      reason: 'already_evaluated',
    });
    expect(await call(clerk, 'applicantScreen.state', { pairingId })).toMatchObject({
      phase: 'submitted',
      rating: { rating: 1 },
    });
    // A rating needs no reason from 基本满意 up.
    const next = await paired();
    const second = await call(clerk, 'intake.submit', pensionTransfer({ submissionId: next.draftId }));
    expect((await call(next.page, 'applicantScreen.rate', { rating: 3 })).rating).toBe(3);
    expect((await call(clerk, 'cases.get', { caseId: second.caseId })).timeline.at(-1)).toMatchObject({
      type: 'case.evaluated',
      details: { rating: 3 },
    });
  });

  it('revokes the token when the intake ends: next applicant, discarded draft, logout, lock', async () => {
    const closed = { reason: 'applicant_screen_closed' };
    // The next applicant: a new pairing of the same session ends the last.
    const first = await paired();
    await paired();
    expect(await refusal(first.page.request('applicantScreen.view', {}))).toMatchObject(closed);

    const discarded = await paired();
    await call(clerk, 'drafts.save', { draftId: discarded.draftId, state: { step: 'matter' } });
    await call(clerk, 'drafts.discard', { draftId: discarded.draftId });
    expect(await refusal(discarded.page.request('applicantScreen.view', {}))).toMatchObject(closed);
    expect(await call(clerk, 'applicantScreen.state', { pairingId: discarded.pairingId })).toMatchObject({
      phase: 'closed',
      closedReason: 'ended',
    });

    const closedByClerk = await paired();
    await call(clerk, 'applicantScreen.close', { pairingId: closedByClerk.pairingId });
    expect(await refusal(closedByClerk.page.request('applicantScreen.view', {}))).toMatchObject(closed);

    const locked = await paired();
    withDb(device.dbFile, (db) =>
      db.prepare('UPDATE sessions SET locked = 1 WHERE token_hash = ?').run(tokenHash(clerkToken)),
    );
    expect(await refusal(locked.page.request('applicantScreen.view', {}))).toMatchObject(closed);
    withDb(device.dbFile, (db) =>
      db.prepare('UPDATE sessions SET locked = 0 WHERE token_hash = ?').run(tokenHash(clerkToken)),
    );

    const loggedOut = await paired();
    await call(clerk, 'auth.logout', {});
    expect(await refusal(loggedOut.page.request('applicantScreen.view', {}))).toMatchObject(closed);
  });

  it("ends the screen the moment the clerk's session locks by its idle time", async () => {
    const idle = startInProcess(undefined, { idleLockMs: 4000 });
    try {
      const idleAdmin = (await setUpDevice(idle)).admin;
      const { client: idleClerk } = await login(idle, await createUser(idleAdmin, ['intake_clerk']));
      const { code } = await call(idleClerk, 'applicantScreen.open', { draftId: randomUUID() });
      const page = await idle.connect();
      page.setSession((await call(page, 'applicantScreen.redeem', { code: code! })).token);
      await call(page, 'applicantScreen.view', {});
      // The backend's own timer locks the session and says so to its screens; the page is closed with it.
      await new Promise((resolve) => idleClerk.on('session.locked', resolve));
      expect(await refusal(page.request('applicantScreen.view', {}))).toMatchObject({
        reason: 'applicant_screen_closed',
      });
    } finally {
      await idle.stop();
    }
  });
});
