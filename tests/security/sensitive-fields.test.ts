// A form field the catalog marks sensitive — the account an unemployment
// benefit is paid to — is masked in every answer that carries the case, for
// every role, at the window and at the partner's desk that pulls the case. Its
// full value comes only from cases.revealField, which needs form.reveal (and,
// for a clerk, the case being their own) and writes an audit entry naming the
// field, never the value. No log line and no cleartext byte of the database
// holds the value.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/auth/permissions.ts';
import type { RpcClient } from '../../shared/rpc/client.ts';
import type { CaseDetail } from '../../shared/rpc/contract.ts';
import { localDay } from '../../shared/local-time.ts';
import {
  call,
  createUser,
  login,
  refusal,
  seedIntake,
  setUpDevice,
  startChild,
  until,
  windowAndDesk,
  withDb,
  type BackendUnderTest,
  type Place,
} from '../integration/harness.ts';

const ACCOUNT = '6222021234567890123';
const MASKED = '622202*********0123';
const BENEFIT = 'KST-EMP-003';

const benefitClaim = () =>
  seedIntake(BENEFIT, {
    formData: { last_employer: '黄梅县某制衣公司', separation_date: '2026-10-31', bank_account_no: ACCOUNT },
  });

let backend: BackendUnderTest;
let admin: RpcClient;
const staff = new Map<string, RpcClient>();
let caseId: string;

async function person(name: string, roles: Role[]): Promise<RpcClient> {
  const { client } = await login(backend, await createUser(admin, roles));
  staff.set(name, client);
  return client;
}
const as = (name: string): RpcClient => staff.get(name)!;

/** Every audit row's text, as the database holds it. */
const auditText = (): string =>
  withDb(backend.dbFile, (db) => JSON.stringify(db.prepare('SELECT * FROM audit_log').all()));

beforeAll(async () => {
  backend = await startChild();
  ({ admin } = await setUpDevice(backend));
  const clerk = await person('clerk', ['intake_clerk']);
  await person('otherClerk', ['intake_clerk']);
  await person('officer', ['handling_officer']);
  await person('supervisor', ['supervisor']);
  await person('resultDesk', ['result_desk']);
  await person('auditor', ['auditor']);
  ({ caseId } = await call(clerk, 'intake.submit', benefitClaim()));
}, 60_000);
afterAll(async () => {
  await backend.stop();
});

describe('M7 sensitive form fields masked by default', () => {
  it('an unmasked bank account: cases.get gives every role the masked value and names the field', async () => {
    for (const name of ['clerk', 'otherClerk', 'officer', 'supervisor', 'resultDesk']) {
      const detail = await call(as(name), 'cases.get', { caseId });
      expect(detail.formData.bank_account_no, name).toBe(MASKED);
      expect(detail.sensitiveFields, name).toEqual(['bank_account_no']);
      expect(detail.formData.last_employer, name).toBe('黄梅县某制衣公司');
      expect(JSON.stringify(detail), name).not.toContain(ACCOUNT);
    }
  });

  it('no other answer carries it: the list, the timeline, the unmasked ledger and its export, the audit log', async () => {
    const day = localDay(new Date());
    const answers = [
      await call(as('clerk'), 'cases.list', {}),
      await call(as('clerk'), 'cases.list', { query: ACCOUNT }),
      (await call(as('officer'), 'cases.get', { caseId })).timeline,
      await call(as('supervisor'), 'supervision.ledger', { day, unmasked: true }),
      await call(as('supervisor'), 'supervision.exportLedger', { day, format: 'csv', unmasked: true }),
      await call(as('auditor'), 'audit.list', {}),
      await call(as('clerk'), 'sync.quarantine', {}),
    ];
    for (const answer of answers) {
      const text = JSON.stringify(answer);
      expect(text).not.toContain(ACCOUNT);
      // The export is a base64 CSV.
      const data = (answer as { data?: string }).data;
      if (data) expect(Buffer.from(data, 'base64').toString('utf8')).not.toContain(ACCOUNT);
    }
  });

  it('another clerk’s draft holding an account is not handed out', async () => {
    const draftId = randomUUID();
    await call(as('clerk'), 'drafts.save', { draftId, state: { formData: { bank_account_no: ACCOUNT } } });
    expect(JSON.stringify(await call(as('otherClerk'), 'drafts.list', {}))).not.toContain(ACCOUNT);
    await call(as('clerk'), 'drafts.discard', { draftId });
  });
});

