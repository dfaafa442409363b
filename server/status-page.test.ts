// "Where is my case?" on a real server and store (SQLite, or PostgreSQL with
// TONGBAN_TEST_STORE=postgres): the receipt's case number and short code open
// the status, which follows the case's events; a wrong code answers exactly as
// an unknown case does and costs the client a token, until it must wait; the
// answer names nothing personal.
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseReceivedPayload } from '../shared/case/events.ts';
import { localDay } from '../shared/local-time.ts';
import { statusResponse } from '../shared/sync/status-page.ts';
import { makeStatusCode, statusCodeHash } from '../shared-node/status-code.ts';
import {
  APPLICANT,
  decision,
  enroll,
  injectTransport,
  newCase,
  SERVER_REGION,
  startServer,
  wire,
  type TestDevice,
  type TestServer,
} from '../tests/support/server.ts';

let server: TestServer;
let window3: TestDevice;
let desk: TestDevice;

beforeEach(async () => {
  server = await startServer({ statusRateLimit: { capacity: 3, perSecond: 1 / 3600 } });
  const transport = injectTransport(server.app);
  window3 = await enroll(server, transport);
  desk = await enroll(server, transport, { kind: 'acceptance', regionCode: SERVER_REGION });
});
afterEach(() => server.close());

/** A case as the intake window sends it, its received event carrying the hash of a fresh code. */
async function caseWithCode(withCode = true) {
  const made = newCase();
  const received = made.received.payload as CaseReceivedPayload;
  const code = makeStatusCode();
  const payload = withCode ? { ...received, statusCodeHash: statusCodeHash(received.caseNo, code) } : received;
  const { blobs, ...event } = made.received;
  const results = await window3.push([wire({ ...event, payload }, blobs), made.materials]);
  expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted']);
  return { caseId: made.caseId, caseNo: received.caseNo, code, receivedAt: event.occurredAt };
}

function ask(caseNo: string, code: string, client = '203.0.113.7') {
  const query = new URLSearchParams({ case: caseNo, code }).toString();
  return server.app.inject({ method: 'GET', url: `/v1/status?${query}`, remoteAddress: client });
}

function page(query: Record<string, string>, headers: Record<string, string> = {}, client = '203.0.113.7') {
  const search = new URLSearchParams(query).toString();
  return server.app.inject({ method: 'GET', url: `/status?${search}`, headers, remoteAddress: client });
}

async function statusOf(caseNo: string, code: string) {
  const answer = await ask(caseNo, code);
  expect(answer.statusCode).toBe(200);
  return statusResponse.parse(answer.json());
}

