// What the supervision tests share: the applicants and matters they take in,
// staff with display names of their own, local days, following a case to the
// other place, and reading exported workbooks back.
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Role } from '../../../shared/auth/permissions.ts';
import type { RpcClient } from '../../../shared/rpc/client.ts';
import { localDayFrom } from '../../../shared/local-time.ts';
import type { CaseDetail, MethodOutput } from '../../../shared/rpc/contract.ts';
import {
  APPLICANT,
  call,
  login,
  residentId,
  seedIntake,
  until,
  type BackendUnderTest,
  type Submission,
} from '../harness.ts';

export type Ledger = MethodOutput<'supervision.ledger'>;
export type Person = { name: string; idNumber: string; phone: string };

// ---------------------------------------------------------------- days

export { localDay as dayOf } from '../../../shared/local-time.ts';
/** The local day `offset` days from today. */
export const dayFromToday = (offset: number): string => localDayFrom(new Date(), offset);

// ---------------------------------------------------------------- the people and their matters

export const OUYANG: Person = {
  name: '欧阳娜娜',
  idNumber: residentId('360430', '19900101', '123'),
  phone: '13912340001',
};
export const ZHANG: Person = { name: APPLICANT.name, idNumber: APPLICANT.idNumber, phone: APPLICANT.phone };
export const LI: Person = { name: '李四海', idNumber: residentId('420102', '19850315', '451'), phone: '13912340002' };
export const WANG: Person = { name: '王五福', idNumber: residentId('360430', '19700707', '018'), phone: '13912340003' };
export const ZHAO: Person = { name: '赵六顺', idNumber: residentId('340826', '19800808', '027'), phone: '13912340004' };
export const EVERYONE = [OUYANG, ZHANG, LI, WANG, ZHAO];

export const PENSION = 'KST-SI-004'; // 45 working days promised
export const EMPLOYMENT = 'KST-EMP-002'; // 3 working days promised: yellow from the day it is taken in

/** An intake of a seed matter that meets its rules, for this person; handled in Huangmei (421127). */
export const intakeOf = (matterId: string, person: Person): Submission =>
  seedIntake(matterId, { applicant: { ...person, idKind: 'resident_id' } });

// ---------------------------------------------------------------- staff and their actions

export interface Staff {
  client: RpcClient;
  userId: string;
  displayName: string;
}

/** A user with a display name of our choosing; returns the logged-in client and the user id. */
export async function staff(
  backend: BackendUnderTest,
  admin: RpcClient,
  roles: Role[],
  displayName: string,
): Promise<Staff> {
  const username = `u-${randomUUID().slice(0, 8)}`;
  const password = `pw-${username}-secret`;
  const { userId } = await call(admin, 'users.create', { username, displayName, password, roles });
  return { client: (await login(backend, { username, password })).client, userId, displayName };
}

export const record = (client: RpcClient, caseId: string, type: string, payload: unknown) =>
  call(client, 'cases.record', { caseId, type, payload } as never);

/** Polls a case at a place until `done` holds for it (it may not have arrived yet). */
export async function caseAt(client: RpcClient, caseId: string, done: (d: CaseDetail) => boolean, what: string) {
  return (await until(
    async () => {
      const found = await client.request('cases.get', { caseId });
      return found.ok ? found.value : null;
    },
    (d) => d !== null && done(d),
    what,
  )) as CaseDetail;
}

/** Each ledger row's case number and its activities as [type, actor, role]. */
export const summaryOf = (ledger: Ledger) =>
  ledger.rows.map((row) => ({ caseNo: row.caseNo, activities: row.activities.map((a) => [a.type, a.actor, a.role]) }));

// ---------------------------------------------------------------- exported workbooks

export async function readXlsx(data: string): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(data, 'base64') as unknown as ArrayBuffer);
  return book;
}

/** The cell values of a sheet, row by row, from column A; an empty cell is undefined. */
export function sheetRows(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}