describe('M7 a sensitive field revealed only with the permission, audited without the value', () => {
  it('refuses the reveal to roles without form.reveal, and writes nothing', async () => {
    const before = auditText();
    for (const name of ['resultDesk', 'auditor']) {
      const refused = await refusal(as(name).request('cases.revealField', { caseId, fieldId: 'bank_account_no' }));
      expect(refused.code, name).toBe('PERMISSION_DENIED');
    }
    expect(auditText()).toBe(before);
  });

  it('refuses a clerk the reveal on a case another clerk took in', async () => {
    const refused = await refusal(
      as('otherClerk').request('cases.revealField', { caseId, fieldId: 'bank_account_no' }),
    );
    expect(refused).toMatchObject({ code: 'REJECTED', reason: 'reveal_not_your_case' });
  });

  it('refuses a field that is not sensitive or not on the case', async () => {
    expect(
      await refusal(as('officer').request('cases.revealField', { caseId, fieldId: 'last_employer' })),
    ).toMatchObject({ code: 'REJECTED', reason: 'field_not_sensitive' });
    expect(
      await refusal(as('officer').request('cases.revealField', { caseId, fieldId: 'no_such_field' })),
    ).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('reveals it to the clerk who took it in, the handling officer and the supervisor, each audited', async () => {
    for (const name of ['clerk', 'officer', 'supervisor']) {
      expect(await call(as(name), 'cases.revealField', { caseId, fieldId: 'bank_account_no' }), name).toEqual({
        value: ACCOUNT,
      });
    }
    const entries = withDb(
      backend.dbFile,
      (db) =>
        db.prepare("SELECT user_id, target, detail FROM audit_log WHERE action = 'form.reveal' ORDER BY seq").all() as {
          user_id: string;
          target: string;
          detail: string;
        }[],
    );
    expect(entries).toHaveLength(3);
    for (const entry of entries) {
      expect(entry.target).toBe(caseId);
      expect(JSON.parse(entry.detail)).toEqual({ field: 'bank_account_no' });
    }
    expect(new Set(entries.map((e) => e.user_id)).size).toBe(3);
    expect(auditText()).not.toContain(ACCOUNT);
  });

  it('leaves the value in no log line and in no cleartext byte of the database', () => {
    expect(backend.logs()).not.toContain(ACCOUNT);
    for (const file of [backend.dbFile, `${backend.dbFile}-wal`]) {
      if (existsSync(file)) expect(readFileSync(file).includes(ACCOUNT), file).toBe(false);
    }
  });
});

describe('M7 the partner desk that pulls the case sees it masked too', () => {
  let places: Awaited<ReturnType<typeof windowAndDesk>>;
  let window: Place;
  let desk: Place;

  beforeAll(async () => {
    places = await windowAndDesk();
    ({ window, desk } = places);
  }, 60_000);
  afterAll(async () => places?.stop());

  it('masks the pulled case’s account for the desk, which reveals it through the audited call', async () => {
    const { caseId: pulled } = await call(window.staff, 'intake.submit', benefitClaim());
    const arrived = (await until(
      async () => {
        const found = await desk.staff.request('cases.get', { caseId: pulled });
        return found.ok ? found.value : null;
      },
      (d) => d !== null,
      'the benefit claim at the desk',
    )) as CaseDetail;
    expect(arrived.row.origin).toBe('inbox');
    expect(arrived.formData.bank_account_no).toBe(MASKED);
    expect(JSON.stringify(arrived)).not.toContain(ACCOUNT);
    expect(await call(desk.staff, 'cases.revealField', { caseId: pulled, fieldId: 'bank_account_no' })).toEqual({
      value: ACCOUNT,
    });
  });
});
