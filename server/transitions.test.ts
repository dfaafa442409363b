// Every event of the shared state machine, pushed to the server the
// right way (taken), by a wrong role (refused: role_not_allowed) and out of
// order (refused: not allowed from that status, or superseded by the
// decision that moved the case on). The device side of the same table is
// tested in shared/case/state-machine.test.ts and tests/integration.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../shared/auth/permissions.ts';
import { TRANSITIONS, type Transition } from '../shared/case/state-machine.ts';
import type { CaseStatusCode } from '../shared/case/status.ts';
import { SCOPE_ROLES } from '../shared/sync/protocol.ts';
import {
  decision,
  enroll,
  injectTransport,
  newCase,
  samplePayload,
  SERVER_REGION,
  startServer,
  type TestDevice,
  type TestServer,
} from '../tests/support/server.ts';

/** How a case gets from received (1) to each status, by the handling place's decisions. */
const PATHS: Partial<Record<CaseStatusCode, string[]>> = {
  1: [],
  3: ['case.accepted'],
  5: ['case.not_accepted'],
  6: ['case.correction_requested'],
  7: ['case.correction_requested', 'case.correction_supplied'],
  9: ['case.accepted', 'case.special_procedure_started'],
  10: ['case.accepted', 'case.special_procedure_started', 'case.special_procedure_ended'],
  11: ['case.accepted', 'case.concluded_approved'],
  12: ['case.accepted', 'case.concluded_approved_deferred'],
  13: ['case.accepted', 'case.concluded_refused'],
};
const REACHABLE = Object.keys(PATHS).map(Number) as CaseStatusCode[];
const RECORDED = (TRANSITIONS as readonly Transition[]).filter(
  (t) => t.event !== 'case.received' && t.event !== 'case.materials_checked',
);

let server: TestServer;
let window3: TestDevice;
let desk: TestDevice;
let signature: string;

beforeAll(async () => {
  server = await startServer();
  const transport = injectTransport(server.app);
  window3 = await enroll(server, transport);
  desk = await enroll(server, transport, { kind: 'acceptance', regionCode: SERVER_REGION });
  const bytes = Buffer.from('signature drawn on the pad');
  signature = createHash('sha256').update(bytes).digest('hex');
  expect((await window3.putChunk(signature, bytes, 0, bytes.length)).status).toBe(200);
});
afterAll(() => server.close());

function table(type: string): Transition {
  return RECORDED.find((t) => t.event === type)!;
}

/** The device that records `type`, and the role it records it as. */
function recorder(type: string): { device: TestDevice; role: Role } {
  const role = table(type).roles[0]!;
  return { device: SCOPE_ROLES.acceptance.includes(role) ? desk : window3, role };
}

async function push(type: string, caseId: string, device: TestDevice, role: Role) {
  const payload = type === 'case.result_collected' ? samplePayload(type, signature) : samplePayload(type);
  const [result] = await device.push([decision(caseId, device, type, role, payload)]);
  return result!;
}

/** A new case on the server, moved to `status`. */
async function caseAt(status: CaseStatusCode): Promise<string> {
  const one = newCase();
  await window3.push([one.received, one.materials]);
  for (const type of PATHS[status]!) {
    const { device, role } = recorder(type);
    expect(await push(type, one.caseId, device, role)).toMatchObject({ status: 'accepted' });
  }
  expect(await server.store.caseRecord(one.caseId)).toMatchObject({ status });
  return one.caseId;
}

describe.each(RECORDED.map((t) => [t.event, t] as const))('%s on the server', (type, transition) => {
  const allowedFrom = REACHABLE.find((s) => transition.from.includes(s))!;
  const notFrom = REACHABLE.find((s) => !transition.from.includes(s));

  it(`is taken from status ${allowedFrom} from its own role`, async () => {
    const { device, role } = recorder(type);
    const caseId = await caseAt(allowedFrom);
    expect(await push(type, caseId, device, role)).toMatchObject({ status: 'accepted' });
    const after = transition.to === 'same' ? allowedFrom : transition.to;
    expect(await server.store.caseRecord(caseId)).toMatchObject({ status: after });
  });

  it('is refused from a role the table does not give it', async () => {
    const { device } = recorder(type);
    // One this device's side speaks for, so the table refuses it, not the scope; else any other.
    const side = SCOPE_ROLES[device === desk ? 'acceptance' : 'intake'];
    const wrong =
      side.find((role) => !transition.roles.includes(role)) ?? ROLES.find((role) => !transition.roles.includes(role))!;
    const caseId = await caseAt(allowedFrom);
    expect(await push(type, caseId, device, wrong)).toMatchObject({ status: 'refused', reason: 'role_not_allowed' });
    expect(await server.store.caseRecord(caseId)).toMatchObject({ status: allowedFrom });
  });

  // A note goes on a case in any status: nothing to refuse.
  if (notFrom === undefined) return;
  it(`is refused out of order (from status ${notFrom})`, async () => {
    const { device, role } = recorder(type);
    const caseId = await caseAt(notFrom);
    const result = await push(type, caseId, device, role);
    expect(result.status).toBe('refused');
    expect(['not_allowed_from_status', 'superseded']).toContain(result.status === 'refused' && result.reason);
    expect(await server.store.caseRecord(caseId)).toMatchObject({ status: notFrom });
  });
});

describe('case.withdrawn at either place', () => {
  const withdrawal = (side: 'intake' | 'handling') => ({ reason: '申请人不再办理。', requestedBy: 'applicant', side });

  it('is taken from the handling place while the case is under review, and ends it', async () => {
    const caseId = await caseAt(9);
    const [result] = await desk.push([
      decision(caseId, desk, 'case.withdrawn', 'handling_officer', withdrawal('handling')),
    ]);
    expect(result).toMatchObject({ status: 'accepted' });
    expect(await server.store.caseRecord(caseId)).toMatchObject({ status: 2 });
    // Nothing is decided on it afterwards, and it is not withdrawn twice.
    const [late] = await desk.push([decision(caseId, desk, 'case.special_procedure_ended', 'handling_officer')]);
    expect(late).toMatchObject({ status: 'refused' });
    const [again] = await window3.push([
      decision(caseId, window3, 'case.withdrawn', 'intake_clerk', withdrawal('intake')),
    ]);
    expect(again).toMatchObject({ status: 'refused' });
    expect(await server.store.caseRecord(caseId)).toMatchObject({ status: 2 });
  });

  it.each([11, 12, 13, 5] as const)('is refused once the case has ended (status %i)', async (status) => {
    const caseId = await caseAt(status);
    const [result] = await window3.push([
      decision(caseId, window3, 'case.withdrawn', 'intake_clerk', withdrawal('intake')),
    ]);
    expect(result).toMatchObject({ status: 'refused' });
    expect(['not_allowed_from_status', 'superseded']).toContain(result!.status === 'refused' && result!.reason);
    expect(await server.store.caseRecord(caseId)).toMatchObject({ status });
  });

  it('is refused without a reason, as its schema says', async () => {
    const caseId = await caseAt(1);
    const [result] = await window3.push([
      decision(caseId, window3, 'case.withdrawn', 'intake_clerk', { ...withdrawal('intake'), reason: '  ' }),
    ]);
    expect(result).toMatchObject({ status: 'refused' });
    expect(await server.store.caseRecord(caseId)).toMatchObject({ status: 1 });
  });
});
