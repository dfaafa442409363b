// The receipt's short code, end to end at the backend level: made by the
// intake window, its hash sent with case.received, the code itself kept on the
// window; the status page's address on the window's case once the handling
// region's server is known; the page on that server opening with it and
// following the handling place's decision. The desk never learns the code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scope } from '../../shared/sync/protocol.ts';
import { STATUS_CODE_ALPHABET } from '../../shared-node/status-code.ts';
import {
  call,
  pensionTransfer,
  placeAt,
  startListeningServer,
  until,
  type ListeningServer,
  type Place,
} from './harness.ts';

const DESK = { name: '黄梅县政务服务中心受理台', regionCode: '421127', hall: '黄梅县政务服务中心', windowNo: '01' };

describe('the status code of a receipt', () => {
  let server: ListeningServer;
  let window: Place;
  let desk: Place;

  beforeAll(async () => {
    server = await startListeningServer();
    window = await placeAt(server, undefined, ['intake_clerk'], {
      kind: 'intake',
      regionCode: '360430',
      matterIds: [],
    });
    const acceptance: Scope = { kind: 'acceptance', regionCode: '421127', matterIds: [] };
    desk = await placeAt(server, DESK, ['handling_officer'], acceptance);
  });
  afterAll(async () => {
    for (const at of [window, desk]) await at?.device.stop();
    await server.close();
  });

  const open = (url: string) => {
    const { pathname, search } = new URL(url);
    return server.app.inject({ method: 'GET', url: `${pathname}${search}` });
  };

  it('opens the handling region’s status page, which follows the decision; the desk never holds the code', async () => {
    const { caseId, caseNo } = await call(window.staff, 'intake.submit', pensionTransfer());
    const detail = await call(window.staff, 'cases.get', { caseId });
    const code = detail.statusPage!.code;
    expect(code).toMatch(new RegExp(`^[${STATUS_CODE_ALPHABET}]{8}$`));
    const url = detail.statusPage!.url!;
    expect(url).toBe(`${server.url}/status?case=${caseNo}&code=${code}&lang=zh-CN`);

    const received = await until(
      () => open(url),
      (answer) => answer.statusCode === 200,
      'the case on the server',
    );
    expect(received.body).toContain('已收件，等待办理地审查');

    const atDesk = await until(
      async () => {
        const found = await desk.staff.request('cases.get', { caseId });
        return found.ok ? found.value : null;
      },
      (d) => d !== null,
      'the case at the desk',
    );
    expect(atDesk!.statusPage).toBeNull();
    expect(JSON.stringify(atDesk)).not.toContain(code);

    await call(desk.staff, 'cases.record', {
      caseId,
      type: 'case.accepted',
      payload: { acceptanceNo: 'HM-1' },
    } as never);
    const accepted = await until(
      () => open(url),
      (answer) => answer.body.includes('已受理'),
      'the acceptance',
    );
    expect(accepted.body).toContain('请等待办理结果');

    const other = `${server.url}/status?case=${caseNo}&code=${code === 'AAAAAAAA' ? 'BBBBBBBB' : 'AAAAAAAA'}`;
    expect((await open(other)).statusCode).toBe(404);
  });
});