describe('the status page', () => {
  it('opens with the right code, typed as it comes off the paper, and says where the case stands', async () => {
    const { caseNo, code, receivedAt } = await caseWithCode();
    const typed = `${code.slice(0, 4).toLowerCase()}-${code.slice(4)} `;
    const answer = await ask(caseNo, typed);
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.json()).toEqual({
      caseNo,
      matter: {
        'zh-CN': '企业职工基本养老保险关系转移接续申请',
        'zh-TW': '企業職工基本養老保險關係轉移接續申請',
        en: 'Transfer of urban-employee basic pension insurance relationship',
      },
      status: 1,
      statusName: 'received',
      statusDate: localDay(new Date(receivedAt)),
      nextStep: 'await_acceptance',
      collect: 'intake_window',
      intakeRegion: '360430',
      handlingRegion: SERVER_REGION,
    });
  });

  it('follows the handling place’s decisions and the paper to its collection', async () => {
    const { caseId, caseNo, code } = await caseWithCode();
    const bytes = Buffer.from('signature drawn on the pad');
    const signature = createHash('sha256').update(bytes).digest('hex');
    expect((await window3.putChunk(signature, bytes, 0, bytes.length)).status).toBe(200);
    const steps: [TestDevice, string, string, number, string][] = [
      [desk, 'case.correction_requested', 'handling_officer', 6, 'supply_corrections'],
      [window3, 'case.correction_supplied', 'intake_clerk', 7, 'await_acceptance'],
      [desk, 'case.accepted', 'handling_officer', 3, 'await_result'],
      [desk, 'case.concluded_approved', 'handling_officer', 11, 'collect'],
      [window3, 'case.result_arrived', 'result_desk', 11, 'collect'],
      [window3, 'case.result_collected', 'result_desk', 11, 'none'],
    ];
    for (const [device, type, role, status, next] of steps) {
      const event = decision(caseId, device, type, role as never);
      if (type === 'case.result_collected') {
        (event.payload as { signature: { sha256: string } }).signature.sha256 = signature;
        Object.assign(event, wire({ ...event, payload: event.payload }, [signature]));
      }
      expect((await device.push([event]))[0]!.status).toBe('accepted');
      const answer = await statusOf(caseNo, code);
      expect([type, answer.status, answer.nextStep]).toEqual([type, status, next]);
    }
  });

  it('answers a wrong code exactly as an unknown case, and a case without a code never opens', async () => {
    const { caseNo, code } = await caseWithCode();
    const other = await caseWithCode(false);
    const wrong = await ask(caseNo, code === 'AAAAAAAA' ? 'BBBBBBBB' : 'AAAAAAAA');
    const unknown = await ask('360430-20261122-03-9999-X', code, '203.0.113.8');
    const uncoded = await ask(other.caseNo, code, '203.0.113.9');
    for (const answer of [wrong, unknown, uncoded]) {
      expect(answer.statusCode).toBe(404);
      expect(answer.body).toBe(wrong.body);
    }
    expect(wrong.json()).toEqual({ error: 'not_found', message: 'No case has this number and code.' });
  });

  it('holds back a client after its wrong codes, even with the right one; another client is not held', async () => {
    const { caseNo, code } = await caseWithCode();
    for (let i = 0; i < 3; i += 1) expect((await ask(caseNo, 'WRONG234')).statusCode).toBe(404);
    const held = await ask(caseNo, code);
    expect(held.statusCode).toBe(429);
    expect(held.json<{ error: string }>().error).toBe('rate_limited');
    expect(Number(held.headers['retry-after'])).toBeGreaterThan(0);
    expect((await page({ case: caseNo, code })).statusCode).toBe(429);
    expect((await ask(caseNo, code, '198.51.100.4')).statusCode).toBe(200);
  });

  it('names nothing personal, in the answer or on the page', async () => {
    const { caseNo, code } = await caseWithCode();
    const personal = [APPLICANT.name, APPLICANT.idNumber, APPLICANT.phone, APPLICANT.idNumber.slice(-4)];
    const answers = [
      await ask(caseNo, code),
      ...(await Promise.all(['zh-CN', 'zh-TW', 'en'].map((lang) => page({ case: caseNo, code, lang })))),
    ];
    for (const answer of answers) {
      expect(answer.statusCode).toBe(200);
      for (const value of personal) expect(answer.body).not.toContain(value);
    }
  });
});

describe('the page', () => {
  it('shows the status in the applicant’s language, without a script, and keeps its address to itself', async () => {
    const { caseNo, code } = await caseWithCode();
    const expected = {
      'zh-CN': ['办件进度查询', '已收件，等待办理地审查', '到收件窗口领取'],
      'zh-TW': ['辦件進度查詢', '已收件，等待辦理地審查', '到收件窗口領取'],
      en: ['Case progress', 'Received; the handling place will review it', 'Collect at the intake window'],
    };
    for (const [lang, texts] of Object.entries(expected)) {
      const answer = await page({ case: caseNo, code, lang });
      expect(answer.statusCode).toBe(200);
      expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(answer.headers['referrer-policy']).toBe('no-referrer');
      expect(answer.headers['content-security-policy']).toContain("default-src 'none'");
      expect(answer.body).toContain(`<html lang="${lang}">`);
      for (const text of texts) expect(answer.body).toContain(text);
      expect(answer.body).not.toContain('<script');
    }
    const byBrowser = await page({ case: caseNo, code }, { 'accept-language': 'zh-HK,zh;q=0.8,en;q=0.5' });
    expect(byBrowser.body).toContain('<html lang="zh-TW">');
  });

  it('asks for the number and code when it has none, and says so when they match nothing', async () => {
    const form = await page({ lang: 'en' });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<form method="get" action="/status">');
    expect(form.body).toContain('Enter the case number and the status code printed on your receipt.');
    const { caseNo } = await caseWithCode();
    const wrong = await page({ case: caseNo, code: 'WRONG234', lang: 'en' });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.body).toContain('No case matches this case number and status code.');
    expect(wrong.body).toContain(`value="${caseNo}"`);
  });

  it('refuses a look-up without a code as a malformed request, and writes nothing', async () => {
    const answer = await server.app.inject({ method: 'GET', url: '/v1/status?case=1' });
    expect(answer.statusCode).toBe(400);
    expect(answer.json<{ error: string }>().error).toBe('invalid_request');
  });
});
